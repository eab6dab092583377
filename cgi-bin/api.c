/* api.c: api.fcgi, the JSON API of the shops at /api/v1/ (docs/API.md): orders in, cases out, seller decisions in, with per-shop keys, idempotency keys and rate limits. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <json-c/json.h>

#include "base/auth.h"
#include "base/clock.h"
#include "base/config.h"
#include "base/jsonw.h"
#include "base/log.h"
#include "base/util.h"
#include "core/machine.h"
#include "core/orderin.h"
#include "engine/cases.h"
#include "engine/import.h"
#include "store/api_store.h"
#include "store/caseview.h"
#include "store/db.h"
#include "web/form.h"
#include "web/http.h"

#define API_PREFIX	"/api/v1/"
#define API_MAX_BODY	(1024 * 1024)
#define API_PAGE_MAX	100

/* What lives for the process. */
struct api {
	struct config	 cfg;
	struct db	*db;
};

/* One request. */
struct areq {
	struct api	*api;
	struct http_req	 http;
	struct apikey	 key;
	const char	*path;	/* below API_PREFIX */
	time_t		 now;
	struct buf	 out;	/* the JSON answer */
	int		 status;
};

/* Answers status with the JSON body in r->out. */
static void
send_json(struct areq *r, int status)
{
	r->status = status;
	http_header(&r->http, "Cache-Control", "no-store");
	http_send(&r->http, status, "application/json; charset=utf-8",
	    r->out.data, r->out.len);
}

/* Puts an error body {"error":{"code","message"}} in r->out and sets its status. */
static void
api_error(struct areq *r, int status, const char *code, const char *msg)
{
	int first = 1;

	r->out.len = 0;
	buf_puts(&r->out, "{\"error\":{");
	jsonw_key(&r->out, "code", &first);
	jsonw_str(&r->out, code);
	jsonw_key(&r->out, "message", &first);
	jsonw_str(&r->out, msg);
	buf_puts(&r->out, "}}");
	r->status = status;
}

/* Maps an engine or store failure to an error. */
static void
api_fail(struct areq *r, enum rc rc)
{
	if (rc == RC_DB && db_unavailable(r->api->db)) {
		http_header(&r->http, "Retry-After", "5");
		api_error(r, 503, "unavailable", "The database is out of reach; "
		    "try again shortly.");
	} else
		api_error(r, 500, "internal", "Something failed on our side; it "
		    "was logged.");
}

static void
j_int(struct buf *b, const char *k, int64_t v, int *first)
{
	jsonw_key(b, k, first);
	buf_printf(b, "%" PRId64, v);
}

/* An amount that may be absent (-1). */
static void
j_cents(struct buf *b, const char *k, int64_t v, int *first)
{
	jsonw_key(b, k, first);
	if (v < 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "%" PRId64, v);
}

static void
j_str(struct buf *b, const char *k, const char *v, int *first)
{
	jsonw_key(b, k, first);
	jsonw_str(b, v);
}

static void
j_time(struct buf *b, const char *k, time_t t, int *first)
{
	jsonw_key(b, k, first);
	jsonw_time(b, t);
}

/* Writes the members of a case summary row (SQL_API_CASES columns). */
static void
case_summary(struct buf *b, const struct db_res *res, size_t i, int *first)
{
	j_int(b, "id", db_int(res, i, 0), first);
	j_str(b, "rma_no", db_str(res, i, 1), first);
	j_str(b, "order_no", db_str(res, i, 2), first);
	j_str(b, "state", db_str(res, i, 3), first);
	j_str(b, "type", db_str(res, i, 4), first);
	j_str(b, "reason", db_str(res, i, 5), first);
	j_int(b, "requested_cents", db_int(res, i, 6), first);
	j_cents(b, "offered_cents", db_int(res, i, 7), first);
	j_cents(b, "approved_cents", db_int(res, i, 8), first);
	j_int(b, "refunded_cents", db_int(res, i, 9), first);
	j_str(b, "currency", db_str(res, i, 10), first);
	j_time(b, "deadline_at", (time_t)db_int(res, i, 11), first);
	j_time(b, "created_at", (time_t)db_int(res, i, 12), first);
	j_time(b, "updated_at", (time_t)db_int(res, i, 13), first);
	j_str(b, "buyer", db_str(res, i, 14), first);
}

/*
 * GET cases?state=&updated_since=&after=&limit=: the key's shop's cases,
 * newest first, keyset paging by id ("after" = the next_after of the page
 * before). 200, or 422 for a bad filter.
 */
static void
send_cases(struct areq *r)
{
	struct fields q = { 0 };
	struct db_res res = { 0 };
	const char *state, *since, *after, *limit;
	enum case_state st;
	time_t since_t = 0;
	int64_t after_id = INT64_MAX, lim = 50;
	char *end;
	size_t i;
	int first;
	enum rc rc;

	if (form_parse_urlencoded(r->http.query, strlen(r->http.query), &q) !=
	    RC_OK) {
		api_error(r, 400, "bad_query", "The query string is malformed.");
		goto out;
	}
	state = fields_str(&q, "state");
	since = fields_str(&q, "updated_since");
	after = fields_str(&q, "after");
	limit = fields_str(&q, "limit");
	if (state != NULL && *state != '\0' && !case_state_from_name(state, &st)) {
		api_error(r, 422, "bad_field", "state is not a case state.");
		goto out;
	}
	if (since != NULL && *since != '\0' && orderin_time(since, &since_t)) {
		api_error(r, 422, "bad_field", "updated_since is not a time such "
		    "as 2026-11-01T10:00:00Z.");
		goto out;
	}
	if (after != NULL && *after != '\0' && ((after_id = strtoll(after, &end,
	    10)) < 1 || *end != '\0')) {
		api_error(r, 422, "bad_field", "after is not a case id.");
		goto out;
	}
	if (limit != NULL && *limit != '\0' && ((lim = strtoll(limit, &end,
	    10)) < 1 || lim > API_PAGE_MAX || *end != '\0')) {
		api_error(r, 422, "bad_field", "limit is a number from 1 to 100.");
		goto out;
	}
	if (state != NULL && *state != '\0')
		rc = db_query(r->api->db, SQL_API_CASES_STATE, &res, "iitsi",
		    r->key.shop_id, after_id, since_t, state, lim);
	else
		rc = db_query(r->api->db, SQL_API_CASES, &res, "iiti",
		    r->key.shop_id, after_id, since_t, lim);
	if (rc != RC_OK) {
		api_fail(r, rc);
		goto out;
	}
	buf_puts(&r->out, "{\"cases\":[");
	for (i = 0; i < res.rowsz; i++) {
		first = 1;
		buf_puts(&r->out, i ? ",{" : "{");
		case_summary(&r->out, &res, i, &first);
		buf_puts(&r->out, "}");
	}
	buf_puts(&r->out, "],\"next_after\":");
	if (res.rowsz == (size_t)lim)
		buf_printf(&r->out, "%" PRId64, db_int(&res, res.rowsz - 1, 0));
	else
		buf_puts(&r->out, "null");
	buf_puts(&r->out, "}");
	r->status = 200;
out:
	db_res_release(&res);
	fields_release(&q);
}

/*
 * Finds case ref (an id or an RMA number) among the key's shop's cases and
 * writes it whole (lines, timeline, the actions open to the seller).
 * Returns RC_OK (r->out filled, status 200), RC_NOTFOUND, or an error.
 */
static enum rc
case_write(struct areq *r, const char *ref, int64_t *id_out)
{
	struct db_res res = { 0 };
	struct caseview v;
	struct buf *b = &r->out;
	int64_t id;
	size_t i;
	int first = 1, f2;
	enum rc rc;

	id = strtoll(ref, NULL, 10);
	if ((rc = db_query(r->api->db, SQL_API_CASE_SHOP, &res, "iis",
	    r->key.shop_id, id, ref)) != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	id = db_int(&res, 0, 0);
	if (id_out != NULL)
		*id_out = id;
	if ((rc = caseview_load(r->api->db, id, ACTOR_SELLER, r->key.user_id,
	    r->key.shop_id, &v)) != RC_OK)
		goto out;
	b->len = 0;
	buf_puts(b, "{");
	case_summary(b, &res, 0, &first);
	j_str(b, "description", v.description, &first);
	j_str(b, "return_address", v.return_address, &first);
	jsonw_key(b, "goods_received", &first);
	buf_puts(b, v.goods_received ? "true" : "false");
	jsonw_key(b, "fast_tracked", &first);
	buf_puts(b, v.fast_tracked ? "true" : "false");
	jsonw_key(b, "lines", &first);
	buf_puts(b, "[");
	for (i = 0; i < v.linesz; i++) {
		f2 = 1;
		buf_puts(b, i ? ",{" : "{");
		j_int(b, "order_line_id", v.lines[i].order_line_id, &f2);
		j_str(b, "sku", v.lines[i].sku, &f2);
		j_str(b, "title", v.lines[i].title, &f2);
		j_int(b, "quantity", v.lines[i].quantity, &f2);
		j_int(b, "amount_cents", v.lines[i].amount_cents, &f2);
		j_int(b, "paid_cents", v.lines[i].paid_cents, &f2);
		j_int(b, "refunded_cents", v.lines[i].refunded_cents, &f2);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	jsonw_key(b, "timeline", &first);
	buf_puts(b, "[");
	for (i = 0; i < v.eventsz; i++) {
		f2 = 1;
		buf_puts(b, i ? ",{" : "{");
		j_time(b, "at", v.events[i].at, &f2);
		j_str(b, "actor_role", v.events[i].actor_role, &f2);
		j_str(b, "actor", v.events[i].actor_name, &f2);
		j_str(b, "event", v.events[i].event, &f2);
		j_str(b, "from_state", *v.events[i].from_state ?
		    v.events[i].from_state : NULL, &f2);
		j_str(b, "to_state", v.events[i].to_state, &f2);
		j_cents(b, "amount_cents", v.events[i].amount_cents, &f2);
		j_str(b, "note", v.events[i].note, &f2);
		j_str(b, "rule", v.events[i].rule, &f2);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	jsonw_key(b, "actions", &first);
	buf_puts(b, "[");
	for (i = 0; i < v.actionsz; i++) {
		if (i)
			buf_puts(b, ",");
		jsonw_str(b, case_event_name(v.actions[i]));
	}
	buf_puts(b, "]}");
	caseview_release(&v);
	r->status = 200;
out:
	db_res_release(&res);
	return rc;
}

/* GET cases/REF: one case with its lines and timeline; 200 or 404. */
static void
send_case(struct areq *r, const char *ref)
{
	enum rc rc = case_write(r, ref, NULL);

	if (rc == RC_NOTFOUND)
		api_error(r, 404, "not_found", "No case of your shop has this id "
		    "or number.");
	else if (rc != RC_OK)
		api_fail(r, rc);
}

/* The events a seller may send through the API. */
static const enum case_event api_events[] = {
	EV_APPROVE_REFUND, EV_APPROVE_RETURN, EV_REJECT, EV_OFFER,
	EV_CONFIRM_RECEIPT, EV_REFUSE_RECEIPT, EV_SHIP_REPLACEMENT, EV_MESSAGE,
};

/* String member k of o, or NULL; sets *bad when it is there but no string. */
static const char *
jget_str(struct json_object *o, const char *k, bool *bad)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || v == NULL)
		return NULL;
	if (!json_object_is_type(v, json_type_string)) {
		*bad = true;
		return NULL;
	}
	return json_object_get_string(v);
}

static int64_t
jget_int(struct json_object *o, const char *k, bool *bad)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_int)) {
		*bad = true;
		return 0;
	}
	return json_object_get_int64(v);
}

/*
 * POST cases/REF/actions with {"action": EVENT, "expect_state", "note",
 * "amount_cents", "refusal", "carrier", "waybill", "address_id",
 * "compensation": {"kind", "value_cents", "coupon_code", "description"}}:
 * the seller's decision through case_act(), the same engine as the pages.
 * 200 with the case, 400, 404, 409, 422.
 */
static void
post_action(struct areq *r, const char *ref, struct json_object *body)
{
	struct case_action a;
	struct case_compensation comp;
	struct json_object *cj;
	struct db_res res = { 0 };
	const char *name, *why = NULL, *kind;
	enum case_event ev;
	bool bad = false, allowed = false;
	int64_t id;
	size_t i;
	enum rc rc;

	memset(&a, 0, sizeof(a));
	name = jget_str(body, "action", &bad);
	if (name == NULL || !case_event_from_name(name, &ev)) {
		api_error(r, 422, "bad_action", "action must be one of "
		    "approve_refund, approve_return, reject, offer, "
		    "confirm_receipt, refuse_receipt, ship_replacement, message.");
		return;
	}
	for (i = 0; i < sizeof(api_events) / sizeof(api_events[0]); i++)
		allowed |= api_events[i] == ev;
	if (!allowed) {
		api_error(r, 422, "bad_action", "This action is not the "
		    "seller's.");
		return;
	}
	a.ev = ev;
	a.who = ACTOR_SELLER;
	a.actor_id = r->key.user_id;
	a.actor_shop_id = r->key.shop_id;
	a.expect_state = jget_str(body, "expect_state", &bad);
	a.note = jget_str(body, "note", &bad);
	a.amount_cents = jget_int(body, "amount_cents", &bad);
	a.refusal = jget_str(body, "refusal", &bad);
	a.carrier = jget_str(body, "carrier", &bad);
	a.waybill = jget_str(body, "waybill", &bad);
	a.address_id = jget_int(body, "address_id", &bad);
	if (json_object_object_get_ex(body, "compensation", &cj) && cj != NULL &&
	    machine_event_needs(ev, EVF_COMPENSATION) != NEED_NONE) {
		memset(&comp, 0, sizeof(comp));
		kind = jget_str(cj, "kind", &bad);
		if (kind == NULL || !comp_kind_from_name(kind, &comp.kind)) {
			api_error(r, 422, "bad_field", "compensation.kind is not a "
			    "kind of compensation.");
			return;
		}
		comp.value_cents = jget_int(cj, "value_cents", &bad);
		comp.coupon_code = jget_str(cj, "coupon_code", &bad);
		comp.description = jget_str(cj, "description", &bad);
		a.comp = &comp;
	}
	if (bad) {
		api_error(r, 422, "bad_field", "A field has the wrong type: texts "
		    "are strings, amounts whole cents.");
		return;
	}
	if (!case_action_carries(&a, 0, &why)) {
		api_error(r, 422, "bad_field", why);
		return;
	}
	/* The case must be the key's shop's; case_act() checks again. */
	id = strtoll(ref, NULL, 10);
	if ((rc = db_query(r->api->db, SQL_API_CASE_SHOP, &res, "iis",
	    r->key.shop_id, id, ref)) != RC_OK) {
		db_res_release(&res);
		api_fail(r, rc);
		return;
	}
	if (res.rowsz == 0) {
		db_res_release(&res);
		api_error(r, 404, "not_found", "No case of your shop has this id "
		    "or number.");
		return;
	}
	id = db_int(&res, 0, 0);
	db_res_release(&res);
	rc = case_act(r->api->db, &r->api->cfg, id, &a, r->now, &why);
	switch (rc) {
	case RC_OK:
		{
			char idbuf[32];

			snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
			if ((rc = case_write(r, idbuf, NULL)) != RC_OK)
				api_fail(r, rc);
		}
		break;
	case RC_NOTFOUND:
		api_error(r, 404, "not_found", "No case of your shop has this id "
		    "or number.");
		break;
	case RC_CONFLICT:
		api_error(r, 409, "conflict", why != NULL ? why : "Someone else "
		    "changed this case first; nothing was done.");
		break;
	case RC_DENIED:
		api_error(r, 422, "not_allowed", why != NULL ? why : "This action "
		    "is not open in the case's state.");
		break;
	case RC_INVALID:
		api_error(r, 422, "invalid", why != NULL ? why : "The action "
		    "breaks a rule of the policy.");
		break;
	default:
		api_fail(r, rc);
	}
}

/*
 * POST orders with one order (docs/IMPORT.md; "shop" may be left out: the
 * key's shop): imported like a line of deskctl import orders. 201 created,
 * 200 updated or unchanged, 422 refused with the import's code.
 */
static void
post_order(struct areq *r)
{
	struct orderin o;
	struct orderin_err e;
	struct importer im;
	struct import_result res;
	struct json_object *root;
	const char *text = r->http.body;
	char *patched = NULL;
	int first = 1;
	enum rc rc;

	/* Without "shop", the order is the key's shop's. */
	root = json_tokener_parse(text);
	if (root != NULL && json_object_is_type(root, json_type_object) &&
	    !json_object_object_get_ex(root, "shop", NULL)) {
		json_object_object_add(root, "shop",
		    json_object_new_string(r->key.shop));
		patched = xstrdup(json_object_to_json_string_ext(root,
		    JSON_C_TO_STRING_PLAIN));
		text = patched;
	}
	json_object_put(root);
	if (orderin_from_json(&o, text, strlen(text), &e) != 0) {
		api_error(r, strcmp(e.code, "bad_json") == 0 ? 400 : 422, e.code,
		    e.msg);
		goto out;
	}
	importer_init(&im, r->key.shop_id);
	rc = import_batch(r->api->db, &im, &o, 1, &res, r->now);
	importer_release(&im);
	if (rc != RC_OK) {
		if (db_unavailable(r->api->db))
			api_fail(r, rc);
		else
			api_error(r, 422, "db_refused", "The database refused the "
			    "order.");
		goto out;
	}
	if (res.outcome == IMPORT_REFUSED) {
		api_error(r, 422, res.code, res.msg);
		goto out;
	}
	r->out.len = 0;
	buf_puts(&r->out, "{");
	j_str(&r->out, "result", import_outcome_names[res.outcome], &first);
	j_int(&r->out, "order_id", res.order_id, &first);
	j_str(&r->out, "order_no", o.order_no, &first);
	j_str(&r->out, "notes", res.msg[0] ? res.msg : NULL, &first);
	buf_puts(&r->out, "}");
	r->status = res.outcome == IMPORT_CREATED ? 201 : 200;
out:
	orderin_release(&o);
	free(patched);
}

/* GET me: the key's shop and limits. */
static void
send_me(struct areq *r)
{
	int first = 1;

	buf_puts(&r->out, "{");
	j_int(&r->out, "key_id", r->key.id, &first);
	j_int(&r->out, "shop_id", r->key.shop_id, &first);
	j_str(&r->out, "shop", r->key.shop, &first);
	j_int(&r->out, "rate_per_min", r->key.rate_per_min, &first);
	buf_puts(&r->out, "}");
	r->status = 200;
}

/* Whether s is a usable idempotency key: 1 to 128 printable ASCII characters. */
static bool
idem_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 128)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return false;
	return true;
}

/* Runs a POST: body, idempotency key (stored answer replayed), then fn. */
static void
post(struct areq *r, const char *ref, bool need_idem)
{
	const char *idem = http_param(&r->http, "HTTP_IDEMPOTENCY_KEY");
	struct json_object *body = NULL;
	unsigned char sha[32];
	struct buf h = { 0 };
	char *stored = NULL;
	int status;
	enum rc rc;

	rc = http_read_body(&r->http, API_MAX_BODY);
	if (rc == RC_TOOBIG) {
		api_error(r, 413, "body_too_large", "The body is over 1 MiB.");
		return;
	}
	if (rc != RC_OK || r->http.body == NULL) {
		api_error(r, 400, "bad_json", "The body is missing.");
		return;
	}
	if (*idem == '\0' && need_idem) {
		api_error(r, 400, "idempotency_key_required", "Send an "
		    "Idempotency-Key header with every decision.");
		return;
	}
	if (*idem != '\0' && !idem_ok(idem)) {
		api_error(r, 400, "bad_idempotency_key", "The Idempotency-Key is "
		    "1 to 128 printable ASCII characters.");
		return;
	}
	if (*idem != '\0') {
		buf_printf(&h, "POST %s\n", r->http.path);
		buf_add(&h, r->http.body, r->http.bodysz);
		auth_sha256(h.data, h.len, sha);
		buf_release(&h);
		rc = api_idem_get(r->api->db, r->key.id, idem, sha, &status,
		    &stored);
		if (rc == RC_OK) {
			r->out.len = 0;
			buf_puts(&r->out, stored);
			free(stored);
			r->status = status;
			http_header(&r->http, "Idempotent-Replayed", "true");
			return;
		}
		if (rc == RC_CONFLICT) {
			api_error(r, 422, "idempotency_key_reused", "This "
			    "Idempotency-Key was used for another request.");
			return;
		}
		if (rc != RC_NOTFOUND) {
			api_fail(r, rc);
			return;
		}
	}
	if (ref == NULL)
		post_order(r);
	else {
		body = json_tokener_parse(r->http.body);
		if (body == NULL || !json_object_is_type(body, json_type_object))
			api_error(r, 400, "bad_json", "The body is not a JSON "
			    "object.");
		else
			post_action(r, ref, body);
		json_object_put(body);
	}
	/* Answers that settle the request are kept for a replay. */
	if (*idem != '\0' && r->status < 500 && r->status != 409 &&
	    r->status != 429) {
		buf_add(&r->out, "", 1);
		r->out.len--;
		(void)api_idem_put(r->api->db, r->key.id, idem, sha, r->status,
		    r->out.data, r->now);
	}
}

/* Checks the key and the rate, then routes. */
static void
dispatch(struct areq *r)
{
	const char *auth = http_param(&r->http, "HTTP_AUTHORIZATION");
	const char *p, *slash;
	char ref[64], ra[32];
	int64_t retry;
	enum rc rc;

	if (strncmp(r->http.path, API_PREFIX, strlen(API_PREFIX)) != 0) {
		api_error(r, 404, "not_found", "No such endpoint.");
		return;
	}
	r->path = r->http.path + strlen(API_PREFIX);
	if (strncmp(auth, "Bearer ", 7) != 0) {
		http_header(&r->http, "WWW-Authenticate", "Bearer");
		api_error(r, 401, "unauthorized", "Send your API key as "
		    "Authorization: Bearer KEY.");
		return;
	}
	rc = apikey_check(r->api->db, auth + 7, &r->key);
	if (rc == RC_NOTFOUND || rc == RC_DENIED) {
		http_header(&r->http, "WWW-Authenticate", "Bearer");
		api_error(r, 401, rc == RC_DENIED ? "key_revoked" : "invalid_key",
		    rc == RC_DENIED ? "This key was revoked (or its seller or "
		    "shop disabled)." : "This key is not known.");
		return;
	}
	if (rc != RC_OK) {
		api_fail(r, rc);
		return;
	}
	rc = api_rate_hit(r->api->db, &r->key, r->now, &retry);
	if (rc == RC_DENIED) {
		snprintf(ra, sizeof(ra), "%" PRId64, retry);
		http_header(&r->http, "Retry-After", ra);
		api_error(r, 429, "rate_limited", "Too many requests for this key "
		    "in this minute; wait for Retry-After seconds.");
		return;
	}
	if (rc != RC_OK) {
		api_fail(r, rc);
		return;
	}
	p = r->path;
	if (strcmp(p, "me") == 0 || strcmp(p, "cases") == 0) {
		if (r->http.method != HTTP_GET)
			goto method;
		if (*p == 'm')
			send_me(r);
		else
			send_cases(r);
		return;
	}
	if (strcmp(p, "orders") == 0) {
		if (r->http.method != HTTP_POST)
			goto method;
		post(r, NULL, false);
		return;
	}
	if (strncmp(p, "cases/", 6) == 0) {
		p += 6;
		slash = strchr(p, '/');
		if ((slash == NULL ? strlen(p) : (size_t)(slash - p)) >=
		    sizeof(ref) || *p == '\0' || *p == '/')
			goto notfound;
		snprintf(ref, sizeof(ref), "%.*s", slash == NULL ?
		    (int)strlen(p) : (int)(slash - p), p);
		if (slash == NULL) {
			if (r->http.method != HTTP_GET)
				goto method;
			send_case(r, ref);
			return;
		}
		if (strcmp(slash, "/actions") == 0) {
			if (r->http.method != HTTP_POST)
				goto method;
			post(r, ref, true);
			return;
		}
	}
notfound:
	api_error(r, 404, "not_found", "No such endpoint.");
	return;
method:
	api_error(r, 405, "method_not_allowed", "This endpoint takes another "
	    "method.");
}

int
main(void)
{
	struct api api;
	struct areq r;
	unsigned char rnd[4];
	char incident[17], *err = NULL;

	memset(&api, 0, sizeof(api));
	if (config_load(NULL, &api.cfg, &err) != 0)
		goto fail;
	auth_crypto_init(*api.cfg.db_host != '\0');
	/* Statements prepare on first use (db.c); deskctl check-config prepares them all. */
	if ((api.db = db_open(&api.cfg, 0, &err)) == NULL)
		goto fail;
	if (http_init() != 0)
		return 1;
	memset(&r, 0, sizeof(r));
	while (http_accept(&r.http) == 0) {
		r.api = &api;
		clock_load_offset(api.cfg.clock_offset_file);
		r.now = clock_now();
		r.status = 0;
		r.out.len = 0;
		if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
			memset(rnd, 0, sizeof(rnd));
		snprintf(incident, sizeof(incident), "%02x%02x%02x%02x", rnd[0],
		    rnd[1], rnd[2], rnd[3]);
		log_set_incident(incident);
		dispatch(&r);
		if (r.status == 0)
			api_error(&r, 500, "internal", "No answer was made.");
		send_json(&r, r.status);
		http_finish(&r.http);
		log_clear();
	}
	buf_release(&r.out);
	db_free(api.db);
	config_release(&api.cfg);
	return 0;
fail:
	fprintf(stderr, "api.fcgi: fatal: %s\n", err);
	free(err);
	db_free(api.db);
	return 1;
}
