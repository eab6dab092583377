/* casepage.c: the case page (GET case/#) and its actions (POST case/#), shared by the buyer, seller and admin programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/token.h"
#include "base/util.h"
#include "core/money.h"
#include "engine/cases.h"
#include "engine/ledger.h"
#include "pages/case_platform.h"
#include "pages/parcels.h"
#include "pages/casepage.h"
#include "pages/desk.h"
#include "pages/evidence.h"
#include "pages/photos.h"
#include "pages/review.h"
#include "pages/talk.h"
#include "pages/words.h"
#include "store/address_store.h"
#include "store/caseview.h"
#include "store/comp_store.h"
#include "store/orders.h"

/* The refusal reasons in words, as the reject form and the timeline show them. */
static const char *const refusal_words[REFUSE__MAX] = {
	N_("The goods were used or damaged after delivery"), /* REFUSE_USED */
	N_("Asked after the return window"), /* REFUSE_WINDOW */
	N_("The photos do not show the problem"), /* REFUSE_EVIDENCE */
	N_("The goods match their description"), /* REFUSE_AS_DESCRIBED */
	N_("Parts, tags or packaging are missing"), /* REFUSE_INCOMPLETE */
	N_("Another reason (see the explanation)"), /* REFUSE_OTHER */
};

/* The compensations in words. */
static const char *const comp_words[COMP__MAX] = {
	N_("Coupon"), /* COMP_COUPON */
	N_("Gift"), /* COMP_GIFT */
	N_("Free shipping on the next order"), /* COMP_FREE_SHIPPING */
	N_("Return postage refunded"), /* COMP_POSTAGE_REFUND */
};

/* What an offer's status means for its compensation, in words. */
static const char *
comp_status_words(const char *status)
{
	return strcmp(status, "accepted") == 0 ? N_("accepted") :
	    strcmp(status, "declined") == 0 ? N_("declined") :
	    strcmp(status, "expired") == 0 ? N_("expired") : N_("offered");
}

/*
 * Fills the compensations of case id into d (section COMPENSATION).
 * Returns 0, or -1 on a database error.
 */
static int
fill_compensations(struct req *r, struct tmpl_dict *d, int64_t id)
{
	struct comp_row *rows;
	struct tmpl_dict *s;
	size_t rowsz, i;

	if (comp_rows(r->app->db, id, &rows, &rowsz) != RC_OK)
		return -1;
	for (i = 0; i < rowsz; i++) {
		s = tmpl_add_section(d, "COMPENSATION");
		tmpl_set(s, "KIND", tr(r, comp_words[rows[i].kind]));
		tmpl_set(s, "KIND_KEY", comp_kind_name(rows[i].kind));
		tmpl_set(s, "STATUS", tr(r, comp_status_words(rows[i].status)));
		if (rows[i].value_cents > 0) {
			struct tmpl_dict *v = tmpl_add_section(s, "VALUE");

			tmpl_set(v, "CURRENCY", req_currency(r, rows[i].currency));
			tmpl_set_cents(v, "AMOUNT", rows[i].value_cents);
		}
		if (rows[i].coupon_code != NULL)
			tmpl_set(tmpl_add_section(s, "CODE"), "TEXT",
			    rows[i].coupon_code);
		if (*rows[i].expires_on != '\0')
			tmpl_set(tmpl_add_section(s, "EXPIRES"), "TEXT",
			    rows[i].expires_on);
		if (rows[i].description != NULL)
			tmpl_set(tmpl_add_section(s, "TEXT"), "TEXT",
			    rows[i].description);
	}
	comp_rows_free(rows, rowsz);
	return 0;
}

/* The viewer's own id and shop for the engine. */
static void
viewer(const struct req *r, int64_t *user, int64_t *shop)
{
	*user = r->sess.user.id;
	*shop = r->sess.user.shop_id;
}

/*
 * Tells whether v's deadline has passed and the system acts on it: the
 * worker is about to apply it, so the page says so and offers no action
 * (an action sent now would be judged after the deadline anyway).
 */
static bool
case_applying(const struct caseview *v, time_t now)
{
	return v->deadline_at != 0 && v->deadline_at <= now &&
	    machine_deadline_acts(v->state);
}

/* Fills the amounts and the deadline of v into d. */
static void
fill_status(struct req *r, struct tmpl_dict *d, const struct caseview *v,
    enum actor who)
{
	enum actor next = machine_waiting_for(v->state);
	char when[32], iso[32], text[256];
	struct tmpl_dict *s;

	tmpl_set(d, "STATE_WORDS", tr(r, words_state(v->state)));
	tmpl_set(d, "STATE_KEY", case_state_name(v->state));
	if (next < ACTOR__MAX && !case_state_terminal(v->state)) {
		snprintf(text, sizeof(text), tr(r, N_("waiting for %s")),
		    tr(r, next == who ? N_("you") : words_actor(next)));
		tmpl_set(tmpl_add_section(d, "WAITING"), "TEXT", text);
	}
	if (v->deadline_at != 0 && words_when_due(v->state) != NULL) {
		s = tmpl_add_section(d, "DEADLINE");
		req_time(r, v->deadline_at, when);
		tmpl_set(s, "AT", when);
		tmpl_set(s, "ISO", clock_format(v->deadline_at, NULL,
		    "%Y-%m-%dT%H:%M:%SZ", iso, sizeof(iso)));
		snprintf(text, sizeof(text), tr(r, words_when_due(v->state)),
		    when);
		if (case_applying(v, r->now))
			snprintf(text, sizeof(text), "%s", tr(r, N_("This deadline "
			    "has passed, and the system is applying it now. "
			    "Reload the page in a moment to see the outcome.")));
		tmpl_set(s, "WHEN_DUE", text);
		if (v->deadline_at < r->now)
			tmpl_show(s, "OVERDUE");
	}
	if (v->close_reason < CLOSE__MAX && v->state == STATE_CLOSED)
		tmpl_set(tmpl_add_section(d, "CLOSED"), "REASON",
		    tr(r, words_close(v->close_reason)));
	tmpl_set(d, "CURRENCY", req_currency(r, v->currency));
	tmpl_set_cents(d, "REQUESTED", v->requested_cents);
	if (v->offered_cents != 0)
		tmpl_set_cents(tmpl_add_section(d, "OFFERED"), "AMOUNT",
		    v->offered_cents);
	if (v->approved_cents != 0)
		tmpl_set_cents(tmpl_add_section(d, "APPROVED"), "AMOUNT",
		    v->approved_cents);
	if (v->refunded_cents != 0)
		tmpl_set_cents(tmpl_add_section(d, "REFUNDED"), "AMOUNT",
		    v->refunded_cents);
}

/* The steps of a case's path, by kind (a NULL ends a path). */
static const char *const step_words[CASE__MAX][6] = {
	{ N_("Requested"), N_("Approved"), N_("Refunded"), NULL },
	/* CASE_REFUND_ONLY */
	{ N_("Requested"), N_("Approved"), N_("Goods returned"), N_("Refunded"),
	  NULL }, /* CASE_RETURN_REFUND */
	{ N_("Requested"), N_("Approved"), N_("Goods returned"),
	  N_("Replacement sent"), N_("Exchanged"), NULL }, /* CASE_EXCHANGE */
};

/* How many steps of its path a case in state st of kind t has done. */
static size_t
steps_done(enum case_type t, enum case_state st)
{
	switch (st) {
	case STATE_AWAITING_RETURN:
	case STATE_RETURN_SHIPPED:
		return 2;
	case STATE_REFUNDING:
		return t == CASE_REFUND_ONLY ? 2 : 3;
	case STATE_RESHIPPING:
		return 3;
	case STATE_REPLACEMENT_SHIPPED:
		return 4;
	case STATE_REFUNDED:
	case STATE_EXCHANGED:
		return 6;
	default:
		return 1;
	}
}

/*
 * Fills STEP: the step bar of v's path (requested, approved, returned,
 * refunded; or the exchange's), each step done, current or to come; a
 * closed case shows where it stopped, with no current step.
 */
static void
fill_steps(struct req *r, struct tmpl_dict *d, const struct caseview *v)
{
	const char *const *w = step_words[v->type < CASE__MAX ? v->type : 0];
	size_t i, done = steps_done(v->type, v->state);
	struct tmpl_dict *s;

	for (i = 0; w[i] != NULL; i++) {
		s = tmpl_add_section(d, "STEP");
		tmpl_set(s, "TEXT", tr(r, w[i]));
		if (i < done)
			tmpl_set(s, "KEY", "done");
		else if (i == done && v->state != STATE_CLOSED) {
			tmpl_set(s, "KEY", "current");
			tmpl_show(s, "CURRENT");
		} else
			tmpl_set(s, "KEY", "todo");
	}
}

/* Adds a PHOTO section per id of "4,5" to s. */
static void
fill_photo_links(struct tmpl_dict *s, const char *ids)
{
	const char *p = ids;
	char *end;
	long long id;

	while (*p != '\0') {
		id = strtoll(p, &end, 10);
		if (end == p)
			break;
		tmpl_set_int(tmpl_add_section(s, "PHOTO"), "EID", id);
		p = *end == ',' ? end + 1 : end;
	}
}

/* What a rule that fired is called on the page, by its name in the timeline. */
static const struct {
	const char	*rule;
	const char	*words;
} rule_words[] = {
	{ "fast_track", N_("the fast-refund rule") },
	{ LEDGER_RULE_POSTAGE, N_("the return postage, paid back with the goods") },
	{ "seller_response_hours", N_("the seller's time to answer") },
	{ "buyer_response_hours", N_("the buyer's time to answer") },
	{ "buyer_ship_days", N_("the buyer's time to send the goods back") },
	{ "seller_receive_days", N_("the seller's time to confirm the goods arrived") },
	{ "seller_reship_days", N_("the seller's time to ship a replacement") },
	{ "buyer_confirm_days", N_("the buyer's time to confirm the replacement") },
	{ "platform_ruling_days", N_("the platform's time to rule") },
	{ "escalation_days", N_("the time to ask the platform") },
	{ "evidence_request_hours", N_("the time to send the evidence asked for") },
};

/* The words for rule in r's language, or the rule itself when it has none. */
static const char *
rule_text(const struct req *r, const char *rule)
{
	size_t i;

	for (i = 0; i < sizeof(rule_words) / sizeof(rule_words[0]); i++)
		if (strcmp(rule_words[i].rule, rule) == 0)
			return tr(r, rule_words[i].words);
	return rule;
}

/* Fills the order lines (with their pictures, pics) and the timeline of v into d. */
static void
fill_history(struct req *r, struct tmpl_dict *d, const struct caseview *v,
    const struct case_picture *pics, size_t picsz)
{
	enum case_event ev;
	enum actor a;
	enum case_state st;
	enum refusal why;
	enum comp_kind kind;
	char when[32], text[256];
	const char *who, *what;
	bool known, gave_up, spread;
	int64_t now_cents, *weights, *shares;
	size_t i, k;

	/*
	 * "In this case": what is really at stake now, the approved amount,
	 * else a standing offer, else what was asked, spread over the lines
	 * as it was reserved on them.
	 */
	now_cents = v->approved_cents > 0 ? v->approved_cents :
	    v->state == STATE_OFFERED && v->offered_cents > 0 ?
	    v->offered_cents : v->requested_cents;
	weights = xcalloc(v->linesz + 1, sizeof(*weights));
	shares = xcalloc(v->linesz + 1, sizeof(*shares));
	for (i = 0; i < v->linesz; i++)
		weights[i] = v->lines[i].amount_cents;
	spread = v->linesz > 0 && money_allocate(now_cents, weights, v->linesz,
	    shares);
	for (i = 0; i < v->linesz; i++) {
		struct tmpl_dict *s = tmpl_add_section(d, "LINE");

		tmpl_set(s, "TITLE", v->lines[i].title);
		tmpl_set(s, "SKU", v->lines[i].sku);
		for (k = 0; k < picsz; k++)
			if (pics[k].order_line_id == v->lines[i].order_line_id) {
				struct tmpl_dict *pic = tmpl_add_section(s,
				    "PICTURE");

				tmpl_set(pic, "URL", pics[k].url);
				tmpl_set(pic, "ALT", v->lines[i].title);
				break;
			}
		snprintf(text, sizeof(text), tr(r, N_("%1$d of %2$d")),
		    (int)v->lines[i].quantity, (int)v->lines[i].line_quantity);
		tmpl_set(s, "UNITS", text);
		tmpl_set_cents(s, "PAID", v->lines[i].paid_cents);
		tmpl_set_cents(s, "AMOUNT", spread ? shares[i] :
		    v->lines[i].amount_cents);
	}
	free(weights);
	free(shares);
	for (i = 0; i < v->eventsz; i++) {
		const struct caseview_event *e = &v->events[i];
		struct tmpl_dict *s = tmpl_add_section(d, "EVENT");

		/* A refund the ledger gave up on is not retried: say so. */
		known = case_event_from_name(e->event, &ev);
		gave_up = known && ev == EV_REFUND_FAILED && e->rule != NULL &&
		    strcmp(e->rule, LEDGER_RULE_GAVE_UP) == 0;
		what = !known ? e->event : gave_up ? N_("Refund failed; the "
		    "platform checks it with the payment system") :
		    words_event(ev)->done;
		if (case_platform_lapsed(e) != NULL)
			what = case_platform_lapsed(e);
		tmpl_set(s, "AT", req_time(r, e->at, when));
		tmpl_set(s, "WHAT", known ? tr(r, what) : what);
		who = actor_from_name(e->actor_role, &a) ?
		    tr(r, words_actor(a)) : e->actor_role;
		/* Only the case's own buyer sees it as a buyer: "you". */
		if (r->signed_in && r->sess.user.role == ROLE_BUYER &&
		    strcmp(e->actor_role, "buyer") == 0)
			snprintf(text, sizeof(text), "%s", tr(r, N_("by you")));
		else if (*e->actor_name != '\0')
			snprintf(text, sizeof(text), tr(r, N_("by %1$s %2$s")),
			    who, e->actor_name);
		else
			snprintf(text, sizeof(text), tr(r, N_("by %s")), who);
		tmpl_set(s, "BY", text);
		if (strcmp(e->from_state, e->to_state) != 0 &&
		    case_state_from_name(e->to_state, &st))
			tmpl_set(tmpl_add_section(s, "MOVED"), "TO",
			    tr(r, words_state(st)));
		if (e->amount_cents >= 0)
			tmpl_set_cents(tmpl_add_section(s, "AMOUNT"), "VALUE",
			    e->amount_cents);
		/* A refund's note is the payment's reference: say what it is. */
		if (e->note != NULL && known && ev == EV_REFUND_SUCCEEDED) {
			if (strcmp(e->note, "ledger") == 0)
				snprintf(text, sizeof(text), "%s", tr(r,
				    N_("Settled from the platform's ledger.")));
			else
				snprintf(text, sizeof(text), tr(r,
				    N_("Payment reference: %s")), e->note);
			tmpl_set(tmpl_add_section(s, "NOTE"), "TEXT", text);
		} else if (e->note != NULL)
			tmpl_set(tmpl_add_section(s, "NOTE"), "TEXT", e->note);
		if (e->rule != NULL && !gave_up && known && ev == EV_REJECT &&
		    refusal_from_name(e->rule, &why))
			tmpl_set(tmpl_add_section(s, "RULE"), "TEXT",
			    tr(r, refusal_words[why]));
		else if (e->rule != NULL && known && ev == EV_OFFER &&
		    comp_kind_from_name(e->rule, &kind)) {
			snprintf(text, sizeof(text), tr(r, N_("with compensation: "
			    "%s")), tr(r, comp_words[kind]));
			tmpl_set(tmpl_add_section(s, "RULE"), "TEXT", text);
		} else if (e->rule != NULL && !gave_up)
			tmpl_set(tmpl_add_section(s, "RULE"), "TEXT",
			    rule_text(r, e->rule));
		if (e->evidence_ids != NULL)
			fill_photo_links(s, e->evidence_ids);
	}
}

/*
 * Fills the choice of the seller's return addresses into action form s,
 * the default (or the one chosen when kept) selected; an admin's form has
 * none (the default is used). Returns 0, or -1 on a database error.
 */
static int
fill_addresses(struct req *r, struct tmpl_dict *s, bool kept)
{
	struct address *list;
	struct tmpl_dict *f, *o;
	const char *chosen = kept ? req_field(r, "address") : NULL;
	size_t listsz, i;
	char id[24];

	if (r->sess.user.shop_id == 0)
		return 0;
	if (address_list(r->app->db, r->sess.user.shop_id, &list, &listsz) !=
	    RC_OK)
		return -1;
	f = tmpl_add_section(s, "ADDRESS");
	for (i = 0; i < listsz; i++) {
		o = tmpl_add_section(f, "OPTION");
		snprintf(id, sizeof(id), "%lld", (long long)list[i].id);
		tmpl_set(o, "ID", id);
		tmpl_set(o, "LABEL", list[i].label);
		tmpl_set(o, "TEXT", list[i].address);
		if (chosen != NULL ? strcmp(chosen, id) == 0 : list[i].is_default)
			tmpl_show(o, "SELECTED");
	}
	address_list_free(list, listsz);
	return 0;
}

/*
 * The one thing the buyer must do next in state st, when it is among the
 * actions open (v->actions), else EV__MAX: it is drawn as the primary
 * button, and the buyer's other actions as secondary ones.
 */
static enum case_event
buyer_next(const struct caseview *v)
{
	static const enum case_event next[][2] = {
		{ EV_ACCEPT_OFFER, EV__MAX },	/* STATE_OFFERED */
		{ EV_ESCALATE, EV_RESUBMIT },	/* STATE_REJECTED */
		{ EV_SHIP_RETURN, EV__MAX },	/* STATE_AWAITING_RETURN */
		{ EV_CONFIRM_EXCHANGE, EV__MAX },	/* STATE_REPLACEMENT_SHIPPED */
	};
	size_t k, i, j;

	switch (v->state) {
	case STATE_OFFERED:
		k = 0;
		break;
	case STATE_REJECTED:
		k = 1;
		break;
	case STATE_AWAITING_RETURN:
		k = 2;
		break;
	case STATE_REPLACEMENT_SHIPPED:
		k = 3;
		break;
	default:
		return EV__MAX;
	}
	for (j = 0; j < 2; j++)
		for (i = 0; i < v->actionsz; i++)
			if (v->actions[i] == next[k][j])
				return next[k][j];
	return EV__MAX;
}

/*
 * The viewer's next decision on v, drawn as the primary button: a return
 * when the buyer asked for the goods to go back, else the first action
 * that decides something (not a refusal, a message or photos). EV__MAX
 * when there is none.
 */
static enum case_event
next_decision(const struct caseview *v)
{
	size_t i;

	for (i = 0; i < v->actionsz; i++)
		if (v->actions[i] == EV_APPROVE_RETURN &&
		    v->type != CASE_REFUND_ONLY)
			return EV_APPROVE_RETURN;
	for (i = 0; i < v->actionsz; i++)
		if (words_event(v->actions[i])->button != NULL &&
		    !words_event(v->actions[i])->danger &&
		    v->actions[i] != EV_MESSAGE &&
		    v->actions[i] != EV_ADD_EVIDENCE)
			return v->actions[i];
	return EV__MAX;
}

/*
 * Fills one form per action open to the viewer, each with a fresh
 * one-time token; failed (when not EV__MAX) gets error and the input.
 * The buyer's next step (buyer_next()) is the primary button (left
 * closed like the others: a tap on its summary opens it).
 */
static int
fill_actions(struct req *r, struct tmpl_dict *d, const struct caseview *v,
    const struct case_extra *x, enum case_event failed, const char *error)
{
	char token[FORM_TOKEN_SIZE], money[32], text[64];
	const char *kept;
	bool buyer = r->signed_in && r->sess.user.role == ROLE_BUYER;
	enum case_event next = buyer ? buyer_next(v) : next_decision(v);
	size_t i;

	for (i = 0; i < v->actionsz && !case_applying(v, r->now); i++) {
		enum case_event ev = v->actions[i];
		struct tmpl_dict *s, *f;

		if (words_event(ev)->button == NULL)
			continue;
		if (page_form_token(r, v->id, case_event_name(ev), token) != 0)
			return -1;
		s = tmpl_add_section(d, "ACTION");
		tmpl_set(s, "EVENT", case_event_name(ev));
		tmpl_set(s, "BUTTON", tr(r, words_event(ev)->button));
		tmpl_set(s, "TOKEN", token);
		tmpl_set(s, "STATE", case_state_name(v->state));
		tmpl_set(s, "KIND", words_event(ev)->danger ? "danger" :
		    ev == next ? "primary" : "secondary");
		if (buyer && ev == next)
			tmpl_show(s, "NEXT");
		if (words_event(ev)->danger)
			tmpl_set(tmpl_add_section(s, "CONFIRM"), "TEXT",
			    tr(r, N_("Are you sure? This cannot be undone.")));
		if (ev == failed && error != NULL) {
			tmpl_show(s, "OPEN");
			tmpl_set(tmpl_add_section(s, "ERROR"), "TEXT", tr(r, error));
		}
		if (machine_event_needs(ev, EVF_NOTE) != NEED_NONE) {
			f = tmpl_add_section(s, "NOTE");
			tmpl_set(f, "LABEL", tr(r, words_event(ev)->note));
			kept = ev == failed ? req_field(r, "note") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			if (machine_event_needs(ev, EVF_NOTE) == NEED_REQUIRED)
				tmpl_show(f, "REQUIRED");
		}
		if (machine_event_needs(ev, EVF_AMOUNT) != NEED_NONE) {
			f = tmpl_add_section(s, "AMOUNT");
			tmpl_set(f, "LABEL", tr(r, words_event(ev)->amount));
			kept = ev == failed ? req_field(r, "amount") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			snprintf(text, sizeof(text), tr(r, N_("(at most %s)")),
			    cents_format(v->requested_cents, money));
			tmpl_set(f, "AT_MOST", text);
		}
		if (machine_event_needs(ev, EVF_PHOTOS) != NEED_NONE)
			tmpl_show(s, "PHOTOS");
		if (machine_event_needs(ev, EVF_COMPENSATION) != NEED_NONE) {
			size_t k;

			f = tmpl_add_section(s, "COMP");
			kept = ev == failed ? req_field(r, "comp_kind") : NULL;
			for (k = 0; k < COMP__MAX; k++) {
				struct tmpl_dict *o = tmpl_add_section(f, "OPTION");

				tmpl_set(o, "CODE", comp_kind_name((enum comp_kind)k));
				tmpl_set(o, "LABEL", tr(r, comp_words[k]));
				if (kept != NULL && strcmp(kept,
				    comp_kind_name((enum comp_kind)k)) == 0)
					tmpl_show(o, "SELECTED");
			}
			kept = ev == failed ? req_field(r, "comp_value") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			kept = ev == failed ? req_field(r, "comp_code") : NULL;
			tmpl_set(f, "CODE", kept != NULL ? kept : "");
			kept = ev == failed ? req_field(r, "comp_expires") : NULL;
			tmpl_set(f, "EXPIRES", kept != NULL ? kept : "");
			kept = ev == failed ? req_field(r, "comp_text") : NULL;
			tmpl_set(f, "TEXT", kept != NULL ? kept : "");
		}
		if (machine_event_needs(ev, EVF_REFUSAL) != NEED_NONE) {
			size_t k;

			f = tmpl_add_section(s, "REFUSAL");
			kept = ev == failed ? req_field(r, "refusal") : NULL;
			for (k = 0; k < REFUSE__MAX; k++) {
				struct tmpl_dict *o = tmpl_add_section(f, "OPTION");

				tmpl_set(o, "CODE", refusal_name((enum refusal)k));
				tmpl_set(o, "LABEL", tr(r, refusal_words[k]));
				if (kept != NULL && strcmp(kept,
				    refusal_name((enum refusal)k)) == 0)
					tmpl_show(o, "SELECTED");
			}
		}
		if (machine_event_needs(ev, EVF_ADDRESS) != NEED_NONE &&
		    fill_addresses(r, s, ev == failed) != 0)
			return -1;
		if (machine_event_needs(ev, EVF_SHIPPING) != NEED_NONE) {
			f = tmpl_add_section(s, "SHIPPING");
			kept = ev == failed ? req_field(r, "carrier") : NULL;
			tmpl_set(f, "CARRIER", kept != NULL ? kept : "");
			kept = ev == failed ? req_field(r, "waybill") : NULL;
			tmpl_set(f, "WAYBILL", kept != NULL ? kept : "");
		}
		/* buyer2: the return postage, where the seller pays it back. */
		if (ev == EV_SHIP_RETURN && x->seller_pays &&
		    x->postage_max_cents > 0 && v->type == CASE_RETURN_REFUND) {
			f = tmpl_add_section(s, "POSTAGE");
			kept = ev == failed ? req_field(r, "postage") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			snprintf(text, sizeof(text), tr(r, N_("(at most %s)")),
			    cents_format(x->postage_max_cents, money));
			tmpl_set(f, "AT_MOST", text);
		}
	}
	return 0;
}

/*
 * Writes to out the message of an action that lost a race on case v: who
 * last changed the case's state, when and how ("Li decided this case first:
 * Return approved, at ..."), or error when the last change was not a
 * person's. Returns out, or the translated error.
 */
static const char *
conflict_text(struct req *r, const struct caseview *v, const char *error,
    char *out, size_t outsz)
{
	const struct caseview_event *e = NULL;
	enum case_event ev;
	enum actor who;
	char when[32];
	size_t i;

	/* The last change of state by a person or a deadline (not a refund settling). */
	for (i = v->eventsz; i > 0 && e == NULL; i--)
		if (strcmp(v->events[i - 1].from_state,
		    v->events[i - 1].to_state) != 0 &&
		    (*v->events[i - 1].actor_name != '\0' ||
		    strcmp(v->events[i - 1].event, "deadline") == 0))
			e = &v->events[i - 1];
	if (e == NULL || *e->actor_name == '\0' ||
	    !case_event_from_name(e->event, &ev) ||
	    !actor_from_name(e->actor_role, &who))
		return tr(r, error);
	snprintf(out, outsz, tr(r, N_("%1$s (%2$s) decided this case first: "
	    "%3$s, at %4$s. Nothing was done; look at its new state below.")),
	    e->actor_name, tr(r, words_actor(who)), tr(r, words_event(ev)->done),
	    req_time(r, e->at, when));
	return out;
}

/* Renders the case page with status; failed/error describe a refused action. */
static void
case_render(struct req *r, enum actor who, int status, enum case_event failed,
    const char *error)
{
	struct tmpl_dict *d;
	struct caseview v;
	struct case_extra x;
	struct case_picture *pics = NULL;
	size_t picsz = 0;
	struct talk_unread unread;
	int64_t user, shop;
	char when[32], title[64], text[128], raced[512];
	enum rc rc;

	viewer(r, &user, &shop);
	talk_peek(r, r->ids[0], &unread);
	rc = caseview_load(r->app->db, r->ids[0], who, user, shop, &v);
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("Case not found"), N_("There is no case at this "
		    "address that you can see. Go back to your list of cases."));
		return;
	}
	if (rc == RC_OK && (rc = case_extra_load(r->app->db, v.id, &x)) !=
	    RC_OK)
		caseview_release(&v);
	else if (rc == RC_OK && (rc = case_pictures(r->app->db, v.id, &pics,
	    &picsz)) != RC_OK) {
		caseview_release(&v);
		case_extra_release(&x);
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set_int(d, "ID", v.id);
	/* An exchange's variant wanted, the return postage (buyer2). */
	if (x.variant != NULL)
		tmpl_set(tmpl_add_section(d, "WANTED"), "TEXT", x.variant);
	if (x.postage_cents > 0 && x.seller_pays)
		tmpl_set_cents(tmpl_add_section(d, "POSTAGE_PAID"), "AMOUNT",
		    x.postage_cents);
	tmpl_set(d, "RMA_NO", v.rma_no);
	tmpl_set(d, "ORDER_NO", v.order_no);
	tmpl_set(d, "SHOP", v.shop_name);
	tmpl_set(d, "BUYER", v.buyer_name);
	tmpl_set(d, "TYPE", tr(r, words_type(v.type)));
	tmpl_set(d, "REASON", r->lang == LANG_ZH ? v.reason_zh : v.reason_en);
	tmpl_set(d, "PAYER", tr(r, strcmp(v.shipping_payer, "seller") == 0 ?
	    N_("the seller") : N_("the buyer")));
	tmpl_set(d, "GOODS", tr(r, v.goods_received ? N_("Goods received") :
	    N_("Goods not received")));
	tmpl_set(d, "OPENED", req_time(r, v.created_at, when));
	snprintf(text, sizeof(text), tr(r, N_("%1$d of at most %2$d")),
	    (int)v.attempt, (int)v.max_attempts);
	tmpl_set(d, "ATTEMPTS", text);
	tmpl_set_int(d, "POLICY_VERSION", v.policy_version);
	snprintf(text, sizeof(text), tr(r, N_("version %d")),
	    (int)v.policy_version);
	tmpl_set(d, "POLICY", text);
	if (v.description != NULL && *v.description != '\0')
		tmpl_set(tmpl_add_section(d, "DESCRIPTION"), "TEXT",
		    v.description);
	if (v.return_address != NULL)
		tmpl_set(tmpl_add_section(d, "RETURN_ADDRESS"), "TEXT",
		    v.return_address);
	if (v.fast_tracked)
		tmpl_show(d, "FAST_TRACKED");
	if (error != NULL && failed == EV__MAX)
		tmpl_set(tmpl_add_section(d, "PAGE_ERROR"), "TEXT", status == 409 ?
		    conflict_text(r, &v, error, raced, sizeof(raced)) :
		    tr(r, error));
	fill_status(r, d, &v, who);
	fill_steps(r, d, &v);
	fill_history(r, d, &v, pics, picsz);
	case_pictures_free(pics, picsz);
	if (evidence_fill(r, d, v.id) != 0 || parcels_fill(r, d, v.id) != 0 ||
	    (who == ACTOR_SELLER && review_fill(r, d, v.id, v.currency) != 0) ||
	    fill_compensations(r, d, v.id) != 0 ||
	    case_platform_fill(r, d, &v, who) != 0 ||
	    fill_actions(r, d, &v, &x, failed, error) != 0 ||
	    talk_fill(r, d, v.id, who, &unread) != 0) {
		caseview_release(&v);
		case_extra_release(&x);
		page_fail(r);
		return;
	}
	case_extra_release(&x);
	if (v.actionsz == 0 || case_state_terminal(v.state) ||
	    case_applying(&v, r->now))
		tmpl_show(d, "NO_ACTIONS");
	snprintf(title, sizeof(title), tr(r, "Case %s"), v.rma_no);
	caseview_release(&v);
	page_send(r, status, title, "shared/case.tpl", d);
}

void
casepage_send(struct req *r, enum actor who)
{
	case_render(r, who, 200, EV__MAX, NULL);
}

/* The action form's fields; which of them an event takes is its form contract. */
enum act_key {
	ACT_EVENT,
	ACT_STATE,
	ACT_TOKEN,
	ACT_NOTE,
	ACT_AMOUNT,
	ACT_CARRIER,
	ACT_WAYBILL,
	ACT_PHOTOS,
	ACT_ADDRESS,
	ACT_REFUSAL,
	ACT_COMP_KIND,
	ACT_COMP_VALUE,
	ACT_COMP_CODE,
	ACT_COMP_EXPIRES,
	ACT_COMP_TEXT,
	ACT_POSTAGE,
	ACT__MAX
};

static const struct form_spec act_form[ACT__MAX] = {
	{ "event", FORM_TEXT, true, 1, 32, false, NULL, 0,
	  N_("The form asked for an action that does not exist. Go back and "
	  "reload the page.") }, /* ACT_EVENT */
	{ "state", FORM_TEXT, false, 0, 32, false, NULL, 0,
	  N_("Reload the page and try again.") }, /* ACT_STATE */
	{ "token", FORM_TEXT, true, 1, 128, false, NULL, 0,
	  N_("This form has expired. Reload the page and send it again.") },
	  /* ACT_TOKEN */
	{ "note", FORM_TEXT, false, 0, 2000, true, NULL, 0,
	  N_("Keep the text under 2000 characters, without control "
	  "characters.") }, /* ACT_NOTE */
	{ "amount", FORM_CENTS, false, 1, 0, false, NULL, 0,
	  N_("Enter the amount as a number such as 12.50.") }, /* ACT_AMOUNT */
	{ "carrier", FORM_TEXT, false, 0, 64, false, NULL, 0,
	  N_("The carrier and the waybill number take at most 64 characters "
	  "each.") }, /* ACT_CARRIER */
	{ "waybill", FORM_TEXT, false, 0, 64, false, NULL, 0,
	  N_("The carrier and the waybill number take at most 64 characters "
	  "each.") }, /* ACT_WAYBILL */
	{ "photos", FORM_FILES, false, 0, 0, false, NULL, 0,
	  N_("Choose fewer photos.") }, /* ACT_PHOTOS */
	{ "address", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Choose one of the shop's return addresses.") }, /* ACT_ADDRESS */
	{ "refusal", FORM_TEXT, false, 1, 32, false, NULL, 0,
	  N_("Choose a reason from the list.") }, /* ACT_REFUSAL */
	{ "comp_kind", FORM_TEXT, false, 1, 32, false, NULL, 0,
	  N_("Choose a kind of compensation from the list.") },
	  /* ACT_COMP_KIND */
	{ "comp_value", FORM_CENTS, false, 1, 0, false, NULL, 0,
	  N_("Enter the amount as a number such as 12.50.") },
	  /* ACT_COMP_VALUE */
	{ "comp_code", FORM_TEXT, false, 0, 64, false, NULL, 0,
	  N_("The coupon code takes at most 64 characters.") },
	  /* ACT_COMP_CODE */
	{ "comp_expires", FORM_TEXT, false, 10, 10, false, NULL, 0,
	  N_("Enter the last day as yyyy-mm-dd.") }, /* ACT_COMP_EXPIRES */
	{ "comp_text", FORM_TEXT, false, 0, 255, false, NULL, 0,
	  N_("Describe the compensation in at most 255 characters.") },
	  /* ACT_COMP_TEXT */
	{ "postage", FORM_CENTS, false, 0, 0, false, NULL, 0,
	  N_("Enter the postage as a number such as 12.50.") },
	  /* ACT_POSTAGE */
};

/* The form field of each event field, for its form contract. */
static const enum act_key act_fields[EVF__MAX][2] = {
	{ ACT_NOTE, ACT_NOTE }, /* EVF_NOTE */
	{ ACT_AMOUNT, ACT_AMOUNT }, /* EVF_AMOUNT */
	{ ACT_CARRIER, ACT_WAYBILL }, /* EVF_SHIPPING */
	{ ACT_PHOTOS, ACT_PHOTOS }, /* EVF_PHOTOS */
	{ ACT_ADDRESS, ACT_ADDRESS }, /* EVF_ADDRESS */
	{ ACT_REFUSAL, ACT_REFUSAL }, /* EVF_REFUSAL */
	{ ACT_COMP_KIND, ACT_COMP_VALUE }, /* EVF_COMPENSATION */
};

void
casepage_act(struct req *r, enum actor who)
{
	struct form_value v[ACT__MAX];
	struct case_action a;
	struct case_compensation comp;
	struct photos photos;
	const char *why = NULL, *bad = NULL;

	char *loc, msg[512];
	enum case_event ev;
	size_t f, k;
	enum rc rc;

	form_check(&r->form, act_form, ACT__MAX, v);
	if (v[ACT_EVENT].state != FORM_OK ||
	    !case_event_from_name(v[ACT_EVENT].raw, &ev) ||
	    words_event(ev)->button == NULL) {
		page_error(r, 400, N_("Unknown action"), N_("The form asked for an "
		    "action that does not exist. Go back and reload the page."));
		return;
	}
	/* Only what the event's form offers is read; the engine refuses more. */
	for (f = 0; f < EVF__MAX; f++)
		for (k = 0; k < 2; k++)
			if (machine_event_needs(ev, (enum event_field)f) ==
			    NEED_NONE)
				v[act_fields[f][k]].state = FORM_MISSING;
			else if (bad == NULL && v[act_fields[f][k]].error != NULL)
				bad = req_form_message(r, &v[act_fields[f][k]],
				    msg, sizeof(msg));
	if (bad == NULL && v[ACT_TOKEN].error != NULL)
		bad = req_form_message(r, &v[ACT_TOKEN], msg, sizeof(msg));
	if (bad == NULL && ev == EV_SHIP_RETURN && v[ACT_POSTAGE].error != NULL)
		bad = req_form_message(r, &v[ACT_POSTAGE], msg, sizeof(msg));
	if (bad != NULL) {
		case_render(r, who, 422, ev, bad);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.ev = ev;
	a.who = who;
	a.actor_id = r->sess.user.id;
	a.actor_shop_id = r->sess.user.shop_id;
	a.expect_state = v[ACT_STATE].state == FORM_OK ? v[ACT_STATE].raw :
	    NULL;
	a.form_token = v[ACT_TOKEN].raw;
	a.note = v[ACT_NOTE].state == FORM_OK ? v[ACT_NOTE].raw : NULL;
	a.amount_cents = v[ACT_AMOUNT].state == FORM_OK ? v[ACT_AMOUNT].num : 0;
	a.carrier = v[ACT_CARRIER].state == FORM_OK ? v[ACT_CARRIER].raw :
	    NULL;
	a.waybill = v[ACT_WAYBILL].state == FORM_OK ? v[ACT_WAYBILL].raw :
	    NULL;
	a.postage_cents = v[ACT_POSTAGE].state == FORM_OK ? v[ACT_POSTAGE].num :
	    0;
	a.address_id = v[ACT_ADDRESS].state == FORM_OK ? v[ACT_ADDRESS].num : 0;
	a.refusal = v[ACT_REFUSAL].state == FORM_OK ? v[ACT_REFUSAL].raw : NULL;
	if (v[ACT_COMP_KIND].state == FORM_OK) {
		struct tm tm;
		const char *end;

		memset(&comp, 0, sizeof(comp));
		if (!comp_kind_from_name(v[ACT_COMP_KIND].raw, &comp.kind)) {
			case_render(r, who, 422, ev, N_("Choose a kind of "
			    "compensation from the list."));
			return;
		}
		comp.value_cents = v[ACT_COMP_VALUE].state == FORM_OK ?
		    v[ACT_COMP_VALUE].num : 0;
		comp.coupon_code = v[ACT_COMP_CODE].state == FORM_OK ?
		    v[ACT_COMP_CODE].raw : NULL;
		comp.description = v[ACT_COMP_TEXT].state == FORM_OK ?
		    v[ACT_COMP_TEXT].raw : NULL;
		if (v[ACT_COMP_EXPIRES].state == FORM_OK) {
			memset(&tm, 0, sizeof(tm));
			end = strptime(v[ACT_COMP_EXPIRES].raw, "%Y-%m-%d", &tm);
			if (end == NULL || *end != '\0') {
				case_render(r, who, 422, ev, N_("Enter the last "
				    "day as yyyy-mm-dd."));
				return;
			}
			comp.expires_on = timegm(&tm);
		}
		if (machine_event_needs(ev, EVF_COMPENSATION) != NEED_NONE)
			a.comp = &comp;
	}
	/* The cheap checks first: no photo is decoded for a form they refuse. */
	if (!case_action_carries(&a, (size_t)v[ACT_PHOTOS].num, &why)) {
		case_render(r, who, 422, ev, why);
		return;
	}
	if (v[ACT_PHOTOS].state == FORM_OK &&
	    photos_decode(r, "photos", &photos, msg, sizeof(msg)) != 0) {
		case_render(r, who, 422, ev, msg);
		return;
	}
	if (v[ACT_PHOTOS].state != FORM_OK)
		memset(&photos, 0, sizeof(photos));
	a.photos = photos.photos;
	a.photosz = photos.photosz;
	rc = case_act(r->app->db, &r->app->cfg, r->ids[0], &a, r->now, &why);
	photos_release(&photos);
	switch (rc) {
	case RC_OK:
		loc = xasprintf("case/%lld", (long long)r->ids[0]);
		page_redirect(r, loc, "case_updated");
		free(loc);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("Case not found"), N_("There is no case at this "
		    "address that you can see. Go back to your list of cases."));
		break;
	case RC_CONFLICT:
		case_render(r, who, 409, EV__MAX, why != NULL ? why :
		    N_("Someone else changed this case first; nothing was "
		    "done."));
		break;
	case RC_DENIED:
	case RC_INVALID:
		case_render(r, who, 422, ev, why);
		break;
	default:
		page_fail(r);
	}
}

void
casepage_route_case(struct req *r)
{
	if (r->http.method == HTTP_POST)
		casepage_act(r, page_actor(r));
	else
		casepage_send(r, page_actor(r));
}

