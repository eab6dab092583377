/* analytics.c: the platform's refund figures: by shop, by reason, by month, the outcomes of fast-tracked and escalated cases, and the median time to close. */
#include <assert.h>
#include <stdlib.h>

#include "base/util.h"
#include "store/analytics.h"

/* The statement of each table. */
static const enum sql stats_sql[STATS__MAX] = {
	SQL_ADMIN_STATS_SHOPS, /* STATS_SHOPS */
	SQL_ADMIN_STATS_REASONS, /* STATS_REASONS */
	SQL_ADMIN_STATS_MONTHS, /* STATS_MONTHS */
	SQL_ADMIN_STATS_OUTCOMES, /* STATS_OUTCOMES */
};

/* The columns of SQL_ADMIN_STATS_* but the median. */
enum { ST_KEY, ST_KEY2, ST_ORDERS, ST_CASES, ST_REFUNDED, ST_CENTS, ST__MAX };

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
	if (t == STATS_MONTHS)
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

enum rc
stats_median_close(struct db *db, int64_t *secs)
{
	struct db_res r;
	enum rc rc;

	*secs = 0;
	if ((rc = db_query(db, SQL_ADMIN_STATS_MEDIAN, &r, "")) == RC_OK &&
	    r.rowsz == 1)
		*secs = (int64_t)strtod(db_str(&r, 0, 0), NULL);
	db_res_release(&r);
	return rc;
}
