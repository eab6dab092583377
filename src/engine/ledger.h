/* ledger.h: the refund ledger: a pending row when a decision starts paying, its claim by the worker, and its settlement (paid, retried, or given up). */
#ifndef LEDGER_H
#define LEDGER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "store/db.h"

struct locked;

/* The rule of the refund_failed timeline row of a refund given up on. */
#define LEDGER_RULE_GAVE_UP	"refund_given_up"
/* The rule of the timeline row of the return postage paid back with the goods. */
#define LEDGER_RULE_POSTAGE	"return_postage"

/*
 * Tells whether refunds are paid in the deciding transaction: the
 * ledger executor (no I/O). Then the decision writes its case refunded
 * with its one update (engine/apply.c) and ledger_start() records the
 * payment; with the webhook executor the case waits in refunding for
 * the worker.
 */
bool	ledger_pays_at_once(const struct config *cfg);

/*
 * Inside the transaction that decided to pay the locked case c (c->state
 * refunding): inserts its ledger row (idempotency key
 * "refund-desk-<case>-<n>", the approved amount and the return postage,
 * the configured executor). With the webhook executor the row is
 * pending, due at once, for the worker. With the ledger executor
 * (ledger_pays_at_once()) the row is inserted paid, the lines are
 * settled, the timeline gets its refund_succeeded row, and c->state
 * becomes refunded: the caller has already written the case row so.
 * Returns RC_OK, RC_CONFLICT with *why when a refund of the case is
 * already under way, or RC_DB.
 */
enum rc	ledger_start(struct db *db, const struct config *cfg,
	    struct locked *c, time_t now, const char **why);

/* A refund the worker claimed, with what the payment system is sent. */
struct refund_job {
	int64_t	 id;
	int64_t	 case_id;
	int64_t	 order_id;
	int64_t	 amount_cents;
	int64_t	 attempts;	/* before this one */
	char	 key[65];	/* idempotency key */
	char	 currency[4];
	char	 rma_no[33];
	bool	 webhook;	/* false: the ledger executor */
};

/*
 * Claims the first pending refund due at now that no other worker holds
 * (FOR UPDATE SKIP LOCKED) and leases it until lease_until, so that a
 * worker that dies mid-call leaves it to be tried again then, with the
 * same key. Commits before returning: the caller calls the payment
 * system holding no lock. Returns RC_OK with *job, RC_NOTFOUND when
 * nothing is due, or RC_DB.
 */
enum rc	refund_claim(struct db *db, time_t now, time_t lease_until,
	    struct refund_job *job);

/* What came of one execution. */
struct refund_answer {
	bool		 paid;	/* the payment system paid (or the ledger) */
	const char	*reference;	/* its reference when paid */
	const char	*error;	/* why not, when not paid */
};

/* What refund_settle() did. */
enum refund_outcome {
	REFUND_PAID,	/* succeeded; the case is refunded */
	REFUND_RETRY,	/* still pending; tried again later with the same key */
	REFUND_GAVE_UP,	/* failed after refund_max_attempts or refund_give_up_secs */
	REFUND_GONE,	/* settled already, by someone else */
	REFUND__MAX
};

/*
 * Records the answer for refund refund_id in one transaction, under the
 * refund's and the case's row locks. Paid: the row succeeds, the amount
 * is spread over the case's lines, the case becomes refunded. Not paid:
 * one more attempt is counted and the row is due again after 1, 2, 4 ...
 * 60 minutes; after cfg's refund_max_attempts attempts or
 * refund_give_up_secs since it was decided, it becomes failed (the case
 * stays refunding, shown to admins). Each writes a timeline row. Returns
 * RC_OK with *outcome, or RC_DB.
 */
enum rc	refund_settle(struct db *db, const struct config *cfg,
	    int64_t refund_id, time_t now, const struct refund_answer *ans,
	    enum refund_outcome *outcome);

/* The rule of the refund_succeeded timeline row of a refund paid by hand. */
#define LEDGER_RULE_BY_HAND	"refund_paid_by_hand"

/* An admin's action on a failed refund. */
struct ledger_admin {
	int64_t		 refund_id;
	int64_t		 admin;
	const char	*remote_addr;	/* for the audit list */
	time_t		 now;
	const char	*reference;	/* paid by hand: the payment's reference */
	const char	*form_token;	/* paid by hand: signed, one-time */
};

/*
 * Sets failed refund a->refund_id back to pending, due at once, with the
 * same idempotency key (the worker pays it), and records it in the audit
 * list. Returns RC_OK, RC_CONFLICT when it is not failed (retried or paid
 * already), or RC_DB.
 */
enum rc	ledger_retry(struct db *db, const struct ledger_admin *a);

/*
 * Gives up on paying failed refund a->refund_id through the payment
 * system: the platform paid by hand with a->reference. In one
 * transaction, under the refund's and the case's row locks, spends the
 * form token (purpose "pay_by_hand", signed for the refund's case), sets
 * the row succeeded with the reference (guarded: only a failed row), the
 * case refunded and its lines settled, and writes a timeline row and an
 * audit row. Money moves once: a replay of the token is answered RC_OK
 * again, a row that is no longer failed RC_CONFLICT. Returns RC_OK,
 * RC_CONFLICT, RC_NOTFOUND, RC_INVALID (the token) or RC_DB.
 */
enum rc	ledger_paid_by_hand(struct db *db, const struct config *cfg,
	    const struct ledger_admin *a);

#endif /* LEDGER_H */
