/* casepage.c: the case page and its actions, shared by the buyer, seller and admin programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/cases.h"
#include "pages/casepage.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/i18n.h"
#include "base/util.h"

/* How each event shows: its button, its timeline line, and what its form asks. */
static const struct {
	const char	*button;	/* NULL: never a button */
	const char	*done;	/* the timeline's words */
	const char	*note;	/* label of the note field, NULL: none */
	bool		 note_required;
	const char	*amount;	/* label of the amount field, NULL: none */
	bool		 shipping;	/* asks carrier and waybill */
	bool		 danger;	/* drawn as a refusal */
	bool		 photos;	/* may carry photos */
} events[EV__MAX] = {
	{ NULL, N_("Request submitted"), NULL, false, NULL, false, false, false }, /* EV_SUBMIT */
	{ N_("Cancel the request"), N_("Request cancelled"), NULL, false, NULL, false, true, false }, /* EV_CANCEL */
	{ N_("Change and send again"), N_("Request sent again"), N_("What changed"), false, N_("New amount (optional)"), false, false, true }, /* EV_RESUBMIT */
	{ N_("Approve the refund"), N_("Refund approved"), NULL, false, NULL, false, false, false }, /* EV_APPROVE_REFUND */
	{ N_("Approve the return"), N_("Return approved"), NULL, false, NULL, false, false, false }, /* EV_APPROVE_RETURN */
	{ N_("Refuse"), N_("Request refused"), N_("Why you refuse"), true, NULL, false, true, true }, /* EV_REJECT */
	{ N_("Offer a partial refund"), N_("Partial refund offered"), N_("Terms (e.g. a coupon as well)"), false, N_("Amount offered"), false, false, false }, /* EV_OFFER */
	{ N_("Accept the offer"), N_("Offer accepted"), NULL, false, NULL, false, false, false }, /* EV_ACCEPT_OFFER */
	{ N_("Decline the offer"), N_("Offer declined"), NULL, false, NULL, false, true, false }, /* EV_DECLINE_OFFER */
	{ N_("I have sent the goods back"), N_("Goods sent back"), NULL, false, NULL, true, false, true }, /* EV_SHIP_RETURN */
	{ N_("Confirm the goods arrived"), N_("Returned goods received"), N_("Condition of the goods (optional)"), false, NULL, false, false, false }, /* EV_CONFIRM_RECEIPT */
	{ N_("Refuse the returned goods"), N_("Returned goods refused"), N_("What is wrong with them"), true, NULL, false, true, true }, /* EV_REFUSE_RECEIPT */
	{ N_("Replacement shipped"), N_("Replacement shipped"), NULL, false, NULL, true, false, false }, /* EV_SHIP_REPLACEMENT */
	{ N_("I received the replacement"), N_("Replacement received"), NULL, false, NULL, false, false, false }, /* EV_CONFIRM_EXCHANGE */
	{ N_("Ask the platform to step in"), N_("Escalated to the platform"), N_("Why the refusal is wrong"), true, NULL, false, false, true }, /* EV_ESCALATE */
	{ N_("Rule: full refund"), N_("Platform ruled a full refund"), N_("Ruling"), false, NULL, false, false, false }, /* EV_RULE_REFUND */
	{ N_("Rule: partial refund"), N_("Platform ruled a partial refund"), N_("Ruling"), false, N_("Amount to refund"), false, false, false }, /* EV_RULE_PARTIAL */
	{ N_("Rule: no refund"), N_("Platform ruled no refund"), N_("Ruling"), true, NULL, false, true, false }, /* EV_RULE_REJECT */
	{ NULL, N_("Deadline passed"), NULL, false, NULL, false, false, false }, /* EV_DEADLINE */
	{ NULL, N_("Refund paid"), NULL, false, NULL, false, false, false }, /* EV_REFUND_SUCCEEDED */
	{ NULL, N_("Refund attempt failed; it will be retried"), NULL, false, NULL, false, false, false }, /* EV_REFUND_FAILED */
	{ N_("Send a message"), N_("Message"), N_("Message"), true, NULL, false, false, true }, /* EV_MESSAGE */
	{ N_("Add photos"), N_("Photos added"), N_("Comment (optional)"), false, NULL, false, false, true }, /* EV_ADD_EVIDENCE */
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

int
casepage_photos(struct req *r, struct casepage_photos *p, char **error)
{
	const struct fields *f = &r->form;
	const char *why;
	size_t i, n = 0;

	memset(p, 0, sizeof(*p));
	*error = NULL;
	for (i = 0; i < f->fieldsz; i++)
		n += f->fields[i].is_file && strcmp(f->fields[i].name,
		    "photos") == 0;
	if (n == 0)
		return 0;
	p->imgs = xcalloc(n, sizeof(*p->imgs));
	p->photos = xcalloc(n, sizeof(*p->photos));
	for (i = 0; i < f->fieldsz; i++) {
		const struct field *fl = &f->fields[i];
		const char *name = fl->filename != NULL && *fl->filename != '\0' ?
		    fl->filename : "the photo";

		if (!fl->is_file || strcmp(fl->name, "photos") != 0 ||
		    (fl->valuesz == 0 && (fl->filename == NULL ||
		    *fl->filename == '\0')))
			continue;
		if (fl->too_large) {
			size_t max = r->app->cfg.max_file_bytes;

			*error = max >= 1 << 20 ? xasprintf(tr(r, "“%s” is larger "
			    "than %zu MB; choose a smaller photo."), name,
			    max >> 20) : xasprintf(tr(r, "“%s” is larger than "
			    "%zu KB; choose a smaller photo."), name, max >> 10);
			goto fail;
		}
		if (fl->valuesz == 0) {
			*error = xasprintf(tr(r, "“%s” is empty; choose it "
			    "again."), name);
			goto fail;
		}
		if (image_process(fl->value, fl->valuesz,
		    &p->imgs[p->photosz], &why) != RC_OK) {
			*error = xasprintf("“%s”: %s", name, tr(r, why));
			goto fail;
		}
		p->photos[p->photosz].img = &p->imgs[p->photosz];
		p->photos[p->photosz].name = name;
		p->photosz++;
	}
	return 0;
fail:
	casepage_photos_free(p);
	return -1;
}

void
casepage_photos_free(struct casepage_photos *p)
{
	size_t i;

	for (i = 0; i < p->photosz; i++)
		image_release(&p->imgs[i]);
	free(p->imgs);
	free(p->photos);
	memset(p, 0, sizeof(*p));
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
	char token[TOKEN_LEN + 1];
	const char *kept;
	size_t i;

	for (i = 0; i < v->actionsz; i++) {
		enum case_event ev = v->actions[i];
		struct tmpl_dict *s, *f;

		if (events[ev].button == NULL)
			continue;
		if (form_token_issue(r->app->db, r->sess.user.id, v->id,
		    case_event_name(ev), r->now, token) != RC_OK)
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
		if (events[ev].note != NULL) {
			f = tmpl_add_section(s, "NOTE");
			tmpl_set(f, "LABEL", tr(r, events[ev].note));
			kept = ev == failed ? req_field(r, "note") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			if (events[ev].note_required)
				tmpl_show(f, "REQUIRED");
		}
		if (events[ev].amount != NULL) {
			f = tmpl_add_section(s, "AMOUNT");
			tmpl_set(f, "LABEL", tr(r, events[ev].amount));
			kept = ev == failed ? req_field(r, "amount") : NULL;
			tmpl_set(f, "VALUE", kept != NULL ? kept : "");
			tmpl_set_cents(f, "MAX", v->requested_cents);
		}
		if (events[ev].photos)
			tmpl_show(s, "PHOTOS");
		if (events[ev].shipping) {
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
	if (v.actionsz == 0 || case_state_terminal(v.state))
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

void
casepage_act(struct req *r, enum actor who)
{
	struct case_action a;
	struct casepage_photos photos;
	const char *name = req_field(r, "event"), *amount, *why = NULL;
	char *loc, *perr = NULL;
	enum case_event ev;
	enum rc rc;

	memset(&a, 0, sizeof(a));
	if (name == NULL || !case_event_from_name(name, &ev) ||
	    events[ev].button == NULL) {
		page_error(r, 400, N_("Unknown action"), N_("The form asked for an "
		    "action that does not exist. Go back and reload the page."));
		return;
	}
	a.ev = ev;
	a.who = who;
	a.actor_id = r->sess.user.id;
	a.actor_shop_id = r->sess.user.shop_id;
	a.expect_state = req_field(r, "state");
	a.form_token = req_field(r, "token");
	a.note = req_field(r, "note");
	a.carrier = req_field(r, "carrier");
	a.waybill = req_field(r, "waybill");
	if (a.note != NULL && !valid_text(a.note, 0, 2000, true)) {
		case_render(r, who, 422, ev, N_("Keep the text under 2000 "
		    "characters, without control characters."));
		return;
	}
	if ((a.carrier != NULL && !valid_text(a.carrier, 0, 64, false)) ||
	    (a.waybill != NULL && !valid_text(a.waybill, 0, 64, false))) {
		case_render(r, who, 422, ev, N_("The carrier and the waybill "
		    "number take at most 64 characters each."));
		return;
	}
	amount = req_field(r, "amount");
	if (amount != NULL && *amount != '\0' &&
	    !valid_cents(amount, &a.amount_cents)) {
		case_render(r, who, 422, ev, N_("Enter the amount as a number "
		    "such as 12.50."));
		return;
	}
	if (events[ev].amount != NULL && ev != EV_RESUBMIT &&
	    a.amount_cents == 0) {
		case_render(r, who, 422, ev, N_("Enter an amount."));
		return;
	}
	if (casepage_photos(r, &photos, &perr) != 0) {
		case_render(r, who, 422, ev, perr);
		free(perr);
		return;
	}
	a.photos = photos.photos;
	a.photosz = photos.photosz;
	rc = case_act(r->app->db, &r->app->cfg, r->ids[0], &a, r->now, &why);
	casepage_photos_free(&photos);
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
