/* buyer-case.c: the buyer's cases: the list, the request form and the case page. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buyer.h"
#include "base/token.h"
#include "engine/cases.h"
#include "engine/token_use.h"
#include "pages/casepage.h"
#include "pages/caselist.h"
#include "pages/words.h"
#include "pages/photos.h"
#include "store/caseview.h"
#include "core/money.h"
#include "core/policy.h"
#include "store/held_store.h"
#include "store/orders.h"
#include "pages/view.h"

/* Most lines an order can have on the form. */
#define MAX_LINES	32

/*
 * /cases (GET, buyer): the buyer's cases, open first, newest first, by
 * keyset pages (query part=done, after=<cursor>; see caselist_send()).
 * 200, or 500.
 */
void
buyer_cases(struct req *r)
{
	caselist_send(r, N_("My cases"), "buyer/cases.tpl");
}

static const char *const type_names[CASE__MAX] = {
	"refund_only", /* CASE_REFUND_ONLY */
	"return_refund", /* CASE_RETURN_REFUND */
	"exchange", /* CASE_EXCHANGE */
};

/* The places of messages on the form (the *_ERROR sections of case_new.tpl). */
enum place {
	PLACE_LINES,
	PLACE_TYPE,
	PLACE_RECEIVED,
	PLACE_REASON,
	PLACE_AMOUNT,
	PLACE_DESCRIPTION,
	PLACE_EVIDENCE,
	PLACE_VARIANT,
	PLACE__MAX
};

static const char *const place_names[PLACE__MAX] = {
	"LINES", /* PLACE_LINES */
	"TYPE", /* PLACE_TYPE */
	"RECEIVED", /* PLACE_RECEIVED */
	"REASON", /* PLACE_REASON */
	"AMOUNT", /* PLACE_AMOUNT */
	"DESCRIPTION", /* PLACE_DESCRIPTION */
	"EVIDENCE", /* PLACE_EVIDENCE */
	"VARIANT", /* PLACE_VARIANT */
};

/* The place of each of the rules' refusals. */
static const enum place rules_places[RULES_FIELD__MAX] = {
	PLACE_LINES, /* RULES_FIELD_LINES */
	PLACE_TYPE, /* RULES_FIELD_TYPE */
	PLACE_REASON, /* RULES_FIELD_REASON */
	PLACE_RECEIVED, /* RULES_FIELD_RECEIVED */
	PLACE_AMOUNT, /* RULES_FIELD_AMOUNT */
	PLACE_EVIDENCE, /* RULES_FIELD_EVIDENCE */
};

/* The messages of one refused form, by place (NULL: none); msgids or text already in the reader's language. */
struct form_errors {
	const char	*text[PLACE__MAX];
	char		 buf[PLACE__MAX][512];	/* for formatted ones */
	size_t		 count;
};

/* Puts text at place p unless a message is there already. */
static void
errors_add(struct form_errors *e, enum place p, const char *text)
{
	if (text == NULL || e->text[p] != NULL)
		return;
	e->text[p] = text;
	e->count++;
}

/* A one-message form_errors for the engine's later refusals. */
static struct form_errors *
errors_one(struct form_errors *e, enum place p, const char *text)
{
	memset(e, 0, sizeof(*e));
	errors_add(e, p, text);
	return e;
}

/*
 * Tells whether reason pr of p admits some request for line rl of order
 * ro now (some kind, some answer to "did the goods arrive", photos where
 * it needs them), so that the form offers only reasons that fit; *types
 * gets the kinds it admits (bit 1 << case_type). Pure.
 */
static bool
reason_fits(const struct policy *p, const struct policy_reason *pr,
    const struct rules_order *ro, const struct rules_line *rl, time_t now,
    unsigned *types)
{
	struct rules_request rq;
	struct rules_line one;
	enum rules_field field;
	const char *why;
	int64_t cap;
	size_t t, g;

	for (t = 0; t < CASE__MAX; t++)
		for (g = 0; g < 2; g++) {
			one = *rl;
			one.quantity = rl->line_quantity;
			memset(&rq, 0, sizeof(rq));
			rq.policy = p;
			rq.reason = pr;
			rq.type = (enum case_type)t;
			rq.goods_received = g == 1;
			rq.paid_at = ro->paid_at;
			rq.shipped_at = ro->shipped_at;
			rq.delivered_at = ro->delivered_at;
			rq.expected_at = ro->expected_at;
			rq.now = now;
			rq.evidence_count = pr->evidence_required ? 1 : 0;
			rq.whole = true;
			rq.lines = &one;
			rq.linesz = 1;
			if (rules_check(&rq, &cap, &field, &why))
				*types |= 1u << t;
		}
	return *types != 0;
}

/*
 * Fills VARIANTS, the choice of an exchange's variant: one GROUP per line
 * of o with variant_options that has no open case, an OPTION per
 * variant, the one posted selected, and the field's error (errs).
 */
static void
fill_variants(struct req *r, struct tmpl_dict *d, const struct order *o,
    const struct form_errors *errs)
{
	struct tmpl_dict *vs = NULL, *g, *op;
	const char *chosen = req_field(r, "variant"), *p, *end;
	char one[129];
	size_t i, n;

	for (i = 0; i < o->linesz; i++) {
		const struct order_line *ol = &o->lines[i];

		if (ol->variant_options == NULL || ol->open_case_id != 0)
			continue;
		if (vs == NULL) {
			vs = tmpl_add_section(d, "VARIANTS");
			if (errs != NULL && errs->text[PLACE_VARIANT] != NULL)
				tmpl_set(tmpl_add_section(vs, "VARIANT_ERROR"),
				    "TEXT", tr(r, errs->text[PLACE_VARIANT]));
		}
		g = tmpl_add_section(vs, "GROUP");
		tmpl_set(g, "LABEL", ol->title);
		for (p = ol->variant_options; *p != '\0'; p = end + 1) {
			end = strchr(p, '\n');
			n = end != NULL ? (size_t)(end - p) : strlen(p);
			if (n > 0 && p[n - 1] == '\r')
				n--;
			if (n > 0 && n < sizeof(one)) {
				memcpy(one, p, n);
				one[n] = '\0';
				op = tmpl_add_section(g, "OPTION");
				tmpl_set(op, "VALUE", one);
				if (ol->variant != NULL &&
				    strcmp(ol->variant, one) == 0)
					tmpl_set(tmpl_add_section(op, "BOUGHT"),
					    "TEXT", tr(r, N_("(the one you have)")));
				if (chosen != NULL && strcmp(chosen, one) == 0)
					tmpl_show(op, "SELECTED");
			}
			if (end == NULL)
				break;
		}
	}
}

/*
 * Draws the request form for order_id with status; on a POST the user's
 * choices are kept, the form's token too (so that the photos held for it,
 * held, are found again), and errs places every message next to its
 * field.
 */
static void
form_show(struct req *r, int64_t order_id, int status,
    const struct form_errors *errs, const struct held *held)
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
	bool post = r->http.method == HTTP_POST, typed = false;
	const char *want = fields_str(&r->query, "line");
	int64_t wanted = 0, wanted_worth = -1;
	unsigned fit[64], fits = 0;
	const char *posted = post ? req_field(r, "token") : NULL, *bad;
	size_t i, t;
	enum rc rc;

	memset(fit, 0, sizeof(fit));
	rc = order_load(r->app->db, order_id, r->sess.user.id, &o);
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("Order not found"), N_("There is no order at this "
		    "address that you can see. Go back to your orders."));
		return;
	}
	if (rc != RC_OK ||
	    (rc = app_policy(r, &p)) != RC_OK ||
	    page_form_token(r, 0, "open", token) != 0) {
		posted = NULL;
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
	/* A retry keeps its token: the photos held for it are found again. */
	tmpl_set(d, "TOKEN", posted != NULL && strlen(posted) < sizeof(token) &&
	    token_use_check(&r->app->cfg, posted, r->sess.user.id, 0, "open",
	    r->now, &bad) == RC_OK ? posted : token);
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
		for (t = 0; t < p->reasonsz && t < 64; t++)
			if (reason_fits(p, &p->reasons[t], &ro, &rl, r->now,
			    &fit[t]))
				fits |= fit[t];
		s = tmpl_add_section(s, "CHOOSE");
		buyer_line_item(s, ol);
		snprintf(name, sizeof(name), "line_%lld", (long long)id);
		tmpl_set(s, "NAME", name);
		if (post ? req_field(r, name) != NULL : o.linesz == 1 ||
		    (want != NULL && valid_id(want, &wanted) && wanted == id)) {
			tmpl_show(s, "CHECKED");
			/* The line of the orders page's link: what it is worth. */
			if (!post && wanted == id)
				wanted_worth = st.worth_cents;
		}
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
	fill_variants(r, d, &o, errs);
	if (eligible == 0)
		tmpl_show(d, "NOTHING_ELIGIBLE");
	else
		tmpl_show(d, "FORM");
	for (t = 0; t < CASE__MAX; t++) {
		/* Only the kinds some fitting reason allows (and one chosen). */
		if (!(fits & (1u << t)) && (type == NULL ||
		    strcmp(type, type_names[t]) != 0) && eligible > 0)
			continue;
		s = tmpl_add_section(d, "TYPE");
		tmpl_set(s, "VALUE", type_names[t]);
		tmpl_set(s, "LABEL", tr(r, words_type((enum case_type)t)));
		if (type != NULL ? strcmp(type, type_names[t]) == 0 : !typed)
			tmpl_show(s, "CHECKED");
		typed = true;
	}
	/* "Received" defaults from the order's delivery state. */
	v = req_field(r, "received");
	tmpl_show(d, (v != NULL ? strcmp(v, "no") == 0 : o.delivered_at == 0) ?
	    "RECEIVED_NO" : "RECEIVED_YES");
	reason = req_field(r, "reason");
	for (i = 0; i < p->reasonsz; i++) {
		const struct policy_reason *pr = &p->reasons[i];
		bool chosen = reason != NULL && strcmp(reason, pr->code) == 0;

		/* Only the reasons that fit the order now (and one chosen). */
		if (eligible > 0 && !chosen && (i >= 64 || fit[i] == 0))
			continue;
		s = tmpl_add_section(d, "REASON");
		tmpl_set(s, "CODE", pr->code);
		view_reason(r, s, pr);
		snprintf(text, sizeof(text),
		    tr(r, N_("Return shipping is paid by %s.")),
		    tr(r, pr->shipping_payer == PAYER_SELLER ? N_("the seller") :
		    N_("you")));
		tmpl_set(s, "PAYS", text);
		tmpl_set(s, "PHOTOS", tr(r, pr->evidence_required ?
		    N_("Photos of the problem are needed.") :
		    N_("No photos are needed.")));
		if (chosen)
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
	else if (wanted_worth >= 0)
		tmpl_set_cents(d, "AMOUNT", wanted_worth);
	else if (eligible == 1)
		tmpl_set_cents(d, "AMOUNT", total);
	snprintf(text, sizeof(text), tr(r, N_("up to %s")),
	    cents_format(total, money));
	tmpl_set(d, "UP_TO_MAX", text);
	v = req_field(r, "description");
	tmpl_set(d, "DESCRIPTION", v != NULL ? v : "");
	if (errs != NULL && errs->count > 0) {
		for (i = 0; i < PLACE__MAX && errs->text[i] == NULL; i++)
			;
		if (errs->count == 1)
			tmpl_set(tmpl_add_section(d, "FORM_ERROR"), "TEXT",
			    tr(r, errs->text[i]));
		else {
			snprintf(text, sizeof(text), tr(r, N_("Fix the %d problems "
			    "marked below.")), (int)errs->count);
			tmpl_set(tmpl_add_section(d, "FORM_ERROR"), "TEXT", text);
		}
		for (i = 0; i < PLACE__MAX; i++) {
			if (errs->text[i] == NULL)
				continue;
			snprintf(name, sizeof(name), "%s_ERROR", place_names[i]);
			tmpl_set(tmpl_add_section(d, name), "TEXT",
			    tr(r, errs->text[i]));
		}
	}
	if (held != NULL && held->filesz > 0) {
		struct tmpl_dict *h = tmpl_add_section(d, "HAS_HELD");

		for (i = 0; i < held->filesz; i++) {
			s = tmpl_add_section(h, "HELD");
			tmpl_set_int(s, "ID", held->files[i].id);
			tmpl_set(s, "NAME", held->files[i].name);
		}
	} else if (errs != NULL && errs->text[PLACE_EVIDENCE] != NULL)
		tmpl_show(d, "CHOOSE_AGAIN");
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
	REQ_VARIANT,
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
	{ "variant", FORM_TEXT, false, 1, 128, false, NULL, 0,
	  N_("Choose the variant you want from the list.") }, /* REQ_VARIANT */
};

/* The place of each field's message on the form (see case_new.tpl). */
static const enum place request_places[REQ__MAX] = {
	PLACE_LINES, /* REQ_ORDER */
	PLACE_LINES, /* REQ_TOKEN */
	PLACE_TYPE, /* REQ_TYPE */
	PLACE_RECEIVED, /* REQ_RECEIVED */
	PLACE_REASON, /* REQ_REASON */
	PLACE_AMOUNT, /* REQ_AMOUNT */
	PLACE_DESCRIPTION, /* REQ_DESCRIPTION */
	PLACE_EVIDENCE, /* REQ_PHOTOS */
	PLACE_VARIANT, /* REQ_VARIANT */
};

/*
 * The rules of case_open() (rules_check(), pure) on request rq for order o
 * as the page loaded it, with photos the number of photos it would carry,
 * so that a request the engine would refuse is refused before any photo
 * is decoded (the engine checks again under its locks). Adds the first
 * refusal to e, and an amount over what the items are worth when that was
 * not it, so the buyer sees both at once. Returns true (also when no
 * policy is published: the engine says so), or false.
 */
static bool
precheck(struct req *r, const struct order *o, const struct case_request *rq,
    size_t photos, struct form_errors *e)
{
	struct rules_line rl[MAX_LINES];
	const struct policy *p;
	struct rules_request rr;
	struct rules_order ro;
	enum rules_field field;
	const char *why;
	size_t i, j;
	int64_t cap;

	if (app_policy(r, &p) != RC_OK)
		return true;
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
	rr.reason = rq->reason_code != NULL ? policy_reason(p,
	    rq->reason_code) : NULL;
	rr.type = rq->type;
	rr.goods_received = rq->goods_received;
	rr.paid_at = ro.paid_at;
	rr.shipped_at = ro.shipped_at;
	rr.delivered_at = ro.delivered_at;
	rr.expected_at = ro.expected_at;
	rr.now = r->now;
	rr.evidence_count = photos;
	rr.amount_cents = rq->amount_cents;
	rr.whole = rq->whole;
	rr.lines = rl;
	rr.linesz = rq->linesz;
	if (rules_check(&rr, &cap, &field, &why))
		return true;
	errors_add(e, rules_places[field], why);
	if (field != RULES_FIELD_AMOUNT && cap > 0 && !rq->whole &&
	    rq->type != CASE_EXCHANGE && rq->amount_cents > cap)
		errors_add(e, PLACE_AMOUNT, N_("The amount is more than what can "
		    "be refunded for these items."));
	return false;
}

/*
 * Sets rq->variant to want when it is in the list of a chosen line of o
 * that has variants; true then, or when no chosen line has any (want is
 * ignored); false when a chosen line has variants and want is not one.
 */
static bool
exchange_variant(const struct order *o, struct case_request *rq,
    const char *want)
{
	bool any = false;
	size_t i, j;

	rq->variant = NULL;
	for (i = 0; i < rq->linesz; i++)
		for (j = 0; j < o->linesz; j++) {
			if (o->lines[j].id != rq->lines[i].order_line_id ||
			    o->lines[j].variant_options == NULL)
				continue;
			any = true;
			if (variant_listed(o->lines[j].variant_options, want))
				rq->variant = want;
		}
	return !any || rq->variant != NULL;
}

/*
 * Holds the photos the form carried, as sent, under its token for the
 * retry (none are decoded), within the policy's number of files, and
 * reloads h with all that is held for the form. Returns RC_OK (also for a
 * form without a valid token: nothing is held) or RC_DB.
 */
static enum rc
hold(struct req *r, const struct case_request *rq, struct held *h)
{
	const struct field *fl = NULL;
	const struct policy *p;
	const char *why;
	size_t n;
	enum rc rc;

	if (rq->form_token == NULL || token_use_check(&r->app->cfg,
	    rq->form_token, rq->buyer_id, 0, "open", r->now, &why) != RC_OK)
		return RC_OK;
	if ((rc = app_policy(r, &p)) != RC_OK)
		return rc == RC_NOTFOUND ? RC_OK : rc;
	n = h->filesz;
	while ((fl = form_files_next(&r->form, "photos", fl)) != NULL &&
	    (int64_t)n < p->evidence_max_files) {
		if (fl->valuesz == 0)
			continue;
		if ((rc = held_put(r->app->db, rq->form_token, rq->buyer_id,
		    fl->filename != NULL && *fl->filename != '\0' ?
		    fl->filename : "photo", fl->value, fl->valuesz, r->now)) !=
		    RC_OK)
			return rc;
		n++;
	}
	held_release(h);
	return held_get(r->app->db, rq->form_token, rq->buyer_id, h);
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
	struct photos_held kept[MAX_LINES];
	struct form_value v[REQ__MAX];
	struct form_errors errs, one;
	struct case_request rq;
	struct photos photos;
	struct held held;
	struct order o;
	const struct field *fl = NULL;
	enum rules_field field;
	const char *why, *q;
	char name[40], *loc;
	int64_t order = 0, id, qty;
	size_t i, keptsz = 0, files = 0;
	bool passed;
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
	memset(&errs, 0, sizeof(errs));
	memset(&held, 0, sizeof(held));
	memset(&photos, 0, sizeof(photos));
	/* Every field's own message at once, next to it. */
	for (i = 0; i < REQ__MAX; i++)
		if (v[i].error != NULL)
			errors_add(&errs, request_places[i], req_form_message(r,
			    &v[i], errs.buf[request_places[i]],
			    sizeof(errs.buf[0])));
	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = r->sess.user.id;
	rq.order_id = order;
	rq.form_token = v[REQ_TOKEN].state == FORM_OK ? v[REQ_TOKEN].raw : NULL;
	rq.type = v[REQ_TYPE].state == FORM_OK ?
	    (enum case_type)v[REQ_TYPE].num : CASE__MAX;
	rq.goods_received = v[REQ_RECEIVED].state != FORM_OK ||
	    v[REQ_RECEIVED].num == 0;
	rq.reason_code = v[REQ_REASON].state == FORM_OK ? v[REQ_REASON].raw :
	    NULL;
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
			errors_add(&errs, PLACE_LINES, N_("Choose between one and "
			    "the number of units you bought."));
			continue;
		}
		lines[rq.linesz].order_line_id = id;
		lines[rq.linesz++].quantity = qty;
	}
	rq.lines = lines;
	/* An exchange of a line with variants names one from its list. */
	if (rq.type == CASE_EXCHANGE &&
	    !exchange_variant(&o, &rq, v[REQ_VARIANT].state == FORM_OK ?
	    v[REQ_VARIANT].raw : NULL))
		errors_add(&errs, PLACE_VARIANT, N_("Choose the variant you want "
		    "from the list."));
	/* An empty amount asks for everything the items are worth. */
	rq.whole = rq.amount_cents == 0;
	/* The photos held from an earlier try of this form, those still kept. */
	if (rq.form_token != NULL && token_use_check(&r->app->cfg,
	    rq.form_token, rq.buyer_id, 0, "open", r->now, &why) == RC_OK &&
	    held_get(r->app->db, rq.form_token, rq.buyer_id, &held) != RC_OK) {
		order_release(&o);
		page_fail(r);
		return;
	}
	for (i = 0; i < held.filesz && keptsz < MAX_LINES; i++) {
		snprintf(name, sizeof(name), "keep_%lld",
		    (long long)held.files[i].id);
		if (req_field(r, name) == NULL)
			continue;
		kept[keptsz].name = held.files[i].name;
		kept[keptsz].data = held.files[i].data;
		kept[keptsz++].datasz = held.files[i].datasz;
	}
	while ((fl = form_files_next(&r->form, "photos", fl)) != NULL)
		files++;
	passed = rq.type < CASE__MAX && rq.linesz > 0 ?
	    precheck(r, &o, &rq, keptsz + files, &errs) : false;
	if (!passed && rq.linesz == 0)
		errors_add(&errs, PLACE_LINES, N_("Choose at least one item of "
		    "the order."));
	order_release(&o);
	if (errs.count > 0) {
		/* A second submit of a form that opened a case: that case. */
		rc = case_open_replayed(r->app->db, &r->app->cfg, rq.form_token,
		    rq.buyer_id, r->now, &id);
		if (rc == RC_OK) {
			loc = xasprintf("case/%lld", (long long)id);
			page_redirect(r, loc, "case_opened");
			free(loc);
			goto out;
		}
		if (rc != RC_NOTFOUND || hold(r, &rq, &held) != RC_OK) {
			page_fail(r);
			goto out;
		}
		form_show(r, order, 422, &errs, &held);
		goto out;
	}
	if (photos_decode_held(r, "photos", kept, keptsz, &photos,
	    errs.buf[PLACE_EVIDENCE], sizeof(errs.buf[0])) != 0) {
		form_show(r, order, 422, errors_one(&one, PLACE_EVIDENCE,
		    errs.buf[PLACE_EVIDENCE]), NULL);
		goto out;
	}
	rq.photos = photos.photos;
	rq.photosz = photos.photosz;
	rc = case_open(r->app->db, &r->app->cfg, &rq, r->now, &id, &field,
	    &why);
	switch (rc) {
	case RC_OK:
		/* Only when an earlier try held photos: one statement less. */
		if (rq.form_token != NULL && held.filesz > 0)
			(void)held_drop(r->app->db, rq.form_token, rq.buyer_id);
		loc = xasprintf("case/%lld", (long long)id);
		page_redirect(r, loc, "case_opened");
		free(loc);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("Order not found"), N_("There is no order at this "
		    "address that you can see. Go back to your orders."));
		break;
	case RC_INVALID:
		if (hold(r, &rq, &held) != RC_OK) {
			page_fail(r);
			break;
		}
		form_show(r, order, 422, errors_one(&one, field < RULES_FIELD__MAX ?
		    rules_places[field] : PLACE_LINES, why), &held);
		break;
	case RC_CONFLICT:
		form_show(r, order, 409, errors_one(&one, PLACE_LINES, why), NULL);
		break;
	default:
		page_fail(r);
	}
out:
	photos_release(&photos);
	held_release(&held);
}
