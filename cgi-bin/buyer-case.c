/* buyer-case.c: the buyer's cases: the list, the request form and the case page. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buyer.h"
#include "base/token.h"
#include "engine/cases.h"
#include "pages/casepage.h"
#include "pages/caselist.h"
#include "pages/words.h"
#include "pages/photos.h"
#include "store/caseview.h"
#include "core/money.h"
#include "core/policy.h"
#include "store/orders.h"
#include "pages/view.h"

/* Most lines an order can have on the form. */
#define MAX_LINES	32

/* /cases (GET, buyer): the buyer's cases, open first. 200, or 500. */
void
buyer_cases(struct req *r)
{
	caselist_send(r, SQL_CASES_BY_BUYER, r->sess.user.id, N_("My cases"),
	    "buyer/cases.tpl");
}

static const char *const type_names[CASE__MAX] = {
	"refund_only", /* CASE_REFUND_ONLY */
	"return_refund", /* CASE_RETURN_REFUND */
	"exchange", /* CASE_EXCHANGE */
};

/* The field names of the rules' refusals, for the message's place. */
static const char *const field_names[RULES_FIELD__MAX] = {
	"LINES", /* RULES_FIELD_LINES */
	"TYPE", /* RULES_FIELD_TYPE */
	"REASON", /* RULES_FIELD_REASON */
	"RECEIVED", /* RULES_FIELD_RECEIVED */
	"AMOUNT", /* RULES_FIELD_AMOUNT */
	"EVIDENCE", /* RULES_FIELD_EVIDENCE */
};

/*
 * Draws the request form for order_id with status; on a POST the user's
 * choices are kept; field/error place a message next to a field.
 */
static void
form_show(struct req *r, int64_t order_id, int status, const char *field,
    const char *error)
{
	const struct policy *p = NULL;
	struct tmpl_dict *d, *s;
	struct rules_order ro;
	struct rules_line rl;
	struct line_status st;
	struct order o;
	char token[FORM_TOKEN_SIZE], name[40], when[32], types[64];
	char text[256], money[32], amount[64];
	const char *v, *type = req_field(r, "type"), *reason;
	int64_t total = 0, eligible = 0;
	bool post = r->http.method == HTTP_POST;
	const char *want = fields_str(&r->query, "line");
	int64_t wanted = 0;
	size_t i, t;
	enum rc rc;

	rc = order_load(r->app->db, order_id, r->sess.user.id, &o);
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("Order not found"), N_("There is no order at this "
		    "address that you can see. Go back to your orders."));
		return;
	}
	if (rc != RC_OK ||
	    (rc = app_policy(r, &p)) != RC_OK ||
	    form_token_make(r->app->cfg.form_secret, r->sess.user.id, 0,
	    "open", r->now, token) != 0) {
		order_release(&o);
		if (rc == RC_NOTFOUND)
			page_error(r, 503, N_("Requests are closed"), N_("No return "
			    "policy is published yet. Try again later."));
		else
			page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set_int(d, "ORDER_ID", order_id);
	tmpl_set(d, "ORDER_NO", o.order_no);
	tmpl_set(d, "SHOP", o.shop_name);
	tmpl_set(d, "CURRENCY", req_currency(r, o.currency));
	snprintf(text, sizeof(text), tr(r, N_("paid %s")),
	    req_time(r, o.paid_at, when));
	tmpl_set(d, "PAID", text);
	tmpl_set(d, "TOKEN", token);
	snprintf(text, sizeof(text), tr(r, N_("under return policy version %d")),
	    (int)p->version);
	tmpl_set(d, "POLICY", text);
	snprintf(text, sizeof(text),
	    tr(r, N_("up to %d files of %d MB each (JPEG, PNG or WebP)")),
	    (int)p->evidence_max_files, (int)(p->evidence_max_bytes >> 20));
	tmpl_set(d, "PHOTO_LIMITS", text);
	order_rules(&o, &ro);
	for (i = 0; i < o.linesz; i++) {
		const struct order_line *ol = &o.lines[i];
		int64_t id = ol->id, qty = ol->quantity;

		s = tmpl_add_section(d, "LINE");
		tmpl_set_int(s, "ID", id);
		tmpl_set(s, "TITLE", ol->title);
		tmpl_set(s, "SKU", ol->sku);
		order_line_rules(ol, &rl);
		rules_line_status(p, &ro, &rl, r->now, &st);
		snprintf(amount, sizeof(amount), "%s %s",
		    req_currency(r, o.currency), cents_format(st.worth_cents,
		    money));
		snprintf(text, sizeof(text), tr(r, N_("up to %s")), amount);
		tmpl_set(s, "UP_TO", text);
		tmpl_set_int(s, "REFUNDABLE_CENTS", st.worth_cents);
		tmpl_set_int(s, "UNITS", qty);
		if (st.can == LINE_OPEN_CASE) {
			tmpl_set_int(tmpl_add_section(s, "OPEN_CASE"), "CASE",
			    ol->open_case_id);
			continue;
		}
		if (st.can != LINE_CAN_REQUEST) {
			tmpl_set(tmpl_add_section(s, "BLOCKED"), "WHY", tr(r,
			    buyer_line_words(st.can)));
			continue;
		}
		eligible++;
		total += st.worth_cents;
		s = tmpl_add_section(s, "CHOOSE");
		snprintf(name, sizeof(name), "line_%lld", (long long)id);
		tmpl_set(s, "NAME", name);
		if (post ? req_field(r, name) != NULL : o.linesz == 1 ||
		    (want != NULL && valid_id(want, &wanted) && wanted == id))
			tmpl_show(s, "CHECKED");
		snprintf(name, sizeof(name), "qty_%lld", (long long)id);
		tmpl_set(s, "QTY_NAME", name);
		v = post ? req_field(r, name) : NULL;
		for (t = 1; t <= (size_t)qty; t++) {
			struct tmpl_dict *q = tmpl_add_section(s, "QTY");

			tmpl_set_int(q, "N", (int64_t)t);
			/* What t units are worth, for desk.js: it does no sums. */
			tmpl_set_int(q, "WORTH_CENTS", money_share(st.worth_cents,
			    (int64_t)t, qty));
			if (v != NULL ? (size_t)atoll(v) == t : t == (size_t)qty)
				tmpl_show(q, "SELECTED");
		}
	}
	if (eligible == 0)
		tmpl_show(d, "NOTHING_ELIGIBLE");
	else
		tmpl_show(d, "FORM");
	for (t = 0; t < CASE__MAX; t++) {
		s = tmpl_add_section(d, "TYPE");
		tmpl_set(s, "VALUE", type_names[t]);
		tmpl_set(s, "LABEL", tr(r, words_type((enum case_type)t)));
		if (type != NULL ? strcmp(type, type_names[t]) == 0 : t == 0)
			tmpl_show(s, "CHECKED");
	}
	v = req_field(r, "received");
	tmpl_show(d, v != NULL && strcmp(v, "no") == 0 ? "RECEIVED_NO" :
	    "RECEIVED_YES");
	reason = req_field(r, "reason");
	for (i = 0; i < p->reasonsz; i++) {
		const struct policy_reason *pr = &p->reasons[i];

		s = tmpl_add_section(d, "REASON");
		tmpl_set(s, "CODE", pr->code);
		view_reason(r, s, pr);
		snprintf(text, sizeof(text),
		    tr(r, N_("Return shipping is paid by %s.")),
		    tr(r, pr->shipping_payer == PAYER_SELLER ? N_("the seller") :
		    N_("you")));
		tmpl_set(s, "PAYS", text);
		if (reason != NULL && strcmp(reason, pr->code) == 0)
			tmpl_show(s, "SELECTED");
		/* For desk.js: which kinds the reason allows, whether it needs photos. */
		snprintf(types, sizeof(types), "%s%s%s",
		    pr->allow_refund_only ? "refund_only " : "",
		    pr->allow_return_refund ? "return_refund " : "",
		    pr->allow_exchange ? "exchange" : "");
		tmpl_set(s, "TYPES", types);
		tmpl_set(s, "NEEDS_PHOTOS", pr->evidence_required ? "1" : "0");
	}
	v = req_field(r, "amount");
	if (v != NULL)
		tmpl_set(d, "AMOUNT", v);
	else if (eligible == 1)
		tmpl_set_cents(d, "AMOUNT", total);
	snprintf(text, sizeof(text), tr(r, N_("up to %s")),
	    cents_format(total, money));
	tmpl_set(d, "UP_TO_MAX", text);
	v = req_field(r, "description");
	tmpl_set(d, "DESCRIPTION", v != NULL ? v : "");
	if (error != NULL) {
		tmpl_set(tmpl_add_section(d, "FORM_ERROR"), "TEXT",
		    tr(r, error));
		if (field != NULL) {
			snprintf(name, sizeof(name), "%s_ERROR", field);
			tmpl_set(tmpl_add_section(d, name), "TEXT", tr(r, error));
		}
	}
	order_release(&o);
	page_send(r, status, N_("New request"), "buyer/case_new.tpl", d);
}

/*
 * /case/new?order=#[&line=#] (GET, POST, buyer): the request form for one
 * of the buyer's orders, with the line of line= (or the only line) chosen. POST fields: order, token, line_<id> (checked) with
 * qty_<id>, type, received (yes/no), reason, amount (empty: everything
 * refundable), description. 303 to the new case (also for a second
 * submit of the same form); 404 for an order that is not the buyer's;
 * 422 with the form, the input kept and the message next to the field;
 * 409 when another request took the items first; 500.
 */
/* The request form's fields; the lines come as line_<id> and qty_<id>. */
enum req_key {
	REQ_ORDER,
	REQ_TOKEN,
	REQ_TYPE,
	REQ_RECEIVED,
	REQ_REASON,
	REQ_AMOUNT,
	REQ_DESCRIPTION,
	REQ_PHOTOS,
	REQ__MAX
};

static const char *const received_names[] = { "yes", "no" };

static const struct form_spec request_form[REQ__MAX] = {
	{ "order", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Open a request from the list of your orders.") }, /* REQ_ORDER */
	{ "token", FORM_TEXT, true, 1, 128, false, NULL, 0,
	  N_("This form has expired. Reload the page and send it again.") },
	  /* REQ_TOKEN */
	{ "type", FORM_ENUM, true, 0, 0, false, type_names, CASE__MAX,
	  N_("Choose what you would like.") }, /* REQ_TYPE */
	{ "received", FORM_ENUM, false, 0, 0, false, received_names, 2,
	  N_("Say whether you received the goods.") }, /* REQ_RECEIVED */
	{ "reason", FORM_TEXT, true, 1, 64, false, NULL, 0,
	  N_("Choose a reason.") }, /* REQ_REASON */
	{ "amount", FORM_CENTS, false, 1, 0, false, NULL, 0,
	  N_("Enter the amount as a number such as 12.50.") }, /* REQ_AMOUNT */
	{ "description", FORM_TEXT, false, 0, 2000, true, NULL, 0,
	  N_("Keep the description under 2000 characters.") },
	  /* REQ_DESCRIPTION */
	{ "photos", FORM_FILES, false, 0, 0, false, NULL, 0,
	  N_("Choose fewer photos.") }, /* REQ_PHOTOS */
};

/* The place of each field's message on the form (see case_new.tpl). */
static const char *const request_places[REQ__MAX] = {
	"LINES", /* REQ_ORDER */
	"LINES", /* REQ_TOKEN */
	"TYPE", /* REQ_TYPE */
	"RECEIVED", /* REQ_RECEIVED */
	"REASON", /* REQ_REASON */
	"AMOUNT", /* REQ_AMOUNT */
	"DESCRIPTION", /* REQ_DESCRIPTION */
	"EVIDENCE", /* REQ_PHOTOS */
};

/*
 * The rules of case_open() (rules_check(), pure) on request rq for order o
 * as the page loaded it, with the number of photos the form carries, so
 * that a request the engine would refuse is refused before any photo is
 * decoded. The engine checks again under its locks. Returns true (or when
 * no policy is published: the engine says so), or false with *field and
 * *why.
 */
static bool
precheck(struct req *r, const struct order *o, const struct case_request *rq,
    enum rules_field *field, const char **why)
{
	struct rules_line rl[MAX_LINES];
	const struct field *fl = NULL;
	const struct policy *p;
	struct rules_request rr;
	struct rules_order ro;
	size_t i, j, files = 0;
	int64_t cap;

	if (app_policy(r, &p) != RC_OK)
		return true;
	while ((fl = form_files_next(&r->form, "photos", fl)) != NULL)
		files++;
	for (i = 0; i < rq->linesz; i++) {
		for (j = 0; j < o->linesz; j++)
			if (o->lines[j].id == rq->lines[i].order_line_id)
				break;
		assert(j < o->linesz);
		order_line_rules(&o->lines[j], &rl[i]);
		rl[i].quantity = rq->lines[i].quantity;
	}
	order_rules(o, &ro);
	memset(&rr, 0, sizeof(rr));
	rr.policy = p;
	rr.reason = policy_reason(p, rq->reason_code);
	rr.type = rq->type;
	rr.goods_received = rq->goods_received;
	rr.paid_at = ro.paid_at;
	rr.shipped_at = ro.shipped_at;
	rr.delivered_at = ro.delivered_at;
	rr.now = r->now;
	rr.evidence_count = files;
	rr.amount_cents = rq->amount_cents;
	rr.whole = rq->whole;
	rr.lines = rl;
	rr.linesz = rq->linesz;
	return rules_check(&rr, &cap, field, why);
}

/*
 * /case/new?order=#[&line=#] (GET, POST, buyer): the request form for one
 * of the buyer's orders, with the line of line= (or the only line) chosen.
 * POST fields (request_form): order, token, line_<id> (checked) with
 * qty_<id>, type, received (yes/no), reason, amount (empty: everything
 * refundable), description, photos. The cheap fields are checked first,
 * then the rules, and only then are photos decoded. 303 to the new case
 * (also for a second submit of the same form); 404 for an order that is
 * not the buyer's; 422 with the form, the input kept and the message next
 * to the field; 409 when another request took the items first; 500.
 */
void
buyer_case_new(struct req *r)
{
	struct case_line_req lines[MAX_LINES];
	struct form_value v[REQ__MAX];
	struct case_request rq;
	struct photos photos;
	struct order o;
	enum rules_field field;
	const char *why, *q;
	char name[40], *loc, msg[512];
	int64_t order = 0, id, qty;
	size_t i;
	enum rc rc;

	if (r->http.method == HTTP_GET) {
		q = fields_str(&r->query, "order");
		if (q == NULL || !valid_id(q, &order)) {
			page_error(r, 404, N_("Order not found"), N_("Open a request "
			    "from the list of your orders."));
			return;
		}
		form_show(r, order, 200, NULL, NULL);
		return;
	}
	form_check(&r->form, request_form, REQ__MAX, v);
	if (v[REQ_ORDER].state != FORM_OK) {
		page_error(r, 404, N_("Order not found"), N_("Open a request from the "
		    "list of your orders."));
		return;
	}
	order = v[REQ_ORDER].num;
	for (i = 0; i < REQ__MAX; i++)
		if (v[i].error != NULL && i != REQ_PHOTOS) {
			form_show(r, order, 422, request_places[i],
			    req_form_message(r, &v[i], msg, sizeof(msg)));
			return;
		}
	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = r->sess.user.id;
	rq.order_id = order;
	rq.form_token = v[REQ_TOKEN].raw;
	rq.type = (enum case_type)v[REQ_TYPE].num;
	rq.goods_received = v[REQ_RECEIVED].state != FORM_OK ||
	    v[REQ_RECEIVED].num == 0;
	rq.reason_code = v[REQ_REASON].raw;
	rq.amount_cents = v[REQ_AMOUNT].state == FORM_OK ? v[REQ_AMOUNT].num : 0;
	rq.description = v[REQ_DESCRIPTION].state == FORM_OK ?
	    v[REQ_DESCRIPTION].raw : NULL;
	rc = order_load(r->app->db, order, r->sess.user.id, &o);
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("Order not found"), N_("There is no order at this "
		    "address that you can see. Go back to your orders."));
		return;
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	for (i = 0; i < o.linesz && rq.linesz < MAX_LINES; i++) {
		id = o.lines[i].id;
		snprintf(name, sizeof(name), "line_%lld", (long long)id);
		if (req_field(r, name) == NULL)
			continue;
		snprintf(name, sizeof(name), "qty_%lld", (long long)id);
		q = req_field(r, name);
		/* A bad number is refused, never widened to the whole line. */
		if (q == NULL)
			qty = o.lines[i].quantity;
		else if (!valid_id(q, &qty) || qty > o.lines[i].quantity) {
			order_release(&o);
			form_show(r, order, 422, "LINES", N_("Choose between one "
			    "and the number of units you bought."));
			return;
		}
		lines[rq.linesz].order_line_id = id;
		lines[rq.linesz++].quantity = qty;
	}
	rq.lines = lines;
	/* An empty amount asks for everything the items are worth. */
	rq.whole = rq.amount_cents == 0;
	if (v[REQ_PHOTOS].error != NULL) {
		order_release(&o);
		form_show(r, order, 422, request_places[REQ_PHOTOS],
		    req_form_message(r, &v[REQ_PHOTOS], msg, sizeof(msg)));
		return;
	}
	if (!precheck(r, &o, &rq, &field, &why)) {
		order_release(&o);
		/* A second submit of a form that opened a case: that case. */
		rc = case_open_replayed(r->app->db, &r->app->cfg, rq.form_token,
		    rq.buyer_id, r->now, &id);
		if (rc == RC_OK) {
			loc = xasprintf("case/%lld", (long long)id);
			page_redirect(r, loc, "case_opened");
			free(loc);
		} else if (rc == RC_NOTFOUND)
			form_show(r, order, 422, field_names[field], why);
		else
			page_fail(r);
		return;
	}
	order_release(&o);
	memset(&photos, 0, sizeof(photos));
	if (v[REQ_PHOTOS].state == FORM_OK &&
	    photos_decode(r, "photos", &photos, msg, sizeof(msg)) != 0) {
		form_show(r, order, 422, request_places[REQ_PHOTOS], msg);
		return;
	}
	rq.photos = photos.photos;
	rq.photosz = photos.photosz;
	rc = case_open(r->app->db, &r->app->cfg, &rq, r->now, &id, &field,
	    &why);
	photos_release(&photos);
	switch (rc) {
	case RC_OK:
		loc = xasprintf("case/%lld", (long long)id);
		page_redirect(r, loc, "case_opened");
		free(loc);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("Order not found"), N_("There is no order at this "
		    "address that you can see. Go back to your orders."));
		break;
	case RC_INVALID:
		form_show(r, order, 422, field < RULES_FIELD__MAX ?
		    field_names[field] : NULL, why);
		break;
	case RC_CONFLICT:
		form_show(r, order, 409, "LINES", why);
		break;
	default:
		page_fail(r);
	}
}
