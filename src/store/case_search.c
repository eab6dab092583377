/* case_search.c: the platform's view of every case: search by RMA, order, buyer, shop, state and date (keyset-paged), and the escalation queue. */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/util.h"
#include "store/case_search.h"

/* The columns of SQL_ADMINL_SEARCH_* and SQL_ADMINL_ESCALATIONS. */
enum {
	CH_ID, CH_RMA_NO, CH_TYPE, CH_STATE, CH_REQUESTED, CH_CURRENCY,
	CH_CREATED, CH_DEADLINE, CH_ESCALATED, CH_ORDER_NO, CH_BUYER, CH_SHOP,
	CH_POS, CH__MAX
};

/* Reads the rows of r into *hits (at most max). Returns RC_OK or RC_DB. */
static enum rc
hits_read(const struct db_res *r, size_t max, struct case_hit **hits,
    size_t *hitsz)
{
	struct case_hit *h;
	size_t i, n = r->rowsz < max ? r->rowsz : max;

	assert(r->rowsz == 0 || r->colsz == CH__MAX);
	h = xcalloc(n + 1, sizeof(*h));
	for (i = 0; i < n; i++) {
		h[i].id = db_int(r, i, CH_ID);
		h[i].rma_no = xstrdup(db_str(r, i, CH_RMA_NO));
		h[i].order_no = xstrdup(db_str(r, i, CH_ORDER_NO));
		h[i].buyer = xstrdup(db_str(r, i, CH_BUYER));
		h[i].shop = xstrdup(db_str(r, i, CH_SHOP));
		if (!case_type_from_name(db_str(r, i, CH_TYPE), &h[i].type) ||
		    !case_state_from_name(db_str(r, i, CH_STATE),
		    &h[i].state)) {
			log_err("case %lld has an unknown type or state",
			    (long long)h[i].id);
			case_hits_free(h, i + 1);
			return RC_DB;
		}
		h[i].requested_cents = db_int(r, i, CH_REQUESTED);
		snprintf(h[i].currency, sizeof(h[i].currency), "%s",
		    db_str(r, i, CH_CURRENCY));
		h[i].created_at = db_int(r, i, CH_CREATED);
		h[i].deadline_at = db_int(r, i, CH_DEADLINE);
		h[i].escalated_at = db_int(r, i, CH_ESCALATED);
		snprintf(h[i].pos.key, sizeof(h[i].pos.key), "%s",
		    db_str(r, i, CH_POS));
		h[i].pos.id = h[i].id;
	}
	*hits = h;
	*hitsz = n;
	return RC_OK;
}

enum rc
case_search(struct db *db, const struct case_query *q, time_t now,
    struct case_hit **hits, size_t *hitsz, bool *more)
{
	/* The end of time for the keyset of a first page: a day from now. */
	time_t after = q->after_id != 0 ? q->after_at : now + 86400;
	time_t to = q->to != 0 ? q->to : now + 86400;
	int64_t after_id = q->after_id != 0 ? q->after_id : INT64_MAX;
	const char *state = q->state != NULL ? q->state : "";
	struct db_res r;
	enum rc rc;

	*hits = NULL;
	*hitsz = 0;
	*more = false;
#define TAIL "iissttt" "ti"
#define ARGS q->shop_id, q->shop_id, state, state, q->from, to, after, \
	after, after_id
	if (q->rma != NULL && *q->rma != '\0')
		rc = db_query(db, SQL_ADMINL_SEARCH_RMA, &r, "s" TAIL, q->rma,
		    ARGS);
	else if (q->order_no != NULL && *q->order_no != '\0')
		rc = db_query(db, SQL_ADMINL_SEARCH_ORDER, &r, "s" TAIL,
		    q->order_no, ARGS);
	else if (q->buyer != NULL && *q->buyer != '\0')
		rc = db_query(db, SQL_ADMINL_SEARCH_BUYER, &r, "s" TAIL,
		    q->buyer, ARGS);
	else if (q->shop_id != 0)
		rc = db_query(db, SQL_ADMINL_SEARCH_SHOP, &r, "i" TAIL,
		    q->shop_id, ARGS);
	else if (*state != '\0')
		rc = db_query(db, SQL_ADMINL_SEARCH_STATE, &r, "s" TAIL, state,
		    ARGS);
	else
		rc = db_query(db, SQL_ADMINL_SEARCH_ALL, &r, TAIL, ARGS);
#undef TAIL
#undef ARGS
	if (rc == RC_OK && (rc = hits_read(&r, CASE_SEARCH_PAGE, hits,
	    hitsz)) == RC_OK)
		*more = r.rowsz > CASE_SEARCH_PAGE;
	db_res_release(&r);
	return rc;
}

enum rc
escalation_queue(struct db *db, const struct cursor *after,
    struct case_hit **hits, size_t *hitsz, bool *more)
{
	const char *key = cursor_first(after) ? "19700101000000" : after->key;
	struct db_res r;
	enum rc rc;

	*hits = NULL;
	*hitsz = 0;
	*more = false;
	if ((rc = db_query(db, SQL_ADMINL_ESCALATIONS, &r, "ssi", key, key,
	    after->id)) == RC_OK && (rc = hits_read(&r, ESCALATION_PAGE, hits,
	    hitsz)) == RC_OK)
		*more = r.rowsz > ESCALATION_PAGE;
	db_res_release(&r);
	return rc;
}

void
case_hits_free(struct case_hit *hits, size_t hitsz)
{
	size_t i;

	for (i = 0; i < hitsz; i++) {
		free(hits[i].rma_no);
		free(hits[i].order_no);
		free(hits[i].buyer);
		free(hits[i].shop);
	}
	free(hits);
}
