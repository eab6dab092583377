/* case_act.c: an event applied to a case by a person or by the system: a due deadline first, the one-time token, the access rule, then the event. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"
#include "core/rules.h"
#include "engine/apply.h"
#include "engine/cases.h"
#include "engine/token_use.h"
#include "store/policy_store.h"

/* One event applied in one transaction: its arguments and results. */
struct act {
	const struct config		*cfg;
	int64_t				 case_id;
	const struct case_action	*a;
	time_t				 now;
	bool				 deadline_acted;	/* just before, by due_txn */
	bool				 due_first;	/* act_txn found a passed deadline */
	bool				 due_done;	/* due_txn ran */
	enum case_state			 from;	/* out: the state it was in */
	enum case_state			 to;	/* out: the state it is in now */
	const char			*why;
};

/* What a spent token's outcome says about an event: "approve_refund 1234". */
static char *
token_outcome(const struct case_action *a)
{
	return xasprintf("%s %" PRId64, case_event_name(a->ev),
	    a->amount_cents);
}

/* Tells whether the locked case c has a passed deadline the system acts on. */
static bool
deadline_due(const struct locked *c, time_t now)
{
	return c->deadline_at != 0 && c->deadline_at <= now &&
	    machine_deadline_acts(c->state);
}

/*
 * Applies the locked case's passed deadline as the system, inside the
 * caller's transaction. Returns RC_OK, RC_CONFLICT when it is not due,
 * or what apply_locked() returns.
 */
static enum rc
apply_due(struct db *db, const struct config *cfg, struct locked *c,
    time_t now, const char **why)
{
	struct case_action sys;
	struct policy pol;
	enum rc rc;

	if (!deadline_due(c, now)) {
		*why = N_("The deadline of this case has not passed.");
		return RC_CONFLICT;
	}
	memset(&sys, 0, sizeof(sys));
	sys.ev = EV_DEADLINE;
	sys.who = ACTOR_SYSTEM;
	if ((rc = policy_load_published(db, c->policy_id, &pol)) != RC_OK)
		return rc == RC_NOTFOUND ? RC_DB : rc;
	rc = apply_locked(db, cfg, c, &pol, &sys, now, why);
	policy_release(&pol);
	return rc;
}

/*
 * Transaction body: the passed deadline of t->case_id, if any, is
 * applied, when the actor may see the case (someone else's case id
 * writes nothing; the action then answers RC_NOTFOUND).
 */
static enum rc
due_txn(struct db *db, void *arg)
{
	struct act *t = arg;
	const struct case_action *a = t->a;
	struct locked c;
	enum rc rc;

	if ((rc = case_lock(db, t->case_id, &c)) == RC_OK &&
	    !case_visible(a->who, a->actor_id, a->actor_shop_id, c.buyer_id,
	    c.shop_id))
		rc = RC_NOTFOUND;
	if (rc == RC_OK) {
		t->from = c.state;
		rc = apply_due(db, t->cfg, &c, t->now, &t->why);
		t->to = c.state;
	}
	locked_release(&c);
	return rc;
}

/*
 * Transaction body of case_act(): locks the case, checks the viewer may
 * see it, records the form token's use (a replay answers the first use's
 * outcome), checks the state the actor saw, loads the case's frozen
 * policy and applies the event.
 */
static enum rc
act_txn(struct db *db, void *arg)
{
	struct act *t = arg;
	const struct case_action *a = t->a;
	struct locked c;
	struct policy pol;
	char *mine = NULL, *prior = NULL;
	enum rc rc;

	memset(&pol, 0, sizeof(pol));
	if ((rc = case_lock(db, t->case_id, &c)) != RC_OK)
		goto out;
	t->from = t->to = c.state;
	if (!case_visible(a->who, a->actor_id, a->actor_shop_id, c.buyer_id,
	    c.shop_id)) {
		rc = RC_NOTFOUND;
		goto out;
	}
	/* A passed deadline first, in a transaction of its own (case_act()). */
	if (a->ev != EV_DEADLINE && !t->due_done && deadline_due(&c, t->now)) {
		t->due_first = true;
		rc = RC_CONFLICT;
		goto out;
	}
	if (a->form_token != NULL) {
		mine = token_outcome(a);
		rc = token_use_record(db, a->form_token, a->actor_id, c.id,
		    case_event_name(a->ev), mine, t->now, &prior);
		if (rc == RC_CONFLICT) {
			/* A replay: the first answer again, or a refusal. */
			rc = strcmp(prior, mine) == 0 ? RC_OK : RC_INVALID;
			if (rc == RC_INVALID)
				t->why = N_("This form was sent already, with other "
				    "values. Reload the page to act again.");
			goto out;
		}
		if (rc != RC_OK)
			goto out;
	}
	if (a->expect_state != NULL &&
	    strcmp(a->expect_state, case_state_name(c.state)) != 0) {
		t->why = t->deadline_acted ? N_("The deadline of this case passed "
		    "before your answer, and the system has applied it; nothing "
		    "else was done. Look at its new state.") : N_("This case has "
		    "changed since you opened it; nothing was done. Look at its "
		    "new state.");
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = policy_load_published(db, c.policy_id, &pol)) != RC_OK) {
		if (rc == RC_NOTFOUND)
			rc = RC_DB;
		goto out;
	}
	rc = apply_locked(db, t->cfg, &c, &pol, a, t->now, &t->why);
	t->to = c.state;
out:
	free(mine);
	free(prior);
	policy_release(&pol);
	locked_release(&c);
	return rc;
}

enum rc
case_act(struct db *db, const struct config *cfg, int64_t case_id,
    const struct case_action *a, time_t now, const char **why)
{
	struct act t;
	enum rc rc;

	memset(&t, 0, sizeof(t));
	t.cfg = cfg;
	t.case_id = case_id;
	t.a = a;
	t.now = now;
	*why = NULL;
	if (a->form_token != NULL && (rc = token_use_check(cfg, a->form_token,
	    a->actor_id, case_id, case_event_name(a->ev), now, why)) != RC_OK)
		return rc;
	rc = db_txn(db, act_txn, &t);
	if (t.due_first) {
		/*
		 * An action sent after its state's deadline is judged after
		 * the deadline's effect, which stays even when the action is
		 * then refused: act_txn() saw the deadline passed and stepped
		 * back; the deadline is applied and committed, and the action
		 * tried again. (Only then: a transaction that locks the case
		 * just to find nothing due costs four round trips a POST.)
		 */
		t.due_first = false;
		t.due_done = true;
		rc = db_txn(db, due_txn, &t);
		if (rc == RC_DB)
			return rc;
		t.deadline_acted = rc == RC_OK;
		t.why = NULL;
		rc = db_txn(db, act_txn, &t);
	}
	*why = t.why;
	return rc;
}

/* One claim of a due case: its arguments and what came of it. */
struct due_claim {
	const struct config	*cfg;
	time_t			 now;
	struct case_due		*due;
};

static enum rc
claim_txn(struct db *db, void *arg)
{
	struct due_claim *t = arg;
	struct case_due *d = t->due;
	struct locked c;
	struct db_res r;
	enum rc rc;

	memset(&c, 0, sizeof(c));
	if ((rc = db_query(db, SQL_CASE_DUE_CLAIM, &r, "tttI", t->now,
	    d->after_deadline, d->after_deadline, d->after_id)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	d->case_id = d->after_id = db_int(&r, 0, 0);
	d->after_deadline = db_int(&r, 0, 1);
	if ((rc = case_lock(db, d->case_id, &c)) != RC_OK)
		goto out;
	d->from = c.state;
	rc = apply_due(db, t->cfg, &c, t->now, &d->why);
	d->to = c.state;
out:
	locked_release(&c);
	db_res_release(&r);
	return rc;
}

enum rc
case_due_next(struct db *db, const struct config *cfg, time_t now,
    struct case_due *due)
{
	struct due_claim t = { cfg, now, due };
	enum rc rc;

	due->case_id = 0;
	due->why = NULL;
	rc = db_txn(db, claim_txn, &t);
	if (rc == RC_NOTFOUND && due->case_id != 0)
		rc = RC_DB;	/* the claimed case vanished: cannot be */
	return rc;
}
