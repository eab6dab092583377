/* kept_counts.h: the kinds of the rows of kept_counts (sql/015), shared by the engine that keeps them (engine/counts.c) and the loaders that read them. */
#ifndef KEPT_COUNTS_H
#define KEPT_COUNTS_H

/* What a row of kept_counts counts; the numbers are stored. */
enum count_kind {
	COUNT_SHOP_TAB = 1,	/* owner shop, bucket queue tab 1..5 */
	COUNT_USER_OPEN = 2,	/* owner seller, bucket 0: open cases assigned */
	COUNT_BUYER_CASES = 3,	/* owner buyer, bucket shop */
	COUNT_BUYER_REFUNDED = 4, /* owner buyer, bucket shop: refunded */
	COUNT_BUYER_OPEN = 5,	/* owner buyer, bucket shop: open */
	COUNT_BUYER_CENTS = 6,	/* owner buyer, bucket shop: cents refunded */
	COUNT_BUYER_ORDERS = 7,	/* owner buyer, bucket shop: orders */
	/* grow-b: owner user, bucket 0: unread markers on open cases, 1: all */
	COUNT_USER_UNREAD = 20,
	COUNT__MAX
};

#endif /* KEPT_COUNTS_H */
