/* orders.c: a buyer's orders and their lines, as imported from the shop platform. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/orders.h"
#include "base/util.h"

enum rc
orders_for_buyer(struct db *db, int64_t buyer_id, int64_t page,
    struct order **orders, size_t *ordersz, int64_t *total)
{
	struct db_res res, count;
	struct order *o = NULL;
	size_t i, n = 0;
	enum rc rc;

	*orders = NULL;
	*ordersz = 0;
	memset(&res, 0, sizeof(res));
	rc = db_query(db, SQL_ORDERS_COUNT_BY_BUYER, &count, "i", buyer_id);
	if (rc != RC_OK)
		goto out;
	*total = db_int(&count, 0, 0);
	rc = db_query(db, SQL_ORDER_LINES_BY_BUYER_PAGE, &res, "iiiii",
	    buyer_id, buyer_id, buyer_id, (int64_t)ORDERS_PAGE,
	    page * (int64_t)ORDERS_PAGE);
	if (rc != RC_OK)
		goto out;
	o = xcalloc(res.rowsz, sizeof(*o));
	for (i = 0; i < res.rowsz; i++) {
		struct order *cur;
		struct order_line *l;

		if (n == 0 || o[n - 1].id != db_int(&res, i, 0)) {
			cur = &o[n++];
			cur->id = db_int(&res, i, 0);
			cur->order_no = xstrdup(db_str(&res, i, 1));
			cur->shop_name = xstrdup(db_str(&res, i, 2));
			snprintf(cur->currency, sizeof(cur->currency), "%s",
			    db_str(&res, i, 3));
			cur->total_paid_cents = db_int(&res, i, 4);
			cur->paid_at = db_int(&res, i, 5);
			cur->shipped_at = db_int(&res, i, 6);
			cur->delivered_at = db_int(&res, i, 7);
		}
		cur = &o[n - 1];
		cur->lines = xrealloc(cur->lines,
		    (cur->linesz + 1) * sizeof(*cur->lines));
		l = &cur->lines[cur->linesz++];
		l->id = db_int(&res, i, 8);
		l->title = xstrdup(db_str(&res, i, 9));
		l->sku = xstrdup(db_str(&res, i, 10));
		l->quantity = db_int(&res, i, 11);
		l->paid_cents = db_int(&res, i, 12);
		l->refunded_cents = db_int(&res, i, 13);
		l->pending_cents = db_int(&res, i, 14);
		l->open_case_id = db_int(&res, i, 15);
		l->cases_ever = db_int(&res, i, 16);
		l->last_case_id = db_int(&res, i, 17);
	}
	*orders = o;
	*ordersz = n;
out:
	db_res_release(&count);
	db_res_release(&res);
	return rc;
}

void
orders_free(struct order *orders, size_t ordersz)
{
	size_t i, j;

	for (i = 0; i < ordersz; i++) {
		for (j = 0; j < orders[i].linesz; j++) {
			free(orders[i].lines[j].title);
			free(orders[i].lines[j].sku);
		}
		free(orders[i].lines);
		free(orders[i].order_no);
		free(orders[i].shop_name);
	}
	free(orders);
}
