/* refund_store.c: the refund ledger as the platform's ledger page reads it. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/refund_store.h"

/* The columns of SQL_ADMINL_LEDGER_ALL and SQL_ADMINL_LEDGER_TAB. */
enum {
	RL_ID, RL_CASE_ID, RL_RMA_NO, RL_AMOUNT, RL_CURRENCY, RL_EXECUTOR,
	RL_STATUS, RL_ATTEMPTS, RL_LAST_ERROR, RL_CREATED, RL_SETTLED,
	RL_NEXT, RL_KEY, RL_POS, RL__MAX
};

enum rc
ledger_rows(struct db *db, enum ledger_view view, const struct cursor *after,
    struct ledger_row **rows, size_t *rowsz, bool *more)
{
	const char *key = cursor_first(after) ? "99991231235959" : after->key;
	int64_t id = cursor_first(after) ? INT64_MAX : after->id;
	struct db_res r;
	size_t i, n;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if (view == LEDGER_ALL)
		rc = db_query(db, SQL_ADMINL_LEDGER_ALL, &r, "ssi", key, key, id);
	else
		rc = db_query(db, SQL_ADMINL_LEDGER_TAB, &r, "issi",
		    (int64_t)view, key, key, id);
	if (rc != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == RL__MAX);
	*more = r.rowsz > LEDGER_PAGE;
	n = *more ? LEDGER_PAGE : r.rowsz;
	*rows = xcalloc(n + 1, sizeof(**rows));
	for (i = 0; i < n; i++) {
		struct ledger_row *l = &(*rows)[i];

		l->id = db_int(&r, i, RL_ID);
		l->case_id = db_int(&r, i, RL_CASE_ID);
		l->rma_no = xstrdup(db_str(&r, i, RL_RMA_NO));
		l->amount_cents = db_int(&r, i, RL_AMOUNT);
		snprintf(l->currency, sizeof(l->currency), "%s",
		    db_str(&r, i, RL_CURRENCY));
		l->executor = xstrdup(db_str(&r, i, RL_EXECUTOR));
		l->status = xstrdup(db_str(&r, i, RL_STATUS));
		l->attempts = db_int(&r, i, RL_ATTEMPTS);
		l->last_error = db_null(&r, i, RL_LAST_ERROR) ? NULL :
		    xstrdup(db_str(&r, i, RL_LAST_ERROR));
		l->created_at = db_int(&r, i, RL_CREATED);
		l->settled_at = db_int(&r, i, RL_SETTLED);
		l->next_attempt_at = db_int(&r, i, RL_NEXT);
		l->key = xstrdup(db_str(&r, i, RL_KEY));
		snprintf(l->pos.key, sizeof(l->pos.key), "%s",
		    db_str(&r, i, RL_POS));
		l->pos.id = l->id;
	}
	*rowsz = n;
out:
	db_res_release(&r);
	return rc;
}

void
ledger_rows_free(struct ledger_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].rma_no);
		free(rows[i].executor);
		free(rows[i].status);
		free(rows[i].last_error);
		free(rows[i].key);
	}
	free(rows);
}

/* The columns of SQL_ADMINL_STATS_* used here. */
enum { AS_K1, AS_K2, AS_REF, AS_SORT, AS_ORDERS, AS_CASES, AS_REFUNDED,
	AS_CENTS, AS__MAX = 12 };

enum rc
admin_stats_as_of(struct db *db, const char *part, time_t *as_of)
{
	struct db_res r;
	enum rc rc;

	*as_of = 0;
	if ((rc = db_query(db, SQL_ADMINL_AGG_AS_OF, &r, "s", part)) == RC_OK &&
	    r.rowsz > 0)
		*as_of = (time_t)db_int(&r, 0, 0);
	db_res_release(&r);
	return rc;
}

enum rc
ledger_totals(struct db *db, struct ledger_total **rows, size_t *rowsz,
    time_t *as_of)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = admin_stats_as_of(db, "ledger", as_of)) != RC_OK)
		return rc;
	if ((rc = db_query(db, SQL_ADMINL_STATS_KEYS, &r, "si", "refunds",
	    (int64_t)100)) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == AS__MAX);
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = 0; i < r.rowsz; i++) {
		struct ledger_total *t = &(*rows)[i];

		snprintf(t->status, sizeof(t->status), "%s",
		    db_str(&r, i, AS_K1));
		snprintf(t->currency, sizeof(t->currency), "%s",
		    db_str(&r, i, AS_K2));
		t->count = db_int(&r, i, AS_CASES);
		t->amount_cents = db_int(&r, i, AS_CENTS);
	}
	*rowsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

/* The columns of SQL_RECONCILE. */
enum { RR_PROBLEM, RR_ID, RR_VALUE, RR__MAX };

enum rc
reconcile_rows(struct db *db, struct reconcile_row **rows, size_t *rowsz)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = db_query(db, SQL_RECONCILE, &r, "")) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == RR__MAX);
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = 0; i < r.rowsz; i++) {
		(*rows)[i].problem = xstrdup(db_str(&r, i, RR_PROBLEM));
		(*rows)[i].id = db_int(&r, i, RR_ID);
		(*rows)[i].value = db_int(&r, i, RR_VALUE);
	}
	*rowsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

enum rc
reconcile_kept(struct db *db, struct reconcile_row **rows, size_t *rowsz,
    time_t *as_of)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = admin_stats_as_of(db, "reconcile", as_of)) != RC_OK)
		return rc;
	if ((rc = db_query(db, SQL_ADMINL_STATS_KEYS, &r, "si", "reconcile",
	    (int64_t)100)) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == AS__MAX);
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = 0; i < r.rowsz; i++) {
		(*rows)[i].problem = xstrdup(db_str(&r, i, AS_K1));
		(*rows)[i].id = db_int(&r, i, AS_REF);
		(*rows)[i].value = db_int(&r, i, AS_SORT);
	}
	*rowsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

void
reconcile_rows_free(struct reconcile_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++)
		free(rows[i].problem);
	free(rows);
}
