/* case_open.c: a buyer's request opened as a case in one transaction, in named steps: token, order, lines, rules, reservation, record, fast track. */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"
#include "core/money.h"
#include "engine/apply.h"
#include "engine/cases.h"
#include "engine/evidence.h"
#include "engine/token_use.h"
#include "store/policy_store.h"

/* The columns of SQL_ORDER_FOR_BUYER and SQL_ORDER_LINES_LOCK. */
enum {
	OB_ID, OB_SHOP_ID, OB_CURRENCY, OB_PAID_AT, OB_SHIPPED_AT,
	OB_DELIVERED_AT, OB_EXPECTED_AT, OB__MAX
};
enum {
	OL_ID, OL_QUANTITY, OL_PAID, OL_REFUNDED, OL_PENDING, OL_CASES_EVER,
	OL_OPEN, OL__MAX
};

/* One opening: its arguments, the state its steps share, and its results. */
struct open {
	const struct config		*cfg;
	const struct case_request	*rq;
	const struct policy		*pol;
	time_t				 now;
	struct rules_line		*rl;	/* rq->linesz, as the rules see them */
	struct rules_request		 rr;
	struct db_res			 order;	/* SQL_ORDER_FOR_BUYER */
	int64_t				 amount;	/* asked, after the rules */
	int64_t				 case_id;	/* out */
	enum rules_field		 field;	/* out, with why */
	const char			*why;
};

/*
 * Step 1: records the form token's use. RC_OK for a first use;
 * RC_CONFLICT for a double submit, with t->case_id the first one's case.
 */
static enum rc
open_token(struct db *db, struct open *t)
{
	char *prior = NULL;
	enum rc rc;

	if (t->rq->form_token == NULL)
		return RC_OK;
	rc = token_use_record(db, t->rq->form_token, t->rq->buyer_id, 0,
	    "open", "", t->now, &prior);
	if (rc == RC_CONFLICT)
		t->case_id = strtoll(prior, NULL, 10);
	free(prior);
	return rc;
}

/*
 * Step 2: the order must be the buyer's (RC_NOTFOUND), and its lines
 * are locked and read into t->rl in the request's order (RC_INVALID when
 * one is not the order's).
 */
static enum rc
open_lines(struct db *db, struct open *t)
{
	const struct case_request *rq = t->rq;
	struct db_res r;
	size_t i, j;
	enum rc rc;

	if ((rc = db_query(db, SQL_ORDER_FOR_BUYER, &t->order, "ii",
	    rq->order_id, rq->buyer_id)) != RC_OK)
		return rc;
	if (t->order.rowsz == 0)
		return RC_NOTFOUND;
	assert(t->order.colsz == OB__MAX);
	if ((rc = db_query(db, SQL_ORDER_LINES_LOCK, &r, "i", rq->order_id)) !=
	    RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == OL__MAX);
	for (i = 0; i < rq->linesz; i++) {
		struct rules_line *l = &t->rl[i];

		for (j = 0; j < r.rowsz; j++)
			if (db_int(&r, j, OL_ID) == rq->lines[i].order_line_id)
				break;
		if (j == r.rowsz) {
			t->field = RULES_FIELD_LINES;
			t->why = N_("An item you chose is not part of this order.");
			rc = RC_INVALID;
			goto out;
		}
		l->order_line_id = db_int(&r, j, OL_ID);
		l->line_quantity = db_int(&r, j, OL_QUANTITY);
		l->paid_cents = db_int(&r, j, OL_PAID);
		l->refunded_cents = db_int(&r, j, OL_REFUNDED);
		l->pending_cents = db_int(&r, j, OL_PENDING);
		l->cases_ever = db_int(&r, j, OL_CASES_EVER);
		l->in_open_case = db_int(&r, j, OL_OPEN) > 0;
		l->quantity = rq->lines[i].quantity;
	}
out:
	db_res_release(&r);
	return rc;
}

/* Step 3: the policy's rules (pure); RC_INVALID with t->field and t->why. */
static enum rc
open_rules(struct open *t)
{
	const struct case_request *rq = t->rq;
	struct rules_request *rr = &t->rr;
	int64_t cap;

	memset(rr, 0, sizeof(*rr));
	rr->policy = t->pol;
	rr->reason = policy_reason(t->pol, rq->reason_code);
	rr->type = rq->type;
	rr->goods_received = rq->goods_received;
	rr->paid_at = db_int(&t->order, 0, OB_PAID_AT);
	rr->shipped_at = db_int(&t->order, 0, OB_SHIPPED_AT);
	rr->delivered_at = db_int(&t->order, 0, OB_DELIVERED_AT);
	rr->expected_at = db_int(&t->order, 0, OB_EXPECTED_AT);
	rr->now = t->now;
	rr->evidence_count = rq->photosz;
	rr->amount_cents = rq->amount_cents;
	rr->whole = rq->whole;
	rr->lines = t->rl;
	rr->linesz = rq->linesz;
	if (!rules_check(rr, &cap, &t->field, &t->why))
		return RC_INVALID;
	t->amount = rr->amount_cents;
	return RC_OK;
}

/*
 * Step 4: the case row with its RMA number ("RMA" + day + sequence) and
 * the seller's deadline, then the amount spread over the lines and
 * reserved on each with a guarded update (RC_CONFLICT when another
 * request took it first).
 */
static enum rc
open_record(struct db *db, struct open *t)
{
	const struct case_request *rq = t->rq;
	int64_t *weights = xcalloc(rq->linesz, sizeof(int64_t));
	int64_t *alloc = xcalloc(rq->linesz, sizeof(int64_t));
	int64_t attempt = 1, seq;
	char rma[40], day[16];
	uint64_t changed;
	size_t i;
	enum rc rc;

	for (i = 0; i < rq->linesz; i++) {
		weights[i] = t->rl[i].share_cents;
		if (t->rl[i].cases_ever + 1 > attempt)
			attempt = t->rl[i].cases_ever + 1;
	}
	if (!money_allocate(t->amount, weights, rq->linesz, alloc)) {
		log_err("cannot allocate %" PRId64 " over the lines", t->amount);
		rc = RC_DB;
		goto out;
	}
	clock_format(t->now, NULL, "%Y-%m-%d", day, sizeof(day));
	if ((rc = db_exec(db, SQL_RMA_NEXT, NULL, "s", day)) != RC_OK)
		goto out;
	seq = db_last_id(db);
	snprintf(rma, sizeof(rma), "RMA%.4s%.2s%.2s%05" PRId64, day, day + 5,
	    day + 8, seq);
	rc = db_exec(db, SQL_CASE_INSERT, NULL, "siiiissiissittt", rma,
	    rq->order_id, db_int(&t->order, 0, OB_SHOP_ID), rq->buyer_id, t->pol->id,
	    case_type_name(rq->type), rq->reason_code,
	    (int64_t)rq->goods_received, t->amount, db_str(&t->order, 0, OB_CURRENCY),
	    rq->description, attempt, t->now + rules_deadline_secs(t->pol,
	    DEADLINE_SELLER_RESPONSE), t->now, t->now);
	if (rc != RC_OK)
		goto out;
	t->case_id = db_last_id(db);
	if (rq->variant != NULL && rq->type == CASE_EXCHANGE &&
	    (rc = db_exec(db, SQL_CASE_SET_VARIANT, NULL, "si", rq->variant,
	    t->case_id)) != RC_OK)
		goto out;
	for (i = 0; i < rq->linesz; i++) {
		rc = db_exec(db, SQL_LINE_RESERVE, &changed, "iii", alloc[i],
		    t->rl[i].order_line_id, alloc[i]);
		if (rc == RC_OK && changed == 0)
			rc = RC_CONFLICT;
		if (rc == RC_OK)
			rc = db_exec(db, SQL_CASE_LINE_INSERT, NULL, "iiiiii",
			    t->case_id, t->rl[i].order_line_id, rq->order_id,
			    t->rl[i].quantity, alloc[i], t->rl[i].order_line_id);
		if (rc == RC_CONFLICT) {
			t->field = RULES_FIELD_LINES;
			t->why = N_("Another request for these items came in at the "
			    "same moment. Look at your cases.");
		}
		if (rc != RC_OK)
			goto out;
	}
out:
	free(weights);
	free(alloc);
	return rc;
}

/* Step 5: the photos and the submit row of the timeline. */
static enum rc
open_submit(struct db *db, struct open *t)
{
	const struct case_request *rq = t->rq;
	struct case_action submit;
	struct buf ids = { 0 };
	enum rc rc;

	memset(&submit, 0, sizeof(submit));
	submit.ev = EV_SUBMIT;
	submit.who = ACTOR_BUYER;
	submit.actor_id = rq->buyer_id;
	if ((rc = evidence_add(db, t->case_id, ACTOR_BUYER, rq->buyer_id,
	    rq->photos, rq->photosz, t->pol, t->now, &ids, &t->why)) !=
	    RC_OK) {
		t->field = RULES_FIELD_EVIDENCE;
		goto out;
	}
	rc = timeline_add(db, t->case_id, t->now, &submit, STATE_NONE,
	    STATE_REQUESTED, t->amount, NULL, ids.len > 0 ? ids.data : NULL);
out:
	buf_release(&ids);
	return rc;
}

/*
 * Step 6: the fast track (极速退款). When the policy's rule matches, the
 * system approves the refund at once; the ledger row it starts is
 * settled now (ledger) or by the worker (webhook). The buyer's fast
 * refunds, pending or succeeded, are counted under a lock on the buyer's
 * row, with a locking read that sees what their other requests committed:
 * six requests at once with a limit of three give three, however slow
 * the payment system is to settle them.
 */
static enum rc
open_fast_track(struct db *db, struct open *t)
{
	struct case_action fast;
	struct db_res recent, me;
	struct locked c;
	enum rc rc;

	memset(&c, 0, sizeof(c));
	memset(&recent, 0, sizeof(recent));
	memset(&me, 0, sizeof(me));
	if (!rules_fast_track(&t->rr, 0))
		return RC_OK;
	if ((rc = db_query(db, SQL_BUYER_FAST_LOCK, &me, "i",
	    t->rq->buyer_id)) != RC_OK ||
	    (rc = db_query(db, SQL_BUYER_FAST_REFUNDS, &recent, "it",
	    t->rq->buyer_id, t->now - t->pol->fast_track_recent_days *
	    86400)) != RC_OK)
		goto out;
	if (!rules_fast_track(&t->rr, db_int(&recent, 0, 0)))
		goto out;
	memset(&fast, 0, sizeof(fast));
	fast.ev = EV_APPROVE_REFUND;
	fast.who = ACTOR_SYSTEM;
	fast.rule = "fast_track";
	if ((rc = case_lock(db, t->case_id, &c)) == RC_OK)
		rc = apply_locked(db, t->cfg, &c, t->pol, &fast, t->now, &t->why);
out:
	locked_release(&c);
	db_res_release(&recent);
	db_res_release(&me);
	return rc;
}

/* Transaction body of case_open(): the steps in order. */
static enum rc
open_txn(struct db *db, void *arg)
{
	struct open *t = arg;
	char id[24];
	enum rc rc;

	t->case_id = 0;
	t->field = RULES_FIELD__MAX;
	t->why = NULL;
	db_res_release(&t->order);
	memset(t->rl, 0, t->rq->linesz * sizeof(*t->rl));
	if ((rc = open_token(db, t)) != RC_OK) {
		/* A double submit answers with the first case. */
		return rc == RC_CONFLICT ? RC_OK : rc;
	}
	if ((rc = open_lines(db, t)) != RC_OK ||
	    (rc = open_rules(t)) != RC_OK ||
	    (rc = open_record(db, t)) != RC_OK ||
	    (rc = open_submit(db, t)) != RC_OK ||
	    (rc = open_fast_track(db, t)) != RC_OK)
		return rc;
	if (t->rq->form_token == NULL)
		return RC_OK;
	snprintf(id, sizeof(id), "%" PRId64, t->case_id);
	return token_use_outcome(db, t->rq->form_token, id);
}

enum rc
case_open(struct db *db, const struct config *cfg,
    const struct case_request *rq, time_t now, int64_t *case_id,
    enum rules_field *field, const char **why)
{
	struct open t;
	struct policy pol;
	enum rc rc;

	memset(&t, 0, sizeof(t));
	*case_id = 0;
	*field = RULES_FIELD_LINES;
	*why = NULL;
	if (rq->form_token != NULL && token_use_check(cfg, rq->form_token,
	    rq->buyer_id, 0, "open", now, why) != RC_OK)
		return RC_INVALID;
	/* Kept by the process; which version is current, read once a second. */
	rc = policy_current(db, &pol);
	if (rc == RC_NOTFOUND) {
		*field = RULES_FIELD_REASON;
		*why = N_("No return policy is published yet; requests cannot be "
		    "opened.");
		return RC_INVALID;
	}
	if (rc != RC_OK)
		return rc;
	t.cfg = cfg;
	t.rq = rq;
	t.pol = &pol;
	t.now = now;
	t.rl = xcalloc(rq->linesz > 0 ? rq->linesz : 1, sizeof(*t.rl));
	rc = db_txn(db, open_txn, &t);
	policy_release(&pol);
	free(t.rl);
	db_res_release(&t.order);
	if (t.field != RULES_FIELD__MAX)
		*field = t.field;
	*why = t.why;
	if (rc == RC_OK)
		*case_id = t.case_id;
	return rc;
}

enum rc
case_open_replayed(struct db *db, const struct config *cfg, const char *token,
    int64_t buyer_id, time_t now, int64_t *case_id)
{
	const char *why;
	char *prior = NULL;
	enum rc rc;

	*case_id = 0;
	if (token == NULL || token_use_check(cfg, token, buyer_id, 0, "open",
	    now, &why) != RC_OK)
		return RC_NOTFOUND;
	if ((rc = token_use_prior(db, token, &prior)) == RC_OK) {
		*case_id = strtoll(prior, NULL, 10);
		if (*case_id <= 0)
			rc = RC_NOTFOUND;
	}
	free(prior);
	return rc;
}
