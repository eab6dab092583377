/* lease.h: the worker's claim of the next due row of an outbox (event deliveries, mail) under a lease. */
#ifndef LEASE_H
#define LEASE_H

#include <stdint.h>
#include <time.h>

#include "base/rc.h"
#include "store/db.h"
#include "store/sql.h"

/*
 * Claims the next row due at now, in one transaction of its own: claim
 * (bound to now) selects the id of one due row, skipping rows other
 * workers hold (FOR UPDATE SKIP LOCKED); lease (bound to until, the id
 * and now) moves its due time to until if it is still pending and due, so
 * that a worker that dies mid-call leaves the row to the next one after
 * the lease. The lease write, not the row lock, makes the claim exclusive
 * across the nodes of a Galera cluster (certification). *id is the row's id, or
 * 0 when none is due. Returns RC_OK or the transaction's error.
 */
enum rc	lease_next(struct db *db, enum sql claim, enum sql lease, time_t now,
	    time_t until, int64_t *id);

#endif /* LEASE_H */
