/* test_postage_db.c: the return postage of issue 8 against a real MariaDB (started by tests/db/postage.test): capped by the frozen policy, only where the seller pays return shipping, refunded with the goods as its own part of the ledger row and of the timeline, the goods still capped by what was paid; and an exchange's variant stored on the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dbtest.h"
#include "base/util.h"
#include "engine/cases.h"
#include "store/sql.h"

/* Sends the goods of case id back by buyer login with postage; the engine's answer. */
static enum rc
ship_back(int64_t id, const char *login, int64_t postage, const char **why)
{
	struct case_action a;

	memset(&a, 0, sizeof(a));
	a.ev = EV_SHIP_RETURN;
	a.who = ACTOR_BUYER;
	a.actor_id = user_id(login);
	a.carrier = "SF Express";
	a.waybill = "SF5550001";
	a.postage_cents = postage;
	return case_act(db, &cfg, id, &a, t0 + 120, why);
}

/* The number of rows of the ledger's reconciliation (0: whole). */
static size_t
breaches(void)
{
	struct db_res r;
	size_t n;

	assert_int_equal(db_query(db, SQL_RECONCILE, &r, ""), RC_OK);
	n = r.rowsz;
	db_res_release(&r);
	return n;
}

static void
test_postage_refunded_apart(void **state)
{
	int64_t prices[] = { 10000 }, lines[1], order, id, paid;
	const char *why = NULL;

	(void)state;
	order = fixture("buyer15", true, true, prices, 1, lines);
	paid = sqlint("SELECT paid_cents FROM order_lines WHERE id = %lld",
	    (long long)lines[0]);
	/* The whole line: the goods' cap is reached, the postage comes on top. */
	id = open_case("buyer15", order, lines, 1, CASE_RETURN_REFUND,
	    "quality", true, paid);
	assert_int_equal(act(id, EV_APPROVE_RETURN, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	/* Above the policy's cap (20.00): refused, nothing recorded. */
	assert_int_equal(sqlint("SELECT return_postage_max_cents FROM policies "
	    "WHERE status = 'published'"), 2000);
	assert_int_equal(ship_back(id, "buyer15", 2001, &why), RC_INVALID);
	assert_non_null(strstr(why, "more than the return policy refunds"));
	assert_state(id, "awaiting_return");
	assert_int_equal(sqlint("SELECT return_postage_cents FROM cases WHERE "
	    "id = %lld", (long long)id), 0);
	/* At the cap: taken with the waybill, shown on its timeline row. */
	assert_int_equal(ship_back(id, "buyer15", 2000, &why), RC_OK);
	assert_state(id, "return_shipped");
	assert_int_equal(sqlint("SELECT amount_cents FROM timeline WHERE "
	    "case_id = %lld AND event = 'ship_return'", (long long)id), 2000);
	assert_int_equal(act(id, EV_CONFIRM_RECEIPT, ACTOR_SELLER, "seller1",
	    0, NULL, t0 + 180), RC_OK);
	assert_state(id, "refunded");
	/* One ledger row: goods plus postage, the postage apart. */
	assert_int_equal(sqlint("SELECT amount_cents FROM refunds WHERE "
	    "case_id = %lld AND status = 'succeeded'", (long long)id),
	    paid + 2000);
	assert_int_equal(sqlint("SELECT postage_cents FROM refunds WHERE "
	    "case_id = %lld", (long long)id), 2000);
	/* The case and the line count the goods only: never above what was paid. */
	assert_int_equal(sqlint("SELECT refunded_cents FROM cases WHERE id = "
	    "%lld", (long long)id), paid);
	assert_int_equal(sqlint("SELECT refunded_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[0]), paid);
	/* The timeline: the goods' refund, then the postage's, apart. */
	assert_int_equal(sqlint("SELECT amount_cents FROM timeline WHERE "
	    "case_id = %lld AND event = 'refund_succeeded' AND rule IS NULL",
	    (long long)id), paid);
	assert_int_equal(sqlint("SELECT amount_cents FROM timeline WHERE "
	    "case_id = %lld AND event = 'refund_succeeded' AND rule = "
	    "'return_postage'", (long long)id), 2000);
	assert_int_equal(breaches(), 0);
	/* Reconciliation tells the postage from the goods. */
	free(sql("UPDATE refunds SET postage_cents = 1000 WHERE case_id = %lld",
	    (long long)id));
	assert_int_equal(breaches(), 2);	/* goods part and postage both off */
	free(sql("UPDATE refunds SET postage_cents = 2000 WHERE case_id = %lld",
	    (long long)id));
	assert_int_equal(breaches(), 0);
}

static void
test_postage_only_where_seller_pays(void **state)
{
	int64_t prices[] = { 8000 }, lines[1], order, id;
	const char *why = NULL;

	(void)state;
	order = fixture("buyer16", true, true, prices, 1, lines);
	id = open_case("buyer16", order, lines, 1, CASE_RETURN_REFUND,
	    "no_reason_7d", true, sqlint("SELECT paid_cents FROM order_lines "
	    "WHERE id = %lld", (long long)lines[0]));
	assert_int_equal(act(id, EV_APPROVE_RETURN, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	assert_int_equal(ship_back(id, "buyer16", 500, &why), RC_INVALID);
	assert_non_null(strstr(why, "where the seller pays return shipping"));
	assert_int_equal(ship_back(id, "buyer16", 0, &why), RC_OK);
	assert_int_equal(act(id, EV_CONFIRM_RECEIPT, ACTOR_SELLER, "seller1",
	    0, NULL, t0 + 180), RC_OK);
	assert_int_equal(sqlint("SELECT postage_cents FROM refunds WHERE "
	    "case_id = %lld", (long long)id), 0);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND rule = 'return_postage'", (long long)id), 0);
	assert_int_equal(breaches(), 0);
}

static void
test_postage_not_on_other_events(void **state)
{
	struct case_action a;
	const char *why = NULL;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.ev = EV_MESSAGE;
	a.who = ACTOR_BUYER;
	a.note = "hello";
	a.postage_cents = 100;
	assert_false(case_action_carries(&a, 0, &why));
	a.postage_cents = 0;
	assert_true(case_action_carries(&a, 0, &why));
}

static void
test_exchange_variant(void **state)
{
	int64_t prices[] = { 5900 }, lines[1], order, id;
	struct case_line_req req;
	struct case_request rq;
	enum rules_field field;
	const char *why = NULL;
	char *v;

	(void)state;
	order = fixture("buyer17", true, true, prices, 1, lines);
	memset(&rq, 0, sizeof(rq));
	req.order_line_id = lines[0];
	req.quantity = 2;
	rq.buyer_id = user_id("buyer17");
	rq.order_id = order;
	rq.type = CASE_EXCHANGE;
	rq.reason_code = "quality";
	rq.goods_received = true;
	rq.photos = &dbtest_photo;
	rq.photosz = 1;
	rq.lines = &req;
	rq.linesz = 1;
	rq.variant = "黑色 XL";
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why),
	    RC_OK);
	v = sql("SELECT exchange_variant FROM cases WHERE id = %lld",
	    (long long)id);
	assert_string_equal(v, "黑色 XL");
	free(v);
	/* An exchange pays no money back: no postage to claim on it. */
	assert_int_equal(act(id, EV_APPROVE_RETURN, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	assert_int_equal(ship_back(id, "buyer17", 500, &why), RC_INVALID);
	assert_int_equal(ship_back(id, "buyer17", 0, &why), RC_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_postage_refunded_apart),
		cmocka_unit_test(test_postage_only_where_seller_pays),
		cmocka_unit_test(test_postage_not_on_other_events),
		cmocka_unit_test(test_exchange_variant),
	};

	return cmocka_run_group_tests_name("postage", tests, dbtest_setup,
	    dbtest_teardown);
}
