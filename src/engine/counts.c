/* counts.c: counts kept in the transaction of each change instead of COUNT(*) over an account's history (sql/015_kept_counts.sql). */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/counts.h"
#include "store/talk_store.h"

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

/*
 * Orders two deltas as the table's key orders their rows (owner, kind,
 * bucket; sql/023): every transaction locks the rows it moves in one order.
 */
static int
delta_cmp(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return 0;
}

/* ---- grow-a (issue 12): begin ---- */
/*
 * The deltas of one change of a case (counts_batch_begin() to _end()),
 * gathered and applied once, summed, at its end: the shop's count rows
 * are the hottest of the desk (every change of every case of the shop
 * moves one), and an approval paid at once moved them twice (requested
 * -> refunding -> refunded), then held their locks through the whole
 * ledger; now they are locked just before the commit, once each.
 */
#define BATCH_MAX	64
static _Thread_local struct {
	struct db	*db;
	int		 depth;
	size_t		 dz;
	struct delta	 d[BATCH_MAX];
} batch;

/* Sums the deltas of equal keys of the sorted d into their first; returns the new length. */
static size_t
deltas_merge(struct delta *d, size_t dz)
{
	size_t i, o = 0;

	for (i = 0; i < dz; i++) {
		if (o > 0 && delta_cmp(&d[o - 1], &d[i]) == 0)
			d[o - 1].n += d[i].n;
		else
			d[o++] = d[i];
	}
	return o;
}

void
counts_batch_begin(struct db *db)
{
	if (batch.depth++ == 0) {
		batch.db = db;
		batch.dz = 0;
	}
}

/* Writes the deltas d (reordered), summed per row, in key order. */
static enum rc
deltas_write(struct db *db, struct delta *d, size_t dz)
{
	enum rc rc = RC_OK;
	size_t i;

	qsort(d, dz, sizeof(*d), delta_cmp);
	dz = deltas_merge(d, dz);
	for (i = 0; i < dz && rc == RC_OK; i++)
		if (d[i].n != 0)
			rc = counts_add(db, (enum count_kind)d[i].kind,
			    d[i].owner, d[i].bucket, d[i].n);
	return rc;
}

/* Applies the batch's deltas, summed, in key order, and empties it. */
static enum rc
batch_flush(struct db *db)
{
	struct delta d[BATCH_MAX];
	size_t dz = batch.dz;

	memcpy(d, batch.d, dz * sizeof(d[0]));
	batch.dz = 0;
	return deltas_write(db, d, dz);
}

enum rc
counts_batch_end(struct db *db, bool apply)
{
	enum rc rc = RC_OK;

	if (batch.depth == 0 || --batch.depth > 0)
		return RC_OK;
	if (apply && batch.db == db)
		rc = batch_flush(db);
	batch.dz = 0;
	batch.db = NULL;
	return rc;
}

/*
 * Keeps the deltas d for the open batch of db, if any: true when kept.
 * A full batch is applied first (the same transaction: still right).
 */
static bool
batch_keep(struct db *db, const struct delta *d, size_t dz)
{
	if (batch.depth == 0 || batch.db != db || dz > BATCH_MAX)
		return false;
	if (batch.dz + dz > BATCH_MAX && batch_flush(db) != RC_OK)
		return false;
	memcpy(&batch.d[batch.dz], d, dz * sizeof(*d));
	batch.dz += dz;
	return true;
}
/* ---- grow-a (issue 12): end ---- */

/* Applies the non-zero deltas of d, in key order (at the batch's end when one is open). */
static enum rc
counts_apply(struct db *db, struct delta *d, size_t dz)
{
	if (batch_keep(db, d, dz))
		return RC_OK;
	return deltas_write(db, d, dz);
}

enum rc
counts_unread(struct db *db, struct unread_deltas *ud)
{
	struct delta *d;
	size_t i;
	enum rc rc;

	if (ud->dz == 0)
		return RC_OK;
	d = xcalloc(ud->dz, sizeof(*d));
	for (i = 0; i < ud->dz; i++)
		d[i] = (struct delta){ COUNT_USER_UNREAD, ud->d[i].user_id,
		    ud->d[i].bucket, ud->d[i].n };
	rc = counts_apply(db, d, ud->dz);
	free(d);
	free(ud->d);
	memset(ud, 0, sizeof(*ud));
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

/* ---- grow-a (issue 12): begin ---- */
/*
 * Appends to d the deltas of the all-time totals of the case's shop and
 * buyer (COUNT_SHOP_TOTAL, COUNT_BUYER_TOTAL) for a move from state from
 * to state to: opened, refunded (count and cents) and escalated. A case is
 * escalated once at most: only EV_ESCALATE goes from rejected to escalated
 * (it sets escalated_at), and no escalated case is rejected again.
 */
static void
totals_deltas(struct delta *d, size_t *dz, int64_t shop, int64_t buyer,
    int64_t cents, enum case_state from, enum case_state to)
{
	static const int64_t kinds[2] = { COUNT_SHOP_TOTAL, COUNT_BUYER_TOTAL };
	int64_t owner[2] = { shop, buyer };
	int sign;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (from == STATE_NONE)
			d[(*dz)++] = (struct delta){ kinds[i], owner[i],
			    TOTAL_CASES, 1 };
		if ((from == STATE_REFUNDED) != (to == STATE_REFUNDED)) {
			sign = to == STATE_REFUNDED ? 1 : -1;
			d[(*dz)++] = (struct delta){ kinds[i], owner[i],
			    TOTAL_REFUNDED, sign };
			d[(*dz)++] = (struct delta){ kinds[i], owner[i],
			    TOTAL_CENTS, sign * cents };
		}
		if (from == STATE_REJECTED && to == STATE_ESCALATED)
			d[(*dz)++] = (struct delta){ kinds[i], owner[i],
			    TOTAL_ESCALATED, 1 };
	}
}

enum rc
counts_order_added(struct db *db, int64_t buyer_id, int64_t shop_id)
{
	struct delta d[3] = {
		{ COUNT_BUYER_ORDERS, buyer_id, shop_id, 1 },
		{ COUNT_SHOP_TOTAL, shop_id, TOTAL_ORDERS, 1 },
		{ COUNT_BUYER_TOTAL, buyer_id, TOTAL_ORDERS, 1 },
	};

	return counts_apply(db, d, 3);
}

/* The rebuild of the totals, inside rebuild_txn() (after its clear). */
static enum rc
totals_rebuild(struct db *db)
{
	enum rc rc;

	if ((rc = db_exec(db, SQL_GROWA_TOTALS_REBUILD_CASES, NULL, "")) !=
	    RC_OK)
		return rc;
	return db_exec(db, SQL_GROWA_TOTALS_REBUILD_ORDERS, NULL, "");
}
/* ---- grow-a (issue 12): end ---- */

enum rc
counts_case_moved(struct db *db, int64_t case_id, enum case_state from,
    enum case_state to)
{
	struct delta d[16];
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
	totals_deltas(d, &dz, shop, buyer, cents, from, to);	/* grow-a */
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
		/* grow-b: the unread counts per user (kind 22) */
		SQL_GBU_REBUILD,
	};
	size_t i;
	enum rc rc = RC_OK;

	(void)arg;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && rc == RC_OK; i++)
		rc = db_exec(db, steps[i], NULL, "");
	if (rc == RC_OK)
		rc = totals_rebuild(db);	/* grow-a */
	return rc;
}

enum rc
counts_rebuild(struct db *db)
{
	return db_txn(db, rebuild_txn, NULL);
}
