/* test_counts_db.c: the kept counts (engine/counts.c, sql/015) against a real MariaDB (tests/db/counts.test): equal to a recount from the cases after many random actions (opening, approving, refusing, offers, the worker's deadlines and refunds, assignment), after the migration's backfill and after deskctl recount's rebuild; and the loaders that read them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/token.h"
#include "base/util.h"
#include "engine/aggregates.h"
#include "engine/cases.h"
#include "engine/counts.h"
#include "engine/talk.h"
#include "store/admin_store.h"
#include "store/queue.h"
#include "store/stats_store.h"
#include "dbtest.h"

/* The counts as a recount from the cases and orders finds them (non-zero). */
#define RECOUNT \
	"SELECT 1 AS kind, shop_id AS owner_id, queue_tab AS bucket, " \
	"COUNT(*) AS n FROM cases GROUP BY shop_id, queue_tab " \
	"UNION ALL SELECT 2, assigned_to, 0, COUNT(*) FROM cases " \
	"WHERE assigned_to IS NOT NULL AND state NOT IN ('refunded', " \
	"'exchanged', 'closed') GROUP BY assigned_to " \
	"UNION ALL SELECT 3, buyer_id, shop_id, COUNT(*) FROM cases " \
	"GROUP BY buyer_id, shop_id " \
	"UNION ALL SELECT 4, buyer_id, shop_id, COUNT(*) FROM cases " \
	"WHERE state = 'refunded' GROUP BY buyer_id, shop_id " \
	"UNION ALL SELECT 5, buyer_id, shop_id, COUNT(*) FROM cases " \
	"WHERE state NOT IN ('refunded', 'exchanged', 'closed') " \
	"GROUP BY buyer_id, shop_id " \
	"UNION ALL SELECT 6, buyer_id, shop_id, SUM(refunded_cents) " \
	"FROM cases GROUP BY buyer_id, shop_id HAVING SUM(refunded_cents) <> 0 " \
	"UNION ALL SELECT 7, buyer_id, shop_id, COUNT(*) FROM orders " \
	"GROUP BY buyer_id, shop_id " \
	TOTALS("20", "shop_id") TOTALS("21", "buyer_id")
/* The all-time totals of each shop (20) or buyer (21) as a recount finds them. */
#define TOTALS(kind, owner) \
	"UNION ALL SELECT " kind ", " owner ", 1, COUNT(*) FROM cases " \
	"GROUP BY " owner " " \
	"UNION ALL SELECT " kind ", " owner ", 2, COUNT(*) FROM cases " \
	"WHERE state = 'refunded' GROUP BY " owner " " \
	"UNION ALL SELECT " kind ", " owner ", 3, COUNT(*) FROM cases " \
	"WHERE escalated_at IS NOT NULL GROUP BY " owner " " \
	"UNION ALL SELECT " kind ", " owner ", 4, SUM(refunded_cents) " \
	"FROM cases GROUP BY " owner " HAVING SUM(refunded_cents) <> 0 " \
	"UNION ALL SELECT " kind ", " owner ", 5, COUNT(*) FROM orders " \
	"GROUP BY " owner " "
/* (the unread counts, kind 22, are checked in tests/db/test_durations_db.c) */
#define KEPT \
	"SELECT kind, owner_id, bucket, n FROM kept_counts WHERE n <> 0 " \
	"AND kind <> 22"

/* The count rows that differ from a recount (either way); 0 when right. */
static int64_t
mismatches(void)
{
	return sqlint("SELECT COUNT(*) FROM ((" RECOUNT ") EXCEPT (" KEPT
	    ") UNION ALL ((" KEPT ") EXCEPT (" RECOUNT "))) x");
}

/* A second seller of shop 1, for assignments between two. */
static int64_t
second_seller(void)
{
	return sqlint("INSERT IGNORE INTO users (role, login, display_name, "
	    "password_hash, shop_id, timezone, locale, created_at) VALUES "
	    "('seller', 'seller1b', 'Second', '!', 1, 'UTC', 'en', "
	    "UTC_TIMESTAMP()); SELECT id FROM users WHERE login = 'seller1b'");
}

/* Assigns case to seller (0: nobody) as seller1, through the engine. */
static enum rc
assign(int64_t case_id, int64_t to, time_t now)
{
	char token[FORM_TOKEN_SIZE];
	struct talk_act t;
	const char *why;

	memset(&t, 0, sizeof(t));
	t.case_id = case_id;
	t.who = ACTOR_SELLER;
	t.user_id = user_id("seller1");
	t.shop_id = 1;
	t.assignee_id = to;
	t.now = now;
	assert_int_equal(form_token_make(cfg.form_secret, t.user_id, case_id,
	    "assign", now, token), 0);
	t.token = token;
	return talk_assign(db, &cfg, &t, &why);
}

/* Opens a case of buyer on a new order (the order counted as the import does). */
static int64_t
new_case(const char *buyer, int kind)
{
	static const enum case_type types[] = { CASE_REFUND_ONLY,
	    CASE_RETURN_REFUND, CASE_EXCHANGE };
	int64_t prices[] = { 10000, 3000 }, lines[2], order;

	order = fixture(buyer, true, true, prices, 2, lines);
	assert_int_equal(counts_order_added(db, user_id(buyer), 1), RC_OK);
	return open_case(buyer, order, lines, 1 + kind % 2, types[kind % 3],
	    "quality", true, kind % 2 ? 13000 : 10000);
}

/* Random actions of every kind; the counts equal a recount after each step. */
static void
test_random_actions(void **state)
{
	static const char *buyers[] = { "buyer1", "buyer2", "buyer3",
	    "buyer4", "buyer5" };
	static const enum case_event evs[] = { EV_APPROVE_REFUND,
	    EV_APPROVE_RETURN, EV_REJECT, EV_OFFER, EV_CANCEL, EV_ESCALATE,
	    EV_ACCEPT_OFFER, EV_SHIP_RETURN, EV_CONFIRM_RECEIPT };
	int64_t ids[80], other, pick, worked = 0, escalated;
	size_t idsz = 0, i;
	time_t now = t0;
	int acted, settled, step, r;

	(void)state;
	assert_int_equal(mismatches(), 0);	/* the seed: rebuilt by seed-demo */
	escalated = sqlint("SELECT COUNT(*) FROM cases WHERE escalated_at IS "
	    "NOT NULL");
	other = second_seller();
	srand(12);
	for (step = 0; step < 160; step++) {
		r = rand() % 10;
		now += 60;
		if (idsz == 0 || (r < 3 && idsz < 80)) {
			ids[idsz] = new_case(buyers[rand() % 5], rand());
			idsz++;
			worked++;
		} else if (r < 7) {
			enum case_event ev = evs[rand() % 9];
			enum actor who = ev == EV_CANCEL || ev == EV_ESCALATE ||
			    ev == EV_ACCEPT_OFFER || ev == EV_SHIP_RETURN ?
			    ACTOR_BUYER : ACTOR_SELLER;
			int64_t id = ids[rand() % idsz];
			char *buyer = sql("SELECT u.login FROM cases c JOIN users u "
			    "ON u.id = c.buyer_id WHERE c.id = %lld", (long long)id);

			if (act(id, ev, who, who == ACTOR_BUYER ? buyer :
			    "seller1", ev == EV_OFFER ? 5000 : 0,
			    ev == EV_REJECT || ev == EV_OFFER ? "Not this time" :
			    NULL, now) == RC_OK)
				worked++;
			free(buyer);
		} else if (r < 9) {
			pick = rand() % 3;
			if (assign(ids[rand() % idsz], pick == 0 ? 0 : pick == 1 ?
			    user_id("seller1") : other, now) == RC_OK)
				worked++;
		} else {
			/* The worker: deadlines passed, refunds paid. */
			now += 3 * 86400;
			assert_int_equal(dbtest_sweep(db, now, &acted, &settled),
			    0);
			worked += acted + settled;
		}
		if (step % 20 == 19)
			assert_int_equal(mismatches(), 0);
	}
	/* An escalation for certain (the totals' escalated bucket), in the
	 * new case's time (opened at t0). */
	ids[0] = new_case("buyer1", 0);
	assert_int_equal(act(ids[0], EV_REJECT, ACTOR_SELLER, "seller1", 0,
	    "Not this time", t0 + 60), RC_OK);
	assert_int_equal(act(ids[0], EV_ESCALATE, ACTOR_BUYER, "buyer1", 0,
	    "It is broken", t0 + 120), RC_OK);
	assert_int_equal(mismatches(), 0);
	assert_int_equal(dbtest_sweep(db, now + 30 * 86400, &acted, &settled),
	    0);
	assert_int_equal(mismatches(), 0);
	/* Enough happened to mean something: every tab, assignments, refunds. */
	assert_true(worked > 100);
	assert_true(sqlint("SELECT COUNT(DISTINCT queue_tab) FROM cases") >= 3);
	assert_true(sqlint("SELECT COUNT(*) FROM kept_counts WHERE kind = 6 "
	    "AND n > 0") > 0);
	/* The totals moved by escalations too (sql/019). */
	assert_true(sqlint("SELECT COUNT(*) FROM cases WHERE escalated_at IS "
	    "NOT NULL") > escalated);
	assert_true(sqlint("SELECT COUNT(*) FROM case_notes WHERE kind = "
	    "'assign'") > 5);
	for (i = 0; i < idsz; i++)
		(void)assign(ids[i], other, now);
	assert_int_equal(mismatches(), 0);
}

/*
 * The admin case page's history of both sides (store/admin_store.c) from
 * the kept totals, for the cases of shop 1 with most history: equal to
 * the counts over the cases and orders.
 */
static void
admin_history_checks(void)
{
	struct admin_side_history b, sh;
	struct admin_side_history *h[2] = { &b, &sh };
	static const char *const col[2] = { "buyer_id", "shop_id" };
	int64_t id, owner;
	int i;

	id = sqlint("SELECT MAX(id) FROM cases WHERE shop_id = 1 AND "
	    "escalated_at IS NOT NULL");
	assert_true(id > 0);
	assert_int_equal(admin_case_history(db, id, &b, &sh), RC_OK);
	for (i = 0; i < 2; i++) {
		owner = sqlint("SELECT %s FROM cases WHERE id = %lld", col[i],
		    (long long)id);
		assert_int_equal(h[i]->cases, sqlint("SELECT COUNT(*) FROM "
		    "cases WHERE %s = %lld", col[i], (long long)owner));
		assert_int_equal(h[i]->refunded, sqlint("SELECT COUNT(*) FROM "
		    "cases WHERE %s = %lld AND state = 'refunded'", col[i],
		    (long long)owner));
		assert_int_equal(h[i]->escalated, sqlint("SELECT COUNT(*) FROM "
		    "cases WHERE %s = %lld AND escalated_at IS NOT NULL",
		    col[i], (long long)owner));
		assert_int_equal(h[i]->refunded_cents, sqlint("SELECT "
		    "COALESCE(SUM(refunded_cents), 0) FROM cases WHERE %s = "
		    "%lld", col[i], (long long)owner));
		assert_int_equal(h[i]->orders, sqlint("SELECT COUNT(*) FROM "
		    "orders WHERE %s = %lld", col[i], (long long)owner));
		assert_true(h[i]->cases > 0 && h[i]->orders > 0 &&
		    h[i]->escalated > 0);
	}
	assert_true(sh.cases > b.cases);
	assert_int_equal(admin_case_history(db, 99999999, &b, &sh),
	    RC_NOTFOUND);
}

/* The loaders read the kept counts: the queue's tabs, mine, the buyer's history. */
static void
test_loaders(void **state)
{
	int64_t counts[QTAB__MAX], n, other;
	struct stats_buyer h;

	(void)state;
	assert_int_equal(queue_counts(db, 1, counts), RC_OK);
	assert_int_equal(counts[QTAB_MINE], sqlint("SELECT COUNT(*) FROM "
	    "cases WHERE shop_id = 1 AND queue_tab = 1"));
	assert_int_equal(counts[QTAB_FINISHED], sqlint("SELECT COUNT(*) FROM "
	    "cases WHERE shop_id = 1 AND queue_tab = 5"));
	assert_int_equal(counts[QTAB_OPEN], sqlint("SELECT COUNT(*) FROM "
	    "cases WHERE shop_id = 1 AND queue_open = 1"));
	other = user_id("seller1b");
	assert_int_equal(queue_assigned_count(db, other, &n), RC_OK);
	assert_int_equal(n, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "assigned_to = %lld AND queue_open = 1", (long long)other));
	assert_true(n > 0);
	assert_int_equal(stats_buyer_load(db, user_id("buyer1"), 1, &h), RC_OK);
	assert_int_equal(h.cases, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "buyer_id = %lld AND shop_id = 1", (long long)user_id("buyer1")));
	assert_int_equal(h.orders, sqlint("SELECT COUNT(*) FROM orders WHERE "
	    "buyer_id = %lld AND shop_id = 1", (long long)user_id("buyer1")));
	assert_int_equal(h.refunded_cents, sqlint("SELECT COALESCE("
	    "SUM(refunded_cents), 0) FROM cases WHERE buyer_id = %lld AND "
	    "shop_id = 1", (long long)user_id("buyer1")));
	admin_history_checks();
}

/*
 * The seller's statistics per shop and day (sql/015): folded by the
 * worker's passes after the random actions, they equal a rebuild from
 * scratch, and the loader's figures equal the cases counted directly.
 */
static void
test_shop_day_stats(void **state)
{
	struct stats s;
	time_t from = 86400, to = t0 + 4000 * 86400;
	size_t i;
	int64_t n;

	(void)state;
	dbtest_fold();
	assert_int_equal(sqlint("SELECT last_id FROM aggregate_marks WHERE "
	    "name = 'shop_timeline'"), sqlint("SELECT MAX(id) FROM timeline"));
	free(sql("DROP TABLE IF EXISTS sds_folded; CREATE TABLE sds_folded "
	    "AS SELECT * FROM shop_day_stats; SELECT 0"));
	assert_int_equal(counts_rebuild(db), RC_OK);
	assert_true(sqlint("SELECT COUNT(*) FROM shop_day_stats") > 10);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM ((SELECT * FROM "
	    "sds_folded) EXCEPT (SELECT * FROM shop_day_stats) UNION ALL "
	    "((SELECT * FROM shop_day_stats) EXCEPT (SELECT * FROM "
	    "sds_folded))) x"), 0);
	/* A case changed after the fold: not counted until the next pass. */
	assert_int_equal(stats_load(db, 1, from, to, &s), RC_OK);
	assert_int_equal(s.cases, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = 1"));
	assert_int_equal(s.refunded, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = 1 AND state = 'refunded'"));
	assert_int_equal(s.refunded_cents, sqlint("SELECT SUM(refunded_cents) "
	    "FROM cases WHERE shop_id = 1"));
	assert_int_equal(s.closed, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = 1 AND closed_at IS NOT NULL"));
	assert_int_equal(s.escalated, sqlint("SELECT COUNT(*) FROM cases WHERE "
	    "shop_id = 1 AND escalated_at IS NOT NULL"));
	assert_int_equal(s.lines_cased, sqlint("SELECT COUNT(*) FROM cases c "
	    "JOIN case_lines cl ON cl.case_id = c.id WHERE c.shop_id = 1"));
	assert_int_equal(s.lines_sold, sqlint("SELECT COUNT(*) FROM orders o "
	    "JOIN order_lines l ON l.order_id = o.id WHERE o.shop_id = 1"));
	assert_int_equal(s.deadline_approvals, sqlint("SELECT COUNT(*) FROM "
	    "cases c JOIN timeline t ON t.case_id = c.id WHERE c.shop_id = 1 "
	    "AND t.event = 'deadline' AND t.from_state = 'requested'"));
	for (n = 0, i = 0; i < s.reasonsz; i++)
		n += s.reasons[i].cases;
	assert_int_equal(n, s.cases);
	for (n = 0, i = 0; i < s.daysz; i++)
		n += s.days[i].orders;
	assert_int_equal(n, sqlint("SELECT COUNT(*) FROM orders WHERE "
	    "shop_id = 1"));
	stats_release(&s);
	free(sql("DROP TABLE sds_folded; SELECT 0"));
}

/* The text of migration name (sql_dir), from its first "from" on; the caller frees it. */
static char *
migration_part(const char *name, const char *from)
{
	char *path, *start;
	struct buf b = { 0 };
	FILE *f;
	char chunk[4096];
	size_t n;

	path = xasprintf("%s/%s", cfg.sql_dir, name);
	assert_non_null(f = fopen(path, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_add(&b, "", 1);
	assert_non_null(start = strstr(b.data, from));
	start = xstrdup(start);
	buf_release(&b);
	free(path);
	return start;
}

/* The migrations' backfills and the rebuild give the recount, from anything. */
static void
test_backfill_and_rebuild(void **state)
{
	char *ins, *totals, *end;

	(void)state;
	ins = migration_part("015_kept_counts.sql", "INSERT INTO kept_counts");
	if ((end = strstr(ins, "ALTER TABLE")) != NULL)
		*end = '\0';	/* the backfill only, not the index after it */
	/* sql/019: the shop's and buyer's totals (grow-a). */
	totals = migration_part("019_shop_totals.sql", "DELETE FROM");
	free(sql("DELETE FROM kept_counts; %s SELECT 0;", ins));
	assert_true(mismatches() > 0);	/* without the totals */
	free(sql("%s SELECT 0;", totals));
	assert_int_equal(mismatches(), 0);
	assert_true(sqlint("SELECT COUNT(*) FROM kept_counts") > 10);
	assert_true(sqlint("SELECT COUNT(*) FROM kept_counts WHERE kind = 20 "
	    "AND bucket = 5") > 0);
	/* Wrong and missing rows: the rebuild puts them right. */
	free(sql("UPDATE kept_counts SET n = n + 7 WHERE kind = 1; DELETE FROM "
	    "kept_counts WHERE kind = 3 LIMIT 2; INSERT INTO kept_counts VALUES "
	    "(2, 999999, 0, 3); UPDATE kept_counts SET n = n + 1 WHERE "
	    "kind = 21 AND bucket = 3 LIMIT 1; DELETE FROM kept_counts WHERE "
	    "kind = 22 AND bucket = 5 LIMIT 1; SELECT 0"));
	assert_true(mismatches() > 0);
	assert_int_equal(counts_rebuild(db), RC_OK);
	assert_int_equal(mismatches(), 0);
	free(ins);
	free(totals);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_actions),
		cmocka_unit_test(test_loaders),
		cmocka_unit_test(test_shop_day_stats),
		cmocka_unit_test(test_backfill_and_rebuild),
	};

	return cmocka_run_group_tests(tests, dbtest_setup, dbtest_teardown);
}
