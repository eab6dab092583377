/* talk.c: internal notes, assignments and read markers of a case, each in one transaction under the case's row lock. */
#include <stdbool.h>
#include <stdlib.h>

#include "base/i18n.h"

#include "engine/counts.h"
#include "engine/talk.h"
#include "engine/token_use.h"
#include "store/talk_store.h"

/* One of the transactions, with its arguments. */
struct talk_txn {
	const struct talk_act	*t;
	int			 kind;	/* TK_* */
	int64_t			 upto;
	const char		*why;
};

enum { TK_NOTE, TK_ASSIGN, TK_READ };

static const char *const purposes[] = { "note", "assign", "read" };

/* Whether who (user, shop) may see case c at all. */
static bool
talk_may_see(const struct talk_act *t, const struct talk_case *c)
{
	switch (t->who) {
	case ACTOR_BUYER:
		return c->buyer_id == t->user_id;
	case ACTOR_SELLER:
		return c->shop_id == t->shop_id;
	case ACTOR_ADMIN:
		return true;
	default:
		return false;
	}
}

static enum rc
talk_txn_run(struct db *db, void *arg)
{
	struct talk_txn *x = arg;
	const struct talk_act *t = x->t;
	struct talk_case c;
	char *prior = NULL;
	enum rc rc;

	if ((rc = talk_case_lock(db, t->case_id, &c)) != RC_OK)
		return rc;
	if (!talk_may_see(t, &c) || (x->kind != TK_READ &&
	    t->who == ACTOR_BUYER))
		return RC_NOTFOUND;
	if (x->kind == TK_READ) {
		struct unread_deltas ud = { 0 };

		if ((rc = talk_read(db, t->user_id, t->case_id, x->upto,
		    &ud)) == RC_OK)
			rc = counts_unread(db, &ud);
		free(ud.d);
		return rc;
	}
	if (x->kind == TK_ASSIGN && t->assignee_id != 0) {
		rc = talk_staff_member(db, t->assignee_id, c.shop_id);
		if (rc == RC_NOTFOUND) {
			x->why = N_("Choose one of the shop's staff.");
			return RC_INVALID;
		}
		if (rc != RC_OK)
			return rc;
	}
	rc = token_use_record(db, t->token, t->user_id, t->case_id,
	    purposes[x->kind], "done", t->now, &prior);
	free(prior);
	if (rc == RC_CONFLICT)
		return RC_OK;	/* sent before: done once, nothing to do */
	if (rc != RC_OK)
		return rc;
	if (x->kind == TK_ASSIGN &&
	    (rc = talk_case_assign(db, t->case_id, t->assignee_id)) != RC_OK)
		return rc;
	rc = talk_note_insert(db, t->case_id, t->now, t->user_id,
	    actor_name(t->who), x->kind == TK_ASSIGN, t->assignee_id, t->body);
	/* The kept "assigned to me" counts (engine/counts.c), last. */
	if (rc == RC_OK && x->kind == TK_ASSIGN)
		rc = counts_case_assigned(db, t->case_id, c.assigned_to,
		    t->assignee_id);
	return rc;
}

/* Checks the token, then runs the transaction of kind. */
static enum rc
talk_run(struct db *db, const struct config *cfg, const struct talk_act *t,
    int kind, const char **why)
{
	struct talk_txn x = { t, kind, 0, NULL };
	enum rc rc;

	*why = NULL;
	if ((rc = token_use_check(cfg, t->token, t->user_id, t->case_id,
	    purposes[kind], t->now, why)) != RC_OK)
		return rc;
	rc = db_txn(db, talk_txn_run, &x);
	if (x.why != NULL)
		*why = x.why;
	return rc;
}

enum rc
talk_note_post(struct db *db, const struct config *cfg,
    const struct talk_act *t, const char **why)
{
	return talk_run(db, cfg, t, TK_NOTE, why);
}

enum rc
talk_assign(struct db *db, const struct config *cfg, const struct talk_act *t,
    const char **why)
{
	return talk_run(db, cfg, t, TK_ASSIGN, why);
}

enum rc
talk_mark_read(struct db *db, const struct talk_act *t, int64_t upto)
{
	struct talk_txn x = { t, TK_READ, upto, NULL };

	return db_txn(db, talk_txn_run, &x);
}
