/* stats_store.h: a shop's refund statistics for a period, from the worker's figures per shop and day (sql/015) and the buyer's history with the shop from the kept counts. */
#ifndef STATS_STORE_H
#define STATS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

struct stats_reason {
	char	*code;
	char	*label_en;
	char	*label_zh;
	int64_t	 cases;	/* opened in the period */
	int64_t	 refunded;	/* of them, refunded */
	int64_t	 refunded_cents;
};

struct stats_sku {
	char	*sku;
	char	*title;
	int64_t	 sold;	/* order lines paid in the period */
	int64_t	 cased;	/* case lines opened in the period */
	int64_t	 refunded_cents;
};

struct stats_comp {
	char	*kind;	/* comp_kind_name() */
	int64_t	 offered;
	int64_t	 accepted;
	int64_t	 accepted_cents;	/* value of the accepted ones */
};

/* One UTC day with orders paid or cases opened. */
struct stats_day {
	time_t	 day;	/* 00:00 UTC */
	int64_t	 orders;	/* paid that day */
	int64_t	 cases;	/* opened that day */
	int64_t	 refunded;	/* of them, refunded */
	int64_t	 refunded_cents;
};

/* Escalated cases by the platform's ruling. */
struct stats_ruling {
	char	*ruling;	/* rule_refund, rule_partial, rule_reject, "" = none yet */
	int64_t	 cases;
	int64_t	 refunded_cents;
};

struct stats {
	/* Totals of the cases opened in the period. */
	int64_t			 cases;
	int64_t			 refunded;
	int64_t			 refunded_cents;
	int64_t			 escalated;
	int64_t			 closed;	/* reached a terminal state */
	int64_t			 fast_tracked;
	int64_t			 lines_sold;	/* order lines paid in the period */
	int64_t			 lines_cased;	/* case lines opened in the period */
	int64_t			 answer_secs;	/* median to the shop's first answer, -1: none */
	int64_t			 answered;	/* cases the shop answered */
	int64_t			 close_secs;	/* median to a terminal state, -1: none */
	bool			 medians_approx;	/* the two medians from buckets (a long period) */
	struct stats_day	*days;	/* oldest first, only days with figures */
	size_t			 daysz;
	struct stats_ruling	*rulings;	/* by ruling name */
	size_t			 rulingsz;
	struct stats_reason	*reasons;
	size_t			 reasonsz;
	struct stats_sku	*skus;	/* the 200 most asked about */
	size_t			 skusz;
	struct stats_comp	*comps;
	size_t			 compsz;
	int64_t			 deadline_approvals;
};

/*
 * Loads the statistics of shop_id's cases opened (and orders paid) in
 * [from, to) (UTC days): totals, medians, days, rulings, reasons, products
 * and compensation; all but the medians from shop_day_stats, as of the
 * worker's last pass (the products of the default period, the 30 days
 * to today, from the 200 the worker keeps per shop, sql/020); the medians
 * exact from the cases when the period has at most 1,000, else from the
 * worker's histograms, each within its bucket (medians_approx). Returns RC_OK (release s with stats_release()) or
 * RC_DB.
 */
enum rc	stats_load(struct db *db, int64_t shop_id, time_t from, time_t to,
	    struct stats *s);

void	stats_release(struct stats *s);

/*
 * The bucket of a duration of secs seconds in the kept histograms
 * (sql/020): secs itself under 32 seconds (0 for a negative one), then 16
 * buckets per doubling; stats_bucket_range() gives bucket b's seconds,
 * [*lo, *hi).
 */
int	stats_bucket_of(int64_t secs);
void	stats_bucket_range(int b, int64_t *lo, int64_t *hi);

/*
 * Whether a product stands out: at least 3 of its lines in cases and a
 * refund rate (lines in cases per line sold) at least twice the shop's
 * over every product in the period (or lines in cases with none sold).
 */
bool	stats_sku_outlier(const struct stats *s, const struct stats_sku *k);

/* A buyer's history with one shop, for the seller's case review. */
struct stats_buyer {
	int64_t	 orders;
	int64_t	 cases;
	int64_t	 refunded;	/* cases refunded */
	int64_t	 refunded_cents;
	int64_t	 open;	/* cases not finished */
};

/*
 * Loads buyer_id's orders and cases with shop_id into h, from the counts
 * the engine keeps (sql/015: five primary key lookups, however long the
 * history). Returns RC_OK or RC_DB.
 */
enum rc	stats_buyer_load(struct db *db, int64_t buyer_id, int64_t shop_id,
	    struct stats_buyer *h);

/* What the seller reviews beside a case: the order and the frozen rule. */
struct stats_case_facts {
	int64_t	 buyer_id;
	int64_t	 shop_id;
	time_t	 paid_at;
	time_t	 shipped_at;	/* 0: not shipped */
	time_t	 delivered_at;	/* 0: not delivered */
	char	*carrier;	/* "" for none */
	char	*waybill;	/* "" for none */
	bool	 allow_refund_only;
	bool	 allow_return_refund;
	bool	 allow_exchange;
	bool	 evidence_required;
	bool	 seller_pays_shipping;
	int64_t	 window_days;	/* the reason's, or the policy's */
	bool	 fast_track;
	int64_t	 seller_response_hours;
};

/*
 * Loads the facts of case case_id (the caller has checked the viewer may
 * see it). Returns RC_OK (release f with stats_case_facts_release()),
 * RC_NOTFOUND or RC_DB.
 */
enum rc	stats_case_facts_load(struct db *db, int64_t case_id,
	    struct stats_case_facts *f);

void	stats_case_facts_release(struct stats_case_facts *f);

#endif /* STATS_STORE_H */
