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
	/* All-time totals (sql/019), bucket enum count_total. */
	COUNT_SHOP_TOTAL = 20,	/* owner shop, bucket TOTAL_* */
	COUNT_BUYER_TOTAL = 21,	/* owner buyer, bucket TOTAL_* (every shop) */
	/* Owner user, bucket 0: unread markers on open cases, 1: all (sql/020). */
	COUNT_USER_UNREAD = 22,
	COUNT__MAX
};

/* The buckets of COUNT_SHOP_TOTAL and COUNT_BUYER_TOTAL; stored. */
enum count_total {
	TOTAL_CASES = 1,	/* cases opened */
	TOTAL_REFUNDED = 2,	/* of them refunded */
	TOTAL_ESCALATED = 3,	/* of them ever escalated (escalated_at set) */
	TOTAL_CENTS = 4,	/* cents refunded on them */
	TOTAL_ORDERS = 5,	/* orders */
	TOTAL__MAX
};

#endif /* KEPT_COUNTS_H */
