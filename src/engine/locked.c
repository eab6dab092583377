/* locked.c: inside the engine: a case read under its row lock, and the rows of its timeline. */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/util.h"
#include "core/rules.h"
#include "engine/counts.h"
#include "engine/locked.h"
#include "store/talk_store.h"

void
locked_release(struct locked *c)
{
	free(c->address_snapshot);
	free(c->close_reason);
	memset(c, 0, sizeof(*c));
}

/* The columns of SQL_CASE_LOCK. */
enum {
	CK_ID, CK_RMA_NO, CK_ORDER_ID, CK_SHOP_ID, CK_BUYER_ID, CK_POLICY_ID,
	CK_TYPE, CK_STATE, CK_REQUESTED, CK_OFFERED, CK_APPROVED, CK_REFUNDED,
	CK_CURRENCY, CK_ATTEMPT, CK_DEADLINE, CK_ESCALATED, CK_VERSION,
	CK_ADDRESS_ID, CK_ADDRESS, CK_REASON, CK_CLOSE_REASON, CK_REJECTED,
	CK__MAX
};

enum rc
case_lock(struct db *db, int64_t id, struct locked *c)
{
	struct db_res r;
	enum rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_query(db, SQL_CASE_LOCK, &r, "i", id)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == CK__MAX);
	c->id = db_int(&r, 0, CK_ID);
	snprintf(c->rma_no, sizeof(c->rma_no), "%s", db_str(&r, 0, CK_RMA_NO));
	c->order_id = db_int(&r, 0, CK_ORDER_ID);
	c->shop_id = db_int(&r, 0, CK_SHOP_ID);
	c->buyer_id = db_int(&r, 0, CK_BUYER_ID);
	c->policy_id = db_int(&r, 0, CK_POLICY_ID);
	if (!case_type_from_name(db_str(&r, 0, CK_TYPE), &c->type) ||
	    !case_state_from_name(db_str(&r, 0, CK_STATE), &c->state)) {
		log_err("case %" PRId64 " has an unknown type or state", id);
		rc = RC_DB;
		goto out;
	}
	c->requested_cents = db_int(&r, 0, CK_REQUESTED);
	c->offered_cents = db_int(&r, 0, CK_OFFERED);
	c->approved_cents = db_int(&r, 0, CK_APPROVED);
	c->refunded_cents = db_int(&r, 0, CK_REFUNDED);
	snprintf(c->currency, sizeof(c->currency), "%s", db_str(&r, 0, CK_CURRENCY));
	c->attempt = db_int(&r, 0, CK_ATTEMPT);
	c->deadline_at = db_int(&r, 0, CK_DEADLINE);
	c->escalated_at = db_int(&r, 0, CK_ESCALATED);
	c->version = db_int(&r, 0, CK_VERSION);
	c->address_id = db_int(&r, 0, CK_ADDRESS_ID);
	if (!db_null(&r, 0, CK_ADDRESS))
		c->address_snapshot = xstrdup(db_str(&r, 0, CK_ADDRESS));
	if (!db_null(&r, 0, CK_CLOSE_REASON))
		c->close_reason = xstrdup(db_str(&r, 0, CK_CLOSE_REASON));
	c->rejected_at = db_int(&r, 0, CK_REJECTED);
out:
	db_res_release(&r);
	return rc;
}

enum rc
timeline_add(struct db *db, int64_t case_id, time_t now,
    const struct case_action *a, enum case_state from, enum case_state to,
    int64_t amount_cents, const char *note, const char *evidence_ids)
{
	const char *rule = a->rule;
	struct unread_deltas ud = { 0 };
	int64_t tl = 0;
	enum rc rc;

	if (rule == NULL && a->ev == EV_DEADLINE)
		rule = rules_deadline_name(machine_deadline(from));
	if (rule == NULL && a->ev == EV_REJECT)
		rule = a->refusal;	/* the reason from the list, or none */
	if (rule == NULL && a->ev == EV_OFFER && a->comp != NULL)
		rule = comp_kind_name(a->comp->kind);	/* and compensations */
	rc = db_exec(db, SQL_TIMELINE_INSERT, NULL, "itIssssIsss", case_id,
	    now, a->who == ACTOR_SYSTEM ? (int64_t)0 : a->actor_id,
	    actor_name(a->who), case_event_name(a->ev),
	    from == STATE_NONE ? NULL : case_state_name(from),
	    case_state_name(to), amount_cents, note, evidence_ids, rule);
	/* The event for webhooks and e-mail, in the same transaction
	 * (executor/events.c; SQL_OUTBOX_ADD reads LAST_INSERT_ID()). */
	if (rc == RC_OK) {
		tl = db_last_id(db);
		rc = db_exec(db, SQL_OUTBOX_ADD, NULL, "it", case_id, now);
	}
	/* The other side's unread markers, in the same transaction; a case
	 * that closes leaves its users' counts of open cases first (grow-b,
	 * kept_counts kind 22). */
	if (rc == RC_OK && from != STATE_NONE && counts_tab_of(from) != 5 &&
	    counts_tab_of(to) == 5)
		rc = talk_unread_closing(db, case_id, &ud);
	if (rc == RC_OK)
		rc = talk_unread_add(db, case_id, tl, actor_name(a->who),
		    a->ev == EV_MESSAGE, counts_tab_of(to) != 5, &ud);
	/* The kept counts (engine/counts.c, sql/015), last: their rows are
	 * the hottest of the transaction. */
	if (rc == RC_OK)
		rc = counts_case_moved(db, case_id, from, to);
	/* and the unread counts (kind 22), after the lower kinds: key order */
	if (rc == RC_OK)
		rc = counts_unread(db, &ud);
	free(ud.d);
	return rc;
}
