/* review.h: what a seller reviews beside a case: the buyer's history with the shop, the order's facts and the frozen policy's rule for the reason. */
#ifndef PAGES_REVIEW_H
#define PAGES_REVIEW_H

#include <stdint.h>

#include "app/app.h"

/*
 * Adds the include REVIEW (seller/review.tpl) to d for case case_id of
 * the signed-in seller's shop, whose currency is currency: the buyer's
 * orders, cases, refunds and refund rate with this shop; the order's
 * paid, shipped and delivered times and its outbound parcel; the rule
 * of the case's reason in its frozen policy. The caller has checked that
 * the seller may see the case. Returns 0, or -1 on a database error.
 */
int	review_fill(struct req *r, struct tmpl_dict *d, int64_t case_id,
	    const char *currency);

#endif /* PAGES_REVIEW_H */
