/* counts.c: counts kept in the transaction of each change instead of COUNT(*) over an account's history (sql/015_kept_counts.sql). */
#include <stdlib.h>

#include "engine/counts.h"

/* One change of one count row. */
struct delta {
	int64_t	kind, owner, bucket, n;
};

/* The columns of SQL_COUNTS_CASE. */
enum { CC_SHOP, CC_BUYER, CC_ASSIGNED, CC_REFUNDED, CC__MAX };

int
counts_tab_of(enum case_state state)
{
	switch (state) {
	case STATE_REQUESTED:
	case STATE_RETURN_SHIPPED:
	case STATE_RESHIPPING:
	case STATE_EVIDENCE_FROM_SELLER:
		return 1;
	case STATE_OFFERED:
	case STATE_REJECTED:
	case STATE_AWAITING_RETURN:
	case STATE_REPLACEMENT_SHIPPED:
	case STATE_EVIDENCE_FROM_BUYER:
		return 2;
	case STATE_ESCALATED:
		return 3;
	case STATE_REFUNDING:
		return 4;
	default:
		return 5;
	}
}

/* Orders two deltas by their key (kind, owner, bucket). */
static int
delta_cmp(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return 0;
}

/* Applies the non-zero deltas of d, in key order. */
static enum rc
counts_apply(struct db *db, struct delta *d, size_t dz)
{
	enum rc rc = RC_OK;
	size_t i;

	qsort(d, dz, sizeof(*d), delta_cmp);
	for (i = 0; i < dz && rc == RC_OK; i++)
		if (d[i].n != 0)
			rc = counts_add(db, (enum count_kind)d[i].kind,
			    d[i].owner, d[i].bucket, d[i].n);
	return rc;
}

enum rc
counts_add(struct db *db, enum count_kind kind, int64_t owner,
    int64_t bucket, int64_t delta)
{
	if (delta == 0)
		return RC_OK;
	return db_exec(db, SQL_COUNTS_ADD, NULL, "iiii", (int64_t)kind, owner,
	    bucket, delta);
}

enum rc
counts_case_moved(struct db *db, int64_t case_id, enum case_state from,
    enum case_state to)
{
	struct delta d[8];
	struct db_res r;
	int64_t shop, buyer, user, cents;
	int tf, tt;
	bool of, ot;
	size_t dz = 0;
	enum rc rc;

	if (from == to)
		return RC_OK;
	if ((rc = db_query(db, SQL_COUNTS_CASE, &r, "i", case_id)) != RC_OK)
		goto out;
	if (r.rowsz == 0 || r.colsz != CC__MAX) {
		rc = RC_NOTFOUND;
		goto out;
	}
	shop = db_int(&r, 0, CC_SHOP);
	buyer = db_int(&r, 0, CC_BUYER);
	user = db_int(&r, 0, CC_ASSIGNED);
	cents = db_int(&r, 0, CC_REFUNDED);
	tt = counts_tab_of(to);
	ot = tt != 5;
	if (from == STATE_NONE) {
		tf = 0;
		of = false;
		d[dz++] = (struct delta){ COUNT_BUYER_CASES, buyer, shop, 1 };
	} else {
		tf = counts_tab_of(from);
		of = tf != 5;
	}
	if (tf != tt) {
		if (tf != 0)
			d[dz++] = (struct delta){ COUNT_SHOP_TAB, shop, tf, -1 };
		d[dz++] = (struct delta){ COUNT_SHOP_TAB, shop, tt, 1 };
	}
	if (of != ot) {
		d[dz++] = (struct delta){ COUNT_BUYER_OPEN, buyer, shop,
		    ot ? 1 : -1 };
		if (user != 0)
			d[dz++] = (struct delta){ COUNT_USER_OPEN, user, 0,
			    ot ? 1 : -1 };
	}
	if ((from == STATE_REFUNDED) != (to == STATE_REFUNDED)) {
		d[dz++] = (struct delta){ COUNT_BUYER_REFUNDED, buyer, shop,
		    to == STATE_REFUNDED ? 1 : -1 };
		d[dz++] = (struct delta){ COUNT_BUYER_CENTS, buyer, shop,
		    to == STATE_REFUNDED ? cents : -cents };
	}
	rc = counts_apply(db, d, dz);
out:
	db_res_release(&r);
	return rc;
}

enum rc
counts_case_assigned(struct db *db, int64_t case_id, int64_t from_user,
    int64_t to_user)
{
	struct delta d[2];
	struct db_res r;
	size_t dz = 0;
	enum rc rc;

	if (from_user == to_user)
		return RC_OK;
	if ((rc = db_query(db, SQL_COUNTS_CASE_OPEN, &r, "i", case_id)) !=
	    RC_OK)
		goto out;
	if (r.rowsz == 0 || db_int(&r, 0, 0) == 0)
		goto out;	/* a finished case counts for nobody */
	if (from_user != 0)
		d[dz++] = (struct delta){ COUNT_USER_OPEN, from_user, 0, -1 };
	if (to_user != 0)
		d[dz++] = (struct delta){ COUNT_USER_OPEN, to_user, 0, 1 };
	rc = counts_apply(db, d, dz);
out:
	db_res_release(&r);
	return rc;
}

/* Transaction body of counts_rebuild(). */
static enum rc
rebuild_txn(struct db *db, void *arg)
{
	static const enum sql steps[] = {
		SQL_COUNTS_CLEAR, SQL_COUNTS_REBUILD_TABS,
		SQL_COUNTS_REBUILD_ASSIGNED, SQL_COUNTS_REBUILD_BUYERS,
		SQL_COUNTS_REBUILD_ORDERS,
		/* and the seller's statistics per shop and day (sql/015) */
		SQL_SDS_CLEAR_ALL, SQL_SDS_ALL_CASES, SQL_SDS_ALL_LINES,
		SQL_SDS_ALL_REASONS, SQL_SDS_ALL_SKUS, SQL_SDS_ALL_RULINGS,
		SQL_SDS_ALL_COMPS, SQL_SDS_ALL_DEADLINE, SQL_SDS_ALL_ORDERS,
		SQL_SDS_ALL_SOLD, SQL_SDS_MARKS_ALL,
		/* grow-b: the duration histograms per shop and day, the
		 * default period's products (sql/020) */
		SQL_SDD_CLEAR_ALL, SQL_SDD_ALL_ANSWER, SQL_SDD_ALL_CLOSE,
		SQL_SWS_CLEAR_ALL, SQL_SWS_MARKS_CLEAR_ALL, SQL_SWS_ALL,
		SQL_SWS_MARKS_ALL,
		/* grow-b: the unread counts per user (kind 20) */
		SQL_GBU_REBUILD,
	};
	size_t i;
	enum rc rc = RC_OK;

	(void)arg;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && rc == RC_OK; i++)
		rc = db_exec(db, steps[i], NULL, "");
	return rc;
}

enum rc
counts_rebuild(struct db *db)
{
	return db_txn(db, rebuild_txn, NULL);
}
