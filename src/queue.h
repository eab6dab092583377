/* queue.h: a shop's open cases, soonest deadline first (the seller's work queue). */
#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "db.h"

struct queue_row {
	int64_t	 case_id;
	char	*rma_no;
	char	*type;
	char	*state;
	int64_t	 requested_cents;
	char	 currency[4];
	time_t	 deadline_at;	/* 0: none */
	char	*order_no;
	char	*buyer_name;
};

/*
 * Loads shop_id's open cases, soonest deadline first, into *rows and
 * *rowsz. Returns RC_OK (free with queue_free()) or RC_DB.
 */
enum rc	queue_for_shop(struct db *db, int64_t shop_id, struct queue_row **rows,
	    size_t *rowsz);

void	queue_free(struct queue_row *rows, size_t rowsz);

#endif /* QUEUE_H */
