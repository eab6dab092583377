/* casepage.c: the case page and its actions, shared by the buyer, seller and admin programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/cases.h"
#include "pages/casepage.h"
#include "pages/photos.h"
#include "base/clock.h"
#include "base/token.h"
#include "base/log.h"
#include "base/i18n.h"
#include "base/util.h"

/*
 * How each event shows: its button, its timeline line, the labels of the
 * fields its form asks for (which fields, and whether they are required,
 * is the machine's form contract: machine_event_needs()).
 */
static const struct {
	const char	*button;	/* NULL: never a button */
	const char	*done;	/* the timeline's words */
	const char	*note;	/* label of the note field */
	const char	*amount;	/* label of the amount field */
	bool		 danger;	/* drawn as a refusal */
} events[EV__MAX] = {
	{ NULL, N_("Request submitted"), NULL, NULL, false }, /* EV_SUBMIT */
	{ N_("Cancel the request"), N_("Request cancelled"), NULL, NULL, true }, /* EV_CANCEL */
	{ N_("Change and send again"), N_("Request sent again"), N_("What changed"), N_("New amount (optional)"), false }, /* EV_RESUBMIT */
	{ N_("Approve the refund"), N_("Refund approved"), NULL, NULL, false }, /* EV_APPROVE_REFUND */
	{ N_("Approve the return"), N_("Return approved"), NULL, NULL, false }, /* EV_APPROVE_RETURN */
	{ N_("Refuse"), N_("Request refused"), N_("Why you refuse"), NULL, true }, /* EV_REJECT */
	{ N_("Offer a partial refund"), N_("Partial refund offered"), N_("Terms (e.g. a coupon as well)"), N_("Amount offered"), false }, /* EV_OFFER */
	{ N_("Accept the offer"), N_("Offer accepted"), NULL, NULL, false }, /* EV_ACCEPT_OFFER */
	{ N_("Decline the offer"), N_("Offer declined"), NULL, NULL, true }, /* EV_DECLINE_OFFER */
	{ N_("I have sent the goods back"), N_("Goods sent back"), NULL, NULL, false }, /* EV_SHIP_RETURN */
	{ N_("Confirm the goods arrived"), N_("Returned goods received"), N_("Condition of the goods (optional)"), NULL, false }, /* EV_CONFIRM_RECEIPT */
	{ N_("Refuse the returned goods"), N_("Returned goods refused"), N_("What is wrong with them"), NULL, true }, /* EV_REFUSE_RECEIPT */
	{ N_("Replacement shipped"), N_("Replacement shipped"), NULL, NULL, false }, /* EV_SHIP_REPLACEMENT */
	{ N_("I received the replacement"), N_("Replacement received"), NULL, NULL, false }, /* EV_CONFIRM_EXCHANGE */
	{ N_("Ask the platform to step in"), N_("Escalated to the platform"), N_("Why the refusal is wrong"), NULL, false }, /* EV_ESCALATE */
	{ N_("Rule: full refund"), N_("Platform ruled a full refund"), N_("Ruling"), NULL, false }, /* EV_RULE_REFUND */
	{ N_("Rule: partial refund"), N_("Platform ruled a partial refund"), N_("Ruling"), N_("Amount to refund"), false }, /* EV_RULE_PARTIAL */
	{ N_("Rule: no refund"), N_("Platform ruled no refund"), N_("Ruling"), NULL, true }, /* EV_RULE_REJECT */
	{ NULL, N_("Deadline passed"), NULL, NULL, false }, /* EV_DEADLINE */
	{ NULL, N_("Refund paid"), NULL, NULL, false }, /* EV_REFUND_SUCCEEDED */
	{ NULL, N_("Refund attempt failed; it will be retried"), NULL, NULL, false }, /* EV_REFUND_FAILED */
	{ N_("Send a message"), N_("Message"), N_("Message"), NULL, false }, /* EV_MESSAGE */
	{ N_("Add photos"), N_("Photos added"), N_("Comment (optional)"), NULL, false }, /* EV_ADD_EVIDENCE */
};

/* Each state in words, and what its deadline does. */
static const struct {
	const char	*words;
	const char	*when_due;	/* "%s" is the deadline; NULL: none */
} states[STATE__MAX] = {
	{ N_("Not submitted"), NULL }, /* STATE_NONE */
	{ N_("Waiting for the seller to answer"), N_("If the seller does not answer by %s, the request is approved automatically.") }, /* STATE_REQUESTED */
	{ N_("The seller made an offer"), N_("If the buyer does not answer by %s, the case closes.") }, /* STATE_OFFERED */
	{ N_("The seller refused"), N_("If the buyer neither changes the request nor escalates by %s, the case closes.") }, /* STATE_REJECTED */
	{ N_("Approved: waiting for the goods to be sent back"), N_("If no waybill is entered by %s, the case closes.") }, /* STATE_AWAITING_RETURN */
	{ N_("Goods on their way back to the seller"), N_("If the seller does not confirm receipt by %s, it is confirmed automatically.") }, /* STATE_RETURN_SHIPPED */
	{ N_("Waiting for the seller to ship the replacement"), N_("If the seller does not ship by %s, the exchange becomes a refund.") }, /* STATE_RESHIPPING */
	{ N_("Replacement on its way to the buyer"), N_("If the buyer does not confirm by %s, the exchange is completed automatically.") }, /* STATE_REPLACEMENT_SHIPPED */
	{ N_("The platform is reviewing the case"), N_("The platform rules by %s.") }, /* STATE_ESCALATED */
	{ N_("Refund being paid"), NULL }, /* STATE_REFUNDING */
	{ N_("Refunded"), NULL }, /* STATE_REFUNDED */
	{ N_("Exchange completed"), NULL }, /* STATE_EXCHANGED */
	{ N_("Closed"), NULL }, /* STATE_CLOSED */
};

static const char *const type_words[CASE__MAX] = {
	N_("Refund only"), /* CASE_REFUND_ONLY */
	N_("Return and refund"), /* CASE_RETURN_REFUND */
	N_("Exchange"), /* CASE_EXCHANGE */
};

static const char *const actor_words[ACTOR__MAX] = {
	N_("the buyer"), /* ACTOR_BUYER */
	N_("the seller"), /* ACTOR_SELLER */
	N_("the platform"), /* ACTOR_ADMIN */
	N_("the system"), /* ACTOR_SYSTEM */
};

/* Why a case closed, in words (close_reason of the cases table). */
static const char *
close_words(const char *reason)
{
	static const struct {
		const char	*key;
		const char	*words;
	} reasons[] = {
		{ "cancelled", N_("cancelled by the buyer") },
		{ "expired", N_("closed when its deadline passed") },
		{ "ruled_reject", N_("the platform ruled no refund") },
		{ "exchanged", N_("exchange completed") },
		{ "refunded", N_("refunded") },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strcmp(reason, reasons[i].key) == 0)
			return reasons[i].words;
	return reason;
}

const char *
casepage_state_words(enum case_state s)
{
	return s < STATE__MAX ? states[s].words : "";
}

const char *
casepage_type_words(enum case_type t)
{
	return t < CASE__MAX ? type_words[t] : "";
}

static enum actor desk_actor(const struct req *);

/* The viewer's own id and shop for the engine. */
static void
viewer(const struct req *r, int64_t *user, int64_t *shop)
{
	*user = r->sess.user.id;
	*shop = r->sess.user.shop_id;
}

/*
 * Shows the column switches of parts/case_rows.tpl for desk in d. Each row
 * needs its own: a section shown only on the table would expand with the
 * table's variables, not the row's.
 */
static void
rows_columns(struct tmpl_dict *d, enum actor desk)
{
	tmpl_show(d, desk == ACTOR_BUYER ? "SHOW_SHOP" : "SHOW_BUYER");
	if (desk != ACTOR_ADMIN)
		tmpl_show(d, "SHOW_STATE");
}

void
casepage_rows(struct req *r, struct tmpl_dict *d, const char *name,
    const struct caseview_row *rows, size_t rowsz)
{
	static const char *const deadline_heads[ACTOR__MAX] = {
		N_("Next deadline"), /* ACTOR_BUYER */
		N_("Deadline"), /* ACTOR_SELLER */
		N_("Rule by"), /* ACTOR_ADMIN */
		N_("Deadline"), /* ACTOR_SYSTEM */
	};
	enum actor desk = desk_actor(r), next;
	struct tmpl_dict *t;
	char when[32], text[128];
	size_t i;

	if (rowsz == 0) {
		tmpl_show(d, "EMPTY");
		return;
	}
	t = tmpl_add_include(d, name, "parts/case_rows.tpl");
	rows_columns(t, desk);
	tmpl_set(t, "DEADLINE_HEAD", tr(r, deadline_heads[desk]));
	for (i = 0; i < rowsz; i++) {
		struct tmpl_dict *s = tmpl_add_section(t, "CASE");

		rows_columns(s, desk);
		tmpl_set_int(s, "ID", rows[i].id);
		tmpl_set(s, "RMA_NO", rows[i].rma_no);
		tmpl_set(s, "ORDER_NO", rows[i].order_no);
		tmpl_set(s, "WHO", rows[i].who);
		tmpl_set(s, "TYPE", tr(r, casepage_type_words(rows[i].type)));
		tmpl_set(s, "STATE", tr(r, casepage_state_words(rows[i].state)));
		tmpl_set(s, "STATE_KEY", case_state_name(rows[i].state));
		tmpl_set(s, "CURRENCY", req_currency(r, rows[i].currency));
		tmpl_set_cents(s, "AMOUNT", rows[i].requested_cents);
		tmpl_set(s, "DEADLINE", rows[i].deadline_at == 0 ? "—" :
		    req_time(r, rows[i].deadline_at, when));
		if (rows[i].deadline_at != 0 && rows[i].deadline_at < r->now)
			tmpl_show(s, "OVERDUE");
		next = machine_waiting_for(rows[i].state);
		if (next >= ACTOR__MAX || case_state_terminal(rows[i].state))
			continue;
		if (next == desk)
			tmpl_show(s, "YOUR_MOVE");
		else {
			snprintf(text, sizeof(text), tr(r, N_("waiting for %s")),
			    tr(r, actor_words[next]));
			tmpl_set(tmpl_add_section(s, "WAITING"), "TEXT", text);
		}
	}
}

void
casepage_evidence(struct req *r, enum actor who, bool thumb)
{
	struct db_res e;
	const char *data, *ext;
	char name[64];
	size_t n;

	if (db_query(r->app->db, SQL_EVIDENCE_FILE, &e, "i", r->ids[0]) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	if (e.rowsz == 0 || !case_visible(who, r->sess.user.id,
	    r->sess.user.shop_id, db_int(&e, 0, 1), db_int(&e, 0, 2)) ||
	    (thumb && db_null(&e, 0, 5))) {
		db_res_release(&e);
		page_error(r, 404, N_("Photo not found"), N_("There is no photo at this "
		    "address that you can see."));
		return;
	}
	data = db_bytes(&e, 0, thumb ? 5 : 4, &n);
	ext = thumb ? "jpg" : strcmp(db_str(&e, 0, 3), "image/png") == 0 ?
	    "png" : strcmp(db_str(&e, 0, 3), "image/webp") == 0 ? "webp" :
	    "jpg";
	snprintf(name, sizeof(name), "evidence-%lld%s.%s",
	    (long long)r->ids[0], thumb ? "-thumb" : "", ext);
	http_send_file(&r->http, thumb ? "image/jpeg" : db_str(&e, 0, 3), data,
	    n, name);
	db_res_release(&e);
}

/* Fills the photos of case id into section EVIDENCE of d. */
static int
fill_evidence(struct req *r, struct tmpl_dict *d, int64_t id)
{
	struct db_res e;
	char when[32];
	size_t i;

	if (db_query(r->app->db, SQL_EVIDENCE_OF_CASE, &e, "i", id) != RC_OK)
		return -1;
	if (e.rowsz > 0)
		tmpl_show(d, "HAS_EVIDENCE");
	for (i = 0; i < e.rowsz; i++) {
		struct tmpl_dict *s = tmpl_add_section(d, "EVIDENCE");
		enum actor a;

		tmpl_set_int(s, "EID", db_int(&e, i, 0));
		tmpl_set(s, "BY", actor_from_name(db_str(&e, i, 1), &a) ?
		    tr(r, actor_words[a]) : db_str(&e, i, 1));
		tmpl_set(s, "NAME", db_str(&e, i, 3));
		tmpl_set(s, "AT", req_time(r, db_int(&e, i, 6), when));
		tmpl_set_int(s, "W", db_int(&e, i, 4));
		tmpl_set_int(s, "H", db_int(&e, i, 5));
	}
	db_res_release(&e);
	return 0;
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

	tmpl_set(d, "STATE_WORDS", tr(r, casepage_state_words(v->state)));
	tmpl_set(d, "STATE_KEY", case_state_name(v->state));
	if (next < ACTOR__MAX && !case_state_terminal(v->state))
		tmpl_set(tmpl_add_section(d, "WAITING"), "WHO", tr(r,
		    next == who ? N_("you") : actor_words[next]));
	if (v->deadline_at != 0 && states[v->state].when_due != NULL) {
		s = tmpl_add_section(d, "DEADLINE");
		req_time(r, v->deadline_at, when);
		tmpl_set(s, "AT", when);
		tmpl_set(s, "ISO", clock_format(v->deadline_at, NULL,
		    "%Y-%m-%dT%H:%M:%SZ", iso, sizeof(iso)));
		snprintf(text, sizeof(text), tr(r, states[v->state].when_due),
		    when);
		if (case_applying(v, r->now))
			snprintf(text, sizeof(text), "%s", tr(r, N_("This deadline "
			    "has passed, and the system is applying it now. "
			    "Reload the page in a moment to see the outcome.")));
		tmpl_set(s, "WHEN_DUE", text);
		if (v->deadline_at < r->now)
			tmpl_show(s, "OVERDUE");
	}
	if (v->close_reason != NULL && v->state == STATE_CLOSED)
		tmpl_set(tmpl_add_section(d, "CLOSED"), "REASON",
		    tr(r, close_words(v->close_reason)));
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

/* Fills the order lines and the timeline of v into d. */
static void
fill_history(struct req *r, struct tmpl_dict *d, const struct caseview *v)
{
	enum case_event ev;
	enum actor a;
	enum case_state st;
	char when[32];
	size_t i;

	for (i = 0; i < v->linesz; i++) {
		struct tmpl_dict *s = tmpl_add_section(d, "LINE");

		tmpl_set(s, "TITLE", v->lines[i].title);
		tmpl_set(s, "SKU", v->lines[i].sku);
		tmpl_set_int(s, "QTY", v->lines[i].quantity);
		tmpl_set_int(s, "OF", v->lines[i].line_quantity);
		tmpl_set_cents(s, "PAID", v->lines[i].paid_cents);
		tmpl_set_cents(s, "AMOUNT", v->lines[i].amount_cents);
	}
	for (i = 0; i < v->eventsz; i++) {
		const struct caseview_event *e = &v->events[i];
		struct tmpl_dict *s = tmpl_add_section(d, "EVENT");

		tmpl_set(s, "AT", req_time(r, e->at, when));
		tmpl_set(s, "WHAT", case_event_from_name(e->event, &ev) ?
		    tr(r, events[ev].done) : e->event);
		tmpl_set(s, "WHO", actor_from_name(e->actor_role, &a) ?
		    tr(r, actor_words[a]) : e->actor_role);
		tmpl_set(s, "NAME", e->actor_name);
		if (strcmp(e->from_state, e->to_state) != 0 &&
		    case_state_from_name(e->to_state, &st))
			tmpl_set(tmpl_add_section(s, "MOVED"), "TO",
			    tr(r, casepage_state_words(st)));
		if (e->amount_cents >= 0)
			tmpl_set_cents(tmpl_add_section(s, "AMOUNT"), "VALUE",
			    e->amount_cents);
		if (e->note != NULL)
			tmpl_set(tmpl_add_section(s, "NOTE"), "TEXT", e->note);
		if (e->rule != NULL)
			tmpl_set(tmpl_add_section(s, "RULE"), "TEXT", e->rule);
		if (e->evidence_ids != NULL)
			fill_photo_links(s, e->evidence_ids);
	}
}

/*
 * Fills one form per action open to the viewer, each with a fresh
 * one-time token; failed (when not EV__MAX) gets error and the input.
 */
static int
fill_actions(struct req *r, struct tmpl_dict *d, const struct caseview *v,
    enum case_event failed, const char *error)
{
	char token[FORM_TOKEN_SIZE];
	const char *kept;
	size_t i;

	for (i = 0; i < v->actionsz && !case_applying(v, r->now); i++) {
		enum case_event ev = v->actions[i];
		struct tmpl_dict *s, *f;

		if (events[ev].button == NULL)
			continue;
		if (form_token_make(r->app->cfg.form_secret, r->sess.user.id,
		    v->id, case_event_name(ev), r->now, token) != 0)
			return -1;
		s = tmpl_add_section(d, "ACTION");
		tmpl_set(s, "EVENT", case_event_name(ev));
		tmpl_set(s, "BUTTON", tr(r, events[ev].button));
		tmpl_set(s, "TOKEN", token);
		tmpl_set(s, "STATE", case_state_name(v->state));
		tmpl_set(s, "KIND", events[ev].danger ? "danger" : "primary");
		if (events[ev].danger)
			tmpl_set(tmpl_add_section(s, "CONFIRM"), "TEXT",
			    tr(r, N_("Are you sure? This cannot be undone.")));
		if (ev == failed && error != NULL) {
			tmpl_show(s, "OPEN");
			tmpl_set(tmpl_add_section(s, "ERROR"), "TEXT", tr(r, error));
		}
		if (machine_event_needs(ev, EVF_NOTE) != NEED_NONE) {
			f = tmpl_add_section(s, "NOTE");
			tmpl_set(f, "LABEL", tr(r, events[ev].note));
			kept = ev == failed ? req_field(r, "note") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			if (machine_event_needs(ev, EVF_NOTE) == NEED_REQUIRED)
				tmpl_show(f, "REQUIRED");
		}
		if (machine_event_needs(ev, EVF_AMOUNT) != NEED_NONE) {
			f = tmpl_add_section(s, "AMOUNT");
			tmpl_set(f, "LABEL", tr(r, events[ev].amount));
			kept = ev == failed ? req_field(r, "amount") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			tmpl_set_cents(f, "MAX", v->requested_cents);
		}
		if (machine_event_needs(ev, EVF_PHOTOS) != NEED_NONE)
			tmpl_show(s, "PHOTOS");
		if (machine_event_needs(ev, EVF_SHIPPING) != NEED_NONE) {
			f = tmpl_add_section(s, "SHIPPING");
			kept = ev == failed ? req_field(r, "carrier") : NULL;
			tmpl_set(f, "CARRIER", kept != NULL ? kept : "");
			kept = ev == failed ? req_field(r, "waybill") : NULL;
			tmpl_set(f, "WAYBILL", kept != NULL ? kept : "");
		}
	}
	return 0;
}

/* Renders the case page with status; failed/error describe a refused action. */
static void
case_render(struct req *r, enum actor who, int status, enum case_event failed,
    const char *error)
{
	struct tmpl_dict *d;
	struct caseview v;
	int64_t user, shop;
	char when[32], title[64];
	enum rc rc;

	viewer(r, &user, &shop);
	rc = caseview_load(r->app->db, r->ids[0], who, user, shop, &v);
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("Case not found"), N_("There is no case at this "
		    "address that you can see. Go back to your list of cases."));
		return;
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set_int(d, "ID", v.id);
	tmpl_set(d, "RMA_NO", v.rma_no);
	tmpl_set(d, "ORDER_NO", v.order_no);
	tmpl_set(d, "SHOP", v.shop_name);
	tmpl_set(d, "BUYER", v.buyer_name);
	tmpl_set(d, "TYPE", tr(r, casepage_type_words(v.type)));
	tmpl_set(d, "REASON", r->lang == LANG_ZH ? v.reason_zh : v.reason_en);
	tmpl_set(d, "PAYER", tr(r, strcmp(v.shipping_payer, "seller") == 0 ?
	    N_("the seller") : N_("the buyer")));
	tmpl_set(d, "GOODS", tr(r, v.goods_received ? N_("Goods received") :
	    N_("Goods not received")));
	tmpl_set(d, "OPENED", req_time(r, v.created_at, when));
	tmpl_set_int(d, "ATTEMPT", v.attempt);
	tmpl_set_int(d, "MAX_ATTEMPTS", v.max_attempts);
	tmpl_set_int(d, "POLICY_VERSION", v.policy_version);
	if (v.description != NULL && *v.description != '\0')
		tmpl_set(tmpl_add_section(d, "DESCRIPTION"), "TEXT",
		    v.description);
	if (v.return_address != NULL)
		tmpl_set(tmpl_add_section(d, "RETURN_ADDRESS"), "TEXT",
		    v.return_address);
	if (v.fast_tracked)
		tmpl_show(d, "FAST_TRACKED");
	if (error != NULL && failed == EV__MAX)
		tmpl_set(tmpl_add_section(d, "PAGE_ERROR"), "TEXT", tr(r, error));
	fill_status(r, d, &v, who);
	fill_history(r, d, &v);
	if (fill_evidence(r, d, v.id) != 0 ||
	    fill_actions(r, d, &v, failed, error) != 0) {
		caseview_release(&v);
		page_fail(r);
		return;
	}
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
};

/* The form field of each event field, for its form contract. */
static const enum act_key act_fields[EVF__MAX][2] = {
	{ ACT_NOTE, ACT_NOTE }, /* EVF_NOTE */
	{ ACT_AMOUNT, ACT_AMOUNT }, /* EVF_AMOUNT */
	{ ACT_CARRIER, ACT_WAYBILL }, /* EVF_SHIPPING */
	{ ACT_PHOTOS, ACT_PHOTOS }, /* EVF_PHOTOS */
};

void
casepage_act(struct req *r, enum actor who)
{
	struct form_value v[ACT__MAX];
	struct case_action a;
	struct photos photos;
	const char *why = NULL, *bad = NULL;

	char *loc, msg[512];
	enum case_event ev;
	size_t f, k;
	enum rc rc;

	form_check(&r->form, act_form, ACT__MAX, v);
	if (v[ACT_EVENT].state != FORM_OK ||
	    !case_event_from_name(v[ACT_EVENT].raw, &ev) ||
	    events[ev].button == NULL) {
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

/* The actor a desk's user acts as. */
static enum actor
desk_actor(const struct req *r)
{
	switch (r->app->role) {
	case ROLE_BUYER:
		return ACTOR_BUYER;
	case ROLE_SELLER:
		return ACTOR_SELLER;
	default:
		return ACTOR_ADMIN;
	}
}

void
casepage_route_case(struct req *r)
{
	if (r->http.method == HTTP_POST)
		casepage_act(r, desk_actor(r));
	else
		casepage_send(r, desk_actor(r));
}

void
casepage_route_photo(struct req *r)
{
	casepage_evidence(r, desk_actor(r), false);
}

void
casepage_route_thumb(struct req *r)
{
	casepage_evidence(r, desk_actor(r), true);
}

void
casepage_list(struct req *r, enum sql st, int64_t key, const char *title,
    const char *tpl)
{
	struct caseview_row *rows;
	struct tmpl_dict *d;
	size_t rowsz;

	if (caseview_rows(r->app->db, st, key, &rows, &rowsz) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	casepage_rows(r, d, "CASE_ROWS", rows, rowsz);
	caseview_rows_free(rows, rowsz);
	page_send(r, 200, title, tpl, d);
}
