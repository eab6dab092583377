/* cases.c: the case engine on the database: opening a case, applying events, deadlines, refunds, one-time form tokens. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/cases.h"
#include "base/clock.h"
#include "base/i18n.h"
#include "base/log.h"
#include "core/money.h"
#include "core/policy.h"
#include "base/util.h"
#include "executor/webhook.h"
#include "store/policy_store.h"

/* A case as read under its row lock. */
struct locked {
	int64_t		 id;
	char		 rma_no[33];
	int64_t		 order_id;
	int64_t		 shop_id;
	int64_t		 buyer_id;
	int64_t		 policy_id;
	enum case_type	 type;
	enum case_state	 state;
	int64_t		 requested_cents;
	int64_t		 offered_cents;	/* 0: none */
	int64_t		 approved_cents;	/* 0: none */
	int64_t		 refunded_cents;
	char		 currency[4];
	int64_t		 attempt;
	time_t		 deadline_at;	/* 0: none */
	time_t		 escalated_at;	/* 0: never */
	int64_t		 version;
	int64_t		 address_id;	/* 0: none */
	char		*address_snapshot;	/* NULL: none; owned */
	char		*close_reason;	/* NULL: open; owned */
};

static void
locked_release(struct locked *c)
{
	free(c->address_snapshot);
	free(c->close_reason);
	memset(c, 0, sizeof(*c));
}

/* Locks case id (SELECT ... FOR UPDATE) into c. RC_OK, RC_NOTFOUND or RC_DB. */
static enum rc
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
	c->id = db_int(&r, 0, 0);
	snprintf(c->rma_no, sizeof(c->rma_no), "%s", db_str(&r, 0, 1));
	c->order_id = db_int(&r, 0, 2);
	c->shop_id = db_int(&r, 0, 3);
	c->buyer_id = db_int(&r, 0, 4);
	c->policy_id = db_int(&r, 0, 5);
	if (!case_type_from_name(db_str(&r, 0, 6), &c->type) ||
	    !case_state_from_name(db_str(&r, 0, 7), &c->state)) {
		log_err("case %" PRId64 " has an unknown type or state", id);
		rc = RC_DB;
		goto out;
	}
	c->requested_cents = db_int(&r, 0, 8);
	c->offered_cents = db_int(&r, 0, 9);
	c->approved_cents = db_int(&r, 0, 10);
	c->refunded_cents = db_int(&r, 0, 11);
	snprintf(c->currency, sizeof(c->currency), "%s", db_str(&r, 0, 12));
	c->attempt = db_int(&r, 0, 13);
	c->deadline_at = db_int(&r, 0, 14);
	c->escalated_at = db_int(&r, 0, 15);
	c->version = db_int(&r, 0, 16);
	c->address_id = db_int(&r, 0, 17);
	if (!db_null(&r, 0, 18))
		c->address_snapshot = xstrdup(db_str(&r, 0, 18));
	if (!db_null(&r, 0, 20))
		c->close_reason = xstrdup(db_str(&r, 0, 20));
out:
	db_res_release(&r);
	return rc;
}

/*
 * Writes one timeline row for a, with the ids of the photos it carried
 * (or NULL); a deadline names the policy deadline that fired in its
 * state from.
 */
static enum rc
timeline_add(struct db *db, int64_t case_id, time_t now,
    const struct case_action *a, enum case_state from, enum case_state to,
    int64_t amount_cents, const char *note, const char *evidence_ids)
{
	const char *rule = a->rule;

	if (rule == NULL && a->ev == EV_DEADLINE)
		rule = rules_deadline_name(machine_deadline(from));
	return db_exec(db, SQL_TIMELINE_INSERT, NULL, "itIssssIsss", case_id,
	    now, a->who == ACTOR_SYSTEM ? (int64_t)0 : a->actor_id,
	    actor_name(a->who), case_event_name(a->ev),
	    from == STATE_NONE ? NULL : case_state_name(from),
	    case_state_name(to), amount_cents, note, evidence_ids, rule);
}

/* Tells whether media type mt is one of the comma-separated list. */
static bool
type_allowed(const char *list, const char *mt)
{
	size_t n = strlen(mt);
	const char *p;

	for (p = list; (p = strstr(p, mt)) != NULL; p += n)
		if ((p == list || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/*
 * Stores the photos of a (uploaded by its actor) on case case_id within
 * the policy's count, size and types, and writes their ids to ids ("4,5";
 * empty when none). The same file twice on one case is stored once.
 * Returns RC_OK, RC_INVALID with *why, or RC_DB.
 */
static enum rc
photos_add(struct db *db, int64_t case_id, const struct case_action *a,
    const struct policy *pol, time_t now, struct buf *ids, const char **why)
{
	struct db_res r;
	unsigned char sum[32];
	size_t i;
	enum rc rc;

	buf_add(ids, "", 0);
	if (a->photosz == 0)
		return RC_OK;
	if ((rc = db_query(db, SQL_EVIDENCE_COUNT, &r, "i", case_id)) != RC_OK)
		goto out;
	if (db_int(&r, 0, 0) + (int64_t)a->photosz > pol->evidence_max_files) {
		*why = N_("The case cannot hold that many photos under the return "
		    "policy.");
		rc = RC_INVALID;
		goto out;
	}
	for (i = 0; i < a->photosz; i++) {
		const struct image *img = a->photos[i].img;
		const char *mt = image_media_types[img->type];

		if ((int64_t)img->datasz > pol->evidence_max_bytes) {
			*why = N_("A photo is larger than the return policy allows.");
			rc = RC_INVALID;
			goto out;
		}
		if (!type_allowed(pol->evidence_types, mt)) {
			*why = N_("The return policy does not accept this kind of "
			    "photo.");
			rc = RC_INVALID;
			goto out;
		}
		auth_sha256(img->data, img->datasz, sum);
		rc = db_exec(db, SQL_EVIDENCE_INSERT, NULL, "iissibbbsiit",
		    case_id, a->actor_id, actor_name(a->who), mt,
		    (int64_t)img->datasz, sum, sizeof(sum), img->data,
		    img->datasz, img->thumb, img->thumbsz, a->photos[i].name,
		    (int64_t)img->width, (int64_t)img->height, now);
		if (rc == RC_CONFLICT) {
			db_res_release(&r);
			if ((rc = db_query(db, SQL_EVIDENCE_ID_BY_SHA, &r, "ib",
			    case_id, sum, sizeof(sum))) != RC_OK || r.rowsz == 0)
				goto out;
			buf_printf(ids, "%s%s", ids->len ? "," : "",
			    db_str(&r, 0, 0));
			continue;
		}
		if (rc != RC_OK)
			goto out;
		buf_printf(ids, "%s%" PRId64, ids->len ? "," : "",
		    db_last_id(db));
	}
out:
	db_res_release(&r);
	return rc;
}

/* Copies the shop's return address (address_id, or the default) into c. */
static enum rc
set_return_address(struct db *db, struct locked *c, int64_t address_id,
    const char **why)
{
	struct db_res r;
	enum rc rc;

	if (address_id != 0)
		rc = db_query(db, SQL_SHOP_ADDRESS, &r, "ii", address_id,
		    c->shop_id);
	else
		rc = db_query(db, SQL_SHOP_DEFAULT_ADDRESS, &r, "i", c->shop_id);
	if (rc != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		*why = address_id != 0 ? N_("Choose one of the shop's return "
		    "addresses.") : N_("The shop has no return address yet; "
		    "add one first.");
		rc = RC_INVALID;
		goto out;
	}
	c->address_id = db_int(&r, 0, 0);
	free(c->address_snapshot);
	c->address_snapshot = xasprintf("%s, %s, %s", db_str(&r, 0, 1),
	    db_str(&r, 0, 2), db_str(&r, 0, 3));
out:
	db_res_release(&r);
	return rc;
}

/* Tells whether text is present: not NULL and not only blanks. */
static bool
present(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

/*
 * Checks and records what an event carries besides the state change
 * (offers, shipments, addresses, amounts), updating c's fields for the
 * guarded update. Returns RC_OK, RC_INVALID with *why, or RC_DB.
 */
static enum rc
event_effects(struct db *db, struct locked *c, const struct policy *pol,
    const struct case_action *a, enum case_state to, time_t now,
    int64_t *amount, const char **why)
{
	enum rc rc = RC_OK;

	*amount = 0;
	if (a->ev == EV_ADD_EVIDENCE && a->photosz == 0) {
		*why = N_("Choose at least one photo.");
		return RC_INVALID;
	}
	switch (a->ev) {
	case EV_REJECT:
	case EV_REFUSE_RECEIPT:
	case EV_ESCALATE:
	case EV_RULE_REJECT:
	case EV_MESSAGE:
		if (!present(a->note)) {
			*why = a->ev == EV_MESSAGE ? N_("Write a message.") :
			    N_("Give the reason in a few words.");
			return RC_INVALID;
		}
		break;
	default:
		break;
	}
	switch (a->ev) {
	case EV_APPROVE_RETURN:
		rc = set_return_address(db, c, a->address_id, why);
		break;
	case EV_OFFER:
		if (a->amount_cents < 1 || a->amount_cents >= c->requested_cents) {
			*why = N_("Offer an amount above zero and below what the "
			    "buyer asked for.");
			return RC_INVALID;
		}
		c->offered_cents = *amount = a->amount_cents;
		rc = db_exec(db, SQL_OFFER_INSERT, NULL, "iiist", c->id,
		    a->actor_id, a->amount_cents, a->note, now);
		break;
	case EV_ACCEPT_OFFER:
	case EV_DECLINE_OFFER:
		rc = db_exec(db, SQL_OFFER_ANSWER, NULL, "sti",
		    a->ev == EV_ACCEPT_OFFER ? "accepted" : "declined", now,
		    c->id);
		if (a->ev == EV_ACCEPT_OFFER)
			c->approved_cents = c->offered_cents;
		*amount = c->offered_cents;
		c->offered_cents = 0;
		break;
	case EV_SHIP_RETURN:
	case EV_SHIP_REPLACEMENT:
		if (!present(a->carrier) || !present(a->waybill)) {
			*why = N_("Enter the carrier and the waybill number.");
			return RC_INVALID;
		}
		rc = db_exec(db, SQL_SHIPMENT_INSERT, NULL, "isssIt", c->id,
		    a->ev == EV_SHIP_RETURN ? "return" : "replacement",
		    a->carrier, a->waybill, a->actor_id, now);
		if (rc == RC_CONFLICT) {
			*why = N_("A waybill was entered already.");
			rc = RC_INVALID;
		}
		break;
	case EV_CONFIRM_RECEIPT:
	case EV_REFUSE_RECEIPT:
		rc = db_exec(db, SQL_SHIPMENT_RECEIVE, NULL, "tssi", now,
		    a->ev == EV_REFUSE_RECEIPT ? "refused" :
		    a->who == ACTOR_SYSTEM ? "auto_confirmed" : "confirmed",
		    a->note, c->id);
		break;
	case EV_ESCALATE:
		/* The refusal came buyer_response_hours before its deadline. */
		if (now > c->deadline_at - pol->buyer_response_hours * 3600 +
		    pol->escalation_days * 86400) {
			*why = N_("The time to escalate this refusal has passed.");
			return RC_INVALID;
		}
		c->escalated_at = now;
		break;
	case EV_RESUBMIT:
		if (c->attempt >= pol->max_attempts) {
			*why = N_("These items have used up their requests under "
			    "the return policy.");
			return RC_INVALID;
		}
		if (a->amount_cents != 0) {
			if (a->amount_cents > c->requested_cents) {
				*why = N_("A new request can ask for at most the "
				    "amount of the first one.");
				return RC_INVALID;
			}
			if (c->type != CASE_EXCHANGE)
				c->requested_cents = a->amount_cents;
		}
		c->attempt++;
		*amount = c->requested_cents;
		break;
	case EV_RULE_PARTIAL:
		if (a->amount_cents < 1 || a->amount_cents > c->requested_cents) {
			*why = N_("Rule an amount above zero and at most what the "
			    "buyer asked for.");
			return RC_INVALID;
		}
		c->approved_cents = a->amount_cents;
		break;
	case EV_DEADLINE:
		if (c->state == STATE_REQUESTED && to == STATE_AWAITING_RETURN)
			rc = set_return_address(db, c, 0, why);
		else if (c->state == STATE_OFFERED)
			rc = db_exec(db, SQL_OFFER_ANSWER, NULL, "sti",
			    "expired", now, c->id);
		else if (c->state == STATE_RETURN_SHIPPED)
			rc = db_exec(db, SQL_SHIPMENT_RECEIVE, NULL, "tssi", now,
			    "auto_confirmed", NULL, c->id);
		if (c->state == STATE_OFFERED)
			c->offered_cents = 0;
		break;
	default:
		break;
	}
	/* Entering refunding without an agreed amount: the whole request. */
	if (rc == RC_OK && to == STATE_REFUNDING && c->state != STATE_REFUNDING) {
		if (c->approved_cents == 0)
			c->approved_cents = c->requested_cents;
		*amount = c->approved_cents;
	}
	return rc;
}

/* Why a case closes, by the event that closed it. */
static const char *
close_reason(enum case_event ev, enum case_state from)
{
	switch (ev) {
	case EV_CANCEL:
		return "cancelled";
	case EV_RULE_REJECT:
		return "ruled_reject";
	case EV_DEADLINE:
		return from == STATE_REPLACEMENT_SHIPPED ? "exchanged" :
		    "expired";
	default:
		return "exchanged";
	}
}

/*
 * Applies a to the locked case c governed by pol, inside the caller's
 * transaction. Sets *refund_id when the event started a refund (0
 * otherwise). Returns RC_OK, RC_DENIED or RC_INVALID with *why,
 * RC_CONFLICT when the guarded update found the case changed, or RC_DB.
 */
static enum rc
apply_locked(struct db *db, const struct config *cfg, struct locked *c,
    const struct policy *pol, const struct case_action *a, time_t now,
    int64_t *refund_id, const char **why)
{
	enum case_state from = c->state, to;
	enum deadline_kind dk;
	struct db_res r;
	struct buf ids = { 0 };
	char key[64];
	const char *note = a->note;
	time_t deadline = 0;
	int64_t amount, n;
	uint64_t changed;
	enum rc rc;

	*refund_id = 0;
	memset(&r, 0, sizeof(r));
	if (machine_next(c->type, from, a->ev, a->who, &to, why) != RC_OK)
		return RC_DENIED;
	if (a->ev == EV_DEADLINE &&
	    (c->deadline_at == 0 || c->deadline_at > now)) {
		*why = N_("The deadline of this case has not passed.");
		return RC_CONFLICT;
	}
	if ((rc = event_effects(db, c, pol, a, to, now, &amount, why)) != RC_OK)
		return rc;
	if (a->ev == EV_SHIP_RETURN || a->ev == EV_SHIP_REPLACEMENT)
		note = xasprintf("%s %s", a->carrier, a->waybill);
	dk = machine_deadline(to);
	if (dk != DEADLINE_NONE)
		deadline = to == from ? c->deadline_at :
		    now + rules_deadline_secs(pol, dk);
	if (to != STATE_OFFERED)
		c->offered_cents = 0;
	if (to == STATE_CLOSED || to == STATE_EXCHANGED) {
		free(c->close_reason);
		c->close_reason = xstrdup(close_reason(a->ev, from));
	}
	rc = db_exec(db, SQL_CASE_UPDATE, &changed, "sTIIiiTIsisTtisi",
	    case_state_name(to), deadline, c->offered_cents,
	    to == STATE_REFUNDING ? c->approved_cents : (int64_t)0,
	    c->requested_cents, c->attempt, c->escalated_at, c->address_id,
	    c->address_snapshot,
	    (int64_t)(a->rule != NULL && strcmp(a->rule, "fast_track") == 0),
	    c->close_reason, case_state_terminal(to) ? now : (time_t)0, now,
	    c->id, case_state_name(from), c->version);
	if (rc == RC_OK && changed == 0) {
		*why = N_("Someone else changed this case first.");
		rc = RC_CONFLICT;
	}
	if (rc != RC_OK)
		goto out;
	c->version++;
	if ((rc = photos_add(db, c->id, a, pol, now, &ids, why)) != RC_OK)
		goto out;
	rc = timeline_add(db, c->id, now, a, from, to,
	    amount != 0 ? amount : a->amount_cents, note,
	    ids.len > 0 ? ids.data : NULL);
	if (rc != RC_OK)
		goto out;
	if (to == STATE_CLOSED || to == STATE_EXCHANGED) {
		if ((rc = db_exec(db, SQL_CASE_LINES_RELEASE, NULL, "i",
		    c->id)) != RC_OK ||
		    (rc = db_exec(db, SQL_CASE_LINES_CLOSE, NULL, "i",
		    c->id)) != RC_OK)
			goto out;
	}
	if (machine_moves_money(a->ev, to)) {
		if ((rc = db_query(db, SQL_REFUND_COUNT, &r, "i", c->id)) !=
		    RC_OK)
			goto out;
		n = db_int(&r, 0, 0) + 1;
		snprintf(key, sizeof(key), "refund-desk-%" PRId64 "-%" PRId64,
		    c->id, n);
		rc = db_exec(db, SQL_REFUND_INSERT, NULL, "isisstt", c->id, key,
		    c->approved_cents, c->currency, cfg->refund_executor, now,
		    now);
		if (rc == RC_CONFLICT) {
			*why = N_("A refund of this case is already under way.");
			goto out;
		}
		if (rc != RC_OK)
			goto out;
		*refund_id = db_last_id(db);
	}
	c->state = to;
out:
	db_res_release(&r);
	buf_release(&ids);
	if (note != a->note)
		free((char *)note);
	return rc;
}

/* What a spent token's outcome says about an event: "approve_refund 1234". */
static char *
token_outcome(const struct case_action *a)
{
	return xasprintf("%s %" PRId64, case_event_name(a->ev),
	    a->amount_cents);
}

/*
 * Checks a one-time token inside the transaction. Returns RC_OK when it
 * is fresh (the caller acts, then spends it), RC_NOTFOUND when it is not
 * this user's for this case and purpose, or RC_CONFLICT when it was spent
 * (*outcome is then the first use's outcome: free it).
 */
static enum rc
token_check(struct db *db, const char *token, int64_t user_id,
    int64_t case_id, const char *purpose, unsigned char hash[32],
    char **outcome)
{
	struct db_res r;
	enum rc rc;

	*outcome = NULL;
	auth_sha256(token, strlen(token), hash);
	if ((rc = db_query(db, SQL_FORM_TOKEN_LOCK, &r, "b", hash, 32)) !=
	    RC_OK)
		goto out;
	if (r.rowsz == 0 || db_int(&r, 0, 0) != user_id ||
	    db_int(&r, 0, 1) != case_id ||
	    strcmp(db_str(&r, 0, 2), purpose) != 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if (db_int(&r, 0, 3) != 0) {
		*outcome = xstrdup(db_str(&r, 0, 4));
		rc = RC_CONFLICT;
	}
out:
	db_res_release(&r);
	return rc;
}

enum rc
form_token_issue(struct db *db, int64_t user_id, int64_t case_id,
    const char *purpose, time_t now, char token[TOKEN_LEN + 1])
{
	unsigned char hash[32];

	if (auth_token(token) != 0)
		return RC_SYS;
	auth_sha256(token, TOKEN_LEN, hash);
	return db_exec(db, SQL_FORM_TOKEN_INSERT, NULL, "biIst", hash,
	    sizeof(hash), user_id, case_id, purpose, now);
}

/* Arguments of one case_act() transaction. */
struct act_txn {
	const struct config		*cfg;
	int64_t				 case_id;
	const struct case_action	*a;
	time_t				 now;
	const char			*why;
	int64_t				 refund_id;
};

static enum rc
act_txn(struct db *db, void *arg)
{
	struct act_txn *t = arg;
	const struct case_action *a = t->a;
	struct locked c;
	struct policy pol;
	unsigned char hash[32];
	char *outcome = NULL, *mine = NULL;
	enum rc rc;

	memset(&pol, 0, sizeof(pol));
	t->refund_id = 0;
	if (a->form_token != NULL) {
		rc = token_check(db, a->form_token, a->actor_id, t->case_id,
		    case_event_name(a->ev), hash, &outcome);
		mine = token_outcome(a);
		if (rc == RC_CONFLICT) {
			/* A replay: the first answer again, or a refusal. */
			rc = strcmp(outcome, mine) == 0 ? RC_OK : RC_INVALID;
			if (rc == RC_INVALID)
				t->why = N_("This form was sent already, with other "
				    "values. Reload the page to act again.");
			free(outcome);
			free(mine);
			return rc;
		}
		if (rc == RC_NOTFOUND) {
			t->why = N_("This form is not valid for this case. Reload "
			    "the page and try again.");
			free(mine);
			return RC_INVALID;
		}
		if (rc != RC_OK) {
			free(mine);
			return rc;
		}
	}
	if ((rc = case_lock(db, t->case_id, &c)) != RC_OK)
		goto out;
	if (!case_visible(a->who, a->actor_id, a->actor_shop_id, c.buyer_id,
	    c.shop_id)) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if (a->expect_state != NULL &&
	    strcmp(a->expect_state, case_state_name(c.state)) != 0) {
		t->why = N_("This case has changed since you opened it; nothing "
		    "was done. Look at its new state.");
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = policy_load(db, c.policy_id, &pol)) != RC_OK) {
		if (rc == RC_NOTFOUND)
			rc = RC_DB;
		goto out;
	}
	rc = apply_locked(db, t->cfg, &c, &pol, a, t->now, &t->refund_id,
	    &t->why);
	if (rc == RC_OK && a->form_token != NULL)
		rc = db_exec(db, SQL_FORM_TOKEN_SPEND, NULL, "tsb", t->now, mine,
		    hash, sizeof(hash));
out:
	free(mine);
	policy_release(&pol);
	locked_release(&c);
	return rc;
}

enum rc
case_act(struct db *db, const struct config *cfg, int64_t case_id,
    const struct case_action *a, time_t now, const char **why)
{
	struct act_txn t = { cfg, case_id, a, now, NULL, 0 };
	enum rc rc;

	rc = db_txn(db, act_txn, &t);
	*why = t.why;
	if (rc == RC_OK && t.refund_id != 0)
		refund_execute(db, cfg, t.refund_id, now);
	return rc;
}

enum rc
case_settle_due(struct db *db, const struct config *cfg, int64_t case_id,
    time_t now, bool *acted)
{
	struct case_action a;
	const char *why;
	enum rc rc;

	memset(&a, 0, sizeof(a));
	a.ev = EV_DEADLINE;
	a.who = ACTOR_SYSTEM;
	*acted = false;
	rc = case_act(db, cfg, case_id, &a, now, &why);
	if (rc == RC_OK) {
		*acted = true;
		return RC_OK;
	}
	/* Not due, no automatic action, or someone was first: fine. */
	return rc == RC_DB ? RC_DB : RC_OK;
}

/* Arguments of one case_open() transaction. */
struct open_txn {
	const struct config		*cfg;
	const struct case_request	*rq;
	const struct policy		*pol;
	time_t				 now;
	int64_t				 case_id;
	int64_t				 refund_id;
	enum rules_field		 field;
	const char			*why;
};

/* Loads the order's lines into rl (in rq's order); RC_INVALID when one is not the order's. */
static enum rc
open_lines(struct db *db, struct open_txn *t, struct rules_line *rl)
{
	const struct case_request *rq = t->rq;
	struct db_res r;
	size_t i, j;
	enum rc rc;

	if ((rc = db_query(db, SQL_ORDER_LINES_LOCK, &r, "i", rq->order_id)) !=
	    RC_OK)
		goto out;
	for (i = 0; i < rq->linesz; i++) {
		for (j = 0; j < r.rowsz; j++)
			if (db_int(&r, j, 0) == rq->lines[i].order_line_id)
				break;
		if (j == r.rowsz) {
			t->field = RULES_FIELD_LINES;
			t->why = N_("An item you chose is not part of this order.");
			rc = RC_INVALID;
			goto out;
		}
		rl[i].order_line_id = db_int(&r, j, 0);
		rl[i].line_quantity = db_int(&r, j, 1);
		rl[i].paid_cents = db_int(&r, j, 2);
		rl[i].refunded_cents = db_int(&r, j, 3);
		rl[i].pending_cents = db_int(&r, j, 4);
		rl[i].cases_ever = db_int(&r, j, 5);
		rl[i].in_open_case = db_int(&r, j, 6) > 0;
		rl[i].quantity = rq->lines[i].quantity;
	}
out:
	db_res_release(&r);
	return rc;
}

static enum rc
open_txn(struct db *db, void *arg)
{
	struct open_txn *t = arg;
	const struct case_request *rq = t->rq;
	struct rules_line *rl = xcalloc(rq->linesz, sizeof(*rl));
	int64_t *weights = xcalloc(rq->linesz, sizeof(int64_t));
	int64_t *alloc = xcalloc(rq->linesz, sizeof(int64_t));
	struct rules_request rr;
	struct db_res order, recent;
	struct case_action fast;
	struct locked c;
	struct buf ids = { 0 };
	unsigned char hash[32];
	char *outcome = NULL, rma[40], day[16], *mine = NULL;
	int64_t cap, amount, attempt = 1, seq;
	uint64_t changed;
	size_t i;
	enum rc rc;

	memset(&order, 0, sizeof(order));
	memset(&recent, 0, sizeof(recent));
	memset(&c, 0, sizeof(c));
	t->case_id = t->refund_id = 0;
	if (rq->form_token != NULL) {
		rc = token_check(db, rq->form_token, rq->buyer_id, 0, "open",
		    hash, &outcome);
		if (rc == RC_CONFLICT) {
			/* A double submit: answer with the first case. */
			t->case_id = strtoll(outcome, NULL, 10);
			rc = RC_OK;
			goto out;
		}
		if (rc == RC_NOTFOUND) {
			t->field = RULES_FIELD_LINES;
			t->why = N_("This form has expired. Reload the page and "
			    "send it again.");
			rc = RC_INVALID;
		}
		if (rc != RC_OK)
			goto out;
	}
	if ((rc = db_query(db, SQL_ORDER_FOR_BUYER, &order, "ii", rq->order_id,
	    rq->buyer_id)) != RC_OK)
		goto out;
	if (order.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if ((rc = open_lines(db, t, rl)) != RC_OK)
		goto out;
	memset(&rr, 0, sizeof(rr));
	rr.policy = t->pol;
	rr.reason = policy_reason(t->pol, rq->reason_code);
	rr.type = rq->type;
	rr.goods_received = rq->goods_received;
	rr.paid_at = db_int(&order, 0, 3);
	rr.shipped_at = db_int(&order, 0, 4);
	rr.delivered_at = db_int(&order, 0, 5);
	rr.now = t->now;
	rr.evidence_count = rq->photosz;
	rr.amount_cents = rq->amount_cents;
	rr.whole = rq->whole;
	rr.lines = rl;
	rr.linesz = rq->linesz;
	if (!rules_check(&rr, &cap, &t->field, &t->why)) {
		rc = RC_INVALID;
		goto out;
	}
	amount = rr.amount_cents;
	for (i = 0; i < rq->linesz; i++) {
		weights[i] = rl[i].share_cents;
		if (rl[i].cases_ever + 1 > attempt)
			attempt = rl[i].cases_ever + 1;
	}
	if (!money_allocate(amount, weights, rq->linesz, alloc)) {
		log_err("cannot allocate %" PRId64 " over the lines", amount);
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
	    rq->order_id, db_int(&order, 0, 1), rq->buyer_id, t->pol->id,
	    case_type_name(rq->type), rq->reason_code,
	    (int64_t)rq->goods_received, amount, db_str(&order, 0, 2),
	    rq->description, attempt, t->now + rules_deadline_secs(t->pol,
	    DEADLINE_SELLER_RESPONSE), t->now, t->now);
	if (rc != RC_OK)
		goto out;
	t->case_id = db_last_id(db);
	for (i = 0; i < rq->linesz; i++) {
		rc = db_exec(db, SQL_LINE_RESERVE, &changed, "iii", alloc[i],
		    rl[i].order_line_id, alloc[i]);
		if (rc == RC_OK && changed == 0)
			rc = RC_CONFLICT;
		if (rc == RC_OK)
			rc = db_exec(db, SQL_CASE_LINE_INSERT, NULL, "iiiiii",
			    t->case_id, rl[i].order_line_id, rq->order_id,
			    rl[i].quantity, alloc[i], rl[i].order_line_id);
		if (rc == RC_CONFLICT) {
			t->field = RULES_FIELD_LINES;
			t->why = N_("Another request for these items came in at the "
			    "same moment. Look at your cases.");
		}
		if (rc != RC_OK)
			goto out;
	}
	memset(&fast, 0, sizeof(fast));
	fast.ev = EV_SUBMIT;
	fast.who = ACTOR_BUYER;
	fast.actor_id = rq->buyer_id;
	fast.photos = rq->photos;
	fast.photosz = rq->photosz;
	if ((rc = photos_add(db, t->case_id, &fast, t->pol, t->now, &ids,
	    &t->why)) != RC_OK) {
		t->field = RULES_FIELD_EVIDENCE;
		goto out;
	}
	if ((rc = timeline_add(db, t->case_id, t->now, &fast, STATE_NONE,
	    STATE_REQUESTED, amount, NULL, ids.len > 0 ? ids.data : NULL)) !=
	    RC_OK)
		goto out;
	fast.photos = NULL;
	fast.photosz = 0;
	if ((rc = db_query(db, SQL_BUYER_RECENT_REFUNDS, &recent, "it",
	    rq->buyer_id, t->now - t->pol->fast_track_recent_days * 86400)) !=
	    RC_OK)
		goto out;
	if (rules_fast_track(&rr, db_int(&recent, 0, 0))) {
		fast.ev = EV_APPROVE_REFUND;
		fast.who = ACTOR_SYSTEM;
		fast.actor_id = 0;
		fast.rule = "fast_track";
		if ((rc = case_lock(db, t->case_id, &c)) != RC_OK ||
		    (rc = apply_locked(db, t->cfg, &c, t->pol, &fast, t->now,
		    &t->refund_id, &t->why)) != RC_OK)
			goto out;
	}
	if (rq->form_token != NULL) {
		mine = xasprintf("%" PRId64, t->case_id);
		rc = db_exec(db, SQL_FORM_TOKEN_SPEND, NULL, "tsb", t->now, mine,
		    hash, sizeof(hash));
	}
out:
	buf_release(&ids);
	free(outcome);
	free(mine);
	free(rl);
	free(weights);
	free(alloc);
	locked_release(&c);
	db_res_release(&order);
	db_res_release(&recent);
	return rc;
}

enum rc
case_open(struct db *db, const struct config *cfg,
    const struct case_request *rq, time_t now, int64_t *case_id,
    enum rules_field *field, const char **why)
{
	struct open_txn t;
	struct policy pol;
	enum rc rc;

	memset(&t, 0, sizeof(t));
	*case_id = 0;
	*why = NULL;
	rc = policy_load_current(db, &pol);
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
	rc = db_txn(db, open_txn, &t);
	policy_release(&pol);
	*field = t.field;
	*why = t.why;
	if (rc != RC_OK)
		return rc;
	*case_id = t.case_id;
	if (t.refund_id != 0)
		refund_execute(db, cfg, t.refund_id, now);
	return RC_OK;
}

/* Arguments of one refund settlement transaction. */
struct settle_txn {
	int64_t		 refund_id;
	time_t		 now;
	bool		 ok;	/* succeeded, or one more failed attempt */
	const char	*error;
	const char	*reference;
};

static enum rc
settle_txn(struct db *db, void *arg)
{
	struct settle_txn *t = arg;
	struct db_res ref, lines;
	struct case_action sys;
	struct locked c;
	enum case_state to;
	const char *why;
	int64_t *weights = NULL, *alloc = NULL, attempts;
	uint64_t changed;
	size_t i;
	enum rc rc;

	memset(&lines, 0, sizeof(lines));
	memset(&c, 0, sizeof(c));
	memset(&sys, 0, sizeof(sys));
	sys.who = ACTOR_SYSTEM;
	if ((rc = db_query(db, SQL_REFUND_LOCK, &ref, "i", t->refund_id)) !=
	    RC_OK)
		goto out;
	if (ref.rowsz == 0 || strcmp(db_str(&ref, 0, 3), "pending") != 0) {
		rc = RC_CONFLICT;	/* settled already, by someone else */
		goto out;
	}
	attempts = db_int(&ref, 0, 4);
	if ((rc = case_lock(db, db_int(&ref, 0, 1), &c)) != RC_OK)
		goto out;
	sys.ev = t->ok ? EV_REFUND_SUCCEEDED : EV_REFUND_FAILED;
	if (machine_next(c.type, c.state, sys.ev, ACTOR_SYSTEM, &to, &why) !=
	    RC_OK) {
		log_err("refund %" PRId64 " of case %" PRId64 " in state %s: "
		    "%s", t->refund_id, c.id, case_state_name(c.state), why);
		rc = RC_DB;
		goto out;
	}
	if (!t->ok) {
		/* Retried later with the same key: 1, 2, 4 ... 60 minutes. */
		time_t next = t->now + 60 * (attempts < 6 ?
		    (int64_t)1 << attempts : 60);

		if ((rc = db_exec(db, SQL_REFUND_RETRY, NULL, "sti", t->error,
		    next, t->refund_id)) != RC_OK)
			goto out;
		rc = timeline_add(db, c.id, t->now, &sys, c.state, to,
		    db_int(&ref, 0, 2), t->error, NULL);
		goto out;
	}
	if ((rc = db_exec(db, SQL_REFUND_SUCCEED, &changed, "tsi", t->now,
	    t->reference, t->refund_id)) != RC_OK)
		goto out;
	if ((rc = db_query(db, SQL_CASE_LINES_OF_CASE, &lines, "i", c.id)) !=
	    RC_OK)
		goto out;
	weights = xcalloc(lines.rowsz, sizeof(int64_t));
	alloc = xcalloc(lines.rowsz, sizeof(int64_t));
	for (i = 0; i < lines.rowsz; i++)
		weights[i] = db_int(&lines, i, 1);
	if (!money_allocate(c.approved_cents, weights, lines.rowsz, alloc)) {
		log_err("case %" PRId64 ": approved amount exceeds the lines",
		    c.id);
		rc = RC_DB;
		goto out;
	}
	for (i = 0; i < lines.rowsz; i++) {
		if ((rc = db_exec(db, SQL_CASE_LINE_REFUNDED, NULL, "iii",
		    alloc[i], c.id, db_int(&lines, i, 0))) != RC_OK)
			goto out;
		/* Release the whole reservation; keep the refunded share. */
		if ((rc = db_exec(db, SQL_LINE_SETTLE, NULL, "iii", alloc[i],
		    db_int(&lines, i, 2) ? weights[i] : (int64_t)0,
		    db_int(&lines, i, 0))) != RC_OK)
			goto out;
	}
	if ((rc = db_exec(db, SQL_CASE_REFUNDED, &changed, "itti",
	    c.approved_cents, t->now, t->now, c.id)) != RC_OK)
		goto out;
	if (changed == 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	rc = timeline_add(db, c.id, t->now, &sys, c.state, to,
	    c.approved_cents, t->reference, NULL);
out:
	free(weights);
	free(alloc);
	locked_release(&c);
	db_res_release(&ref);
	db_res_release(&lines);
	return rc;
}

enum rc
refund_execute(struct db *db, const struct config *cfg, int64_t refund_id,
    time_t now)
{
	struct settle_txn t;
	struct webhook_refund w;
	struct webhook_result res;
	struct db_res r;
	enum rc rc;

	memset(&t, 0, sizeof(t));
	t.refund_id = refund_id;
	t.now = now;
	if ((rc = db_query(db, SQL_REFUND_GET, &r, "i", refund_id)) != RC_OK)
		goto out;
	if (r.rowsz == 0 || strcmp(db_str(&r, 0, 6), "pending") != 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	if (strcmp(db_str(&r, 0, 5), "webhook") == 0) {
		/* No transaction, no row lock while the payment system thinks. */
		memset(&w, 0, sizeof(w));
		w.idempotency_key = db_str(&r, 0, 2);
		w.refund_id = refund_id;
		w.case_id = db_int(&r, 0, 1);
		w.amount_cents = db_int(&r, 0, 3);
		w.currency = db_str(&r, 0, 4);
		w.rma_no = db_str(&r, 0, 7);
		w.order_id = db_int(&r, 0, 8);
		t.ok = webhook_refund_post(cfg->webhook_url, &w,
		    cfg->webhook_timeout_ms, &res) == RC_OK;
		t.error = res.error;
		t.reference = res.reference[0] != '\0' ? res.reference : NULL;
	} else {
		t.ok = true;
		t.reference = "ledger";
	}
	rc = db_txn(db, settle_txn, &t);
	if (rc == RC_OK && !t.ok)
		rc = RC_CONFLICT;
out:
	db_res_release(&r);
	return rc;
}

enum rc
case_sweep(struct db *db, const struct config *cfg, time_t now,
    int *cases_acted, int *refunds_settled)
{
	struct db_res r;
	bool acted;
	size_t i;
	enum rc rc;

	*cases_acted = *refunds_settled = 0;
	if ((rc = db_query(db, SQL_CASES_DUE, &r, "t", now)) != RC_OK)
		goto out;
	for (i = 0; i < r.rowsz; i++) {
		if ((rc = case_settle_due(db, cfg, db_int(&r, i, 0), now,
		    &acted)) != RC_OK)
			goto out;
		*cases_acted += acted;
	}
	db_res_release(&r);
	if ((rc = db_query(db, SQL_REFUNDS_DUE, &r, "t", now)) != RC_OK)
		goto out;
	for (i = 0; i < r.rowsz; i++) {
		rc = refund_execute(db, cfg, db_int(&r, i, 0), now);
		if (rc == RC_DB)
			goto out;
		*refunds_settled += rc == RC_OK;
	}
	rc = RC_OK;
out:
	db_res_release(&r);
	return rc;
}
