/* aggregates.c: the platform analytics' daily aggregates and case durations, kept up to date by the worker from the timeline (every change of a case writes a timeline row, so the rows after a mark name every case changed since). */
#include <stddef.h>
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

/* One (shop, day) of shop_day_stats to recompute, and how. */
struct shop_day {
	int64_t		 shop;
	time_t		 day;
	enum sql	 clear;
	const enum sql	*fills;
	size_t		 fillsz;
};

/*
 * Transaction body of one (shop, day): its rows cleared and filled again
 * (bound shop, day, day). One transaction each, so that the shared locks
 * its INSERT ... SELECTs take on the shop's cases of that day are held
 * for a few statements only, not for a whole pass: a heavy shop's
 * approvals do not wait on the worker.
 */
static enum rc
shop_day_txn(struct db *db, void *arg)
{
	const struct shop_day *p = arg;
	size_t k;
	enum rc rc;

	rc = db_exec(db, p->clear, NULL, "it", p->shop, p->day);
	for (k = 0; k < p->fillsz && rc == RC_OK; k++)
		rc = db_exec(db, p->fills[k], NULL, "itt", p->shop, p->day,
		    p->day);
	return rc;
}

/*
 * One pass of a shop's statistics per day over the rows of one source
 * (timeline or orders) after its mark: the (shop, day) pairs they touch,
 * each recomputed whole in its own transaction, then the mark moved
 * unless another worker moved it meanwhile (then both did the same,
 * idempotent work). *more is set when the pass read new rows.
 */
static enum rc
shop_days_source(struct db *db, const char *mark, enum sql upto_sql,
    enum sql days_sql, enum sql clear, const enum sql *fills, size_t fillsz,
    bool *more)
{
	struct shop_day p = { 0, 0, clear, fills, fillsz };
	struct db_res r;
	int64_t from, upto, back;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, SQL_SDS_MARK_LOCK, &r, "s", mark)) != RC_OK)
		goto out;
	from = r.rowsz > 0 ? db_int(&r, 0, 0) : -1;
	db_res_release(&r);
	if (from < 0)
		return RC_OK;	/* a schema without the mark */
	if ((rc = db_query(db, upto_sql, &r, "i", from)) != RC_OK)
		goto out;
	upto = r.rowsz > 0 ? db_int(&r, 0, 0) : 0;
	db_res_release(&r);
	if (upto <= from)
		return RC_OK;
	back = from > OVERLAP ? from - OVERLAP : 0;
	if ((rc = db_query(db, days_sql, &r, "ii", back, upto)) != RC_OK)
		goto out;
	for (i = 0; i < r.rowsz && rc == RC_OK; i++) {
		p.shop = db_int(&r, i, 0);
		p.day = (time_t)db_int(&r, i, 1);
		rc = db_txn(db, shop_day_txn, &p);
	}
	if (rc == RC_OK && (rc = db_exec(db, SQL_SDS_MARK_SET, NULL, "isi",
	    upto, mark, from)) == RC_OK)
		*more = true;
out:
	db_res_release(&r);
	return rc;
}

/* ---- grow-b: begin ---- */
/* Transaction body of one shop's default period's products (sql/020). */
static enum rc
shop_window_txn(struct db *db, void *arg)
{
	const int64_t *shop = arg;
	enum rc rc;

	/* the mark first: its row lock orders a concurrent touch after us */
	if ((rc = db_exec(db, SQL_SWS_MARK, NULL, "i", *shop)) == RC_OK &&
	    (rc = db_exec(db, SQL_SWS_CLEAR, NULL, "i", *shop)) == RC_OK)
		rc = db_exec(db, SQL_SWS_FILL, NULL, "ii", *shop, *shop);
	return rc;
}

/*
 * The products of the statistics' default period (the 30 UTC days to
 * today) of the shops whose days were recomputed since or whose period is
 * of another day, 100 shops a pass (*more set when there may be others),
 * each merged again from shop_day_stats in a transaction of its own.
 */
static enum rc
shop_windows_pass(struct db *db, bool *more)
{
	struct db_res r;
	int64_t shop;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, SQL_SWS_DUE, &r, "")) != RC_OK)
		goto out;
	for (i = 0; i < r.rowsz && rc == RC_OK; i++) {
		shop = db_int(&r, i, 0);
		rc = db_txn(db, shop_window_txn, &shop);
	}
	if (rc == RC_OK && r.rowsz >= 100)
		*more = true;
out:
	db_res_release(&r);
	return rc;
}
/* ---- grow-b: end ---- */

/* The shop statistics' part of aggregates_pass(): cases, then orders. */
static enum rc
shop_pass(struct db *db, bool *more)
{
	static const enum sql case_fills[] = {
		SQL_SDS_DAY_CASES, SQL_SDS_DAY_LINES, SQL_SDS_DAY_REASONS,
		SQL_SDS_DAY_SKUS, SQL_SDS_DAY_RULINGS, SQL_SDS_DAY_COMPS,
		SQL_SDS_DAY_DEADLINE,
		/* grow-b: the day's duration histograms, the shop's default
		 * period's products due (sql/020) */
		SQL_SDD_DAY_CLEAR, SQL_SDD_DAY_ANSWER, SQL_SDD_DAY_CLOSE,
		SQL_SWS_TOUCH,
	};
	static const enum sql order_fills[] = {
		SQL_SDS_DAY_ORDERS, SQL_SDS_DAY_SOLD,
		SQL_SWS_TOUCH,	/* grow-b */
	};
	enum rc rc;

	*more = false;
	rc = shop_days_source(db, "shop_timeline", SQL_SDS_TIMELINE_UPTO,
	    SQL_SDS_CASE_DAYS, SQL_SDS_CLEAR_CASES, case_fills,
	    sizeof(case_fills) / sizeof(case_fills[0]), more);
	if (rc == RC_OK)
		rc = shop_days_source(db, "shop_orders", SQL_SDS_ORDERS_UPTO,
		    SQL_SDS_ORDER_DAYS, SQL_SDS_CLEAR_ORDERS, order_fills,
		    sizeof(order_fills) / sizeof(order_fills[0]), more);
	if (rc == RC_OK)
		rc = shop_windows_pass(db, more);
	return rc;
}

enum rc
aggregates_pass(struct db *db, bool *more)
{
	struct agg t = { false };
	bool shop_more = false;
	enum rc rc;

	rc = db_txn(db, agg_txn, &t);
	/* The seller's statistics per shop and day (issue 12), with marks
	 * and transactions of their own. */
	if (rc == RC_OK)
		rc = shop_pass(db, &shop_more);
	if (more != NULL)
		*more = rc == RC_OK && (t.more || shop_more);
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
