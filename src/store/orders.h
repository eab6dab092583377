/* orders.h: a buyer's orders and their lines, as imported from the shop platform. */
#ifndef ORDERS_H
#define ORDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/cursor.h"
#include "core/rules.h"
#include "store/db.h"

struct order_line {
	int64_t	 id;
	char	*title;
	char	*sku;
	char	*variant;	/* NULL: the product has none */
	char	*variant_options;	/* one per line (LF); NULL: no choice */
	char	*picture_url;	/* NULL: none; not yet checked for safety */
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
	time_t			 expected_at;	/* promised delivery; 0: none */
	struct order_line	*lines;
	size_t			 linesz;
};

/* Orders shown on one page of "my orders". */
#define ORDERS_PAGE	20

/*
 * Loads the page of buyer_id's orders (ORDERS_PAGE at most) after the
 * cursor after (paid_at and id of the last order of the page before; the
 * first page when cursor_first()), newest paid first, with their lines in
 * line order, into *orders and *ordersz; *more tells whether older orders
 * follow, and *last is the cursor of the page's last order (for the next
 * page's link). Returns RC_OK (free with orders_free()) or RC_DB.
 */
enum rc	orders_for_buyer(struct db *db, int64_t buyer_id,
	    const struct cursor *after, struct order **orders, size_t *ordersz,
	    bool *more, struct cursor *last);

void	orders_free(struct order *orders, size_t ordersz);

/*
 * Loads order order_id of buyer buyer_id with every line (in line order)
 * into o: what the request form shows and reads. Returns RC_OK (release
 * o with order_release()), RC_NOTFOUND when it is not the buyer's, or
 * RC_DB.
 */
enum rc	order_load(struct db *db, int64_t order_id, int64_t buyer_id,
	    struct order *o);

/* Frees what o holds. */
void	order_release(struct order *o);

/* The order and one of its lines as core/rules sees them. */
void	order_rules(const struct order *o, struct rules_order *out);
void	order_line_rules(const struct order_line *l, struct rules_line *out);

/* What a case holds beyond caseview: the exchange's variant, the return postage. */
struct case_extra {
	char	*variant;	/* the variant an exchange asks for; NULL: none */
	int64_t	 postage_cents;	/* return postage claimed; 0: none */
	int64_t	 postage_max_cents;	/* the frozen policy's cap */
	bool	 seller_pays;	/* the reason's shipping_payer is the seller */
};

/*
 * Loads case case_id's extra facts into x (no access check: callers have
 * loaded the case for their viewer). Returns RC_OK (release x with
 * case_extra_release()), RC_NOTFOUND or RC_DB.
 */
enum rc	case_extra_load(struct db *db, int64_t case_id, struct case_extra *x);
void	case_extra_release(struct case_extra *x);

/*
 * Tells whether want is one of options (one per line, LF; CR ignored),
 * as an exchange's variant must be. Pure.
 */
bool	variant_listed(const char *options, const char *want);

/*
 * Tells whether url may be shown as an item's picture: an https URL or a
 * path under /static/, of URL characters only, without "..". Pure.
 */
bool	picture_safe(const char *url);

/* The pictures of a case's lines (order_lines.picture_url), by line. */
struct case_picture {
	int64_t	 order_line_id;
	char	*url;	/* picture_safe() */
};

/*
 * Loads the safe pictures of case case_id's lines into *pics and *picsz.
 * Returns RC_OK (free with case_pictures_free()) or RC_DB.
 */
enum rc	case_pictures(struct db *db, int64_t case_id, struct case_picture **pics,
	    size_t *picsz);
void	case_pictures_free(struct case_picture *pics, size_t picsz);

#endif /* ORDERS_H */
