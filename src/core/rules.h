/* rules.h: the pure eligibility rules for opening a case, read from the frozen policy. */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/machine.h"
#include "core/policy.h"

/* The end of a window that has none yet (an undelivered or unshipped order). */
#define RULES_NO_END	((time_t)INT64_MAX)

/* One order line as the rules see it, with what the buyer asks for it. */
struct rules_line {
	int64_t	 order_line_id;
	int64_t	 line_quantity;	/* units bought */
	int64_t	 paid_cents;
	int64_t	 refunded_cents;
	int64_t	 pending_cents;
	bool	 in_open_case;	/* some open case covers it already */
	int64_t	 cases_ever;	/* cases ever opened on it */
	int64_t	 quantity;	/* units asked for */
	int64_t	 share_cents;	/* out: what these units are worth now */
};

/* A request to open a case, as the rules see it. */
struct rules_request {
	const struct policy		*policy;	/* the current version */
	const struct policy_reason	*reason;	/* NULL: unknown code */
	enum case_type			 type;
	bool				 goods_received;	/* the buyer's answer */
	time_t				 paid_at;
	time_t				 shipped_at;	/* 0: not shipped */
	time_t				 delivered_at;	/* 0: not delivered */
	time_t				 expected_at;	/* promised delivery; 0: none */
	time_t				 now;
	size_t				 evidence_count;
	int64_t				 amount_cents;	/* asked; ignored for exchanges */
	bool				 whole;	/* ask for all the lines are worth */
	struct rules_line		*lines;
	size_t				 linesz;
};

/* The form field a refusal is about. */
enum rules_field {
	RULES_FIELD_LINES,
	RULES_FIELD_TYPE,
	RULES_FIELD_REASON,
	RULES_FIELD_RECEIVED,
	RULES_FIELD_AMOUNT,
	RULES_FIELD_EVIDENCE,
	RULES_FIELD__MAX
};

/*
 * Checks a request against the policy: lines (not in an open case, under
 * max_attempts, quantities, something left to refund), the reason (known,
 * allows the type, its goods-received and shipping conditions), the
 * window (the reason's own length or the policy's, counted as the
 * reason's window_from says: from delivery, or from payment while
 * undelivered; for "undelivered", from the later of the expected
 * delivery date and the delivery, with no end while the order is
 * undelivered and has no expected date; or while unshipped), evidence
 * (required, at most evidence_max_files) and the
 * amount (1 cent up to the lines' worth). Fills each line's share_cents
 * (money_share of what is refundable) and *cap_cents with their sum;
 * an exchange, or a request for the whole, gets amount_cents set to it.
 * Returns true, or false with *field and *why (a sentence for the buyer)
 * describing the first problem.
 */
bool	rules_check(struct rules_request *rq, int64_t *cap_cents,
	    enum rules_field *field, const char **why);

/* An order as the rules see it. */
struct rules_order {
	time_t	 paid_at;
	time_t	 shipped_at;	/* 0: not shipped */
	time_t	 delivered_at;	/* 0: not delivered */
	time_t	 expected_at;	/* promised delivery; 0: none */
};

/* What a buyer can ask about one order line now. */
enum line_can {
	LINE_CAN_REQUEST,	/* some reason admits a request now */
	LINE_OPEN_CASE,		/* a case is open on it */
	LINE_NO_ATTEMPTS,	/* the policy's max_attempts are used up */
	LINE_REFUNDED,		/* nothing is left to refund */
	LINE_TOO_LATE,		/* no reason admits a request any more */
	LINE__MAX
};

struct line_status {
	enum line_can	 can;
	int64_t		 worth_cents;	/* what all its units are worth now */
	time_t		 until;	/* LINE_CAN_REQUEST: the latest end of the
				   window of a reason that admits it now;
				   RULES_NO_END while it has none */
};

/*
 * The one answer to "can the buyer ask about line l of order o now",
 * read by the orders page and the request form: the line's own checks of
 * rules_check() (open case, requests left, something left to refund),
 * then whether rules_check() passes a request for all of its units for
 * some reason of p, some kind of request and some answer to "did the
 * goods arrive" (with a photo where the reason needs one). So a page
 * never offers what the engine refuses. Pure.
 */
void	rules_line_status(const struct policy *p, const struct rules_order *o,
	    const struct rules_line *l, time_t now, struct line_status *st);

/*
 * Tells whether a request that passed rules_check() qualifies for the
 * fast track (极速退款): the policy's rule is on, the case is refund-only,
 * the reason allows it, the amount is at most the threshold, the order
 * has not shipped or the goods were not received and the carrier has not
 * marked them delivered ("not received" on a delivered order goes to the
 * seller), and the buyer has fewer than the limit of fast refunds
 * (pending or succeeded) in the recent days (recent_refunds, counted
 * under the buyer's lock).
 */
bool	rules_fast_track(const struct rules_request *rq, int64_t recent_refunds);

/* Returns the policy setting that sets deadline kind k ("seller_response_hours"), or NULL. */
const char *rules_deadline_name(enum deadline_kind k);

/* Returns the policy's length in seconds of the deadline kind k. */
int64_t	rules_deadline_secs(const struct policy *p, enum deadline_kind k);

/*
 * Tells whether who (a user with user_id, a seller of shop_id) may see and
 * act on a case of buyer case_buyer and shop case_shop: the buyer their
 * own, a seller their shop's, the platform and the system every case.
 * The one access rule of cases, photos and actions. Pure.
 */
bool	case_visible(enum actor who, int64_t user_id, int64_t shop_id,
	    int64_t case_buyer, int64_t case_shop);

#endif /* RULES_H */
