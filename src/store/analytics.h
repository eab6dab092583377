/* analytics.h: the platform's refund figures: by shop, by reason, by month, the outcomes of fast-tracked and escalated cases, and the median time to close. */
#ifndef ANALYTICS_H
#define ANALYTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/rc.h"
#include "store/db.h"

/* The tables of the analytics page. */
enum stats_table {
	STATS_SHOPS,	/* key: shop, key2: currency, orders: its orders */
	STATS_REASONS,	/* key: reason code, key2: currency */
	STATS_MONTHS,	/* key: "YYYY-MM" opened, key2: currency */
	STATS_OUTCOMES,	/* key: fast_track, escalated, all, or deadline (the
			   actions deadlines took), key2: state */
	STATS_SKUS,	/* key: SKU (of a case's first line), key2: currency;
			   the 50 with the most cases */
	STATS_COMP,	/* key: "YYYY-MM" opened, key2: currency; months
			   with compensation given */
	STATS__MAX
};

/* One row of a table. */
struct stats_row {
	char	*key;
	char	*key2;
	int64_t	 rank;		/* STATS_SHOPS: its place by name, from 1 */
	int64_t	 orders;	/* STATS_SHOPS only; else 0 */
	int64_t	 cases;
	int64_t	 refunded;	/* cases that ended refunded */
	int64_t	 refunded_cents;
	int64_t	 fast;		/* of the cases, fast-tracked */
	int64_t	 escalated;	/* of the cases, escalated */
	int64_t	 comp_given;	/* compensations given (accepted) */
	int64_t	 comp_cents;	/* their stated value */
};

/*
 * Loads at most limit rows of table t (STATS_MONTHS, STATS_COMP: the
 * months from since's on) as the worker last refilled them from its daily
 * aggregates (admin_stats, engine/aggregates.c admin_aggregates_pass):
 * STATS_SHOPS by name, the shops after rank after (0: from the first),
 * *more set when there are others; STATS_REASONS and STATS_SKUS the limit
 * with the most cases. Returns RC_OK (free with stats_rows_free()) or RC_DB.
 */
enum rc	stats_rows(struct db *db, enum stats_table t, time_t since,
	    int64_t after, size_t limit, struct stats_row **rows,
	    size_t *rowsz, bool *more);
void	stats_rows_free(struct stats_row *rows, size_t rowsz);

/*
 * Stores in *secs the median time from request to the first answer
 * (decide) or to the end (else), and in *n how many cases it is over,
 * read from the middle of the worker's indexed case_durations. Returns
 * RC_OK or RC_DB.
 */
enum rc	stats_median(struct db *db, bool decide, int64_t *secs, int64_t *n);

/* The same as the worker last computed it (admin_stats). */
enum rc	stats_median_kept(struct db *db, bool decide, int64_t *secs,
	    int64_t *n);

#endif /* ANALYTICS_H */
