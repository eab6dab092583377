/* case_search.h: the platform's view of every case: search by RMA, order, buyer, shop, state and date (keyset-paged), and the escalation queue. */
#ifndef CASE_SEARCH_H
#define CASE_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/rc.h"
#include "core/machine.h"
#include "base/cursor.h"
#include "store/db.h"

/* Rows of a page of the search. */
#define CASE_SEARCH_PAGE	50

/* What to look for; "" and 0 mean any. */
struct case_query {
	const char	*rma;
	const char	*order_no;
	const char	*buyer;		/* the buyer's login */
	int64_t		 shop_id;
	const char	*state;		/* a state's name (case_state_name()) */
	time_t		 from, to;	/* opened at or after from, before to */
	time_t		 after_at;	/* keyset: only cases older than */
	int64_t		 after_id;	/* (after_at, after_id); 0: first page */
};

/* One case found. */
struct case_hit {
	int64_t		 id;
	char		*rma_no;
	enum case_type	 type;
	enum case_state	 state;
	int64_t		 requested_cents;
	char		 currency[4];
	time_t		 created_at;
	time_t		 deadline_at;	/* 0: none */
	time_t		 escalated_at;	/* 0: never */
	char		*order_no;
	char		*buyer;	/* login */
	char		*shop;
	struct cursor	 pos;	/* the keyset after this row (escalations: by deadline) */
};

/*
 * Finds the cases of q, newest first: at most CASE_SEARCH_PAGE rows, and
 * *more set when there are older ones (page on from the last row's
 * created_at and id). Returns RC_OK (free with case_hits_free()) or RC_DB.
 */
enum rc	case_search(struct db *db, const struct case_query *q, time_t now,
	    struct case_hit **hits, size_t *hitsz, bool *more);

#define ESCALATION_PAGE	50

/*
 * Loads one keyset page of the cases waiting for the platform (escalated,
 * or evidence it asked for), soonest deadline first, so that those past
 * it lead: at most ESCALATION_PAGE after *after (cursor_first() for the
 * first page), *more set when there are others. Returns RC_OK (free with
 * case_hits_free()) or RC_DB.
 */
enum rc	escalation_queue(struct db *db, const struct cursor *after,
	    struct case_hit **hits, size_t *hitsz, bool *more);

void	case_hits_free(struct case_hit *hits, size_t hitsz);

#endif /* CASE_SEARCH_H */
