/* case_platform.c: what the platform adds to the case page: the evidence it asked one side for, its ruling with the explanation, and (for admins) both sides' history. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "pages/case_platform.h"
#include "pages/words.h"
#include "store/admin_store.h"

/* Returns the last event of v called name1 or name2, or NULL. */
static const struct caseview_event *
last_event(const struct caseview *v, const char *name1, const char *name2,
    const char *name3)
{
	size_t i;

	for (i = v->eventsz; i-- > 0;)
		if (strcmp(v->events[i].event, name1) == 0 ||
		    strcmp(v->events[i].event, name2) == 0 ||
		    (name3 != NULL && strcmp(v->events[i].event, name3) == 0))
			return &v->events[i];
	return NULL;
}

/* Fills one side's history h into section name of d. */
static void
fill_side(struct req *r, struct tmpl_dict *d, const char *name,
    const struct admin_side_history *h)
{
	struct tmpl_dict *s = tmpl_add_section(d, name);
	char text[64];

	tmpl_set_int(s, "ORDERS", h->orders);
	tmpl_set_int(s, "CASES", h->cases);
	tmpl_set_int(s, "REFUNDED", h->refunded);
	tmpl_set_int(s, "ESCALATED", h->escalated);
	tmpl_set_cents(s, "REFUNDED_AMOUNT", h->refunded_cents);
	if (h->orders > 0)
		snprintf(text, sizeof(text), "%.1f%%",
		    100.0 * (double)h->refunded / (double)h->orders);
	else
		snprintf(text, sizeof(text), "%s", tr(r, N_("no orders")));
	tmpl_set(s, "RATE", text);
}

int
case_platform_fill(struct req *r, struct tmpl_dict *d,
    const struct caseview *v, enum actor who)
{
	const struct caseview_event *e;
	struct admin_side_history buyer, shop;
	struct tmpl_dict *s;
	enum actor asked;
	enum case_event ev;
	char when[32], text[256];

	asked = v->state == STATE_EVIDENCE_FROM_BUYER ? ACTOR_BUYER :
	    v->state == STATE_EVIDENCE_FROM_SELLER ? ACTOR_SELLER : ACTOR__MAX;
	if (asked != ACTOR__MAX && (e = last_event(v, "ask_buyer",
	    "ask_seller", NULL)) != NULL) {
		s = tmpl_add_section(d, "EVIDENCE_ASK");
		tmpl_set(s, "PARTY", actor_name(asked));
		tmpl_set(s, "TITLE", tr(r, who == asked ?
		    N_("The platform asks you for more evidence") :
		    asked == ACTOR_BUYER ?
		    N_("The platform asked the buyer for more evidence") :
		    N_("The platform asked the seller for more evidence")));
		tmpl_set(s, "TEXT", e->note != NULL ? e->note : "");
		req_time(r, v->deadline_at, when);
		snprintf(text, sizeof(text), tr(r, who == asked ?
		    N_("Add photos or send a message by %s; the case then goes "
		    "back to the platform. If nothing comes by then, the "
		    "platform rules without it.") :
		    N_("Expected by %s; if nothing comes, the case goes back to "
		    "the platform without it.")), when);
		tmpl_set(s, "HOW", text);
	}
	if ((e = last_event(v, "rule_refund", "rule_partial",
	    "rule_reject")) != NULL && case_event_from_name(e->event, &ev)) {
		s = tmpl_add_section(d, "RULING");
		tmpl_set(s, "WHAT", tr(r, words_event(ev)->done));
		tmpl_set(s, "TEXT", e->note != NULL ? e->note : "");
		req_time(r, e->at, when);
		tmpl_set(s, "AT", when);
		if (ev == EV_RULE_PARTIAL && e->amount_cents > 0)
			tmpl_set_cents(tmpl_add_section(s, "AMOUNT"), "VALUE",
			    e->amount_cents);
	}
	if (who != ACTOR_ADMIN)
		return 0;
	switch (admin_case_history(r->app->db, v->id, &buyer, &shop)) {
	case RC_OK:
		break;
	case RC_NOTFOUND:
		return 0;
	default:
		return -1;
	}
	s = tmpl_add_section(d, "HISTORY");
	fill_side(r, s, "BUYER_HISTORY", &buyer);
	fill_side(r, s, "SHOP_HISTORY", &shop);
	return 0;
}

const char *
case_platform_lapsed(const struct caseview_event *e)
{
	if (strcmp(e->event, "deadline") == 0 &&
	    (strcmp(e->from_state, "evidence_from_buyer") == 0 ||
	    strcmp(e->from_state, "evidence_from_seller") == 0))
		return N_("No evidence came before the deadline; the case is "
		    "back with the platform");
	return NULL;
}
