/* queue.c: the seller's queue and history as typed rows: one fixed statement per tab group and sort, filters bound as values. */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/queue.h"
#include "store/kept_counts.h"
#include "base/util.h"

/* The columns of the SQL_SELLER_QUEUE_* and SQL_SELLER_SEARCH rows. */
enum {
	QR_ID, QR_RMA_NO, QR_TYPE, QR_STATE, QR_REASON, QR_REASON_EN,
	QR_REASON_ZH, QR_REQUESTED, QR_CURRENCY, QR_DEADLINE, QR_CREATED,
	QR_DEADLINE_KEY, QR_CREATED_KEY, QR_ORDER_NO, QR_BUYER, QR_TITLE,
	QR_SKU, QR_LINES, QR_THUMB, QR__MAX
};

/* The columns of SQL_SELLER_TAB_COUNTS. */
enum { QC_TAB, QC_COUNT, QC__MAX };

/* The statement of each tab group and sort. */
static const enum sql queue_sql[2][QSORT__MAX] = {
	{ SQL_SELLER_QUEUE_TAB_DEADLINE, SQL_SELLER_QUEUE_TAB_NEWEST },
	{ SQL_SELLER_QUEUE_OPEN_DEADLINE, SQL_SELLER_QUEUE_OPEN_NEWEST },
};

/* The latest time a DATETIME holds, for an open upper bound. */
#define QUEUE_TIME_END	((time_t)253402300799)	/* 9999-12-31 23:59:59 */

/* Fills row i of res into q, for a page sorted by sort. */
static void
queue_row_fill(const struct db_res *res, size_t i, enum queue_sort sort,
    struct queue_row *q)
{
	const char *key;

	q->id = db_int(res, i, QR_ID);
	q->rma_no = xstrdup(db_str(res, i, QR_RMA_NO));
	if (!case_type_from_name(db_str(res, i, QR_TYPE), &q->type))
		q->type = CASE_REFUND_ONLY;
	if (!case_state_from_name(db_str(res, i, QR_STATE), &q->state))
		q->state = STATE_REQUESTED;
	q->reason_code = xstrdup(db_str(res, i, QR_REASON));
	q->reason_en = xstrdup(db_str(res, i, QR_REASON_EN));
	q->reason_zh = xstrdup(db_str(res, i, QR_REASON_ZH));
	q->requested_cents = db_int(res, i, QR_REQUESTED);
	snprintf(q->currency, sizeof(q->currency), "%s",
	    db_str(res, i, QR_CURRENCY));
	q->deadline_at = db_int(res, i, QR_DEADLINE);
	q->created_at = db_int(res, i, QR_CREATED);
	key = db_str(res, i, sort == QSORT_DEADLINE ? QR_DEADLINE_KEY :
	    QR_CREATED_KEY);
	snprintf(q->key.key, sizeof(q->key.key), "%s", key);
	q->key.id = q->id;
	q->order_no = xstrdup(db_str(res, i, QR_ORDER_NO));
	q->buyer = xstrdup(db_str(res, i, QR_BUYER));
	q->item_title = xstrdup(db_str(res, i, QR_TITLE));
	q->item_sku = xstrdup(db_str(res, i, QR_SKU));
	q->linesz = db_int(res, i, QR_LINES);
	q->thumb_id = db_int(res, i, QR_THUMB);
}

/*
 * Runs the statement of the "assigned to me" tab or of the "has a new
 * message" filter (sql.c block seller-talk) for f, with the keyset and
 * bounds queue_load() worked out, into res.
 */
static enum rc
queue_load_talk(struct db *db, int64_t shop_id, const struct queue_filter *f,
    const char *key, int64_t after_id, int64_t max, time_t to, int64_t limit,
    struct db_res *res)
{
	static const enum sql mine[2][QSORT__MAX] = {
		{ SQL_TALK_QUEUE_MINE_DEADLINE, SQL_TALK_QUEUE_MINE_NEWEST },
		{ SQL_TALK_QUEUE_MINE_NEW_DEADLINE,
		  SQL_TALK_QUEUE_MINE_NEW_NEWEST },
	};
	static const enum sql fresh[2][QSORT__MAX] = {
		{ SQL_TALK_QUEUE_TAB_NEW_DEADLINE, SQL_TALK_QUEUE_TAB_NEW_NEWEST },
		{ SQL_TALK_QUEUE_OPEN_NEW_DEADLINE,
		  SQL_TALK_QUEUE_OPEN_NEW_NEWEST },
	};

	if (f->tab == QTAB_ASSIGNED && f->new_only)
		return db_query(db, mine[1][f->sort], res, "iiissssssiittssii",
		    f->user_id, f->user_id, shop_id, f->state, f->state,
		    f->type, f->type, f->reason, f->reason, f->min_cents, max,
		    f->from, to, key, key, after_id, limit);
	if (f->tab == QTAB_ASSIGNED)
		return db_query(db, mine[0][f->sort], res, "iissssssiittssii",
		    f->user_id, shop_id, f->state, f->state, f->type, f->type,
		    f->reason, f->reason, f->min_cents, max, f->from, to, key,
		    key, after_id, limit);
	if (f->tab == QTAB_OPEN)
		return db_query(db, fresh[1][f->sort], res, "iissssssiittssii",
		    f->user_id, shop_id, f->state, f->state, f->type, f->type,
		    f->reason, f->reason, f->min_cents, max, f->from, to, key,
		    key, after_id, limit);
	return db_query(db, fresh[0][f->sort], res, "iiissssssiittssii",
	    f->user_id, shop_id, (int64_t)f->tab + 1, f->state, f->state,
	    f->type, f->type, f->reason, f->reason, f->min_cents, max, f->from,
	    to, key, key, after_id, limit);
}

enum rc
queue_load(struct db *db, int64_t shop_id, const struct queue_filter *f,
    struct queue_row **rows, size_t *rowsz, bool *more)
{
	const char *key = f->after.key;
	int64_t after_id = f->after.id, max, limit = QUEUE_PAGE + 1;
	struct db_res res;
	enum sql st;
	size_t i, n;
	enum rc rc;
	time_t to;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if (f->search != NULL) {
		rc = db_query(db, SQL_SELLER_SEARCH, &res, "sssssi", f->search,
		    f->search, f->search, f->search, f->search, shop_id);
		limit = 0;
	} else {
		if (*key == '\0') {
			key = f->sort == QSORT_DEADLINE ? "19700101000000" :
			    "99991231235959";
			after_id = f->sort == QSORT_DEADLINE ? 0 : INT64_MAX;
		}
		max = f->max_cents > 0 ? f->max_cents : INT64_MAX;
		to = f->to > 0 ? f->to : QUEUE_TIME_END;
		st = queue_sql[f->tab == QTAB_OPEN][f->sort];
		if (f->tab == QTAB_ASSIGNED || f->new_only)
			rc = queue_load_talk(db, shop_id, f, key, after_id,
			    max, to, limit, &res);
		else if (f->tab == QTAB_OPEN)
			rc = db_query(db, st, &res, "issssssiittssii", shop_id,
			    f->state, f->state, f->type, f->type, f->reason,
			    f->reason, f->min_cents, max, f->from, to, key, key,
			    after_id, limit);
		else
			rc = db_query(db, st, &res, "iissssssiittssii", shop_id,
			    (int64_t)f->tab + 1, f->state, f->state, f->type,
			    f->type, f->reason, f->reason, f->min_cents, max,
			    f->from, to, key, key, after_id, limit);
	}
	if (rc != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == QR__MAX);
	n = res.rowsz;
	if (limit > 0 && n > QUEUE_PAGE) {
		n = QUEUE_PAGE;
		*more = true;
	}
	*rows = xcalloc(n > 0 ? n : 1, sizeof(**rows));
	for (i = 0; i < n; i++)
		queue_row_fill(&res, i, f->sort, &(*rows)[i]);
	*rowsz = n;
out:
	db_res_release(&res);
	return rc;
}

void
queue_rows_free(struct queue_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].rma_no);
		free(rows[i].reason_code);
		free(rows[i].reason_en);
		free(rows[i].reason_zh);
		free(rows[i].order_no);
		free(rows[i].buyer);
		free(rows[i].item_title);
		free(rows[i].item_sku);
	}
	free(rows);
}

enum rc
queue_counts(struct db *db, int64_t shop_id, int64_t counts[QTAB__MAX])
{
	struct db_res res;
	int64_t tab;
	size_t i;
	enum rc rc;

	memset(counts, 0, QTAB__MAX * sizeof(*counts));
	/* Kept by the engine (engine/counts.c, sql/015): kind 1, the shop,
	 * one row per tab; never a COUNT over the shop's history. */
	if ((rc = db_query(db, SQL_COUNTS_OF_OWNER, &res, "ii",
	    (int64_t)COUNT_SHOP_TAB, shop_id)) != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == QC__MAX);
	for (i = 0; i < res.rowsz; i++) {
		tab = db_int(&res, i, QC_TAB) - 1;
		if (tab < 0 || tab >= QTAB_OPEN)
			continue;
		counts[tab] = db_int(&res, i, QC_COUNT);
		if (tab != QTAB_FINISHED)
			counts[QTAB_OPEN] += counts[tab];
	}
out:
	db_res_release(&res);
	return rc;
}

enum rc
queue_assigned_count(struct db *db, int64_t user_id, int64_t *n)
{
	struct db_res res;
	enum rc rc;

	*n = 0;
	/* Kept by the engine: kind 2, the seller, bucket 0. */
	if ((rc = db_query(db, SQL_COUNTS_OF_OWNER, &res, "ii",
	    (int64_t)COUNT_USER_OPEN, user_id)) == RC_OK && res.rowsz > 0)
		*n = db_int(&res, 0, QC_COUNT);
	db_res_release(&res);
	return rc;
}
