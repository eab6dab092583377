/* aggregates.h: the platform analytics' daily aggregates and case durations, kept up to date by the worker from the timeline. */
#ifndef AGGREGATES_H
#define AGGREGATES_H

#include <stdbool.h>

#include "store/db.h"

/*
 * Folds the timeline rows written since the last call (at most 20000 a
 * call; *more tells there are others) into daily_case_stats, recomputing
 * whole each opening day of a case they touch, and into case_durations,
 * in one transaction that locks the mark (several workers take turns).
 * more may be NULL. Returns RC_OK or RC_DB.
 */
enum rc	aggregates_pass(struct db *db, bool *more);

/* ---- admin-lists (issue 12): begin ---- */
#include <time.h>

/*
 * Refills admin_stats, the admin desk's totals and analytics (sql/016):
 * the ledger's part (refund totals, open cases by policy) when older than
 * a minute, the analytics' part (tables from daily_case_stats, medians)
 * when older than ten minutes, the reconciliation (deskctl reconcile's
 * query, the heaviest) when older than an hour, or all now when force
 * (deskctl sweep); each in one transaction under its as_of row's lock, so
 * that several workers take turns. Returns RC_OK or RC_DB.
 */
enum rc	admin_aggregates_pass(struct db *db, time_t now, bool force);
/* ---- admin-lists (issue 12): end ---- */

#endif /* AGGREGATES_H */
