/* rules.c: the pure eligibility rules for opening a case, read from the frozen policy. */
#include <string.h>

#include "base/i18n.h"
#include "core/money.h"
#include "core/rules.h"

#define DAY	86400

/* Sets the refusal and returns false. */
static bool
refuse(enum rules_field *field, const char **why, enum rules_field f,
    const char *text)
{
	*field = f;
	*why = text;
	return false;
}

static bool
reason_allows(const struct policy_reason *r, enum case_type t)
{
	switch (t) {
	case CASE_REFUND_ONLY:
		return r->allow_refund_only;
	case CASE_RETURN_REFUND:
		return r->allow_return_refund;
	case CASE_EXCHANGE:
		return r->allow_exchange;
	default:
		return false;
	}
}

/*
 * The checks of one line on its own (not in an open case, requests left,
 * something left to refund): LINE_CAN_REQUEST, or why not with *why.
 */
static enum line_can
line_check(const struct policy *p, const struct rules_line *l,
    const char **why)
{
	if (l->in_open_case) {
		*why = N_("An item you chose already has an open request; follow "
		    "that one instead.");
		return LINE_OPEN_CASE;
	}
	if (l->cases_ever >= p->max_attempts) {
		*why = N_("An item you chose has used up its requests under the "
		    "return policy.");
		return LINE_NO_ATTEMPTS;
	}
	if (money_refundable(l->paid_cents, l->refunded_cents,
	    l->pending_cents) == 0) {
		*why = N_("An item you chose has been refunded in full already.");
		return LINE_REFUNDED;
	}
	return LINE_CAN_REQUEST;
}

/*
 * When reason r's window ends for an order paid, shipped, delivered and
 * promised for delivery then (0: not yet, none), by the reason's
 * window_from. WINDOW_FROM_UNDELIVERED ("not received") counts from the
 * later of the expected delivery date and the delivery (a parcel that
 * came early still has the days from its promised date; one that came
 * late, from its arrival), and has no end (RULES_NO_END) while the order
 * is undelivered with no expected date. WINDOW_FROM_UNSHIPPED has no end
 * while the order is unshipped and closes the moment it ships. The one
 * window of rules_check() and rules_line_status().
 */
static time_t
window_end(const struct policy *p, const struct policy_reason *r,
    time_t paid_at, time_t shipped_at, time_t delivered_at,
    time_t expected_at)
{
	int64_t window = r->window_days > 0 ? r->window_days :
	    p->return_window_days;
	time_t from;

	switch (r->window_from) {
	case WINDOW_FROM_UNDELIVERED:
		from = delivered_at > expected_at ? delivered_at : expected_at;
		if (from == 0)
			return RULES_NO_END;
		return from + window * DAY;
	case WINDOW_FROM_UNSHIPPED:
		return shipped_at == 0 ? RULES_NO_END : shipped_at;
	default:
		return (delivered_at != 0 ? delivered_at : paid_at) +
		    window * DAY;
	}
}

bool
rules_check(struct rules_request *rq, int64_t *cap_cents,
    enum rules_field *field, const char **why)
{
	const struct policy *p = rq->policy;
	const struct policy_reason *r = rq->reason;
	int64_t cap = 0;
	size_t i, j;

	*cap_cents = 0;
	if (rq->linesz == 0)
		return refuse(field, why, RULES_FIELD_LINES,
		    N_("Choose at least one item of the order."));
	for (i = 0; i < rq->linesz; i++) {
		struct rules_line *l = &rq->lines[i];
		int64_t left;

		for (j = 0; j < i; j++)
			if (rq->lines[j].order_line_id == l->order_line_id)
				return refuse(field, why, RULES_FIELD_LINES,
				    N_("An item was chosen twice."));
		if (l->quantity < 1 || l->quantity > l->line_quantity)
			return refuse(field, why, RULES_FIELD_LINES,
			    N_("Choose between one and the number of units you "
			    "bought."));
		if (line_check(p, l, why) != LINE_CAN_REQUEST) {
			*field = RULES_FIELD_LINES;
			return false;
		}
		left = money_refundable(l->paid_cents, l->refunded_cents,
		    l->pending_cents);
		l->share_cents = money_share(left, l->quantity,
		    l->line_quantity);
		cap += l->share_cents;
	}
	*cap_cents = cap;
	if (rq->whole || rq->type == CASE_EXCHANGE)
		rq->amount_cents = cap;
	if (rq->type >= CASE__MAX)
		return refuse(field, why, RULES_FIELD_TYPE,
		    N_("Choose what you would like: a refund, a return and "
		    "refund, or an exchange."));
	if (r == NULL)
		return refuse(field, why, RULES_FIELD_REASON,
		    N_("Choose a reason from the list."));
	if (!reason_allows(r, rq->type))
		return refuse(field, why, RULES_FIELD_TYPE,
		    N_("This reason does not allow that kind of request; the "
		    "list shows which kinds it allows."));
	if (rq->shipped_at == 0 && rq->goods_received)
		return refuse(field, why, RULES_FIELD_RECEIVED,
		    N_("The order has not shipped yet, so the goods cannot have "
		    "arrived."));
	if (rq->type != CASE_REFUND_ONLY && !rq->goods_received)
		return refuse(field, why, RULES_FIELD_TYPE,
		    N_("Goods that did not arrive cannot be sent back: ask for a "
		    "refund only."));
	if (r->needs_unshipped && rq->shipped_at != 0)
		return refuse(field, why, RULES_FIELD_REASON,
		    N_("This reason is only for orders that have not shipped."));
	if (r->needs_received && !rq->goods_received)
		return refuse(field, why, RULES_FIELD_REASON,
		    N_("This reason is only for goods you have received."));
	if (r->needs_not_received && rq->goods_received)
		return refuse(field, why, RULES_FIELD_REASON,
		    N_("This reason is only for goods you have not received."));
	if (r->needs_not_received && !r->needs_unshipped &&
	    rq->shipped_at == 0)
		return refuse(field, why, RULES_FIELD_REASON,
		    N_("The order has not shipped yet: choose the reason for "
		    "orders that have not shipped."));
	if (rq->now > window_end(p, r, rq->paid_at, rq->shipped_at,
	    rq->delivered_at, rq->expected_at))
		return refuse(field, why, RULES_FIELD_REASON,
		    r->window_from == WINDOW_FROM_UNSHIPPED ?
		    N_("This reason is only for orders that have not shipped.") :
		    r->window_from == WINDOW_FROM_UNDELIVERED &&
		    rq->expected_at >= rq->delivered_at ?
		    N_("The time to ask for this reason has passed: the window "
		    "counts from the expected delivery date.") :
		    rq->delivered_at != 0 ?
		    N_("The time to ask for this reason has passed: the window "
		    "counts from delivery.") :
		    N_("The time to ask for this reason has passed: the window "
		    "counts from payment."));
	if (r->evidence_required && rq->evidence_count == 0)
		return refuse(field, why, RULES_FIELD_EVIDENCE,
		    N_("This reason needs at least one photo of the problem."));
	if ((int64_t)rq->evidence_count > p->evidence_max_files)
		return refuse(field, why, RULES_FIELD_EVIDENCE,
		    N_("Too many photos for the return policy."));
	if (rq->amount_cents < 1 || rq->amount_cents > cap)
		return refuse(field, why, RULES_FIELD_AMOUNT,
		    rq->amount_cents < 1 ? N_("Enter an amount above zero.") :
		    N_("The amount is more than what can be refunded for these "
		    "items."));
	return true;
}

void
rules_line_status(const struct policy *p, const struct rules_order *o,
    const struct rules_line *l, time_t now, struct line_status *st)
{
	struct rules_request rq;
	struct rules_line one;
	enum rules_field field;
	const char *why;
	int64_t cap;
	time_t end;
	size_t i, t, g;

	memset(st, 0, sizeof(*st));
	st->worth_cents = money_refundable(l->paid_cents, l->refunded_cents,
	    l->pending_cents);
	if ((st->can = line_check(p, l, &why)) != LINE_CAN_REQUEST)
		return;
	/* Open when some reason admits a request of some kind now. */
	st->can = LINE_TOO_LATE;
	for (i = 0; i < p->reasonsz; i++)
		for (t = 0; t < CASE__MAX; t++)
			for (g = 0; g < 2; g++) {
				one = *l;
				one.quantity = l->line_quantity;
				memset(&rq, 0, sizeof(rq));
				rq.policy = p;
				rq.reason = &p->reasons[i];
				rq.type = (enum case_type)t;
				rq.goods_received = g == 1;
				rq.paid_at = o->paid_at;
				rq.shipped_at = o->shipped_at;
				rq.delivered_at = o->delivered_at;
				rq.expected_at = o->expected_at;
				rq.now = now;
				rq.evidence_count =
				    p->reasons[i].evidence_required ? 1 : 0;
				rq.whole = true;
				rq.lines = &one;
				rq.linesz = 1;
				if (!rules_check(&rq, &cap, &field, &why))
					continue;
				st->can = LINE_CAN_REQUEST;
				end = window_end(p, &p->reasons[i], o->paid_at,
				    o->shipped_at, o->delivered_at,
				    o->expected_at);
				if (end > st->until)
					st->until = end;
			}
}

bool
rules_fast_track(const struct rules_request *rq, int64_t recent_refunds)
{
	const struct policy *p = rq->policy;

	return p->fast_track_enabled && rq->reason != NULL &&
	    rq->reason->fast_track && rq->type == CASE_REFUND_ONLY &&
	    rq->amount_cents <= p->fast_track_max_cents &&
	    (rq->shipped_at == 0 ||
	    (!rq->goods_received && rq->delivered_at == 0)) &&
	    recent_refunds < p->fast_track_max_recent_refunds;
}

int64_t
rules_deadline_secs(const struct policy *p, enum deadline_kind k)
{
	switch (k) {
	case DEADLINE_SELLER_RESPONSE:
		return p->seller_response_hours * 3600;
	case DEADLINE_BUYER_RESPONSE:
		return p->buyer_response_hours * 3600;
	case DEADLINE_BUYER_SHIP:
		return p->buyer_ship_days * DAY;
	case DEADLINE_SELLER_RECEIVE:
		return p->seller_receive_days * DAY;
	case DEADLINE_SELLER_RESHIP:
		return p->seller_reship_days * DAY;
	case DEADLINE_BUYER_CONFIRM:
		return p->buyer_confirm_days * DAY;
	case DEADLINE_PLATFORM_RULING:
		return p->platform_ruling_days * DAY;
	case DEADLINE_ESCALATION:
		return p->escalation_days * DAY;
	case DEADLINE_EVIDENCE_REQUEST:
		return p->evidence_request_hours * 3600;
	default:
		return 0;
	}
}

const char *
rules_deadline_name(enum deadline_kind k)
{
	static const char *const names[DEADLINE__MAX] = {
		NULL, /* DEADLINE_NONE */
		"seller_response_hours", /* DEADLINE_SELLER_RESPONSE */
		"buyer_response_hours", /* DEADLINE_BUYER_RESPONSE */
		"buyer_ship_days", /* DEADLINE_BUYER_SHIP */
		"seller_receive_days", /* DEADLINE_SELLER_RECEIVE */
		"seller_reship_days", /* DEADLINE_SELLER_RESHIP */
		"buyer_confirm_days", /* DEADLINE_BUYER_CONFIRM */
		"platform_ruling_days", /* DEADLINE_PLATFORM_RULING */
		"escalation_days", /* DEADLINE_ESCALATION */
		"evidence_request_hours", /* DEADLINE_EVIDENCE_REQUEST */
	};

	return k < DEADLINE__MAX ? names[k] : NULL;
}

bool
case_visible(enum actor who, int64_t user_id, int64_t shop_id,
    int64_t case_buyer, int64_t case_shop)
{
	switch (who) {
	case ACTOR_BUYER:
		return user_id == case_buyer;
	case ACTOR_SELLER:
		return shop_id == case_shop;
	case ACTOR_ADMIN:
	case ACTOR_SYSTEM:
		return true;
	default:
		return false;
	}
}
