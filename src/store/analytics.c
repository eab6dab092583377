/* analytics.c: the platform's refund figures, read from the worker's daily aggregates: by shop, reason, product and month, compensation, the outcomes of fast-tracked and escalated cases, and the median times to decide and to close. */
#include <assert.h>
#include <stdlib.h>

#include "base/util.h"
#include "store/analytics.h"

/* The statement of each table. */
static const enum sql stats_sql[STATS__MAX] = {
	SQL_ADMIN2_STATS_SHOPS, /* STATS_SHOPS */
	SQL_ADMIN2_STATS_REASONS, /* STATS_REASONS */
	SQL_ADMIN2_STATS_MONTHS, /* STATS_MONTHS */
	SQL_ADMIN2_STATS_OUTCOMES, /* STATS_OUTCOMES */
	SQL_ADMIN2_STATS_SKUS, /* STATS_SKUS */
	SQL_ADMIN2_STATS_COMP, /* STATS_COMP */
};

/* The columns of SQL_ADMIN2_STATS_*. */
enum {
	ST_KEY, ST_KEY2, ST_ORDERS, ST_CASES, ST_REFUNDED, ST_CENTS, ST_FAST,
	ST_ESCALATED, ST_COMP, ST_COMP_CENTS, ST__MAX
};

enum rc
stats_rows(struct db *db, enum stats_table t, time_t since,
    struct stats_row **rows, size_t *rowsz)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	assert(t < STATS__MAX);
	*rows = NULL;
	*rowsz = 0;
	if (t == STATS_MONTHS || t == STATS_COMP)
		rc = db_query(db, stats_sql[t], &r, "t", since);
	else
		rc = db_query(db, stats_sql[t], &r, "");
	if (rc != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == ST__MAX);
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = 0; i < r.rowsz; i++) {
		struct stats_row *s = &(*rows)[i];

		s->key = xstrdup(db_str(&r, i, ST_KEY));
		s->key2 = xstrdup(db_str(&r, i, ST_KEY2));
		s->orders = db_int(&r, i, ST_ORDERS);
		s->cases = db_int(&r, i, ST_CASES);
		s->refunded = db_int(&r, i, ST_REFUNDED);
		s->refunded_cents = db_int(&r, i, ST_CENTS);
		s->fast = db_int(&r, i, ST_FAST);
		s->escalated = db_int(&r, i, ST_ESCALATED);
		s->comp_given = db_int(&r, i, ST_COMP);
		s->comp_cents = db_int(&r, i, ST_COMP_CENTS);
	}
	*rowsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

void
stats_rows_free(struct stats_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].key);
		free(rows[i].key2);
	}
	free(rows);
}

/*
 * The median is the middle value of the index, or the mean of the two
 * middle values (truncated), as PERCENTILE_CONT(0.5) would give it.
 */
enum rc
stats_median(struct db *db, bool decide, int64_t *secs, int64_t *n)
{
	struct db_res r;
	enum rc rc;

	*secs = *n = 0;
	if ((rc = db_query(db, decide ? SQL_ADMIN2_MEDIAN_COUNT_DECIDE :
	    SQL_ADMIN2_MEDIAN_COUNT_CLOSE, &r, "")) != RC_OK)
		goto out;
	*n = r.rowsz > 0 ? db_int(&r, 0, 0) : 0;
	db_res_release(&r);
	if (*n == 0)
		return RC_OK;
	if ((rc = db_query(db, decide ? SQL_ADMIN2_MEDIAN_AT_DECIDE :
	    SQL_ADMIN2_MEDIAN_AT_CLOSE, &r, "i", (*n - 1) / 2)) != RC_OK)
		goto out;
	if (r.rowsz > 0)
		*secs = *n % 2 == 1 || r.rowsz < 2 ? db_int(&r, 0, 0) :
		    (db_int(&r, 0, 0) + db_int(&r, 1, 0)) / 2;
out:
	db_res_release(&r);
	return rc;
}
