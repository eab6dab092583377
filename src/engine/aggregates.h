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

#endif /* AGGREGATES_H */
