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
