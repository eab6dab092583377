/* caseview.c: a case as a page shows it: its order lines, amounts, timeline and the actions open to the viewer. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "store/caseview.h"
#include "base/log.h"
#include "base/util.h"

/* A copy of a cell, or NULL for SQL NULL. */
static char *
dup_or_null(const struct db_res *r, size_t row, size_t col)
{
	return db_null(r, row, col) ? NULL : xstrdup(db_str(r, row, col));
}

/* The columns of SQL_CASE_VIEW. */
enum {
	CV_ID, CV_RMA_NO, CV_ORDER_ID, CV_ORDER_NO, CV_SHOP, CV_BUYER, CV_TYPE,
	CV_STATE, CV_REASON, CV_REQUESTED, CV_OFFERED, CV_APPROVED, CV_REFUNDED,
	CV_CURRENCY, CV_DEADLINE, CV_CREATED, CV_ATTEMPT, CV_POLICY_ID,
	CV_POLICY_VERSION, CV_MAX_ATTEMPTS, CV_DESCRIPTION, CV_ADDRESS,
	CV_CLOSE_REASON, CV_RECEIVED, CV_FAST_TRACKED, CV_BUYER_ID, CV_SHOP_ID,
	CV_REASON_EN, CV_REASON_ZH, CV_PAYER, CV__MAX
};

/* The columns of SQL_CASE_VIEW_LINES. */
enum {
	CL_LINE_ID, CL_TITLE, CL_SKU, CL_QUANTITY, CL_LINE_QUANTITY, CL_AMOUNT,
	CL_REFUNDED, CL_PAID, CL__MAX
};

/* The columns of SQL_CASE_VIEW_TIMELINE. */
enum {
	TL_AT, TL_ROLE, TL_NAME, TL_EVENT, TL_FROM, TL_TO, TL_AMOUNT, TL_NOTE,
	TL_RULE, TL_EVIDENCE, TL__MAX
};

/* The columns of a list of cases (SQL_BUYER_CASES_PAGE). */
enum {
	CR_ID, CR_RMA_NO, CR_TYPE, CR_STATE, CR_REQUESTED, CR_CURRENCY,
	CR_DEADLINE, CR_ORDER_NO, CR_WHO, CR__MAX
};

/* Then the cursor's key (created_at as yyyymmddhhmmss). */
#define CR_KEY	CR__MAX

enum rc
caseview_load(struct db *db, int64_t id, enum actor who, int64_t user_id,
    int64_t shop_id, struct caseview *v)
{
	struct db_res c, l, t;
	size_t i;
	enum rc rc;

	memset(v, 0, sizeof(*v));
	memset(&l, 0, sizeof(l));
	memset(&t, 0, sizeof(t));
	if ((rc = db_query(db, SQL_CASE_VIEW, &c, "i", id)) != RC_OK)
		goto out;
	if (c.rowsz == 0 || !case_visible(who, user_id, shop_id,
	    db_int(&c, 0, CV_BUYER_ID), db_int(&c, 0, CV_SHOP_ID))) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(c.colsz == CV__MAX);
	v->id = db_int(&c, 0, CV_ID);
	v->rma_no = xstrdup(db_str(&c, 0, CV_RMA_NO));
	v->order_id = db_int(&c, 0, CV_ORDER_ID);
	v->order_no = xstrdup(db_str(&c, 0, CV_ORDER_NO));
	v->shop_name = xstrdup(db_str(&c, 0, CV_SHOP));
	v->buyer_name = xstrdup(db_str(&c, 0, CV_BUYER));
	if (!case_type_from_name(db_str(&c, 0, CV_TYPE), &v->type) ||
	    !case_state_from_name(db_str(&c, 0, CV_STATE), &v->state)) {
		log_err("case %lld has an unknown type or state", (long long)id);
		rc = RC_DB;
		goto out;
	}
	v->reason_code = xstrdup(db_str(&c, 0, CV_REASON));
	v->requested_cents = db_int(&c, 0, CV_REQUESTED);
	v->offered_cents = db_int(&c, 0, CV_OFFERED);
	v->approved_cents = db_int(&c, 0, CV_APPROVED);
	v->refunded_cents = db_int(&c, 0, CV_REFUNDED);
	snprintf(v->currency, sizeof(v->currency), "%s", db_str(&c, 0, CV_CURRENCY));
	v->deadline_at = db_int(&c, 0, CV_DEADLINE);
	v->created_at = db_int(&c, 0, CV_CREATED);
	v->attempt = db_int(&c, 0, CV_ATTEMPT);
	v->policy_id = db_int(&c, 0, CV_POLICY_ID);
	v->policy_version = db_int(&c, 0, CV_POLICY_VERSION);
	v->max_attempts = db_int(&c, 0, CV_MAX_ATTEMPTS);
	v->description = dup_or_null(&c, 0, CV_DESCRIPTION);
	v->return_address = dup_or_null(&c, 0, CV_ADDRESS);
	if (db_null(&c, 0, CV_CLOSE_REASON) ||
	    !close_reason_from_name(db_str(&c, 0, CV_CLOSE_REASON), &v->close_reason))
		v->close_reason = CLOSE__MAX;
	v->goods_received = db_int(&c, 0, CV_RECEIVED) != 0;
	v->fast_tracked = db_int(&c, 0, CV_FAST_TRACKED) != 0;
	v->reason_en = xstrdup(db_str(&c, 0, CV_REASON_EN));
	v->reason_zh = xstrdup(db_str(&c, 0, CV_REASON_ZH));
	v->shipping_payer = xstrdup(db_str(&c, 0, CV_PAYER));
	if ((rc = db_query(db, SQL_CASE_VIEW_LINES, &l, "ii", id, id)) != RC_OK)
		goto out;
	assert(l.rowsz == 0 || l.colsz == CL__MAX);
	v->lines = xcalloc(l.rowsz, sizeof(*v->lines));
	v->linesz = l.rowsz;
	for (i = 0; i < l.rowsz; i++) {
		v->lines[i].order_line_id = db_int(&l, i, CL_LINE_ID);
		v->lines[i].title = xstrdup(db_str(&l, i, CL_TITLE));
		v->lines[i].sku = xstrdup(db_str(&l, i, CL_SKU));
		v->lines[i].quantity = db_int(&l, i, CL_QUANTITY);
		v->lines[i].line_quantity = db_int(&l, i, CL_LINE_QUANTITY);
		v->lines[i].amount_cents = db_int(&l, i, CL_AMOUNT);
		v->lines[i].refunded_cents = db_int(&l, i, CL_REFUNDED);
		v->lines[i].paid_cents = db_int(&l, i, CL_PAID);
	}
	if ((rc = db_query(db, SQL_CASE_VIEW_TIMELINE, &t, "i", id)) != RC_OK)
		goto out;
	assert(t.rowsz == 0 || t.colsz == TL__MAX);
	v->events = xcalloc(t.rowsz, sizeof(*v->events));
	v->eventsz = t.rowsz;
	for (i = 0; i < t.rowsz; i++) {
		struct caseview_event *e = &v->events[i];

		e->at = db_int(&t, i, TL_AT);
		e->actor_role = xstrdup(db_str(&t, i, TL_ROLE));
		e->actor_name = xstrdup(db_str(&t, i, TL_NAME));
		e->event = xstrdup(db_str(&t, i, TL_EVENT));
		e->from_state = xstrdup(db_str(&t, i, TL_FROM));
		e->to_state = xstrdup(db_str(&t, i, TL_TO));
		e->amount_cents = db_int(&t, i, TL_AMOUNT);
		e->note = dup_or_null(&t, i, TL_NOTE);
		e->rule = dup_or_null(&t, i, TL_RULE);
		e->evidence_ids = dup_or_null(&t, i, TL_EVIDENCE);
	}
	v->actionsz = machine_actions(v->type, v->state, who, v->actions,
	    EV__MAX);
out:
	db_res_release(&c);
	db_res_release(&l);
	db_res_release(&t);
	if (rc != RC_OK)
		caseview_release(v);
	return rc;
}

void
caseview_release(struct caseview *v)
{
	size_t i;

	for (i = 0; i < v->linesz; i++) {
		free(v->lines[i].title);
		free(v->lines[i].sku);
	}
	for (i = 0; i < v->eventsz; i++) {
		free(v->events[i].actor_role);
		free(v->events[i].actor_name);
		free(v->events[i].event);
		free(v->events[i].from_state);
		free(v->events[i].to_state);
		free(v->events[i].note);
		free(v->events[i].rule);
		free(v->events[i].evidence_ids);
	}
	free(v->lines);
	free(v->events);
	free(v->rma_no);
	free(v->order_no);
	free(v->shop_name);
	free(v->buyer_name);
	free(v->reason_code);
	free(v->reason_en);
	free(v->reason_zh);
	free(v->shipping_payer);
	free(v->description);
	free(v->return_address);
	memset(v, 0, sizeof(*v));
}

/*
 * Fills (*rows)[0..n) from the first n rows of res, a list of cases with
 * the CR_ columns. Returns RC_OK (free with caseview_rows_free()) or RC_DB
 * (nothing to free).
 */
static enum rc
caseview_fill(const struct db_res *r, size_t n, struct caseview_row **rows)
{
	struct caseview_row *q;
	size_t i;

	*rows = NULL;
	q = xcalloc(n + 1, sizeof(*q));
	for (i = 0; i < n; i++) {
		q[i].id = db_int(r, i, CR_ID);
		q[i].rma_no = xstrdup(db_str(r, i, CR_RMA_NO));
		if (!case_type_from_name(db_str(r, i, CR_TYPE), &q[i].type) ||
		    !case_state_from_name(db_str(r, i, CR_STATE), &q[i].state)) {
			log_err("case %lld has an unknown type or state",
			    (long long)q[i].id);
			caseview_rows_free(q, i + 1);
			return RC_DB;
		}
		q[i].requested_cents = db_int(r, i, CR_REQUESTED);
		snprintf(q[i].currency, sizeof(q[i].currency), "%s",
		    db_str(r, i, CR_CURRENCY));
		q[i].deadline_at = db_int(r, i, CR_DEADLINE);
		q[i].order_no = xstrdup(db_str(r, i, CR_ORDER_NO));
		q[i].who = xstrdup(db_str(r, i, CR_WHO));
	}
	*rows = q;
	return RC_OK;
}

enum rc
caseview_buyer_page(struct db *db, int64_t buyer_id, bool open,
    const struct cursor *after, size_t max, struct caseview_row **rows,
    size_t *rowsz, bool *more, struct cursor *last)
{
	const char *key = after->key;
	int64_t after_id = after->id;
	struct db_res res;
	size_t n;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	memset(last, 0, sizeof(*last));
	if (*key == '\0') {
		key = "99991231235959";
		after_id = INT64_MAX;
	}
	rc = db_query(db, SQL_BUYER_CASES_PAGE, &res, "iissii", buyer_id,
	    (int64_t)open, key, key, after_id, (int64_t)max + 1);
	if (rc != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == CR_KEY + 1);
	n = res.rowsz;
	if (n > max) {
		n = max;
		*more = true;
	}
	if ((rc = caseview_fill(&res, n, rows)) != RC_OK)
		goto out;
	*rowsz = n;
	if (n > 0) {
		snprintf(last->key, sizeof(last->key), "%s",
		    db_str(&res, n - 1, CR_KEY));
		last->id = (*rows)[n - 1].id;
	}
out:
	db_res_release(&res);
	return rc;
}

void
caseview_rows_free(struct caseview_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].rma_no);
		free(rows[i].order_no);
		free(rows[i].who);
	}
	free(rows);
}
