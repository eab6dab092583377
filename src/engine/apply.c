/* apply.c: one event applied to a case under its row lock: the state machine, the event's effects, the guarded update and the timeline row. */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"
#include "core/rules.h"
#include "engine/apply.h"
#include "engine/counts.h"
#include "engine/evidence.h"
#include "engine/ledger.h"
#include "store/orders.h"

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

/*
 * Records compensation k with the offer just inserted for the locked
 * case c. Returns RC_OK, RC_INVALID with *why, or RC_DB.
 */
static enum rc
add_compensation(struct db *db, const struct locked *c,
    const struct case_compensation *k, time_t now, const char **why)
{
	bool text = k->description != NULL && *k->description != '\0';
	bool code = (k->coupon_code != NULL && *k->coupon_code != '\0') ||
	    k->expires_on != 0;

	if (!comp_check(k->kind, k->value_cents, text, code, why))
		return RC_INVALID;
	return db_exec(db, SQL_SELLER_COMP_INSERT, NULL, "iisIssTst",
	    db_last_id(db), c->id, comp_kind_name(k->kind), k->value_cents,
	    c->currency, code ? k->coupon_code : NULL, k->expires_on,
	    text ? k->description : NULL, now);
}

/* Tells whether text is present: not NULL and not only blanks. */
static bool
present(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

bool
case_action_carries(const struct case_action *a, size_t photosz,
    const char **why)
{
	bool carried[EVF__MAX];
	enum event_field field;

	if (a->who == ACTOR_SYSTEM)
		return true;
	/* Return postage comes only with the goods shipped back. */
	if (a->postage_cents != 0 && a->ev != EV_SHIP_RETURN) {
		*why = N_("This action does not take return postage.");
		return false;
	}
	carried[EVF_NOTE] = present(a->note);
	carried[EVF_AMOUNT] = a->amount_cents != 0;
	carried[EVF_SHIPPING] = present(a->carrier) || present(a->waybill);
	carried[EVF_PHOTOS] = photosz > 0;
	carried[EVF_ADDRESS] = a->address_id != 0;
	carried[EVF_REFUSAL] = a->refusal != NULL;
	carried[EVF_COMPENSATION] = a->comp != NULL;
	return machine_event_fields_ok(a->ev, carried, &field, why);
}

/*
 * Records the return postage the buyer paid on the locked case c (buyer2):
 * only for a return and refund whose frozen policy's reason has the
 * seller pay return shipping, at most the policy's return_postage_max_cents (RC_INVALID
 * with *why otherwise). Returns RC_OK, RC_INVALID or RC_DB.
 */
static enum rc
set_postage(struct db *db, struct locked *c, int64_t postage,
    const char **why)
{
	struct case_extra x;
	enum rc rc;

	if ((rc = case_extra_load(db, c->id, &x)) != RC_OK)
		return rc;
	/* An exchange pays no money back: its postage is the seller's to settle. */
	if (postage < 0 || !x.seller_pays || x.postage_max_cents == 0 ||
	    c->type != CASE_RETURN_REFUND) {
		*why = N_("Return postage is refunded only on a return and refund "
		    "where the seller pays return shipping.");
		rc = RC_INVALID;
	} else if (postage > x.postage_max_cents) {
		*why = N_("The postage is more than the return policy refunds: "
		    "enter at most the amount shown.");
		rc = RC_INVALID;
	} else
		rc = db_exec(db, SQL_CASE_SET_POSTAGE, NULL, "ii", postage,
		    c->id);
	case_extra_release(&x);
	return rc;
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
	if (!case_action_carries(a, a->photosz, why))
		return RC_INVALID;
	switch (a->ev) {
	case EV_APPROVE_RETURN:
		rc = set_return_address(db, c, a->address_id, why);
		break;
	case EV_REJECT:
		if (a->refusal != NULL) {
			enum refusal code;

			if (!refusal_from_name(a->refusal, &code)) {
				*why = N_("Choose a reason from the list.");
				return RC_INVALID;
			}
			rc = db_exec(db, SQL_SELLER_CASE_REFUSAL, NULL, "si",
			    refusal_name(code), c->id);
		}
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
		if (rc == RC_OK && a->comp != NULL)
			rc = add_compensation(db, c, a->comp, now, why);
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
			return RC_INVALID;	/* both, not one */
		}
		if (a->ev == EV_SHIP_RETURN && a->postage_cents != 0 &&
		    (rc = set_postage(db, c, a->postage_cents, why)) != RC_OK)
			return rc;
		rc = db_exec(db, SQL_SHIPMENT_INSERT, NULL, "isssIt", c->id,
		    a->ev == EV_SHIP_RETURN ? "return" : "replacement",
		    a->carrier, a->waybill, a->actor_id, now);
		if (rc == RC_CONFLICT) {
			*why = N_("A waybill was entered already.");
			rc = RC_INVALID;
		}
		if (a->ev == EV_SHIP_RETURN)
			*amount = a->postage_cents;
		break;
	case EV_CONFIRM_RECEIPT:
	case EV_REFUSE_RECEIPT:
		rc = db_exec(db, SQL_SHIPMENT_RECEIVE, NULL, "tssi", now,
		    a->ev == EV_REFUSE_RECEIPT ? "refused" :
		    a->who == ACTOR_SYSTEM ? "auto_confirmed" : "confirmed",
		    a->note, c->id);
		break;
	case EV_ESCALATE:
		if (now > c->rejected_at + rules_deadline_secs(pol,
		    DEADLINE_ESCALATION)) {
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

/* The body of apply_locked(). */
static enum rc
apply_body(struct db *db, const struct config *cfg, struct locked *c,
    const struct policy *pol, const struct case_action *a, time_t now,
    const char **why)
{
	enum case_state from = c->state, to, end;
	enum deadline_kind dk;
	struct buf ids = { 0 };
	const char *note = a->note;
	char *shipped = NULL;
	time_t deadline = 0;
	int64_t amount;
	uint64_t changed;
	enum rc rc;

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
		note = shipped = xasprintf("%s %s", a->carrier, a->waybill);
	if (to == STATE_REJECTED && from != STATE_REJECTED)
		c->rejected_at = now;
	dk = machine_deadline(to);
	if (dk != DEADLINE_NONE)
		deadline = to == from ? c->deadline_at :
		    now + rules_deadline_secs(pol, dk);
	/* Back from asking one side: the platform's own time runs on. */
	if (to == STATE_ESCALATED && from != STATE_ESCALATED)
		deadline = c->escalated_at + rules_deadline_secs(pol, dk);
	if (to != STATE_OFFERED)
		c->offered_cents = 0;
	if (to == STATE_CLOSED || to == STATE_EXCHANGED) {
		free(c->close_reason);
		c->close_reason = xstrdup(close_reason_name(
		    machine_close_reason(a->ev, to)));
	}
	/*
	 * A refund paid at once (the ledger executor) passes through
	 * refunding within this transaction: the row is written in the
	 * state it ends in, so that the case's indexes change once, and
	 * ledger_start() below records the payment and its timeline row.
	 */
	end = to;
	if (machine_moves_money(a->ev, to) && ledger_pays_at_once(cfg)) {
		if (machine_next(c->type, to, EV_REFUND_SUCCEEDED,
		    ACTOR_SYSTEM, &end, why) != RC_OK) {
			rc = RC_DB;
			goto out;
		}
		c->refunded_cents = c->approved_cents;
		free(c->close_reason);
		c->close_reason = xstrdup(close_reason_name(CLOSE_REFUNDED));
	}
	rc = db_exec(db, SQL_CASE_UPDATE, &changed, "sTIIiiiTIsisTTitttisi",
	    case_state_name(end), end == to ? deadline : (time_t)0,
	    c->offered_cents,
	    to == STATE_REFUNDING ? c->approved_cents : (int64_t)0,
	    c->requested_cents, c->refunded_cents, c->attempt,
	    c->escalated_at, c->address_id, c->address_snapshot,
	    (int64_t)(a->rule != NULL && strcmp(a->rule, "fast_track") == 0),
	    c->close_reason, case_state_terminal(end) ? now : (time_t)0,
	    c->rejected_at, (int64_t)(a->who == ACTOR_SELLER), now, now, now,
	    c->id, case_state_name(from), c->version);
	if (rc == RC_OK && changed == 0) {
		*why = N_("Someone else changed this case first.");
		rc = RC_CONFLICT;
	}
	if (rc != RC_OK)
		goto out;
	c->version++;
	if ((rc = evidence_add(db, c->id, a->who, a->actor_id, a->photos,
	    a->photosz, pol, now, &ids, why)) != RC_OK)
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
	c->state = to;
	if (machine_moves_money(a->ev, to))
		rc = ledger_start(db, cfg, c, now, why);
out:
	buf_release(&ids);
	free(shipped);
	return rc;
}

enum rc
apply_locked(struct db *db, const struct config *cfg, struct locked *c,
    const struct policy *pol, const struct case_action *a, time_t now,
    const char **why)
{
	enum rc rc, crc;

	/* The kept counts of the whole change (the ledger's settlement
	 * included) at its end, summed: their rows are the shop's hottest. */
	counts_batch_begin(db);
	rc = apply_body(db, cfg, c, pol, a, now, why);
	crc = counts_batch_end(db, rc == RC_OK);
	return rc != RC_OK ? rc : crc;
}
