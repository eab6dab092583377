/* aggregates.c: the platform analytics' daily aggregates and case durations, kept up to date by the worker from the timeline (every change of a case writes a timeline row, so the rows after a mark name every case changed since). */
#include <stdint.h>
#include <time.h>

#include "engine/aggregates.h"

/*
 * How far back each pass reads again besides the new rows: a transaction
 * can commit its timeline row after one with a higher id was read, and
 * its case is then caught by the next pass that has new rows.
 */
#define OVERLAP	1000

/* One pass: its results. */
struct agg {
	bool	 more;
};

/* Transaction body of aggregates_pass(). */
static enum rc
agg_txn(struct db *db, void *arg)
{
	struct agg *t = arg;
	struct db_res r, days;
	int64_t from, upto, back;
	time_t day;
	size_t i;
	enum rc rc;

	t->more = false;
	if ((rc = db_query(db, SQL_ADMIN2_AGG_MARK_LOCK, &r, "")) != RC_OK)
		return rc;
	from = r.rowsz > 0 ? db_int(&r, 0, 0) : -1;
	db_res_release(&r);
	if (from < 0)
		return RC_OK;	/* a schema without the mark: nothing to keep */
	if ((rc = db_query(db, SQL_ADMIN2_AGG_UPTO, &r, "i", from)) != RC_OK)
		return rc;
	upto = r.rowsz > 0 ? db_int(&r, 0, 0) : 0;
	db_res_release(&r);
	if (upto <= from)
		return RC_OK;
	back = from > OVERLAP ? from - OVERLAP : 0;
	if ((rc = db_query(db, SQL_ADMIN2_AGG_DAYS, &days, "ii", back,
	    upto)) != RC_OK)
		return rc;
	for (i = 0; i < days.rowsz && rc == RC_OK; i++) {
		day = (time_t)db_int(&days, i, 0);
		if ((rc = db_exec(db, SQL_ADMIN2_AGG_DAY_CLEAR, NULL, "t",
		    day)) == RC_OK)
			rc = db_exec(db, SQL_ADMIN2_AGG_DAY_FILL, NULL, "ttt",
			    day, day, day);
	}
	db_res_release(&days);
	if (rc == RC_OK)
		rc = db_exec(db, SQL_ADMIN2_AGG_DURATIONS, NULL, "ii", back,
		    upto);
	if (rc == RC_OK)
		rc = db_exec(db, SQL_ADMIN2_AGG_MARK_SET, NULL, "i", upto);
	t->more = rc == RC_OK;
	return rc;
}

enum rc
aggregates_pass(struct db *db, bool *more)
{
	struct agg t = { false };
	enum rc rc;

	rc = db_txn(db, agg_txn, &t);
	if (more != NULL)
		*more = rc == RC_OK && t.more;
	return rc;
}

/* ---- admin-lists (issue 12): begin ---- */
#include <stdlib.h>

#include "store/analytics.h"
#include "store/refund_store.h"

/* How often the worker refills each part of admin_stats (seconds). */
#define ADMIN_LEDGER_EVERY	60
#define ADMIN_ANALYTICS_EVERY	600
#define ADMIN_RECONCILE_EVERY	3600

/* One refill: which part, when, whether forced. */
struct admin_agg {
	const char	*part;	/* "ledger", "analytics" or "reconcile" */
	time_t		 now;
	bool		 force;
};

/* The ledger's part: refund totals by status and currency, open cases by policy. */
static enum rc
admin_fill_ledger(struct db *db)
{
	enum rc rc;

	if ((rc = db_exec(db, SQL_ADMINL_AGG_CLEAR, NULL, "s", "refunds")) !=
	    RC_OK ||
	    (rc = db_exec(db, SQL_ADMINL_AGG_REFUNDS, NULL, "")) != RC_OK ||
	    (rc = db_exec(db, SQL_ADMINL_AGG_CLEAR, NULL, "s",
	    "policy_open")) != RC_OK)
		return rc;
	return db_exec(db, SQL_ADMINL_AGG_POLICY_OPEN, NULL, "");
}

/* The reconciliation's part (deskctl reconcile's query: every line and case). */
static enum rc
admin_fill_reconcile(struct db *db)
{
	struct reconcile_row *p;
	size_t i, pn;
	enum rc rc;

	if ((rc = db_exec(db, SQL_ADMINL_AGG_CLEAR, NULL, "s", "reconcile")) !=
	    RC_OK || (rc = reconcile_rows(db, &p, &pn)) != RC_OK)
		return rc;
	for (i = 0; i < pn && i < 100 && rc == RC_OK; i++)
		rc = db_exec(db, SQL_ADMINL_AGG_RECONCILE_ADD, NULL, "sii",
		    p[i].problem, p[i].id, p[i].value);
	reconcile_rows_free(p, pn);
	return rc;
}

/* The analytics' part: the tables from daily_case_stats, the medians. */
static enum rc
admin_fill_analytics(struct db *db)
{
	static const char *const tables[] = { "shops", "reasons", "skus",
	    "months", "outcomes", "median" };
	static const enum sql fills[] = { SQL_ADMINL_AGG_SHOPS,
	    SQL_ADMINL_AGG_REASONS, SQL_ADMINL_AGG_SKUS, SQL_ADMINL_AGG_MONTHS,
	    SQL_ADMINL_AGG_OUTCOMES };
	int64_t secs, n;
	size_t i;
	enum rc rc = RC_OK;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]) && rc == RC_OK; i++)
		rc = db_exec(db, SQL_ADMINL_AGG_CLEAR, NULL, "s", tables[i]);
	for (i = 0; i < sizeof(fills) / sizeof(fills[0]) && rc == RC_OK; i++)
		rc = db_exec(db, fills[i], NULL, "");
	for (i = 0; i < 2 && rc == RC_OK; i++)
		if ((rc = stats_median(db, i == 0, &secs, &n)) == RC_OK)
			rc = db_exec(db, SQL_ADMINL_AGG_MEDIAN_ADD, NULL, "sii",
			    i == 0 ? "decide" : "close", secs, n);
	return rc;
}

/* Transaction body of admin_aggregates_pass(): one part, under its as_of row's lock. */
static enum rc
admin_agg_txn(struct db *db, void *arg)
{
	const struct admin_agg *a = arg;
	struct db_res r;
	time_t last, every;
	enum rc rc;

	if ((rc = db_query(db, SQL_ADMINL_AGG_LOCK, &r, "s", a->part)) !=
	    RC_OK)
		return rc;
	if (r.rowsz == 0) {
		db_res_release(&r);
		return RC_OK;	/* another worker is refilling it now */
	}
	last = (time_t)db_int(&r, 0, 0);
	db_res_release(&r);
	every = a->part[0] == 'l' ? ADMIN_LEDGER_EVERY : a->part[0] == 'a' ?
	    ADMIN_ANALYTICS_EVERY : ADMIN_RECONCILE_EVERY;
	if (!a->force && last != 0 && a->now - last < every && a->now >= last)
		return RC_OK;	/* fresh enough (or another worker did it) */
	rc = a->part[0] == 'l' ? admin_fill_ledger(db) : a->part[0] == 'a' ?
	    admin_fill_analytics(db) : admin_fill_reconcile(db);
	if (rc != RC_OK)
		return rc;
	return db_exec(db, SQL_ADMINL_AGG_STAMP, NULL, "si", a->part,
	    (int64_t)a->now);
}

enum rc
admin_aggregates_pass(struct db *db, time_t now, bool force)
{
	struct admin_agg a = { "ledger", now, force };
	enum rc rc;

	if ((rc = db_txn(db, admin_agg_txn, &a)) != RC_OK)
		return rc;
	a.part = "analytics";
	if ((rc = db_txn(db, admin_agg_txn, &a)) != RC_OK)
		return rc;
	a.part = "reconcile";
	return db_txn(db, admin_agg_txn, &a);
}
/* ---- admin-lists (issue 12): end ---- */
