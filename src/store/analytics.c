/* analytics.c: the platform's refund figures, read from the worker's daily aggregates: by shop, reason, product and month, compensation, the outcomes of fast-tracked and escalated cases, and the median times to decide and to close. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/analytics.h"

/* The name of each table in admin_stats (sql/016; engine/aggregates.c fills it). */
static const char *const stats_tbl[STATS__MAX] = {
	"shops", /* STATS_SHOPS */
	"reasons", /* STATS_REASONS */
	"months", /* STATS_MONTHS */
	"outcomes", /* STATS_OUTCOMES */
	"skus", /* STATS_SKUS */
	"months", /* STATS_COMP: the months with compensation given */
};

/* The columns of SQL_ADMINL_STATS_*. */
enum {
	ST_K1, ST_K2, ST_REF, ST_SORT, ST_ORDERS, ST_CASES, ST_REFUNDED,
	ST_CENTS, ST_FAST, ST_ESCALATED, ST_COMP, ST_COMP_CENTS, ST__MAX
};

enum rc
stats_rows(struct db *db, enum stats_table t, time_t since, int64_t after,
    size_t limit, struct stats_row **rows, size_t *rowsz, bool *more)
{
	struct db_res r;
	struct tm tm;
	char month[32];
	size_t i, n;
	enum rc rc;

	assert(t < STATS__MAX);
	*rows = NULL;
	*rowsz = 0;
	*more = false;
	switch (t) {
	case STATS_SHOPS:	/* by name: sort_n is minus the rank */
		rc = db_query(db, SQL_ADMINL_STATS_RANKED, &r, "sii", "shops",
		    -after, (int64_t)limit + 1);
		break;
	case STATS_REASONS:
	case STATS_SKUS:
		rc = db_query(db, SQL_ADMINL_STATS_TOP, &r, "si",
		    stats_tbl[t], (int64_t)limit);
		break;
	case STATS_MONTHS:
	case STATS_COMP:
		gmtime_r(&since, &tm);
		snprintf(month, sizeof(month), "%04d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1);
		rc = db_query(db, SQL_ADMINL_STATS_FROM, &r, "ssi", "months",
		    month, (int64_t)limit);
		break;
	default:
		rc = db_query(db, SQL_ADMINL_STATS_KEYS, &r, "si",
		    stats_tbl[t], (int64_t)limit);
		break;
	}
	if (rc != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == ST__MAX);
	*more = t == STATS_SHOPS && r.rowsz > limit;
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = n = 0; i < r.rowsz && i < limit; i++) {
		struct stats_row *s = &(*rows)[n];

		if (t == STATS_COMP && db_int(&r, i, ST_COMP) == 0)
			continue;
		s->key = xstrdup(db_str(&r, i, ST_K1));
		s->key2 = xstrdup(db_str(&r, i, ST_K2));
		s->rank = -db_int(&r, i, ST_SORT);
		s->orders = db_int(&r, i, ST_ORDERS);
		s->cases = db_int(&r, i, ST_CASES);
		s->refunded = db_int(&r, i, ST_REFUNDED);
		s->refunded_cents = db_int(&r, i, ST_CENTS);
		s->fast = db_int(&r, i, ST_FAST);
		s->escalated = db_int(&r, i, ST_ESCALATED);
		s->comp_given = db_int(&r, i, ST_COMP);
		s->comp_cents = db_int(&r, i, ST_COMP_CENTS);
		n++;
	}
	*rowsz = n;
out:
	db_res_release(&r);
	return rc;
}

enum rc
stats_median_kept(struct db *db, bool decide, int64_t *secs, int64_t *n)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*secs = *n = 0;
	if ((rc = db_query(db, SQL_ADMINL_STATS_KEYS, &r, "si", "median",
	    (int64_t)10)) == RC_OK)
		for (i = 0; i < r.rowsz; i++)
			if (strcmp(db_str(&r, i, ST_K1), decide ? "decide" :
			    "close") == 0) {
				*secs = db_int(&r, i, ST_SORT);
				*n = db_int(&r, i, ST_CASES);
			}
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
