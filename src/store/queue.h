/* queue.h: the seller's queue and history: tabs with counts, filters, search, and keyset pages served by the indexes of sql/004_seller.sql. */
#ifndef QUEUE_H
#define QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/cursor.h"
#include "store/db.h"
#include "core/machine.h"

/* The tabs of the queue; QTAB_MINE .. QTAB_FINISHED match cases.queue_tab. */
enum queue_tab {
	QTAB_MINE,	/* waiting for the seller */
	QTAB_BUYER,	/* waiting for the buyer */
	QTAB_ESCALATED,	/* with the platform */
	QTAB_REFUNDING,	/* the worker pays (shown under "all open" only) */
	QTAB_FINISHED,	/* refunded, exchanged, closed */
	QTAB_OPEN,	/* every open case: cases.queue_open */
	QTAB_ASSIGNED,	/* open cases assigned to the viewer (sql/009_talk.sql) */
	QTAB__MAX
};

enum queue_sort {
	QSORT_DEADLINE,	/* soonest deadline first, no deadline last */
	QSORT_NEWEST,	/* newest request first */
	QSORT__MAX
};

/* What the seller asked for; a NULL or zero field does not filter. */
struct queue_filter {
	enum queue_tab	 tab;
	enum queue_sort	 sort;
	const char	*state;	/* a state name of the machine, or NULL */
	const char	*type;	/* a type name, or NULL */
	const char	*reason;	/* a reason code, or NULL */
	int64_t		 min_cents;
	int64_t		 max_cents;	/* 0: no upper bound */
	time_t		 from;	/* created at or after; 0: none */
	time_t		 to;	/* created before; 0: none */
	const char	*search;	/* exact RMA, order number, buyer login or
					   name, or SKU; then the rest is ignored */
	struct cursor	 after;
	int64_t		 user_id;	/* the seller viewing: QTAB_ASSIGNED, new_only */
	bool		 new_only;	/* only cases with a message user_id has not read */
};

struct queue_row {
	int64_t		 id;
	char		*rma_no;
	enum case_type	 type;
	enum case_state	 state;
	char		*reason_code;
	char		*reason_en;
	char		*reason_zh;
	int64_t		 requested_cents;
	char		 currency[4];
	time_t		 deadline_at;	/* 0: none */
	time_t		 created_at;
	struct cursor	 key;	/* of this row in the page's sort */
	char		*order_no;
	char		*buyer;
	char		*item_title;	/* of its first (lowest id) order line */
	char		*item_sku;
	int64_t		 linesz;	/* lines in the case */
	int64_t		 thumb_id;	/* evidence with a thumbnail; 0: none */
	int		 unread;	/* set by the page: 0 seen, 1 news, 2 a new message */
};

/* The rows shown on one page of the queue. */
#define QUEUE_PAGE	50

/*
 * Loads one page of shop_id's cases as f asks: at most QUEUE_PAGE rows
 * after f->after, and whether more follow (*more). With f->search only
 * the exact matches are loaded (the newest 100, one page). Returns RC_OK
 * (free with queue_rows_free()) or RC_DB.
 */
enum rc	queue_load(struct db *db, int64_t shop_id, const struct queue_filter *f,
	    struct queue_row **rows, size_t *rowsz, bool *more);

void	queue_rows_free(struct queue_row *rows, size_t rowsz);

/*
 * Counts shop_id's cases per tab into counts (QTAB_OPEN is the sum of
 * the open ones). Returns RC_OK or RC_DB.
 */
enum rc	queue_counts(struct db *db, int64_t shop_id, int64_t counts[QTAB__MAX]);

/*
 * Stores in *n how many open cases are assigned to seller user_id (the
 * count the engine keeps, sql/015). Returns RC_OK or RC_DB.
 */
enum rc	queue_assigned_count(struct db *db, int64_t user_id, int64_t *n);

#endif /* QUEUE_H */
