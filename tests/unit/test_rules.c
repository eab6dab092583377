/* test_rules.c: cmocka tests of the pure money and eligibility rules (money.c, rules.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/money.h"
#include "core/rules.h"

#define DAY	86400
#define NOW	((time_t)1800000000)

static struct policy_reason reasons[] = {
	{ .code = "no_reason_7d", .allow_return_refund = true,
	  .allow_exchange = true, .needs_received = true },
	{ .code = "quality", .allow_refund_only = true,
	  .allow_return_refund = true, .allow_exchange = true,
	  .evidence_required = true, .window_days = 15, .needs_received = true },
	{ .code = "not_received", .allow_refund_only = true,
	  .needs_not_received = true, .fast_track = true,
	  .window_from = WINDOW_FROM_UNDELIVERED },
	{ .code = "unshipped", .allow_refund_only = true,
	  .needs_not_received = true, .needs_unshipped = true,
	  .fast_track = true, .window_from = WINDOW_FROM_UNSHIPPED },
};

static struct policy pol = {
	.return_window_days = 7, .seller_response_hours = 48,
	.buyer_response_hours = 72, .buyer_ship_days = 7,
	.seller_receive_days = 10, .seller_reship_days = 5,
	.buyer_confirm_days = 10, .platform_ruling_days = 3,
	.escalation_days = 7, .max_attempts = 3, .evidence_max_files = 6,
	.fast_track_enabled = true, .fast_track_max_cents = 10000,
	.fast_track_max_recent_refunds = 3, .fast_track_recent_days = 30,
	.reasons = reasons, .reasonsz = 4,
};

static struct rules_line line;

/* A delivered one-line order (2 units, 100.00 paid) asking for all of it. */
static struct rules_request
base(void)
{
	struct rules_request rq;

	memset(&line, 0, sizeof(line));
	line.order_line_id = 7;
	line.line_quantity = 2;
	line.paid_cents = 10000;
	line.quantity = 2;
	memset(&rq, 0, sizeof(rq));
	rq.policy = &pol;
	rq.reason = &reasons[1];
	rq.type = CASE_RETURN_REFUND;
	rq.goods_received = true;
	rq.paid_at = NOW - 5 * DAY;
	rq.shipped_at = NOW - 4 * DAY;
	rq.delivered_at = NOW - 2 * DAY;
	rq.now = NOW;
	rq.evidence_count = 1;
	rq.amount_cents = 10000;
	rq.lines = &line;
	rq.linesz = 1;
	return rq;
}

/* Expects a refusal on field whose message contains text. */
static void
refused(struct rules_request rq, enum rules_field want, const char *text)
{
	enum rules_field field = RULES_FIELD__MAX;
	const char *why = NULL;
	int64_t cap;

	assert_false(rules_check(&rq, &cap, &field, &why));
	assert_int_equal(field, want);
	assert_non_null(why);
	assert_non_null(strstr(why, text));
}

static void
test_refundable(void **state)
{
	(void)state;
	assert_int_equal(money_refundable(10000, 0, 0), 10000);
	assert_int_equal(money_refundable(10000, 2500, 1500), 6000);
	assert_int_equal(money_refundable(10000, 10000, 0), 0);
	assert_int_equal(money_refundable(10000, 9000, 5000), 0);
	assert_int_equal(money_share(10000, 1, 3), 3333);
	assert_int_equal(money_share(10000, 3, 3), 10000);
	assert_int_equal(money_share(10000, 0, 3), 0);
	assert_int_equal(money_share(10000, 4, 3), 0);
}

static void
test_allocate(void **state)
{
	int64_t w[] = { 3333, 3333, 3334 }, out[3];
	int64_t w2[] = { 8000, 0, 1 }, out2[3];
	int64_t one[] = { 500 }, o1[1];

	(void)state;
	assert_true(money_allocate(1000, w, 3, out));
	assert_int_equal(out[0] + out[1] + out[2], 1000);
	assert_true(out[0] <= w[0] && out[1] <= w[1] && out[2] <= w[2]);
	assert_true(money_allocate(10000, w, 3, out));
	assert_int_equal(out[0], 3333);
	assert_int_equal(out[2], 3334);
	assert_false(money_allocate(10001, w, 3, out));
	assert_false(money_allocate(-1, w, 3, out));
	assert_true(money_allocate(8001, w2, 3, out2));
	assert_int_equal(out2[0], 8000);
	assert_int_equal(out2[1], 0);
	assert_int_equal(out2[2], 1);
	assert_true(money_allocate(1, w2, 3, out2));
	assert_int_equal(out2[0] + out2[1] + out2[2], 1);
	assert_int_equal(out2[1], 0);
	assert_true(money_allocate(0, one, 1, o1));
	assert_int_equal(o1[0], 0);
}

static void
test_eligible(void **state)
{
	struct rules_request rq = base();
	enum rules_field field;
	const char *why = NULL;
	int64_t cap;

	(void)state;
	assert_true(rules_check(&rq, &cap, &field, &why));
	assert_int_equal(cap, 10000);
	assert_int_equal(line.share_cents, 10000);
	/* One of two units, with 20.00 already refunded: half of 80.00. */
	rq = base();
	line.quantity = 1;
	line.refunded_cents = 2000;
	rq.amount_cents = 4000;
	assert_true(rules_check(&rq, &cap, &field, &why));
	assert_int_equal(cap, 4000);
	rq.amount_cents = 4001;
	refused(rq, RULES_FIELD_AMOUNT, "more than what can be refunded");
}

static void
test_refusals(void **state)
{
	struct rules_request rq;

	(void)state;
	rq = base();
	rq.linesz = 0;
	refused(rq, RULES_FIELD_LINES, "at least one item");
	rq = base();
	line.in_open_case = true;
	refused(rq, RULES_FIELD_LINES, "already has an open request");
	rq = base();
	line.cases_ever = 3;
	refused(rq, RULES_FIELD_LINES, "used up");
	rq = base();
	line.refunded_cents = 10000;
	refused(rq, RULES_FIELD_LINES, "refunded in full");
	rq = base();
	line.quantity = 3;
	refused(rq, RULES_FIELD_LINES, "units");
	rq = base();
	rq.reason = NULL;
	refused(rq, RULES_FIELD_REASON, "Choose a reason");
	rq = base();
	rq.reason = &reasons[0];
	rq.type = CASE_REFUND_ONLY;
	refused(rq, RULES_FIELD_TYPE, "does not allow");
	rq = base();
	rq.goods_received = false;
	refused(rq, RULES_FIELD_TYPE, "cannot be sent back");
	rq = base();
	rq.shipped_at = rq.delivered_at = 0;
	refused(rq, RULES_FIELD_RECEIVED, "has not shipped");
	rq = base();
	rq.evidence_count = 0;
	refused(rq, RULES_FIELD_EVIDENCE, "at least one photo");
	rq = base();
	rq.evidence_count = 7;
	refused(rq, RULES_FIELD_EVIDENCE, "Too many");
	rq = base();
	rq.amount_cents = 0;
	refused(rq, RULES_FIELD_AMOUNT, "above zero");
}

static void
test_windows(void **state)
{
	struct rules_request rq;
	enum rules_field field;
	const char *why;
	int64_t cap;

	(void)state;
	/* quality: its own 15 days from delivery. */
	rq = base();
	rq.now = rq.delivered_at + 15 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now++;
	refused(rq, RULES_FIELD_REASON, "counts from delivery");
	/* no_reason_7d: the policy's 7 days. */
	rq = base();
	rq.reason = &reasons[0];
	rq.evidence_count = 0;
	rq.now = rq.delivered_at + 7 * DAY + 1;
	refused(rq, RULES_FIELD_REASON, "has passed");
	/* A reason counted from delivery, undelivered: from payment. */
	rq = base();
	rq.reason = &reasons[0];
	rq.evidence_count = 0;
	rq.delivered_at = 0;
	rq.now = rq.paid_at + 7 * DAY + 1;
	refused(rq, RULES_FIELD_REASON, "counts from payment");
	/* not received: no end while the parcel is undelivered... */
	rq = base();
	rq.reason = &reasons[2];
	rq.type = CASE_REFUND_ONLY;
	rq.goods_received = false;
	rq.delivered_at = 0;
	rq.evidence_count = 0;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now = rq.paid_at + 400 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	/* ... and the policy's 7 days once the carrier marks it delivered. */
	rq.delivered_at = rq.paid_at + 300 * DAY;
	rq.now = rq.delivered_at + 7 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now++;
	refused(rq, RULES_FIELD_REASON, "counts from delivery");
	/* not received with an expected date: from that date, delivered or not... */
	rq = base();
	rq.reason = &reasons[2];
	rq.type = CASE_REFUND_ONLY;
	rq.goods_received = false;
	rq.delivered_at = 0;
	rq.evidence_count = 0;
	rq.expected_at = rq.paid_at + 20 * DAY;
	rq.now = rq.expected_at + 7 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now++;
	refused(rq, RULES_FIELD_REASON, "from the expected delivery date");
	/* ... from the later delivery when the parcel came after that date... */
	rq.delivered_at = rq.expected_at + 5 * DAY;
	rq.now = rq.delivered_at + 7 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now++;
	refused(rq, RULES_FIELD_REASON, "counts from delivery");
	/* ... and from the promised date when it came early. */
	rq.delivered_at = rq.expected_at - 5 * DAY;
	rq.now = rq.expected_at + 7 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.now++;
	refused(rq, RULES_FIELD_REASON, "from the expected delivery date");
	/* unshipped: no end while the order stays unshipped. */
	rq = base();
	rq.reason = &reasons[3];
	rq.type = CASE_REFUND_ONLY;
	rq.goods_received = false;
	rq.shipped_at = rq.delivered_at = 0;
	rq.evidence_count = 0;
	rq.now = rq.paid_at + 90 * DAY;
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.shipped_at = rq.now - 1;
	refused(rq, RULES_FIELD_REASON, "only for orders that have not shipped");
}

static void
test_goods_conditions(void **state)
{
	struct rules_request rq;
	enum rules_field field;
	const char *why;
	int64_t cap;

	(void)state;
	rq = base();
	rq.reason = &reasons[2];
	rq.type = CASE_REFUND_ONLY;
	refused(rq, RULES_FIELD_REASON, "not received");
	rq.goods_received = false;
	rq.shipped_at = rq.delivered_at = 0;
	refused(rq, RULES_FIELD_REASON, "has not shipped yet");
	rq.reason = &reasons[3];
	assert_true(rules_check(&rq, &cap, &field, &why));
	rq.shipped_at = NOW - DAY;
	refused(rq, RULES_FIELD_REASON, "only for orders that have not shipped");
	rq = base();
	rq.reason = &reasons[0];
	rq.goods_received = false;
	rq.type = CASE_RETURN_REFUND;
	refused(rq, RULES_FIELD_TYPE, "cannot be sent back");
}

static void
test_fast_track(void **state)
{
	struct rules_request rq = base();

	(void)state;
	rq.reason = &reasons[2];
	rq.type = CASE_REFUND_ONLY;
	rq.goods_received = false;
	rq.amount_cents = 10000;
	/* "Not received" on an order the carrier marked delivered: the seller. */
	assert_false(rules_fast_track(&rq, 0));
	rq.delivered_at = 0;
	assert_true(rules_fast_track(&rq, 0));
	assert_true(rules_fast_track(&rq, 2));
	assert_false(rules_fast_track(&rq, 3));
	rq.amount_cents = 10001;
	assert_false(rules_fast_track(&rq, 0));
	rq.amount_cents = 100;
	rq.goods_received = true;
	assert_false(rules_fast_track(&rq, 0));
	rq.goods_received = false;
	rq.reason = &reasons[1];
	assert_false(rules_fast_track(&rq, 0));
	rq.reason = &reasons[2];
	pol.fast_track_enabled = false;
	assert_false(rules_fast_track(&rq, 0));
	pol.fast_track_enabled = true;
}

static void
test_deadlines(void **state)
{
	(void)state;
	assert_int_equal(rules_deadline_secs(&pol, DEADLINE_SELLER_RESPONSE),
	    48 * 3600);
	assert_int_equal(rules_deadline_secs(&pol, DEADLINE_BUYER_SHIP),
	    7 * DAY);
	assert_int_equal(rules_deadline_secs(&pol, DEADLINE_NONE), 0);
	assert_string_equal(rules_deadline_name(DEADLINE_SELLER_RESHIP),
	    "seller_reship_days");
	assert_null(rules_deadline_name(DEADLINE_NONE));
}

/* One line's status under pol for an order delivered (or not) then. */
static enum line_can
status_of(time_t paid, time_t shipped, time_t delivered, time_t *until)
{
	struct rules_order o = { paid, shipped, delivered, 0 };
	struct line_status st;

	rules_line_status(&pol, &o, &line, NOW, &st);
	if (until != NULL)
		*until = st.until;
	assert_int_equal(st.worth_cents, money_refundable(line.paid_cents,
	    line.refunded_cents, line.pending_cents));
	return st.can;
}

static void
test_line_status(void **state)
{
	time_t until;

	(void)state;
	base();
	/* Delivered 2 days ago: quality (15 days) is the longest window. */
	assert_int_equal(status_of(NOW - 5 * DAY, NOW - 4 * DAY, NOW - 2 * DAY,
	    &until), LINE_CAN_REQUEST);
	assert_int_equal(until, NOW - 2 * DAY + 15 * DAY);
	/* Delivered 20 days ago: every window has passed. */
	assert_int_equal(status_of(NOW - 25 * DAY, NOW - 24 * DAY,
	    NOW - 20 * DAY, NULL), LINE_TOO_LATE);
	/* Not shipped, paid 3 days ago: the unshipped reason admits it. */
	assert_int_equal(status_of(NOW - 3 * DAY, 0, 0, NULL),
	    LINE_CAN_REQUEST);
	/* Unshipped or undelivered 60 days after payment: still, no end. */
	assert_int_equal(status_of(NOW - 60 * DAY, 0, 0, &until),
	    LINE_CAN_REQUEST);
	assert_true(until == RULES_NO_END);
	assert_int_equal(status_of(NOW - 60 * DAY, NOW - 59 * DAY, 0, &until),
	    LINE_CAN_REQUEST);
	assert_true(until == RULES_NO_END);
	/* Undelivered with an expected date: open until 7 days after it. */
	{
		struct rules_order o = { NOW - 60 * DAY, NOW - 59 * DAY, 0,
		    NOW - 3 * DAY };
		struct line_status st;

		rules_line_status(&pol, &o, &line, NOW, &st);
		assert_int_equal(st.can, LINE_CAN_REQUEST);
		assert_true(st.until == NOW - 3 * DAY + 7 * DAY);
		o.expected_at = NOW - 8 * DAY;
		rules_line_status(&pol, &o, &line, NOW, &st);
		assert_int_equal(st.can, LINE_TOO_LATE);
	}
	/* The line's own checks come first, in rules_check()'s order. */
	line.in_open_case = true;
	assert_int_equal(status_of(NOW - 5 * DAY, NOW - 4 * DAY, NOW - 2 * DAY,
	    NULL), LINE_OPEN_CASE);
	line.in_open_case = false;
	line.cases_ever = 3;
	assert_int_equal(status_of(NOW - 5 * DAY, NOW - 4 * DAY, NOW - 2 * DAY,
	    NULL), LINE_NO_ATTEMPTS);
	line.cases_ever = 0;
	line.refunded_cents = 6000;
	line.pending_cents = 4000;
	assert_int_equal(status_of(NOW - 5 * DAY, NOW - 4 * DAY, NOW - 2 * DAY,
	    NULL), LINE_REFUNDED);
}

/*
 * The status never offers what rules_check() refuses, nor hides what it
 * accepts: over a grid of orders and times, a line is open exactly when
 * some request for all its units passes.
 */
static void
test_line_status_agrees(void **state)
{
	static const int64_t ago[] = { 0, 1, 3, 6, 8, 14, 16, 40 };
	struct rules_request rq;
	enum rules_field field;
	const char *why;
	int64_t cap;
	size_t a, b, c, r, t, g;
	bool any;

	(void)state;
	for (a = 0; a < 8; a++)
		for (b = 0; b <= a; b++)
			for (c = 0; c <= b; c++) {
				time_t paid = NOW - ago[a] * DAY;
				time_t shipped = b == 0 ? 0 : NOW - ago[b] * DAY;
				time_t deliv = c == 0 || b == 0 ? 0 :
				    NOW - ago[c] * DAY;

				any = false;
				for (r = 0; r < pol.reasonsz; r++)
					for (t = 0; t < CASE__MAX; t++)
						for (g = 0; g < 2; g++) {
							rq = base();
							rq.reason = &reasons[r];
							rq.type = (enum case_type)t;
							rq.goods_received = g;
							rq.paid_at = paid;
							rq.shipped_at = shipped;
							rq.delivered_at = deliv;
							rq.whole = true;
							any = any || rules_check(&rq,
							    &cap, &field, &why);
						}
				base();
				assert_int_equal(status_of(paid, shipped, deliv,
				    NULL) == LINE_CAN_REQUEST, any);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refundable),
		cmocka_unit_test(test_allocate),
		cmocka_unit_test(test_eligible),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_goods_conditions),
		cmocka_unit_test(test_fast_track),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_line_status),
		cmocka_unit_test(test_line_status_agrees),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
