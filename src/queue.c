/* queue.c: a shop's open cases, soonest deadline first (the seller's work queue). */
#include <stdio.h>
#include <stdlib.h>

#include "queue.h"
#include "util.h"

enum rc
queue_for_shop(struct db *db, int64_t shop_id, struct queue_row **rows,
    size_t *rowsz)
{
	struct db_res res;
	struct queue_row *q;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	rc = db_query(db, SQL_QUEUE_BY_SHOP, &res, "i", shop_id);
	if (rc != RC_OK)
		goto out;
	q = xcalloc(res.rowsz, sizeof(*q));
	for (i = 0; i < res.rowsz; i++) {
		q[i].case_id = db_int(&res, i, 0);
		q[i].rma_no = xstrdup(db_str(&res, i, 1));
		q[i].type = xstrdup(db_str(&res, i, 2));
		q[i].state = xstrdup(db_str(&res, i, 3));
		q[i].requested_cents = db_int(&res, i, 4);
		snprintf(q[i].currency, sizeof(q[i].currency), "%s",
		    db_str(&res, i, 5));
		q[i].deadline_at = db_int(&res, i, 6);
		q[i].order_no = xstrdup(db_str(&res, i, 7));
		q[i].buyer_name = xstrdup(db_str(&res, i, 8));
	}
	*rows = q;
	*rowsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
queue_free(struct queue_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].rma_no);
		free(rows[i].type);
		free(rows[i].state);
		free(rows[i].order_no);
		free(rows[i].buyer_name);
	}
	free(rows);
}
