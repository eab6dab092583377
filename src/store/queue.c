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

/* The most cases a search shows, newest first (as before: 100). */
#define QUEUE_SEARCH_MAX	100

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

/* Frees what one row holds. */
static void
queue_rows_free_one(struct queue_row *q)
{
	free(q->rma_no);
	free(q->reason_code);
	free(q->reason_en);
	free(q->reason_zh);
	free(q->order_no);
	free(q->buyer);
	free(q->item_title);
	free(q->item_sku);
}

void
queue_rows_free(struct queue_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++)
		queue_rows_free_one(&rows[i]);
	free(rows);
}

/* Orders two rows newest first (created_at, then id, descending). */
static int
queue_row_newer(const void *a, const void *b)
{
	const struct queue_row *x = a, *y = b;

	if (x->created_at != y->created_at)
		return x->created_at > y->created_at ? -1 : 1;
	if (x->id != y->id)
		return x->id > y->id ? -1 : 1;
	return 0;
}

/*
 * Adds the rows of res (queue columns) that are not in rows yet to rows,
 * growing it.
 */
static void
queue_rows_merge(const struct db_res *res, struct queue_row **rows,
    size_t *rowsz)
{
	size_t i, k;

	assert(res->rowsz == 0 || res->colsz == QR__MAX);
	for (i = 0; i < res->rowsz; i++) {
		for (k = 0; k < *rowsz; k++)
			if ((*rows)[k].id == db_int(res, i, QR_ID))
				break;
		if (k < *rowsz)
			continue;
		*rows = xrealloc(*rows, (*rowsz + 1) * sizeof(**rows));
		memset(&(*rows)[*rowsz], 0, sizeof(**rows));
		queue_row_fill(res, i, QSORT_NEWEST, &(*rows)[*rowsz]);
		(*rowsz)++;
	}
}

/*
 * The search: shop_id's cases whose RMA number, order number, buyer (login
 * or name) or a line's SKU is exactly q, the newest QUEUE_SEARCH_MAX. Each
 * kind of match is one bounded statement over an index that serves it
 * (sql.c block kept-counts), merged here. Fills rows (free them with
 * queue_rows_free()); returns RC_OK or RC_DB.
 */
static enum rc
queue_search(struct db *db, int64_t shop_id, const char *q,
    struct queue_row **rows, size_t *rowsz)
{
	static const enum sql direct[] = { SQL_SELLER_FIND_RMA,
	    SQL_SELLER_FIND_ORDER, SQL_SELLER_FIND_SKU };
	static const enum sql people[] = { SQL_SELLER_FIND_LOGIN,
	    SQL_SELLER_FIND_NAME };
	struct db_res res, ids;
	size_t i, k;
	enum rc rc = RC_OK;

	*rows = NULL;
	*rowsz = 0;
	for (i = 0; i < sizeof(direct) / sizeof(direct[0]) && rc == RC_OK;
	    i++) {
		if ((rc = db_query(db, direct[i], &res, "si", q, shop_id)) ==
		    RC_OK)
			queue_rows_merge(&res, rows, rowsz);
		db_res_release(&res);
	}
	for (i = 0; i < sizeof(people) / sizeof(people[0]) && rc == RC_OK;
	    i++) {
		if ((rc = db_query(db, people[i], &ids, "s", q)) != RC_OK) {
			db_res_release(&ids);
			break;
		}
		for (k = 0; k < ids.rowsz && rc == RC_OK; k++) {
			if ((rc = db_query(db, SQL_SELLER_FIND_BUYER, &res,
			    "ii", db_int(&ids, k, 0), shop_id)) == RC_OK)
				queue_rows_merge(&res, rows, rowsz);
			db_res_release(&res);
		}
		db_res_release(&ids);
	}
	if (*rowsz > 1)
		qsort(*rows, *rowsz, sizeof(**rows), queue_row_newer);
	while (*rowsz > QUEUE_SEARCH_MAX) {
		(*rowsz)--;
		queue_rows_free_one(&(*rows)[*rowsz]);
	}
	if (rc != RC_OK) {
		queue_rows_free(*rows, *rowsz);
		*rows = NULL;
		*rowsz = 0;
	}
	return rc;
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
		*more = false;
		return queue_search(db, shop_id, f->search, rows, rowsz);
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
