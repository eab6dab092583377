/* seller.h: the handlers of seller.fcgi, split by page group (seller.c: the queue and the policy; seller-bulk.c: bulk approval; seller-shop.c: the shop's settings). */
#ifndef SELLER_H
#define SELLER_H

#include <stdbool.h>

#include "app/app.h"
#include "core/machine.h"

/* The most cases one bulk approval acts on (a page of the queue). */
#define BULK_MAX	50

/*
 * The event that approves a case of type in one click: approve_refund
 * for a refund only, approve_return (to the default address) when goods
 * go back. Sets *ev and returns true when state allows it to a seller.
 */
bool	seller_bulk_event(enum case_type type, enum case_state state,
	    enum case_event *ev);

void	seller_bulk_approve(struct req *r);
void	seller_bulk_result(struct req *r);

void	seller_addresses(struct req *r);
void	seller_address(struct req *r);

void	seller_stats(struct req *r);
void	seller_stats_csv(struct req *r);

#endif /* SELLER_H */
