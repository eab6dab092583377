/* orders.h: a buyer's orders and their lines, as imported from the shop platform. */
#ifndef ORDERS_H
#define ORDERS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

struct order_line {
	int64_t	 id;
	char	*title;
	char	*sku;
	int64_t	 quantity;
	int64_t	 paid_cents;
	int64_t	 refunded_cents;
	int64_t	 pending_cents;
	int64_t	 open_case_id;	/* 0: none open */
	int64_t	 last_case_id;	/* 0: never any */
	int64_t	 cases_ever;
};

struct order {
	int64_t			 id;
	char			*order_no;
	char			*shop_name;
	char			 currency[4];
	int64_t			 total_paid_cents;
	time_t			 paid_at;
	time_t			 shipped_at;	/* 0: not shipped */
	time_t			 delivered_at;	/* 0: not delivered */
	struct order_line	*lines;
	size_t			 linesz;
};

/* Orders shown on one page of "my orders". */
#define ORDERS_PAGE	20

/*
 * Loads page (from 0) of buyer_id's orders, newest first, with their
 * lines, into *orders and *ordersz, and the buyer's number of orders into
 * *total. Returns RC_OK (free with orders_free()) or RC_DB.
 */
enum rc	orders_for_buyer(struct db *db, int64_t buyer_id, int64_t page,
	    struct order **orders, size_t *ordersz, int64_t *total);

void	orders_free(struct order *orders, size_t ordersz);

#endif /* ORDERS_H */
