/* lease.c: the worker's claim of the next due row of an outbox under a lease (one home for events.c and mail.c). */
#include "executor/lease.h"

struct claim {
	enum sql	 claim;
	enum sql	 lease;
	time_t		 now;
	time_t		 until;
	int64_t		 id;	/* out: 0 = none due */
};

static enum rc
claim_txn(struct db *db, void *arg)
{
	struct claim *c = arg;
	struct db_res r = { 0 };
	uint64_t changed = 0;
	enum rc rc;

	c->id = 0;
	if ((rc = db_query(db, c->claim, &r, "t", c->now)) != RC_OK ||
	    r.rowsz == 0)
		goto out;
	c->id = db_int(&r, 0, 0);
	/*
	 * The lease is the claim: a guarded write of the row. The row lock
	 * of the claim holds on this database node only; on a Galera cluster
	 * two nodes' workers may pick the same row, and certification lets
	 * only the first lease commit (the other's is a deadlock, tried
	 * again, when the row is no longer due).
	 */
	rc = db_exec(db, c->lease, &changed, "tit", c->until, c->id, c->now);
	if (rc == RC_OK && changed == 0)
		c->id = 0;
out:
	db_res_release(&r);
	return rc;
}

enum rc
lease_next(struct db *db, enum sql claim, enum sql lease, time_t now,
    time_t until, int64_t *id)
{
	struct claim c = { claim, lease, now, until, 0 };
	enum rc rc;

	rc = db_txn(db, claim_txn, &c);
	*id = c.id;
	return rc;
}
