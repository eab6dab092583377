/* ledger.c: the refund ledger: a pending row when a decision starts paying, its claim by the worker, and its settlement (paid, retried, or given up). */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"
#include "core/money.h"
#include "engine/locked.h"
#include "engine/ledger.h"
#include "engine/token_use.h"
#include "store/admin_store.h"
#include "store/orders.h"

/* The columns of SQL_REFUND_LOCK, SQL_REFUND_GET and SQL_CASE_LINES_OF_CASE. */
enum {
	RK_ID, RK_CASE_ID, RK_AMOUNT, RK_STATUS, RK_ATTEMPTS, RK_CREATED,
	RK__MAX
};
enum {
	RG_ID, RG_CASE_ID, RG_KEY, RG_AMOUNT, RG_CURRENCY, RG_EXECUTOR,
	RG_STATUS, RG_RMA_NO, RG_ORDER_ID, RG_ATTEMPTS, RG__MAX
};
enum { LC_LINE_ID, LC_AMOUNT, LC_OPEN, LC__MAX };

/* One settlement: its arguments and what came of it. */
struct settle {
	const struct config		*cfg;
	int64_t				 refund_id;
	time_t				 now;
	const struct refund_answer	*ans;
	enum refund_outcome		 outcome;
};

/*
 * Spreads the approved amount of the locked case c over its lines (the
 * refunded share stays, the reservation goes). Returns RC_OK or RC_DB.
 */
static enum rc
settle_lines(struct db *db, const struct locked *c)
{
	struct db_res lines;
	int64_t *weights = NULL, *alloc = NULL;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, SQL_CASE_LINES_OF_CASE, &lines, "i", c->id)) !=
	    RC_OK)
		goto out;
	weights = xcalloc(lines.rowsz, sizeof(int64_t));
	alloc = xcalloc(lines.rowsz, sizeof(int64_t));
	for (i = 0; i < lines.rowsz; i++)
		weights[i] = db_int(&lines, i, LC_AMOUNT);
	if (!money_allocate(c->approved_cents, weights, lines.rowsz, alloc)) {
		log_err("case %" PRId64 ": approved amount exceeds the lines",
		    c->id);
		rc = RC_DB;
		goto out;
	}
	for (i = 0; i < lines.rowsz; i++) {
		if ((rc = db_exec(db, SQL_CASE_LINE_REFUNDED, NULL, "iii",
		    alloc[i], c->id, db_int(&lines, i, LC_LINE_ID))) != RC_OK)
			goto out;
		/* Release the whole reservation; keep the refunded share. */
		if ((rc = db_exec(db, SQL_LINE_SETTLE, NULL, "iii", alloc[i],
		    db_int(&lines, i, LC_OPEN) ? weights[i] : (int64_t)0,
		    db_int(&lines, i, LC_LINE_ID))) != RC_OK)
			goto out;
	}
out:
	free(weights);
	free(alloc);
	db_res_release(&lines);
	return rc;
}

/*
 * Settles the lines of the locked case c (settle_lines()) and marks the
 * case refunded. Returns RC_OK, RC_CONFLICT when the case left
 * refunding, or RC_DB.
 */
static enum rc
settle_paid(struct db *db, struct locked *c, time_t now)
{
	uint64_t changed;
	enum rc rc;

	if ((rc = settle_lines(db, c)) != RC_OK)
		return rc;
	if ((rc = db_exec(db, SQL_CASE_REFUNDED, &changed, "ittsi",
	    c->approved_cents, now, now, close_reason_name(CLOSE_REFUNDED),
	    c->id)) != RC_OK)
		return rc;
	return changed == 0 ? RC_CONFLICT : RC_OK;
}

/*
 * Sets *postage to the return postage case case_id pays back with its
 * goods (buyer2): what the buyer entered on shipping them back, where
 * the frozen policy's reason has the seller pay return shipping; else 0.
 * Returns RC_OK or RC_DB.
 */
static enum rc
postage_of(struct db *db, int64_t case_id, int64_t *postage)
{
	struct case_extra x;
	enum rc rc;

	*postage = 0;
	if ((rc = case_extra_load(db, case_id, &x)) != RC_OK)
		return rc;
	if (x.seller_pays)
		*postage = x.postage_cents;
	case_extra_release(&x);
	return RC_OK;
}

/*
 * The settlement's transaction body (also run inside a deciding
 * transaction by ledger_start()): locks the refund and its case, then
 * records the answer as refund_settle() says.
 */
static enum rc
settle_locked(struct db *db, void *arg)
{
	struct settle *t = arg;
	const struct refund_answer *ans = t->ans;
	struct case_action sys;
	struct db_res ref;
	struct locked c;
	enum case_state to;
	const char *why;
	int64_t attempts, postage;
	time_t created;
	enum rc rc;

	memset(&c, 0, sizeof(c));
	memset(&sys, 0, sizeof(sys));
	sys.who = ACTOR_SYSTEM;
	t->outcome = REFUND_GONE;
	if ((rc = db_query(db, SQL_REFUND_LOCK, &ref, "i", t->refund_id)) !=
	    RC_OK)
		goto out;
	if (ref.rowsz == 0 || strcmp(db_str(&ref, 0, RK_STATUS), "pending") != 0)
		goto out;	/* settled already, by someone else */
	assert(ref.colsz == RK__MAX);
	attempts = db_int(&ref, 0, RK_ATTEMPTS) + 1;
	created = db_int(&ref, 0, RK_CREATED);
	if ((rc = case_lock(db, db_int(&ref, 0, RK_CASE_ID), &c)) != RC_OK)
		goto out;
	sys.ev = ans->paid ? EV_REFUND_SUCCEEDED : EV_REFUND_FAILED;
	if (machine_next(c.type, c.state, sys.ev, ACTOR_SYSTEM, &to, &why) !=
	    RC_OK) {
		log_err("refund %" PRId64 " of case %" PRId64 " in state %s: "
		    "%s", t->refund_id, c.id, case_state_name(c.state), why);
		rc = RC_DB;
		goto out;
	}
	if (ans->paid) {
		t->outcome = REFUND_PAID;
		if ((rc = db_exec(db, SQL_REFUND_SUCCEED, NULL, "tsi", t->now,
		    ans->reference, t->refund_id)) != RC_OK ||
		    (rc = settle_paid(db, &c, t->now)) != RC_OK)
			goto out;
		rc = timeline_add(db, c.id, t->now, &sys, c.state, to,
		    c.approved_cents, ans->reference, NULL);
		/* The return postage paid with it: a row of its own. */
		if (rc == RC_OK && (rc = postage_of(db, c.id, &postage)) ==
		    RC_OK && postage > 0) {
			sys.rule = LEDGER_RULE_POSTAGE;
			rc = timeline_add(db, c.id, t->now, &sys, to, to,
			    postage, NULL, NULL);
		}
		goto out;
	}
	if (attempts >= t->cfg->refund_max_attempts ||
	    t->now - created >= t->cfg->refund_give_up_secs) {
		/* Given up: it stays visible to the platform, never paid twice. */
		t->outcome = REFUND_GAVE_UP;
		sys.rule = LEDGER_RULE_GAVE_UP;
		rc = db_exec(db, SQL_REFUND_GIVE_UP, NULL, "si", ans->error,
		    t->refund_id);
	} else {
		/* Retried later with the same key: 1, 2, 4 ... 60 minutes. */
		time_t next = t->now + 60 * (attempts < 7 ?
		    (int64_t)1 << (attempts - 1) : 60);

		t->outcome = REFUND_RETRY;
		rc = db_exec(db, SQL_REFUND_RETRY, NULL, "sti", ans->error,
		    next, t->refund_id);
	}
	if (rc == RC_OK)
		rc = timeline_add(db, c.id, t->now, &sys, c.state, to,
		    db_int(&ref, 0, RK_AMOUNT), ans->error, NULL);
out:
	locked_release(&c);
	db_res_release(&ref);
	return rc;
}

bool
ledger_pays_at_once(const struct config *cfg)
{
	return strcmp(cfg->refund_executor, "webhook") != 0;
}

/*
 * The payment of the ledger executor, recorded in the deciding
 * transaction: the lines settled and the timeline's refund_succeeded
 * row (the case row itself was written refunded by the caller), and the
 * return postage's row when the refund carries it.
 */
static enum rc
paid_at_once(struct db *db, struct locked *c, time_t now, int64_t postage)
{
	struct case_action sys;
	enum case_state to;
	const char *why;
	enum rc rc;

	memset(&sys, 0, sizeof(sys));
	sys.who = ACTOR_SYSTEM;
	sys.ev = EV_REFUND_SUCCEEDED;
	if (machine_next(c->type, c->state, sys.ev, ACTOR_SYSTEM, &to, &why) !=
	    RC_OK) {
		log_err("case %" PRId64 " in state %s: %s", c->id,
		    case_state_name(c->state), why);
		return RC_DB;
	}
	if ((rc = settle_lines(db, c)) != RC_OK ||
	    (rc = timeline_add(db, c->id, now, &sys, c->state, to,
	    c->approved_cents, "ledger", NULL)) != RC_OK)
		return rc;
	if (postage > 0) {
		sys.rule = LEDGER_RULE_POSTAGE;
		rc = timeline_add(db, c->id, now, &sys, to, to, postage, NULL,
		    NULL);
	}
	c->state = to;
	return rc;
}

enum rc
ledger_start(struct db *db, const struct config *cfg, struct locked *c,
    time_t now, const char **why)
{
	struct db_res r;
	char key[64];
	int64_t refund_id, postage;
	enum rc rc;
	bool paid = ledger_pays_at_once(cfg);

	if ((rc = db_query(db, SQL_REFUND_COUNT, &r, "i", c->id)) != RC_OK)
		goto out;
	snprintf(key, sizeof(key), "refund-desk-%" PRId64 "-%" PRId64, c->id,
	    db_int(&r, 0, 0) + 1);
	rc = db_exec(db, paid ? SQL_REFUND_INSERT_PAID : SQL_REFUND_INSERT,
	    NULL, "isisstt", c->id, key, c->approved_cents, c->currency,
	    paid ? "ledger" : "webhook", now, now);
	if (rc == RC_CONFLICT)
		*why = N_("A refund of this case is already under way.");
	if (rc != RC_OK)
		goto out;
	refund_id = db_last_id(db);
	/* The return postage goes with the goods, as its own part of the row. */
	if ((rc = postage_of(db, c->id, &postage)) != RC_OK ||
	    (postage > 0 && (rc = db_exec(db, SQL_REFUND_ADD_POSTAGE, NULL,
	    "iii", postage, postage, refund_id)) != RC_OK))
		goto out;
	if (paid)
		rc = paid_at_once(db, c, now, postage);
out:
	db_res_release(&r);
	return rc;
}

/* One claim: its arguments and the job it found. */
struct claim {
	time_t			 now;
	time_t			 lease_until;
	struct refund_job	*job;
};

static enum rc
claim_txn(struct db *db, void *arg)
{
	struct claim *t = arg;
	struct refund_job *j = t->job;
	struct db_res r;
	uint64_t changed = 0;
	enum rc rc;

	memset(j, 0, sizeof(*j));
	if ((rc = db_query(db, SQL_REFUND_CLAIM, &r, "t", t->now)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	j->id = db_int(&r, 0, 0);
	db_res_release(&r);
	/*
	 * The guarded lease write is the claim (the row lock holds on one
	 * Galera node only; certification lets one node's lease commit).
	 */
	if ((rc = db_exec(db, SQL_REFUND_LEASE, &changed, "tit",
	    t->lease_until, j->id, t->now)) != RC_OK)
		goto out;
	if (changed == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if ((rc = db_query(db, SQL_REFUND_GET, &r, "i", j->id)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == RG__MAX);
	j->case_id = db_int(&r, 0, RG_CASE_ID);
	snprintf(j->key, sizeof(j->key), "%s", db_str(&r, 0, RG_KEY));
	j->amount_cents = db_int(&r, 0, RG_AMOUNT);
	snprintf(j->currency, sizeof(j->currency), "%s", db_str(&r, 0, RG_CURRENCY));
	j->webhook = strcmp(db_str(&r, 0, RG_EXECUTOR), "webhook") == 0;
	snprintf(j->rma_no, sizeof(j->rma_no), "%s", db_str(&r, 0, RG_RMA_NO));
	j->order_id = db_int(&r, 0, RG_ORDER_ID);
	j->attempts = db_int(&r, 0, RG_ATTEMPTS);
out:
	db_res_release(&r);
	return rc;
}

enum rc
refund_claim(struct db *db, time_t now, time_t lease_until,
    struct refund_job *job)
{
	struct claim t = { now, lease_until, job };

	return db_txn(db, claim_txn, &t);
}

enum rc
refund_settle(struct db *db, const struct config *cfg, int64_t refund_id,
    time_t now, const struct refund_answer *ans,
    enum refund_outcome *outcome)
{
	struct settle t;
	enum rc rc;

	memset(&t, 0, sizeof(t));
	t.cfg = cfg;
	t.refund_id = refund_id;
	t.now = now;
	t.ans = ans;
	rc = db_txn(db, settle_locked, &t);
	*outcome = t.outcome;
	if (rc == RC_CONFLICT) {
		/* The case left refunding under us: nothing was recorded. */
		*outcome = REFUND_GONE;
		rc = RC_OK;
	}
	return rc;
}

/* db_txn() body of ledger_retry(). */
static enum rc
retry_txn(struct db *db, void *arg)
{
	const struct ledger_admin *a = arg;
	uint64_t changed;
	char subject[64];
	enum rc rc;

	if ((rc = db_exec(db, SQL_ADMIN_REFUND_RETRY, &changed, "ti", a->now,
	    a->refund_id)) != RC_OK)
		return rc;
	if (changed == 0)
		return RC_CONFLICT;
	snprintf(subject, sizeof(subject), "refund %" PRId64, a->refund_id);
	return audit_add(db, a->admin, "refund_retry", subject, "",
	    a->remote_addr, a->now);
}

enum rc
ledger_retry(struct db *db, const struct ledger_admin *a)
{
	return db_txn(db, retry_txn, (void *)a);
}

/* What by_hand_txn() needs. */
struct by_hand {
	const struct ledger_admin	*a;
	int64_t				 case_id;
};

/* db_txn() body of ledger_paid_by_hand(). */
static enum rc
by_hand_txn(struct db *db, void *arg)
{
	struct by_hand *t = arg;
	const struct ledger_admin *a = t->a;
	struct case_action sys;
	struct db_res ref;
	struct locked c;
	enum case_state to;
	const char *why;
	char subject[64], *note = NULL, *prior = NULL;
	uint64_t changed;
	enum rc rc;

	memset(&c, 0, sizeof(c));
	memset(&sys, 0, sizeof(sys));
	sys.who = ACTOR_SYSTEM;
	sys.ev = EV_REFUND_SUCCEEDED;
	sys.rule = LEDGER_RULE_BY_HAND;
	if ((rc = db_query(db, SQL_REFUND_LOCK, &ref, "i", a->refund_id)) !=
	    RC_OK)
		goto out;
	if (ref.rowsz == 0 || db_int(&ref, 0, RK_CASE_ID) != t->case_id) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(ref.colsz == RK__MAX);
	/* A replay of the same form answers what the first use did. */
	rc = token_use_record(db, a->form_token, a->admin, t->case_id,
	    "pay_by_hand", "paid", a->now, &prior);
	free(prior);
	if (rc == RC_CONFLICT) {
		rc = RC_OK;	/* a replay: the first use did it all */
		goto out;
	}
	if (rc != RC_OK)
		goto out;
	if (strcmp(db_str(&ref, 0, RK_STATUS), "failed") != 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = case_lock(db, t->case_id, &c)) != RC_OK)
		goto out;
	if (machine_next(c.type, c.state, sys.ev, ACTOR_SYSTEM, &to, &why) !=
	    RC_OK) {
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = db_exec(db, SQL_ADMIN_REFUND_BY_HAND, &changed, "tsi",
	    a->now, a->reference, a->refund_id)) != RC_OK)
		goto out;
	if (changed == 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = settle_paid(db, &c, a->now)) != RC_OK)
		goto out;
	note = xasprintf("paid by hand: %s", a->reference);
	if ((rc = timeline_add(db, c.id, a->now, &sys, c.state, to,
	    c.approved_cents, note, NULL)) != RC_OK)
		goto out;
	snprintf(subject, sizeof(subject), "refund %" PRId64, a->refund_id);
	rc = audit_add(db, a->admin, "refund_by_hand", subject, a->reference,
	    a->remote_addr, a->now);
out:
	free(note);
	locked_release(&c);
	db_res_release(&ref);
	return rc;
}

enum rc
ledger_paid_by_hand(struct db *db, const struct config *cfg,
    const struct ledger_admin *a)
{
	struct by_hand t = { a, 0 };
	struct db_res r;
	const char *why;
	enum rc rc;

	if ((rc = db_query(db, SQL_ADMIN_REFUND_CASE, &r, "i", a->refund_id)) !=
	    RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	t.case_id = db_int(&r, 0, 0);
	rc = token_use_check(cfg, a->form_token, a->admin, t.case_id,
	    "pay_by_hand", a->now, &why);
	if (rc != RC_OK)
		goto out;
	rc = db_txn(db, by_hand_txn, &t);
out:
	db_res_release(&r);
	return rc;
}
