/* test_seller_db.c: the seller's queue on a generated shop of 100k cases: every statement's plan (EXPLAIN) uses an index, with no full scan and no filesort, and the loader's pages and counts match the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dbtest.h"
#include "base/util.h"
#include "engine/counts.h"
#include "store/queue.h"
#include "store/stats_store.h"
#include "store/sql.h"
#include "store/talk_store.h"

#define BIG_CASES	100000

static int64_t big_shop;

/* Runs q through the mariadb client as root; returns the whole output (free it). */
static char *
sql_all(const char *q)
{
	char *cmd, *out = NULL;
	size_t len = 0, n;
	char chunk[4096];
	FILE *p;

	cmd = xasprintf("mariadb --no-defaults --socket='%s' -u root -N -B "
	    "%s <<'SQL'\n%s\nSQL\n", cfg.db_socket, cfg.db_name, q);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		out = xrealloc(out, len + n + 1);
		memcpy(out + len, chunk, n);
		len += n;
	}
	assert_int_equal(pclose(p), 0);
	out = xrealloc(out, len + 1);
	out[len] = '\0';
	free(cmd);
	return out;
}

/* Makes shop "Big Shop" with one order and BIG_CASES cases in four states. */
static int
big_setup(void **state)
{
	char *out;

	if (dbtest_setup(state) != 0)
		return -1;
	out = sql_all(
	    "INSERT INTO shops (name, currency, created_at) VALUES "
	    "('Big Shop', 'CNY', UTC_TIMESTAMP());\n"
	    "SET @shop = LAST_INSERT_ID();\n"
	    "INSERT INTO orders (order_no, shop_id, buyer_id, currency, "
	    "total_paid_cents, paid_at, created_at) SELECT 'BIG-1', @shop, id, "
	    "'CNY', 100000, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users "
	    "WHERE login = 'buyer1';\n"
	    "SET @ord = LAST_INSERT_ID();\n"
	    "INSERT INTO order_lines (order_id, line_no, sku, title, quantity, "
	    "unit_price_cents, paid_cents) VALUES (@ord, 1, 'BIG-SKU', 'Big "
	    "shirt', 1, 100000, 100000);\n"
	    "SELECT id, code INTO @pol, @reason FROM policy_reasons "
	    "WHERE policy_id = (SELECT id FROM policies WHERE status = "
	    "'published') AND allow_refund_only = 1 ORDER BY code LIMIT 1;\n"
	    "SET @pol = (SELECT id FROM policies WHERE status = 'published');\n"
	    "INSERT INTO cases (rma_no, order_id, shop_id, buyer_id, policy_id, "
	    "type, state, reason_code, goods_received, requested_cents, "
	    "offered_cents, currency, deadline_at, escalated_at, created_at, "
	    "updated_at, closed_at, close_reason) "
	    "WITH d (k) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 "
	    "UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL "
	    "SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9), "
	    "n (i) AS (SELECT a.k + 10 * b.k + 100 * c.k + 1000 * e.k + "
	    "10000 * f.k FROM d a, d b, d c, d e, d f) "
	    "SELECT CONCAT('RMABIG', i), @ord, @shop, o.buyer_id, @pol, "
	    "'refund_only', ELT(i % 4 + 1, 'requested', 'offered', 'closed', "
	    "'escalated'), @reason, 1, 100 + i % 5000, IF(i % 4 = 1, 50, NULL), "
	    "'CNY', IF(i % 4 = 2, NULL, UTC_TIMESTAMP() + INTERVAL i % 9973 "
	    "MINUTE), IF(i % 4 = 3, UTC_TIMESTAMP(), NULL), "
	    "UTC_TIMESTAMP() - INTERVAL i MINUTE, UTC_TIMESTAMP(), "
	    "IF(i % 4 = 2, UTC_TIMESTAMP(), NULL), "
	    "IF(i % 4 = 2, 'cancelled', NULL) FROM n JOIN orders o "
	    "ON o.id = @ord;\n"
	    "ANALYZE TABLE cases, orders, order_lines, users;\n"
	    "SELECT @shop;\n");
	free(out);
	/* The cases came in by SQL: count them as deskctl recount does. */
	assert_int_equal(counts_rebuild(db), RC_OK);
	big_shop = sqlint("SELECT id FROM shops WHERE name = 'Big Shop'");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM cases WHERE shop_id = "
	    "%lld", (long long)big_shop), BIG_CASES);
	return 0;
}

/* The text of st with its quotes doubled, for PREPARE ... FROM '...'. */
static char *
quoted(enum sql st)
{
	const char *s = sql_texts[st].text;
	char *out = xcalloc(2 * strlen(s) + 1, 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '\'')
			*o++ = '\'';
		*o++ = *s;
	}
	return out;
}

/*
 * EXPLAINs statement st with the values of using (a "USING ..." list)
 * and fails when a table is read in full (but a derived table of the
 * search's matches) or a filesort is used (but when sorting is allowed).
 */
static void
explain_ok(enum sql st, const char *using, int allow_sort)
{
	char *q, *text, *out, *line, *save = NULL, *f[12];
	size_t k;

	text = quoted(st);
	q = xasprintf("PREPARE s FROM 'EXPLAIN %s';\nEXECUTE s USING %s;\n",
	    text, using);
	out = sql_all(q);
	print_message("# EXPLAIN %s\n", sql_texts[st].name);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		/* id select_type table type possible_keys key key_len ref rows Extra */
		for (k = 0; k < 12; k++)
			f[k] = NULL;
		f[0] = line;
		for (k = 1; k < 10 && f[k - 1] != NULL; k++) {
			f[k] = strchr(f[k - 1], '\t');
			if (f[k] != NULL)
				*f[k]++ = '\0';
		}
		assert_non_null(f[9]);
		print_message("#   %s %s type=%s key=%s rows=%s %s\n", f[1], f[2],
		    f[3], f[5], f[8], f[9]);
		if (strncmp(f[2], "<derived", 8) != 0 &&
		    strncmp(f[2], "<union", 6) != 0)
			assert_string_not_equal(f[3], "ALL");
		if (!allow_sort)
			assert_null(strstr(f[9], "filesort"));
	}
	free(out);
	free(q);
	free(text);
}

/* Every queue statement, without and with every filter, on page one and further. */
static void
test_explain(void **state)
{
	static const enum sql open_sql[] = { SQL_SELLER_QUEUE_OPEN_DEADLINE,
	    SQL_SELLER_QUEUE_OPEN_NEWEST };
	static const enum sql tab_sql[] = { SQL_SELLER_QUEUE_TAB_DEADLINE,
	    SQL_SELLER_QUEUE_TAB_NEWEST };
	static const char *const filters[] = {
		"NULL, NULL, NULL, NULL, NULL, NULL, 0, 9223372036854775807, "
		"'1970-01-01', '9999-12-31'",
		"'requested', 'requested', 'refund_only', 'refund_only', "
		"'r', 'r', 100, 3000, '2020-01-01', '2100-01-01'",
	};
	static const char *const cursor[] = { "19700101000000",
	    "99991231235959" };
	char *u;
	size_t i, k;

	(void)state;
	for (i = 0; i < 2; i++)
		for (k = 0; k < 2; k++) {
			/* Page one's cursor of each sort (store/queue.c). */
			u = xasprintf("%lld, %s, '%s', '%s', %s, 51",
			    (long long)big_shop, filters[k], cursor[i], cursor[i],
			    i == 0 ? "0" : "9223372036854775807");
			explain_ok(open_sql[i], u, 0);
			free(u);
			u = xasprintf("%lld, 1, %s, '20300101000000', "
			    "'20300101000000', 5000, 51", (long long)big_shop,
			    filters[k]);
			explain_ok(tab_sql[i], u, 0);
			free(u);
		}
	u = xasprintf("%lld", (long long)big_shop);
	explain_ok(SQL_SELLER_TAB_COUNTS, u, 0);
	free(u);
	/* Statistics: a range of the shop's index; grouping sorts the groups. */
	u = xasprintf("%lld, '2020-01-01', '2100-01-01'", (long long)big_shop);
	explain_ok(SQL_SELLER_STATS_REASONS, u, 1);
	free(u);
	/* The search sorts its matches only (a derived table), never the shop. */
	u = xasprintf("'RMABIG7', 'BIG-1', 'buyer1', 'nobody', 'BIG-SKU', %lld",
	    (long long)big_shop);
	explain_ok(SQL_SELLER_SEARCH, u, 1);
	free(u);
	/* kept-counts (issue 12): the counts are primary key lookups, and
	 * the search's statements each a bounded range with no sort at all. */
	u = xasprintf("1, %lld", (long long)big_shop);
	explain_ok(SQL_COUNTS_OF_OWNER, u, 0);
	free(u);
	u = xasprintf("%lld, %lld", (long long)user_id("buyer1"),
	    (long long)big_shop);
	explain_ok(SQL_COUNTS_BUYER_SHOP, u, 0);
	explain_ok(SQL_SELLER_FIND_BUYER, u, 0);
	free(u);
	u = xasprintf("'RMABIG7', %lld", (long long)big_shop);
	explain_ok(SQL_SELLER_FIND_RMA, u, 0);
	free(u);
	u = xasprintf("'BIG-1', %lld", (long long)big_shop);
	explain_ok(SQL_SELLER_FIND_ORDER, u, 0);
	free(u);
	u = xasprintf("'BIG-SKU', %lld", (long long)big_shop);
	explain_ok(SQL_SELLER_FIND_SKU, u, 0);
	free(u);
	explain_ok(SQL_SELLER_FIND_LOGIN, "'buyer1'", 0);
	explain_ok(SQL_SELLER_FIND_NAME, "'nobody'", 0);
}

/*
 * seller-stats: fails unless every read of cases in st's plan (with the
 * values of using) is served by the index alone ("Using index": no row
 * lookups).
 */
static void
explain_covered(enum sql st, const char *using)
{
	char *q, *text, *out, *line, *save = NULL;
	int seen = 0;

	text = quoted(st);
	q = xasprintf("PREPARE s FROM 'EXPLAIN %s';\nEXECUTE s USING %s;\n",
	    text, using);
	out = sql_all(q);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strstr(line, "\tc\t") != NULL) {
			seen++;
			assert_non_null(strstr(line, "ix_cases_shop_stats"));
			assert_non_null(strstr(line, "Using index"));
		}
	assert_true(seen > 0);
	free(out);
	free(q);
	free(text);
}

/* ss-fast: fails if st's plan (with the values of using) reads the timeline. */
static void
explain_no_timeline(enum sql st, const char *using)
{
	char *q, *text, *out;

	text = quoted(st);
	q = xasprintf("PREPARE s FROM 'EXPLAIN %s';\nEXECUTE s USING %s;\n",
	    text, using);
	out = sql_all(q);
	assert_null(strstr(out, "\tt\t"));
	assert_null(strstr(out, "timeline"));
	free(out);
	free(q);
	free(text);
}

/*
 * seller-stats: the statistics' statements (store/stats_store.c) on the
 * 100k-case shop: every table is reached by an index (the shop's range of
 * cases or orders, a case's timeline rows), and nothing sorts (the
 * medians sort the period's durations in C). The cases are read from
 * ix_cases_shop_stats (sql/008) alone: no row lookups.
 */
static void
test_explain_stats(void **state)
{
	char *u;

	(void)state;
	u = xasprintf("%lld, '2020-01-01', '2100-01-01'", (long long)big_shop);
	explain_ok(SQL_SS_TOTALS, u, 0);
	explain_ok(SQL_SS_DURATIONS, u, 0);	/* the medians sort in C */
	free(u);
	explain_ok(SQL_SS_CASE_FACTS, "1", 0);
	u = xasprintf("%lld, '2020-01-01', '2100-01-01'", (long long)big_shop);
	explain_covered(SQL_SS_TOTALS, u);
	explain_covered(SQL_SS_DURATIONS, u);
	/* ss-fast: the median time to answer reads the shop's range of
	 * ix_cases_shop_stats alone (cases.first_answer_at, sql/014), no
	 * timeline probe per case. */
	explain_no_timeline(SQL_SS_DURATIONS, u);
	/* and the figures by reason: the cases from that index alone */
	explain_covered(SQL_SELLER_STATS_REASONS, u);
	free(u);
}

/* seller-stats: the loader's figures on the 100k-case shop equal SQL's. */
static void
test_stats_figures(void **state)
{
	struct stats s;
	int64_t days = 0;
	size_t i;

	(void)state;
	assert_int_equal(stats_load(db, big_shop, 0, t0 + 86400, &s), RC_OK);
	assert_int_equal(s.cases, BIG_CASES);
	assert_int_equal(s.escalated, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = %lld AND escalated_at IS NOT NULL", (long long)big_shop));
	assert_int_equal(s.closed, BIG_CASES / 4);
	for (i = 0; i < s.daysz; i++) {
		days += s.days[i].cases;
		if (i > 0)
			assert_true(s.days[i - 1].day < s.days[i].day);
	}
	assert_int_equal(days, BIG_CASES);
	/*
	 * Case i (i % 4 = 2 closed) opened i minutes before the moment they
	 * all closed: the median of 2, 6, ..., 99998 minutes is 50000. With
	 * 100k cases in the period it comes from the kept histograms
	 * (grow-b, sql/020): within its bucket, 3,000,000 s in
	 * [2,883,584, 3,014,656).
	 */
	assert_true(s.medians_approx);
	assert_true(s.close_secs >= 2883584 && s.close_secs < 3014656);
	assert_int_equal(s.answer_secs, -1);	/* no one answered */
	assert_int_equal(s.rulingsz, 1);
	assert_string_equal(s.rulings[0].ruling, "");
	assert_int_equal(s.rulings[0].cases, BIG_CASES / 4);
	stats_release(&s);
}

/*
 * ss-fast: the engine keeps the shop's first timeline row on the case
 * (cases.first_answer_at, sql/014), with that row; the buyer's rows and
 * the shop's later ones leave it; the loader's median reads it.
 */
static void
test_first_answer(void **state)
{
	static const int64_t prices[] = { 5000 };
	int64_t lines[1], order, id, shop;
	struct stats s;
	char *want;

	(void)state;
	order = fixture("buyer3", true, true, prices, 1, lines);
	id = open_case("buyer3", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 5000);
	assert_int_equal(sqlint("SELECT first_answer_at IS NULL FROM cases "
	    "WHERE id = %lld", (long long)id), 1);
	assert_int_equal(act(id, EV_MESSAGE, ACTOR_BUYER, "buyer3", 0,
	    "Any news?", t0 + 60), RC_OK);
	assert_int_equal(sqlint("SELECT first_answer_at IS NULL FROM cases "
	    "WHERE id = %lld", (long long)id), 1);
	assert_int_equal(act(id, EV_MESSAGE, ACTOR_SELLER, "seller1", 0,
	    "Looking into it", t0 + 600), RC_OK);
	assert_int_equal(act(id, EV_MESSAGE, ACTOR_SELLER, "seller1", 0,
	    "Still looking", t0 + 900), RC_OK);
	assert_int_equal(sqlint("SELECT TIMESTAMPDIFF(SECOND, created_at, "
	    "first_answer_at) FROM cases WHERE id = %lld", (long long)id), 600);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM cases c WHERE NOT "
	    "(c.first_answer_at <=> (SELECT MIN(t.at) FROM timeline t WHERE "
	    "t.case_id = c.id AND t.actor_role = 'seller'))"), 0);
	shop = sqlint("SELECT shop_id FROM cases WHERE id = %lld",
	    (long long)id);
	assert_int_equal(stats_load(db, shop, t0 - 3600, t0 + 3600, &s),
	    RC_OK);
	/* The figures as they were computed before (a timeline probe per
	 * case): the same. */
	want = xasprintf("FROM (SELECT TIMESTAMPDIFF(SECOND, c.created_at, "
	    "MIN(t.at)) AS secs FROM cases c JOIN timeline t ON t.case_id = "
	    "c.id AND t.actor_role = 'seller' WHERE c.shop_id = %lld AND "
	    "c.created_at >= FROM_UNIXTIME(%lld) AND c.created_at < "
	    "FROM_UNIXTIME(%lld) GROUP BY c.id) a", (long long)shop,
	    (long long)(t0 - 3600), (long long)(t0 + 3600));
	assert_true(s.answered > 0);
	assert_int_equal(s.answered, sqlint("SELECT COUNT(*) %s", want));
	assert_int_equal(s.answer_secs, sqlint("SELECT MAX(m) FROM (SELECT "
	    "MEDIAN(secs) OVER () AS m %s) x", want));
	free(want);
	stats_release(&s);
}

/* ss-fast: the wall time of q with using, in milliseconds (printed only). */
static long
elapsed_ms(const char *text, const char *using)
{
	struct timespec a, b;
	char *q, *out;

	q = xasprintf("PREPARE s FROM '%s';\nEXECUTE s USING %s;\n", text,
	    using);
	clock_gettime(CLOCK_MONOTONIC, &a);
	out = sql_all(q);
	clock_gettime(CLOCK_MONOTONIC, &b);
	free(out);
	free(q);
	return (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
}

/*
 * ss-fast: prints the time of the median time to answer and of the
 * figures by reason on the 100k-case shop, as they were (a timeline probe
 * per case; every case row read) and as they are (no timing assertion);
 * the figures by reason equal the old statement's.
 */
static void
test_measure_answer(void **state)
{
	static const char old[] = "SELECT COALESCE(MAX(m.v), -1), COUNT(*) "
	    "FROM (SELECT MEDIAN(a.secs) OVER () AS v FROM (SELECT "
	    "TIMESTAMPDIFF(SECOND, c.created_at, (SELECT MIN(t.at) FROM "
	    "timeline t FORCE INDEX (ix_timeline_case) WHERE t.case_id = c.id "
	    "AND t.actor_role = ''seller'')) AS secs FROM cases c FORCE INDEX "
	    "(ix_cases_shop_stats) WHERE c.shop_id = ? AND c.created_at >= ? "
	    "AND c.created_at < ?) a WHERE a.secs IS NOT NULL) m";
	static const char old_reasons[] = "SELECT c.reason_code, "
	    "MAX(r.label_en), MAX(r.label_zh), COUNT(*), "
	    "SUM(c.state = ''refunded''), SUM(c.refunded_cents) "
	    "FROM cases c FORCE INDEX (ix_cases_shop_created) "
	    "JOIN policy_reasons r ON r.policy_id = c.policy_id "
	    "AND r.code = c.reason_code WHERE c.shop_id = ? "
	    "AND c.created_at >= ? AND c.created_at < ? "
	    "GROUP BY c.reason_code ORDER BY COUNT(*) DESC, c.reason_code";
	char *u, *text, *reasons, *a, *b;
	int i;

	(void)state;
	u = xasprintf("%lld, '2020-01-01', '2100-01-01'", (long long)big_shop);
	text = quoted(SQL_SS_DURATIONS);
	reasons = quoted(SQL_SELLER_STATS_REASONS);
	for (i = 0; i < 3; i++) {
		print_message("# median answer, 100k cases: before %ld ms, "
		    "after %ld ms\n", elapsed_ms(old, u), elapsed_ms(text, u));
		print_message("# by reason, 100k cases: before %ld ms, "
		    "after %ld ms\n", elapsed_ms(old_reasons, u),
		    elapsed_ms(reasons, u));
	}
	/* the figures by reason are those of the statement they replace */
	a = xasprintf("PREPARE s FROM '%s';\nEXECUTE s USING %s;\n",
	    old_reasons, u);
	b = xasprintf("PREPARE s FROM '%s';\nEXECUTE s USING %s;\n",
	    reasons, u);
	free(reasons);
	reasons = sql_all(a);
	free(a);
	a = sql_all(b);
	assert_string_equal(a, reasons);
	free(a);
	free(b);
	free(reasons);
	free(text);
	free(u);
}

/* The loader's pages follow one another in index order, and the counts add up. */
static void
test_pages_and_counts(void **state)
{
	struct queue_filter f;
	struct queue_row *rows;
	int64_t counts[QTAB__MAX], first;
	size_t rowsz;
	bool more;
	char *want;

	(void)state;
	assert_int_equal(queue_counts(db, big_shop, counts), RC_OK);
	assert_int_equal(counts[QTAB_MINE], BIG_CASES / 4);
	assert_int_equal(counts[QTAB_BUYER], BIG_CASES / 4);
	assert_int_equal(counts[QTAB_ESCALATED], BIG_CASES / 4);
	assert_int_equal(counts[QTAB_FINISHED], BIG_CASES / 4);
	assert_int_equal(counts[QTAB_OPEN], 3 * BIG_CASES / 4);

	memset(&f, 0, sizeof(f));
	f.tab = QTAB_MINE;
	f.sort = QSORT_DEADLINE;
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_int_equal(rowsz, QUEUE_PAGE);
	assert_true(more);
	f.after = rows[rowsz - 1].key;
	queue_rows_free(rows, rowsz);
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_int_equal(rowsz, QUEUE_PAGE);
	first = rows[0].id;
	queue_rows_free(rows, rowsz);
	/* The 51st case of the tab by (deadline, id). */
	want = sql("SELECT id FROM cases WHERE shop_id = %lld AND state = "
	    "'requested' ORDER BY deadline_at, id LIMIT 1 OFFSET 50",
	    (long long)big_shop);
	assert_int_equal(first, strtoll(want, NULL, 10));
	free(want);

	/* Filters: an amount range of the finished tab, newest first. */
	memset(&f, 0, sizeof(f));
	f.tab = QTAB_FINISHED;
	f.sort = QSORT_NEWEST;
	f.min_cents = 200;
	f.max_cents = 210;
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_true(rowsz > 0);
	assert_int_equal(rows[0].id, sqlint("SELECT id FROM cases WHERE "
	    "shop_id = %lld AND state = 'closed' AND requested_cents BETWEEN "
	    "200 AND 210 ORDER BY created_at DESC, id DESC LIMIT 1",
	    (long long)big_shop));
	queue_rows_free(rows, rowsz);

	/* Search: exact RMA of the shop; another shop's finds nothing. */
	memset(&f, 0, sizeof(f));
	f.search = "RMABIG77";
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_int_equal(rowsz, 1);
	assert_string_equal(rows[0].rma_no, "RMABIG77");
	queue_rows_free(rows, rowsz);
	assert_int_equal(queue_load(db, 1, &f, &rows, &rowsz, &more), RC_OK);
	assert_int_equal(rowsz, 0);
	queue_rows_free(rows, rowsz);
}

/*
 * The conversation's statements (sql.c block seller-talk) on the same
 * shop, a quarter of its cases assigned to one of its sellers, every
 * seventh unread for them and every 21st with an unread message: "Assigned to me", "has a new
 * message" in every tab, the header count and the row markers use an
 * index, with no full scan and no filesort; the loader's pages match the
 * database.
 */
static void
test_explain_talk(void **state)
{
	static const char *const filters[] = {
		"NULL, NULL, NULL, NULL, NULL, NULL, 0, 9223372036854775807, "
		"'1970-01-01', '9999-12-31'",
		"'requested', 'requested', 'refund_only', 'refund_only', "
		"'r', 'r', 100, 3000, '2020-01-01', '2100-01-01'",
	};
	static const char *const cursor[] = { "19700101000000",
	    "99991231235959" };
	static const enum sql mine[] = { SQL_TALK_QUEUE_MINE_DEADLINE,
	    SQL_TALK_QUEUE_MINE_NEWEST };
	static const enum sql mine_new[] = { SQL_TALK_QUEUE_MINE_NEW_DEADLINE,
	    SQL_TALK_QUEUE_MINE_NEW_NEWEST };
	static const enum sql tab_new[] = { SQL_TALK_QUEUE_TAB_NEW_DEADLINE,
	    SQL_TALK_QUEUE_TAB_NEW_NEWEST };
	static const enum sql open_new[] = { SQL_TALK_QUEUE_OPEN_NEW_DEADLINE,
	    SQL_TALK_QUEUE_OPEN_NEW_NEWEST };
	struct queue_filter f;
	struct queue_row *rows;
	int64_t user, ids[TALK_MARKS], n;
	int marks[TALK_MARKS];
	size_t i, k, rowsz;
	bool more;
	char *u, *out, *want;

	(void)state;
	out = sql_all(
	    "INSERT INTO users (role, login, display_name, password_hash, "
	    "shop_id, created_at) SELECT 'seller', 'bigstaff', 'Big Staff', "
	    "'x', id, UTC_TIMESTAMP() FROM shops WHERE name = 'Big Shop';\n"
	    "SET @u = LAST_INSERT_ID();\n"
	    "UPDATE cases SET assigned_to = @u WHERE shop_id = (SELECT id FROM "
	    "shops WHERE name = 'Big Shop') AND id % 4 = 0;\n"
	    "INSERT INTO case_unread (user_id, case_id, first_id, last_id, "
	    "message) SELECT @u, id, id, id, id % 3 = 0 FROM cases WHERE shop_id = "
	    "(SELECT id FROM shops WHERE name = 'Big Shop') AND id % 7 = 0;\n"
	    "ANALYZE TABLE cases, case_unread, users;\n");
	free(out);
	/* The markers came in by SQL: count them as deskctl recount does
	 * (the header's count is kept per user, grow-b). */
	assert_int_equal(counts_rebuild(db), RC_OK);
	user = sqlint("SELECT id FROM users WHERE login = 'bigstaff'");
	for (i = 0; i < 2; i++)
		for (k = 0; k < 2; k++) {
			u = xasprintf("%lld, %lld, %s, '%s', '%s', %s, 51",
			    (long long)user, (long long)big_shop, filters[k],
			    cursor[i], cursor[i], i == 0 ? "0" :
			    "9223372036854775807");
			explain_ok(mine[i], u, 0);
			explain_ok(open_new[i], u, 0);
			free(u);
			u = xasprintf("%lld, %lld, %lld, %s, '%s', '%s', %s, 51",
			    (long long)user, (long long)user,
			    (long long)big_shop, filters[k], cursor[i],
			    cursor[i], i == 0 ? "0" : "9223372036854775807");
			explain_ok(mine_new[i], u, 0);
			free(u);
			u = xasprintf("%lld, %lld, 1, %s, '%s', '%s', %s, 51",
			    (long long)user, (long long)big_shop, filters[k],
			    cursor[i], cursor[i], i == 0 ? "0" :
			    "9223372036854775807");
			explain_ok(tab_new[i], u, 0);
			free(u);
		}
	u = xasprintf("%lld, 0", (long long)user);
	explain_ok(SQL_GBU_COUNT, u, 0);	/* kept per user (grow-b) */
	free(u);
	u = xasprintf("%lld, %lld", (long long)user, (long long)big_shop);
	explain_ok(SQL_TALK_ASSIGNED_COUNT, u, 0);
	free(u);
	u = xasprintf("%lld", (long long)user);
	explain_ok(SQL_TALK_UNREAD_OF_USER, u, 0);
	free(u);
	u = xasprintf("%lld, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, "
	    "98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, "
	    "189, 196, 203, 210, 217, 224, 231, 238, 245, 252, 259, 266, 273, "
	    "280, 287, 294, 301, 308, 315, 322, 329, 336, 343, 350",
	    (long long)user);
	explain_ok(SQL_TALK_UNREAD_MARKS, u, 0);
	free(u);

	/* The loader: "Assigned to me", soonest deadline first. */
	memset(&f, 0, sizeof(f));
	f.tab = QTAB_ASSIGNED;
	f.sort = QSORT_DEADLINE;
	f.user_id = user;
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_int_equal(rowsz, QUEUE_PAGE);
	assert_true(more);
	want = sql("SELECT id FROM cases WHERE assigned_to = %lld AND "
	    "queue_open = 1 ORDER BY deadline_sort, id LIMIT 1",
	    (long long)user);
	assert_int_equal(rows[0].id, strtoll(want, NULL, 10));
	free(want);
	for (i = 0; i < rowsz; i++)
		ids[i] = rows[i].id;
	/* The row markers: unread for ids of 7k, with a message for 21k. */
	assert_int_equal(talk_unread_marks(db, user, ids, rowsz, marks), RC_OK);
	for (i = 0; i < rowsz; i++)
		assert_int_equal(marks[i], ids[i] % 7 != 0 ? 0 :
		    ids[i] % 3 == 0 ? 2 : 1);
	queue_rows_free(rows, rowsz);
	/* "Has a new message" in the waiting-for-me tab, newest first. */
	memset(&f, 0, sizeof(f));
	f.tab = QTAB_MINE;
	f.sort = QSORT_NEWEST;
	f.user_id = user;
	f.new_only = true;
	assert_int_equal(queue_load(db, big_shop, &f, &rows, &rowsz, &more),
	    RC_OK);
	assert_int_equal(rowsz, QUEUE_PAGE);
	for (i = 0; i < rowsz; i++)
		assert_true(rows[i].id % 21 == 0);
	want = sql("SELECT c.id FROM cases c JOIN case_unread cu ON "
	    "cu.case_id = c.id AND cu.user_id = %lld AND cu.message = 1 "
	    "WHERE c.shop_id = %lld AND c.state = 'requested' "
	    "ORDER BY c.created_at DESC, c.id DESC LIMIT 1", (long long)user,
	    (long long)big_shop);
	assert_int_equal(rows[0].id, strtoll(want, NULL, 10));
	free(want);
	queue_rows_free(rows, rowsz);
	/* The header count: the open cases with news. */
	assert_int_equal(talk_unread_count(db, user, true, &n), RC_OK);
	assert_int_equal(n, sqlint("SELECT COUNT(*) FROM case_unread cu JOIN "
	    "cases c ON c.id = cu.case_id WHERE cu.user_id = %lld AND "
	    "c.queue_open = 1", (long long)user));
	assert_true(n > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_pages_and_counts),
		cmocka_unit_test(test_explain_stats),
		cmocka_unit_test(test_stats_figures),
		cmocka_unit_test(test_first_answer),
		cmocka_unit_test(test_measure_answer),
		cmocka_unit_test(test_explain_talk),
	};

	return cmocka_run_group_tests_name("seller", tests, big_setup,
	    dbtest_teardown);
}
