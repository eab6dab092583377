/* caseview.c: a case as a page shows it: its order lines, amounts, timeline and the actions open to the viewer. */
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
	    db_int(&c, 0, 25), db_int(&c, 0, 26))) {
		rc = RC_NOTFOUND;
		goto out;
	}
	v->id = db_int(&c, 0, 0);
	v->rma_no = xstrdup(db_str(&c, 0, 1));
	v->order_id = db_int(&c, 0, 2);
	v->order_no = xstrdup(db_str(&c, 0, 3));
	v->shop_name = xstrdup(db_str(&c, 0, 4));
	v->buyer_name = xstrdup(db_str(&c, 0, 5));
	if (!case_type_from_name(db_str(&c, 0, 6), &v->type) ||
	    !case_state_from_name(db_str(&c, 0, 7), &v->state)) {
		log_err("case %lld has an unknown type or state", (long long)id);
		rc = RC_DB;
		goto out;
	}
	v->reason_code = xstrdup(db_str(&c, 0, 8));
	v->requested_cents = db_int(&c, 0, 9);
	v->offered_cents = db_int(&c, 0, 10);
	v->approved_cents = db_int(&c, 0, 11);
	v->refunded_cents = db_int(&c, 0, 12);
	snprintf(v->currency, sizeof(v->currency), "%s", db_str(&c, 0, 13));
	v->deadline_at = db_int(&c, 0, 14);
	v->created_at = db_int(&c, 0, 15);
	v->attempt = db_int(&c, 0, 16);
	v->policy_id = db_int(&c, 0, 17);
	v->policy_version = db_int(&c, 0, 18);
	v->max_attempts = db_int(&c, 0, 19);
	v->description = dup_or_null(&c, 0, 20);
	v->return_address = dup_or_null(&c, 0, 21);
	if (db_null(&c, 0, 22) ||
	    !close_reason_from_name(db_str(&c, 0, 22), &v->close_reason))
		v->close_reason = CLOSE__MAX;
	v->goods_received = db_int(&c, 0, 23) != 0;
	v->fast_tracked = db_int(&c, 0, 24) != 0;
	v->reason_en = xstrdup(db_str(&c, 0, 27));
	v->reason_zh = xstrdup(db_str(&c, 0, 28));
	v->shipping_payer = xstrdup(db_str(&c, 0, 29));
	if ((rc = db_query(db, SQL_CASE_VIEW_LINES, &l, "i", id)) != RC_OK)
		goto out;
	v->lines = xcalloc(l.rowsz, sizeof(*v->lines));
	v->linesz = l.rowsz;
	for (i = 0; i < l.rowsz; i++) {
		v->lines[i].order_line_id = db_int(&l, i, 0);
		v->lines[i].title = xstrdup(db_str(&l, i, 1));
		v->lines[i].sku = xstrdup(db_str(&l, i, 2));
		v->lines[i].quantity = db_int(&l, i, 3);
		v->lines[i].line_quantity = db_int(&l, i, 4);
		v->lines[i].amount_cents = db_int(&l, i, 5);
		v->lines[i].refunded_cents = db_int(&l, i, 6);
		v->lines[i].paid_cents = db_int(&l, i, 7);
	}
	if ((rc = db_query(db, SQL_CASE_VIEW_TIMELINE, &t, "i", id)) != RC_OK)
		goto out;
	v->events = xcalloc(t.rowsz, sizeof(*v->events));
	v->eventsz = t.rowsz;
	for (i = 0; i < t.rowsz; i++) {
		struct caseview_event *e = &v->events[i];

		e->at = db_int(&t, i, 0);
		e->actor_role = xstrdup(db_str(&t, i, 1));
		e->actor_name = xstrdup(db_str(&t, i, 2));
		e->event = xstrdup(db_str(&t, i, 3));
		e->from_state = xstrdup(db_str(&t, i, 4));
		e->to_state = xstrdup(db_str(&t, i, 5));
		e->amount_cents = db_int(&t, i, 6);
		e->note = dup_or_null(&t, i, 7);
		e->rule = dup_or_null(&t, i, 8);
		e->evidence_ids = dup_or_null(&t, i, 9);
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

enum rc
caseview_rows(struct db *db, enum sql st, int64_t key,
    struct caseview_row **rows, size_t *rowsz)
{
	struct caseview_row *q;
	struct db_res res;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if (st == SQL_CASES_ESCALATED)
		rc = db_query(db, st, &res, "");
	else
		rc = db_query(db, st, &res, "i", key);
	if (rc != RC_OK)
		goto out;
	q = xcalloc(res.rowsz, sizeof(*q));
	for (i = 0; i < res.rowsz; i++) {
		q[i].id = db_int(&res, i, 0);
		q[i].rma_no = xstrdup(db_str(&res, i, 1));
		if (!case_type_from_name(db_str(&res, i, 2), &q[i].type) ||
		    !case_state_from_name(db_str(&res, i, 3), &q[i].state)) {
			log_err("case %lld has an unknown type or state",
			    (long long)q[i].id);
			caseview_rows_free(q, i + 1);
			rc = RC_DB;
			goto out;
		}
		q[i].requested_cents = db_int(&res, i, 4);
		snprintf(q[i].currency, sizeof(q[i].currency), "%s",
		    db_str(&res, i, 5));
		q[i].deadline_at = db_int(&res, i, 6);
		q[i].order_no = xstrdup(db_str(&res, i, 7));
		q[i].who = xstrdup(db_str(&res, i, 8));
	}
	*rows = q;
	*rowsz = res.rowsz;
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
