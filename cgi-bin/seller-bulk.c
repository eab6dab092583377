/* seller-bulk.c: approving several cases of the queue at once, each with its own one-time token, and the page that says what was done and what was skipped. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seller.h"
#include "engine/cases.h"
#include "pages/words.h"
#include "store/caseview.h"

/* What became of one case of a bulk approval, as the result URL spells it. */
enum bulk_outcome {
	BULK_DONE,	/* approved */
	BULK_CONFLICT,	/* someone (or the deadline) decided it first */
	BULK_DENIED,	/* its state or type does not allow it */
	BULK_NOTFOUND,	/* not a case of the seller's shop */
	BULK_TOKEN,	/* the form's token is bad or too old */
	BULK_FAILED,	/* the database failed */
	BULK__MAX
};

static const char bulk_codes[BULK__MAX] = {
	'd', /* BULK_DONE */
	'c', /* BULK_CONFLICT */
	's', /* BULK_DENIED */
	'x', /* BULK_NOTFOUND */
	't', /* BULK_TOKEN */
	'e', /* BULK_FAILED */
};

static const char *const bulk_words[BULK__MAX] = {
	N_("Approved"), /* BULK_DONE */
	N_("Skipped: someone else, or its deadline, decided it first"),
	    /* BULK_CONFLICT */
	N_("Skipped: its state no longer allows an approval"), /* BULK_DENIED */
	N_("Skipped: there is no such case in your shop"), /* BULK_NOTFOUND */
	N_("Skipped: the form had expired; reload the queue and try again"),
	    /* BULK_TOKEN */
	N_("Not done: the desk could not save it; try again"), /* BULK_FAILED */
};

bool
seller_bulk_event(enum case_type type, enum case_state state,
    enum case_event *ev)
{
	enum case_state to;

	*ev = type == CASE_REFUND_ONLY ? EV_APPROVE_REFUND : EV_APPROVE_RETURN;
	return machine_next(type, state, *ev, ACTOR_SELLER, &to, NULL) ==
	    RC_OK;
}

/* Maps what case_act() answered to the outcome shown. */
static enum bulk_outcome
bulk_outcome(enum rc rc)
{
	switch (rc) {
	case RC_OK:
		return BULK_DONE;
	case RC_CONFLICT:
		return BULK_CONFLICT;
	case RC_DENIED:
		return BULK_DENIED;
	case RC_NOTFOUND:
		return BULK_NOTFOUND;
	case RC_INVALID:
		return BULK_TOKEN;
	default:
		return BULK_FAILED;
	}
}

/*
 * bulk/approve (POST, seller): approves each chosen case (fields "case",
 * up to BULK_MAX) with the event of its row ("e<id>") and that row's
 * one-time token ("t<id>"), each in its own transaction and only from
 * the state the seller saw (requested). 303 to bulk?r=<id><outcome>,...
 * (the result page), or 400 when nothing was chosen.
 */
void
seller_bulk_approve(struct req *r)
{
	char loc[BULK_MAX * 24 + 16], name[32];
	const struct field *f;
	struct case_action a;
	enum case_event ev;
	const char *evname, *why;
	int64_t id, done[BULK_MAX];
	enum bulk_outcome o;
	size_t i, k, n = 0, len;
	bool seen;

	len = (size_t)snprintf(loc, sizeof(loc), "bulk?r=");
	for (i = 0; i < r->form.fieldsz && n < BULK_MAX; i++) {
		f = &r->form.fields[i];
		if (strcmp(f->name, "case") != 0 || f->is_file ||
		    !valid_id(f->value, &id))
			continue;
		for (seen = false, k = 0; k < n; k++)
			seen = seen || done[k] == id;
		if (seen)
			continue;
		done[n++] = id;
		memset(&a, 0, sizeof(a));
		snprintf(name, sizeof(name), "e%lld", (long long)id);
		evname = req_field(r, name);
		if (evname == NULL || !case_event_from_name(evname, &ev) ||
		    (ev != EV_APPROVE_REFUND && ev != EV_APPROVE_RETURN))
			ev = EV_APPROVE_REFUND;
		a.ev = ev;
		a.who = ACTOR_SELLER;
		a.actor_id = r->sess.user.id;
		a.actor_shop_id = r->sess.user.shop_id;
		a.expect_state = case_state_name(STATE_REQUESTED);
		snprintf(name, sizeof(name), "t%lld", (long long)id);
		a.form_token = req_field(r, name);
		why = NULL;
		o = a.form_token == NULL ? BULK_TOKEN : bulk_outcome(case_act(
		    r->app->db, &r->app->cfg, id, &a, r->now, &why));
		len += (size_t)snprintf(loc + len, sizeof(loc) - len, "%s%lld%c",
		    n > 1 ? "," : "", (long long)id, bulk_codes[o]);
	}
	if (n == 0) {
		page_error(r, 400, N_("No case chosen"), N_("Tick the cases to "
		    "approve in the queue, then press Approve the chosen cases."));
		return;
	}
	page_redirect(r, loc, NULL);
}

/*
 * bulk (GET, seller): the result of a bulk approval, r=<id><outcome>,...
 * as seller_bulk_approve() wrote it: each case of the seller's shop with
 * what was done or why it was skipped, and its state now; ids of other
 * shops show as not found. 200, 400 for a malformed r, or 500.
 */
void
seller_bulk_result(struct req *r)
{
	const char *p = fields_str(&r->query, "r");
	struct tmpl_dict *d, *s;
	struct caseview v;
	enum bulk_outcome o;
	char *end;
	long long id;
	size_t n = 0, counts[2] = { 0, 0 };
	enum rc rc;

	if (p == NULL) {
		page_error(r, 400, N_("Nothing to show"), N_("This page shows the "
		    "result of a bulk approval. Go back to the queue."));
		return;
	}
	d = page_new(r);
	while (*p != '\0' && n < BULK_MAX) {
		id = strtoll(p, &end, 10);
		if (end == p || id <= 0 || *end == '\0')
			break;
		for (o = 0; o < BULK__MAX && bulk_codes[o] != *end; o++)
			;
		if (o == BULK__MAX)
			break;
		p = end[1] == ',' ? end + 2 : end + 1;
		n++;
		counts[o == BULK_DONE ? 0 : 1]++;
		s = tmpl_add_section(d, o == BULK_DONE ? "DONE" : "SKIPPED");
		tmpl_set(s, "OUTCOME", tr(r, bulk_words[o]));
		rc = caseview_load(r->app->db, id, ACTOR_SELLER, r->sess.user.id,
		    r->sess.user.shop_id, &v);
		if (rc == RC_OK) {
			s = tmpl_add_section(s, "CASE");
			tmpl_set_int(s, "ID", v.id);
			tmpl_set(s, "RMA_NO", v.rma_no);
			tmpl_set(s, "STATE", tr(r, words_state(v.state)));
			tmpl_set(s, "STATE_KEY", case_state_name(v.state));
			caseview_release(&v);
		} else if (rc == RC_NOTFOUND)
			tmpl_show(s, "UNKNOWN");
		else {
			page_fail(r);
			return;
		}
	}
	tmpl_set_int(d, "DONE_COUNT", (int64_t)counts[0]);
	tmpl_set_int(d, "SKIPPED_COUNT", (int64_t)counts[1]);
	page_send(r, 200, N_("Bulk approval"), "seller/bulk.tpl", d);
}
