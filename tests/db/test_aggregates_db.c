/* test_aggregates_db.c: the worker's analytics aggregates (engine/aggregates.c) against a real MariaDB (tests/db/aggregates.test): equal to the cases they count, after every kind of change, and each case's time to decide and to close. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/aggregates.h"
#include "engine/cases.h"
#include "dbtest.h"

/*
 * The rows of daily_case_stats that differ from the same figures counted
 * on cases directly (either way round); 0 when the aggregates are right.
 */
static int64_t
mismatches(void)
{
	static const char direct[] =
	    "SELECT DATE(c.created_at) AS day, c.shop_id, c.reason_code, "
	    "COALESCE((SELECT l.sku FROM case_lines cl JOIN order_lines l ON "
	    "l.id = cl.order_line_id WHERE cl.case_id = c.id ORDER BY "
	    "cl.order_line_id LIMIT 1), '') AS sku, c.currency, c.state, "
	    "COUNT(*) AS cases, SUM(c.fast_tracked) AS fast_tracked, "
	    "SUM(c.escalated_at IS NOT NULL) AS escalated, "
	    "SUM(c.refunded_cents) AS refunded_cents FROM cases c "
	    "GROUP BY 1, 2, 3, 4, 5, 6";
	static const char agg[] =
	    "SELECT day, shop_id, reason_code, sku, currency, state, cases, "
	    "fast_tracked, escalated, refunded_cents FROM daily_case_stats";

	return sqlint("SELECT COUNT(*) FROM ((%s) EXCEPT (%s) UNION ALL "
	    "((%s) EXCEPT (%s))) x", direct, agg, agg, direct);
}

/* Folds everything written so far, as the worker does. */
static void
fold(void)
{
	dbtest_fold();
	assert_int_equal(sqlint("SELECT last_id FROM aggregate_marks WHERE name = 'timeline'"),
	    sqlint("SELECT MAX(id) FROM timeline"));
}

/* The seeded cases, then new ones and their changes: always equal. */
static void
test_equal_after_changes(void **state)
{
	int64_t prices[] = { 10000, 3000 }, lines[2], order, a, b;

	(void)state;
	fold();
	assert_int_equal(mismatches(), 0);
	assert_true(sqlint("SELECT SUM(cases) FROM daily_case_stats") > 0);
	order = fixture("buyer11", true, true, prices, 2, lines);
	a = open_case("buyer11", order, lines, 2, CASE_REFUND_ONLY, "quality",
	    true, 13000);
	/* Not folded yet: the figures are those of the last pass. */
	assert_true(mismatches() > 0);
	fold();
	assert_int_equal(mismatches(), 0);
	/* The case counts under its first line's SKU. */
	assert_int_equal(sqlint("SELECT COUNT(*) FROM daily_case_stats WHERE "
	    "sku = (SELECT sku FROM order_lines WHERE id = %lld) AND "
	    "state = 'requested'", (long long)lines[0]), 1);
	assert_int_equal(act(a, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 90), RC_OK);
	fold();
	assert_int_equal(mismatches(), 0);
	assert_int_equal(sqlint("SELECT decide_secs FROM case_durations WHERE "
	    "case_id = %lld", (long long)a), 90);
	assert_int_equal(sqlint("SELECT close_secs FROM case_durations WHERE "
	    "case_id = %lld", (long long)a), 90);
	/* A case of an earlier day changes: its day is recomputed. */
	order = fixture("buyer12", true, true, prices, 1, lines);
	b = open_case("buyer12", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 10000);
	fold();
	free(sql("UPDATE cases SET created_at = created_at - INTERVAL 40 DAY "
	    "WHERE id = %lld", (long long)b));
	assert_int_equal(act(b, EV_REJECT, ACTOR_SELLER, "seller1", 0,
	    "No", t0 + 60), RC_OK);
	assert_int_equal(act(b, EV_ESCALATE, ACTOR_BUYER, "buyer12", 0,
	    "Yes", t0 + 120), RC_OK);
	fold();
	assert_int_equal(mismatches(), 0);
	assert_int_equal(sqlint("SELECT escalated FROM daily_case_stats WHERE "
	    "day = (SELECT DATE(created_at) FROM cases WHERE id = %lld) AND "
	    "state = 'escalated' AND shop_id = 1", (long long)b), 1);
	assert_int_equal(act(b, EV_RULE_REJECT, ACTOR_ADMIN, "admin", 0,
	    "The photos show no damage.", t0 + 180), RC_OK);
	fold();
	assert_int_equal(mismatches(), 0);
	/* Nothing new: a pass reads nothing and says there is no more. */
	{
		bool more = true;

		assert_int_equal(aggregates_pass(db, &more), RC_OK);
		assert_false(more);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_after_changes),
	};

	return cmocka_run_group_tests_name("aggregates", tests, dbtest_setup,
	    dbtest_teardown);
}
