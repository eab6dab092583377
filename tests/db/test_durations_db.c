/* test_durations_db.c: the seller statistics at any size (issue 12, sql/020): the kept duration histograms per shop and day and the default period's products per shop equal between the worker and deskctl recount, the buckets of SQL and C agree, a long period's median lies within its bucket's width of the exact one, a short period's stays exact, and the kept products equal those merged from the days; the header's unread counts kept per user equal a count of the markers. */
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
#include "engine/aggregates.h"
#include "engine/counts.h"
#include "engine/talk.h"
#include "store/sql.h"
#include "store/stats_store.h"
#include "store/talk_store.h"

/* The cases of the generated shop: more than the exact read's 1,000. */
#define DUR_CASES	4001

static int64_t dur_shop;
static time_t dur_base;	/* the newest case's opening, a whole minute */

/*
 * Makes shop "Durations" with DUR_CASES cases opened two minutes apart
 * back from dur_base (about 720 a day), answered after a spread of
 * durations (from seconds to days; every fifth never answered) and every
 * third closed after another spread, then counts them as deskctl recount
 * does.
 */
static int
dur_setup(void **state)
{
	char *out;

	if (dbtest_setup(state) != 0)
		return -1;
	dur_base = t0 - t0 % 60;
	out = sql(
	    "INSERT INTO shops (name, currency, created_at) VALUES "
	    "('Durations', 'CNY', UTC_TIMESTAMP());\n"
	    "SET @shop = LAST_INSERT_ID();\n"
	    "INSERT INTO orders (order_no, shop_id, buyer_id, currency, "
	    "total_paid_cents, paid_at, created_at) SELECT 'DUR-1', @shop, id, "
	    "'CNY', 100000, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users "
	    "WHERE login = 'buyer1';\n"
	    "SET @ord = LAST_INSERT_ID();\n"
	    "INSERT INTO order_lines (order_id, line_no, sku, title, quantity, "
	    "unit_price_cents, paid_cents) VALUES (@ord, 1, 'DUR-SKU', 'Dur "
	    "shirt', 1, 100000, 100000);\n"
	    "SET @pol = (SELECT id FROM policies WHERE status = 'published');\n"
	    "SET @reason = (SELECT code FROM policy_reasons WHERE policy_id = "
	    "@pol AND allow_refund_only = 1 ORDER BY code LIMIT 1);\n"
	    "SET @base = FROM_UNIXTIME(%lld);\n"
	    "INSERT INTO cases (rma_no, order_id, shop_id, buyer_id, policy_id, "
	    "type, state, reason_code, goods_received, requested_cents, "
	    "currency, deadline_at, created_at, updated_at, closed_at, "
	    "close_reason, first_answer_at) "
	    "WITH d (k) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 "
	    "UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL "
	    "SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9), "
	    "n (i) AS (SELECT a.k + 10 * b.k + 100 * c.k + 1000 * e.k "
	    "FROM d a, d b, d c, d e WHERE a.k + 10 * b.k + 100 * c.k + "
	    "1000 * e.k < %d) "
	    "SELECT CONCAT('RMADUR', i), @ord, @shop, o.buyer_id, @pol, "
	    "'refund_only', IF(i %% 3 = 0, 'closed', 'requested'), @reason, 1, "
	    "100, 'CNY', IF(i %% 3 = 0, NULL, @base + INTERVAL 1 DAY), "
	    "@base - INTERVAL 2 * i MINUTE, @base, "
	    "IF(i %% 3 = 0, @base - INTERVAL 2 * i MINUTE + INTERVAL "
	    "(i * 7919) %% 500000 SECOND, NULL), "
	    "IF(i %% 3 = 0, 'cancelled', NULL), "
	    "IF(i %% 5 = 4, NULL, @base - INTERVAL 2 * i MINUTE + INTERVAL "
	    "POW(i %% 97, 3) + i %% 13 SECOND) "
	    "FROM n JOIN orders o ON o.id = @ord;\n"
	    "SELECT @shop;\n", (long long)dur_base, DUR_CASES);
	dur_shop = strtoll(out, NULL, 10);
	free(out);
	assert_true(dur_shop > 0);
	assert_int_equal(counts_rebuild(db), RC_OK);
	return 0;
}

/*
 * The rows of shop_day_durations, then of the kept products of the
 * default period and their windows, in key order (free it).
 */
static char *
durations_rows(void)
{
	return sql("SELECT CONCAT((SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(' ', "
	    "shop_id, kind, day, n, hist) ORDER BY shop_id, kind, day "
	    "SEPARATOR ';'), '') FROM shop_day_durations), '|', "
	    "(SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(' ', shop_id, pos, sku, "
	    "title, sold, cased, refunded_cents) ORDER BY shop_id, pos "
	    "SEPARATOR ';'), '') FROM shop_window_skus), '|', "
	    "(SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(' ', shop_id, win_from, "
	    "win_to, dirty) ORDER BY shop_id SEPARATOR ';'), '') "
	    "FROM shop_windows))");
}

/* The exact median (MariaDB's MEDIAN(), rounded down) of col - created_at over the shop's cases in [from, to). */
static int64_t
exact_median(const char *col, time_t from, time_t to)
{
	return sqlint("SELECT COALESCE(FLOOR(MAX(m)), -1) FROM (SELECT "
	    "MEDIAN(TIMESTAMPDIFF(SECOND, created_at, %s)) OVER () AS m "
	    "FROM cases WHERE shop_id = %lld AND %s IS NOT NULL AND "
	    "created_at >= FROM_UNIXTIME(%lld) AND created_at < "
	    "FROM_UNIXTIME(%lld)) x", col, (long long)dur_shop, col,
	    (long long)from, (long long)to);
}

/* Fails unless got lies within the width of exact's bucket of exact. */
static void
assert_within_bucket(int64_t got, int64_t exact)
{
	int64_t lo, hi, diff = got > exact ? got - exact : exact - got;

	stats_bucket_range(stats_bucket_of(exact), &lo, &hi);
	assert_true(exact >= lo && exact < hi);
	if (diff > hi - lo)
		fail_msg("median %lld is %lld s from the exact %lld, more than "
		    "its bucket's width %lld", (long long)got, (long long)diff,
		    (long long)exact, (long long)(hi - lo));
}

/* C's buckets: every duration in its bucket, buckets adjacent, narrow. */
static void
test_buckets_c(void **state)
{
	int64_t s, lo, hi, prev_hi = 0;
	int b;

	(void)state;
	for (b = 0; b < 700; b++) {
		stats_bucket_range(b, &lo, &hi);
		assert_int_equal(lo, prev_hi);	/* no gap, no overlap */
		assert_true(hi > lo);
		assert_true(b < 32 || (hi - lo) * 16 <= lo);	/* <= 6.25% */
		assert_int_equal(stats_bucket_of(lo), b);
		assert_int_equal(stats_bucket_of(hi - 1), b);
		prev_hi = hi;
	}
	for (s = 0; s < 5000000; s += 997)
		assert_true(stats_bucket_of(s) <= stats_bucket_of(s + 1));
	assert_int_equal(stats_bucket_of(-5), 0);
}

/* The bucket expression of the worker's statements gives C's buckets. */
static void
test_buckets_sql(void **state)
{
	const char *text = sql_texts[SQL_SDD_DAY_ANSWER].text, *a, *z;
	static const int64_t some[] = { 0, 1, 15, 16, 31, 32, 33, 47, 48, 63,
	    64, 65, 100, 127, 128, 129, 1000, 1023, 1024, 1025, 3599, 3600,
	    3601, 14400, 86399, 86400, 86401, 604800, 2592000, 31536000,
	    123456789 };
	struct buf q = { 0 };
	char *expr, *part;
	size_t i;

	(void)state;
	a = strstr(text, "SELECT x.shop_id, x.day, ");
	assert_non_null(a);
	a += strlen("SELECT x.shop_id, x.day, ");
	z = strstr(a, " AS b,");
	assert_non_null(z);
	expr = xcalloc((size_t)(z - a) + 1, 1);
	memcpy(expr, a, (size_t)(z - a));
	buf_puts(&q, "SELECT COUNT(*) FROM (SELECT ");
	buf_puts(&q, expr);
	buf_puts(&q, " AS got, x.want FROM (SELECT 0 AS s, 0 AS want");
	for (i = 0; i < sizeof(some) / sizeof(some[0]); i++) {
		part = xasprintf(" UNION ALL SELECT %lld, %d",
		    (long long)some[i], stats_bucket_of(some[i]));
		buf_puts(&q, part);
		free(part);
	}
	for (i = 0; i < 300; i++) {	/* and a spread of others */
		int64_t s = (int64_t)i * i * i * 7 + (int64_t)i;

		part = xasprintf(" UNION ALL SELECT %lld, %d", (long long)s,
		    stats_bucket_of(s));
		buf_puts(&q, part);
		free(part);
	}
	buf_puts(&q, ") x) y WHERE y.got <> y.want");
	buf_add(&q, "", 1);
	assert_int_equal(sqlint("%s", q.data), 0);
	buf_release(&q);
	free(expr);
}

/*
 * A long period (more than 1,000 cases): the medians from the histograms,
 * marked approximate, each within its bucket's width of the exact one;
 * the cases answered counted exactly.
 */
static void
test_long_period(void **state)
{
	time_t from = dur_base - 30 * 86400, to = dur_base + 86400;
	struct stats s;
	int64_t exact;

	(void)state;
	assert_int_equal(stats_load(db, dur_shop, from, to, &s), RC_OK);
	assert_int_equal(s.cases, DUR_CASES);
	assert_true(s.medians_approx);
	assert_int_equal(s.answered, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = %lld AND first_answer_at IS NOT NULL",
	    (long long)dur_shop));
	exact = exact_median("first_answer_at", from, to);
	assert_true(exact > 32);
	assert_within_bucket(s.answer_secs, exact);
	exact = exact_median("closed_at", from, to);
	assert_true(exact > 32);
	assert_within_bucket(s.close_secs, exact);
	stats_release(&s);
}

/* A short period (at most 1,000 cases): the medians exact, as before. */
static void
test_short_period(void **state)
{
	time_t to = dur_base + 1, from = to - 86400;
	struct stats s;

	(void)state;
	assert_true(sqlint("SELECT COUNT(*) FROM cases WHERE shop_id = %lld "
	    "AND created_at >= FROM_UNIXTIME(%lld) AND created_at < "
	    "FROM_UNIXTIME(%lld)", (long long)dur_shop, (long long)from,
	    (long long)to) <= 1000);
	assert_int_equal(stats_load(db, dur_shop, from, to, &s), RC_OK);
	assert_false(s.medians_approx);
	assert_int_equal(s.answer_secs, exact_median("first_answer_at", from,
	    to));
	assert_int_equal(s.close_secs, exact_median("closed_at", from, to));
	stats_release(&s);
}


/*
 * Cases answered and closed through the engine at several moments: the
 * histograms the worker keeps day by day, and the products of the
 * default period it keeps per shop, equal those deskctl recount builds;
 * the histograms count every answered and closed case.
 */
static void
test_worker_equals_recount(void **state)
{
	static const int64_t prices[] = { 5000 };
	static const int secs[] = { 5, 40, 700, 3600, 5400, 90000, 200000 };
	int64_t lines[1], order, id;
	char *kept, *rebuilt;
	size_t i;

	(void)state;
	dbtest_fold();
	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		order = fixture("buyer3", true, true, prices, 1, lines);
		/* a return: never fast-tracked, so waiting for the seller */
		id = open_case("buyer3", order, lines, 1, CASE_RETURN_REFUND,
		    "quality", true, 5000);
		assert_state(id, "requested");
		assert_int_equal(act(id, EV_MESSAGE, ACTOR_SELLER, "seller1", 0,
		    "Looking into it", t0 + secs[i]), RC_OK);
		if (i % 2 == 0)
			assert_int_equal(act(id, EV_CANCEL, ACTOR_BUYER,
			    "buyer3", 0, NULL, t0 + 2 * secs[i] + 1), RC_OK);
	}
	dbtest_fold();
	assert_int_equal(sqlint("SELECT COUNT(*) FROM shop_windows WHERE "
	    "dirty = 1"), 0);
	kept = durations_rows();
	assert_int_equal(counts_rebuild(db), RC_OK);
	rebuilt = durations_rows();
	assert_string_equal(kept, rebuilt);
	assert_true(strstr(kept, " 5:1:5") != NULL ||
	    strstr(kept, ",5:1:5") != NULL);	/* the 5-second answer */
	assert_int_equal(sqlint("SELECT SUM(n) FROM shop_day_durations WHERE "
	    "kind = 1"), sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "first_answer_at IS NOT NULL"));
	assert_int_equal(sqlint("SELECT SUM(n) FROM shop_day_durations WHERE "
	    "kind = 2"), sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "closed_at IS NOT NULL"));
	free(kept);
	free(rebuilt);
}

/* Fails unless the products of a and b are the same, in the same order. */
static void
assert_same_skus(const struct stats *a, const struct stats *b)
{
	size_t i;

	assert_int_equal(a->skusz, b->skusz);
	for (i = 0; i < a->skusz; i++) {
		assert_string_equal(a->skus[i].sku, b->skus[i].sku);
		assert_string_equal(a->skus[i].title, b->skus[i].title);
		assert_int_equal(a->skus[i].sold, b->skus[i].sold);
		assert_int_equal(a->skus[i].cased, b->skus[i].cased);
		assert_int_equal(a->skus[i].refunded_cents,
		    b->skus[i].refunded_cents);
	}
}

/*
 * The default period's products as the worker keeps them per shop equal
 * those merged from the days (the window made stale: the page's other
 * path), for shop 1 (cases through the engine, several products) and the
 * generated shop (a product sold and never asked about); another period
 * reads the days.
 */
static void
test_window_equals_days(void **state)
{
	time_t to = t0 - t0 % 86400 + 86400, from = to - 30 * 86400;
	int64_t shops[2];
	struct stats kept, days;
	size_t i;

	(void)state;
	dbtest_fold();
	shops[0] = sqlint("SELECT shop_id FROM users WHERE login = 'seller1'");
	shops[1] = dur_shop;
	for (i = 0; i < 2; i++) {
		assert_int_equal(sqlint("SELECT COUNT(*) FROM shop_windows WHERE "
		    "shop_id = %lld AND win_from = DATE(FROM_UNIXTIME(%lld)) AND "
		    "win_to = DATE(FROM_UNIXTIME(%lld))", (long long)shops[i],
		    (long long)from, (long long)to), 1);
		assert_true(sqlint("SELECT COUNT(*) FROM shop_window_skus WHERE "
		    "shop_id = %lld", (long long)shops[i]) > 0);
		assert_int_equal(stats_load(db, shops[i], from, to, &kept),
		    RC_OK);
		assert_true(kept.skusz > 0);
		free(sql("UPDATE shop_windows SET win_to = '2000-01-01' "
		    "WHERE shop_id = %lld", (long long)shops[i]));
		assert_int_equal(stats_load(db, shops[i], from, to, &days),
		    RC_OK);
		assert_same_skus(&kept, &days);
		assert_int_equal(kept.lines_cased, days.lines_cased);
		assert_int_equal(kept.lines_sold, days.lines_sold);
		stats_release(&kept);
		stats_release(&days);
		/* the worker takes the stale window up again */
		dbtest_fold();
		assert_int_equal(sqlint("SELECT COUNT(*) FROM shop_windows "
		    "WHERE shop_id = %lld AND win_to = DATE(FROM_UNIXTIME("
		    "%lld))", (long long)shops[i], (long long)to), 1);
	}
	/* shop 1's products: several, the most asked about first */
	assert_int_equal(stats_load(db, shops[0], from, to, &kept), RC_OK);
	assert_true(kept.skusz >= 2);
	for (i = 1; i < kept.skusz; i++)
		assert_true(kept.skus[i - 1].cased >= kept.skus[i].cased);
	/* a period of one day less: from the days, the same merge */
	assert_int_equal(stats_load(db, shops[0], from + 86400, to, &days),
	    RC_OK);
	assert_true(days.skusz > 0);
	stats_release(&kept);
	stats_release(&days);
}

/*
 * The rows of the unread counts (kind 22) that differ from a count of the
 * markers (either way round, zeros left out); 0 when the kept counts are
 * right.
 */
static int64_t
unread_mismatches(void)
{
	static const char direct[] = "SELECT 22 AS kind, cu.user_id AS owner, "
	    "b.b AS bucket, SUM(IF(b.b = 0, c.queue_open, 1)) AS n "
	    "FROM case_unread cu JOIN cases c ON c.id = cu.case_id "
	    "JOIN (SELECT 0 AS b UNION ALL SELECT 1) b "
	    "GROUP BY cu.user_id, b.b HAVING n <> 0";
	static const char kept[] = "SELECT kind, owner_id, bucket, n FROM "
	    "kept_counts WHERE kind = 22 AND n <> 0";

	return sqlint("SELECT COUNT(*) FROM ((%s) EXCEPT (%s) UNION ALL "
	    "((%s) EXCEPT (%s))) x", direct, kept, kept, direct);
}

/* Marks case id read for login (a seller or the buyer) up to its last row. */
static void
mark_read(int64_t id, const char *login, enum actor who)
{
	struct talk_act t;

	memset(&t, 0, sizeof(t));
	t.case_id = id;
	t.who = who;
	t.user_id = user_id(login);
	t.shop_id = sqlint("SELECT COALESCE(shop_id, 0) FROM users WHERE "
	    "login = '%s'", login);
	t.now = t0;
	assert_int_equal(talk_mark_read(db, &t, sqlint("SELECT MAX(id) FROM "
	    "timeline WHERE case_id = %lld", (long long)id)), RC_OK);
}

/*
 * The header's count of cases with news, kept per user (grow-b, kept_counts
 * kind 22): equal to a count of the markers after messages both ways,
 * reads, closes (a cancel, a refund paid by the worker) and a rebuild;
 * the loader reads it (a seller: open cases only; a buyer: all).
 */
static void
test_unread_counts(void **state)
{
	static const int64_t prices[] = { 5000 };
	int64_t lines[1], order, ids[6], n, seller, buyer;
	int acted, settled;
	size_t i, step;

	(void)state;
	assert_int_equal(counts_rebuild(db), RC_OK);
	assert_int_equal(unread_mismatches(), 0);
	for (i = 0; i < 6; i++) {
		order = fixture("buyer3", true, true, prices, 1, lines);
		ids[i] = open_case("buyer3", order, lines, 1,
		    CASE_RETURN_REFUND, "quality", true, 5000);
	}
	assert_int_equal(unread_mismatches(), 0);
	for (step = 0; step < 36; step++) {
		int64_t id = ids[(step / 6 + step) % 6];
		char *st = state_of(id);
		bool open = strcmp(st, "closed") != 0 &&
		    strcmp(st, "refunded") != 0 && strcmp(st, "refunding") != 0;

		free(st);
		switch (step % 6) {
		case 0:
			if (open)
				act(id, EV_MESSAGE, ACTOR_BUYER, "buyer3", 0,
				    "Any news?", t0 + (time_t)step);
			break;
		case 1:
			act(id, EV_MESSAGE, ACTOR_SELLER, "seller1", 0,
			    "Looking", t0 + (time_t)step);
			break;
		case 2:
			mark_read(id, "seller1", ACTOR_SELLER);
			break;
		case 3:
			if (open)	/* closes now, or once paid */
				assert_int_equal(act(id, step % 4 == 3 ?
				    EV_CANCEL : EV_APPROVE_REFUND, step % 4 ==
				    3 ? ACTOR_BUYER : ACTOR_SELLER, step % 4 ==
				    3 ? "buyer3" : "seller1", 0, NULL,
				    t0 + (time_t)step), RC_OK);
			break;
		case 4:
			mark_read(id, "buyer3", ACTOR_BUYER);
			break;
		default:
			assert_int_equal(dbtest_sweep(db, t0 + (time_t)step,
			    &acted, &settled), 0);	/* refunds paid: closed */
			break;
		}
		if (unread_mismatches() != 0)
			fail_msg("the unread counts differ from the markers "
			    "after step %zu", step);
	}
	assert_true(sqlint("SELECT COUNT(*) FROM cases WHERE id IN (%lld, "
	    "%lld, %lld, %lld, %lld, %lld) AND queue_open = 0",
	    (long long)ids[0], (long long)ids[1], (long long)ids[2],
	    (long long)ids[3], (long long)ids[4], (long long)ids[5]) > 0);
	seller = user_id("seller1");
	buyer = user_id("buyer3");
	assert_int_equal(talk_unread_count(db, seller, true, &n), RC_OK);
	assert_int_equal(n, sqlint("SELECT COUNT(*) FROM case_unread cu JOIN "
	    "cases c ON c.id = cu.case_id WHERE cu.user_id = %lld AND "
	    "c.queue_open = 1", (long long)seller));
	assert_int_equal(talk_unread_count(db, buyer, false, &n), RC_OK);
	assert_true(n > 0);
	assert_int_equal(n, sqlint("SELECT COUNT(*) FROM case_unread WHERE "
	    "user_id = %lld", (long long)buyer));
	assert_int_equal(counts_rebuild(db), RC_OK);
	assert_int_equal(unread_mismatches(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets_c),
		cmocka_unit_test(test_buckets_sql),
		cmocka_unit_test(test_long_period),
		cmocka_unit_test(test_short_period),
		cmocka_unit_test(test_worker_equals_recount),
		cmocka_unit_test(test_window_equals_days),
		cmocka_unit_test(test_unread_counts),
	};

	return cmocka_run_group_tests(tests, dur_setup, dbtest_teardown);
}
