/* stats_store.h: a shop's refund statistics for a period, computed by SQL over indexed columns. */
#ifndef STATS_STORE_H
#define STATS_STORE_H

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

struct stats {
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
 * [from, to). Returns RC_OK (release s with stats_release()) or RC_DB.
 */
enum rc	stats_load(struct db *db, int64_t shop_id, time_t from, time_t to,
	    struct stats *s);

void	stats_release(struct stats *s);

#endif /* STATS_STORE_H */
