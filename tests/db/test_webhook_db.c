/* test_webhook_db.c: the webhook refund executor with the case engine, against tests/db/payment_server.py (started by tests/db/webhook.test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "dbtest.h"
#include "base/util.h"

/* Asks the payment stand-in: GET path; returns the number it answers. */
static int64_t
pay(const char *fmt, ...)
{
	char *path, *cmd, out[64] = "";
	va_list ap;
	FILE *p;

	va_start(ap, fmt);
	if (vasprintf(&path, fmt, ap) < 0)
		abort();
	va_end(ap);
	cmd = xasprintf("curl -s '%s%s'", getenv("PAY_URL"), path);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (fgets(out, sizeof(out), p) == NULL)
		out[0] = '\0';
	pclose(p);
	free(cmd);
	free(path);
	return strtoll(out, NULL, 10);
}

/* Sets the stand-in's mode for the whole run (POST /mode?set=mode). */
static void
pay_mode(const char *mode)
{
	char *cmd = xasprintf("curl -s -o /dev/null -X POST '%s/mode?set=%s'",
	    getenv("PAY_URL"), mode);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Returns what the stand-in says it paid: GET /payments (put() it). */
static struct json_object *
payments(void)
{
	char *cmd = xasprintf("curl -s '%s/payments'", getenv("PAY_URL"));
	struct json_object *o;
	struct buf out = { 0 };
	char chunk[4096];
	size_t n;
	FILE *p;

	assert_non_null(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&out, chunk, n);
	pclose(p);
	buf_add(&out, "", 1);
	assert_non_null(o = json_tokener_parse(out.data));
	buf_release(&out);
	free(cmd);
	return o;
}

static char *
key_of(int64_t case_id)
{
	return sql("SELECT idempotency_key FROM refunds WHERE case_id = %lld",
	    (long long)case_id);
}

/* Opens a quality refund of price and has seller1 approve it at t0. */
static int64_t
approved(int64_t price)
{
	int64_t lines[1], order, id;

	order = fixture("buyer12", true, true, &price, 1, lines);
	id = open_case("buyer12", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, price);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0), RC_OK);
	/* The approval answers at once: the payment system is not called. */
	assert_state(id, "refunding");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld AND status = 'pending'", (long long)id), 1);
	return id;
}

/* The worker's pass at t: one execution of what is due. */
static void
worker_at(time_t t)
{
	int acted, settled;

	assert_int_equal(dbtest_sweep(db, t, &acted, &settled), 0);
}

static void
test_success(void **state)
{
	int64_t id = approved(10000);
	char *key = key_of(id), *ref;

	(void)state;
	assert_int_equal(pay("/calls?key=%s", key), 0);
	worker_at(t0);
	assert_state(id, "refunded");
	assert_int_equal(pay("/calls?key=%s", key), 1);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	ref = sql("SELECT external_ref FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_memory_equal(ref, "PAY-", 4);
	free(ref);
	free(key);
}

static void
test_500_then_success(void **state)
{
	int64_t id = approved(10001);
	char *key = key_of(id), *err;
	int acted, settled;

	(void)state;
	/* The payment system said 500: the refund waits, visibly failing. */
	worker_at(t0);
	assert_state(id, "refunding");
	err = sql("SELECT last_error FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_string_equal(err, "HTTP 500");
	free(err);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'refund_failed'", (long long)id), 1);
	/* Not retried before its time. */
	assert_int_equal(dbtest_sweep(db, t0 + 30, &acted, &settled), 0);
	assert_state(id, "refunding");
	assert_int_equal(pay("/calls?key=%s", key), 1);
	/* A minute later the same key goes again and settles. */
	assert_int_equal(dbtest_sweep(db, t0 + 61, &acted, &settled), 0);
	assert_true(settled >= 1);
	assert_state(id, "refunded");
	assert_int_equal(pay("/calls?key=%s", key), 2);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld", (long long)id), 1);
	free(key);
}

static void
test_timeout_after_paying(void **state)
{
	int64_t id = approved(10002);
	char *key = key_of(id), *err;
	int acted, settled;

	(void)state;
	/* The payment system paid but answered after our timeout. */
	worker_at(t0);
	assert_state(id, "refunding");
	err = sql("SELECT last_error FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_non_null(strstr(err, "timeout"));
	free(err);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	/* The retry carries the same key: the payment system pays nothing new. */
	assert_int_equal(dbtest_sweep(db, t0 + 61, &acted, &settled), 0);
	assert_state(id, "refunded");
	assert_int_equal(pay("/calls?key=%s", key), 2);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	free(key);
}

/*
 * The payment system answers 200 without paying ("{}", then a receipt for
 * another key): the refund is not booked; once it pays, it is, once.
 */
static void
test_2xx_without_receipt(void **state)
{
	int64_t id;
	char *key, *err;
	int acted, settled;

	(void)state;
	pay_mode("nopay");
	id = approved(10000);
	key = key_of(id);
	worker_at(t0);
	assert_state(id, "refunding");
	err = sql("SELECT last_error FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_string_equal(err, "200 without a valid receipt: no key");
	free(err);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 0);
	pay_mode("wrongkey");
	assert_int_equal(dbtest_sweep(db, t0 + 61, &acted, &settled), 0);
	assert_state(id, "refunding");
	err = sql("SELECT last_error FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_string_equal(err, "200 without a valid receipt: key differs");
	free(err);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 0);
	pay_mode("pay");
	assert_int_equal(dbtest_sweep(db, t0 + 200, &acted, &settled), 0);
	assert_state(id, "refunded");
	assert_int_equal(pay("/calls?key=%s", key), 3);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	free(key);
}

/*
 * The payment system pays and answers garbage: not booked, though paid;
 * the retry with the same key gets the receipt and pays nothing more.
 */
static void
test_garbage_after_paying(void **state)
{
	int64_t id;
	char *key, *err;
	int acted, settled;

	(void)state;
	pay_mode("garbage");
	id = approved(10000);
	key = key_of(id);
	worker_at(t0);
	pay_mode("pay");
	assert_state(id, "refunding");
	err = sql("SELECT last_error FROM refunds WHERE case_id = %lld",
	    (long long)id);
	assert_string_equal(err, "200 without a valid receipt: not JSON");
	free(err);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	assert_int_equal(dbtest_sweep(db, t0 + 61, &acted, &settled), 0);
	assert_state(id, "refunded");
	assert_int_equal(pay("/calls?key=%s", key), 2);
	assert_int_equal(pay("/payments?case=%lld", (long long)id), 1);
	free(key);
}

/*
 * Every webhook refund booked as succeeded was paid by the payment system,
 * once, for its amount, under the reference we keep; none was paid twice.
 */
static void
test_ledger_matches_payments(void **state)
{
	struct json_object *all, *p, *m;
	int64_t n, i;
	char *key, *ref;

	(void)state;
	all = payments();
	json_object_object_foreach(all, k, v) {
		(void)k;
		assert_true(json_object_object_get_ex(v, "count", &m));
		assert_int_equal(json_object_get_int64(m), 1);
	}
	n = sqlint("SELECT COUNT(*) FROM refunds WHERE executor = 'webhook' "
	    "AND status = 'succeeded'");
	assert_true(n >= 4);
	for (i = 0; i < n; i++) {
		key = sql("SELECT idempotency_key FROM refunds WHERE executor = "
		    "'webhook' AND status = 'succeeded' ORDER BY id LIMIT 1 "
		    "OFFSET %lld", (long long)i);
		ref = sql("SELECT external_ref FROM refunds WHERE "
		    "idempotency_key = '%s'", key);
		assert_true(json_object_object_get_ex(all, key, &p));
		assert_true(json_object_object_get_ex(p, "amount_cents", &m));
		assert_int_equal(json_object_get_int64(m), sqlint("SELECT "
		    "amount_cents FROM refunds WHERE idempotency_key = '%s'",
		    key));
		assert_true(json_object_object_get_ex(p, "reference", &m));
		assert_string_equal(json_object_get_string(m), ref);
		free(key);
		free(ref);
	}
	json_object_put(all);
}

static void
test_one_payment_per_case(void **state)
{
	int64_t n;

	(void)state;
	/* Every refunded case: one succeeded ledger row, paid once. */
	n = sqlint("SELECT COUNT(*) FROM cases c WHERE c.state = 'refunded' "
	    "AND (SELECT COUNT(*) FROM refunds r WHERE r.case_id = c.id AND "
	    "r.status = 'succeeded') <> 1");
	assert_int_equal(n, 0);
	n = sqlint("SELECT COUNT(*) FROM order_lines WHERE refunded_cents + "
	    "pending_cents > paid_cents");
	assert_int_equal(n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_500_then_success),
		cmocka_unit_test(test_timeout_after_paying),
		cmocka_unit_test(test_2xx_without_receipt),
		cmocka_unit_test(test_garbage_after_paying),
		cmocka_unit_test(test_ledger_matches_payments),
		cmocka_unit_test(test_one_payment_per_case),
	};

	return cmocka_run_group_tests_name("webhook", tests, dbtest_setup,
	    dbtest_teardown);
}
