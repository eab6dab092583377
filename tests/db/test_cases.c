/* test_cases.c: the case engine against a real MariaDB (started by tests/db/cases.test): opening, events, money, races, replays, deadlines, policy versions, fast track. */
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/cases.h"
#include "core/machine.h"
#include "store/sql.h"
#include "base/clock.h"
#include "base/token.h"
#include "dbtest.h"
#include "base/util.h"

static void
test_open_and_refund(void **state)
{
	int64_t prices[] = { 10000, 5000 }, lines[2], order, id;
	char *rma;

	(void)state;
	order = fixture("buyer11", true, true, prices, 2, lines);
	id = open_case("buyer11", order, lines, 2, CASE_REFUND_ONLY, "quality",
	    true, 12000);
	rma = sql("SELECT rma_no FROM cases WHERE id = %lld", (long long)id);
	assert_int_equal(strlen(rma), 16);
	assert_memory_equal(rma, "RMA", 3);
	free(rma);
	assert_state(id, "requested");
	/* The deadline comes from the policy: 48 hours for the seller. */
	assert_int_equal(sqlint("SELECT UNIX_TIMESTAMP(deadline_at) FROM cases "
	    "WHERE id = %lld", (long long)id), t0 + 48 * 3600);
	/* 12000 of 15000 reserved in proportion: 8000 and 4000. */
	assert_int_equal(sqlint("SELECT pending_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[0]), 8000);
	assert_int_equal(sqlint("SELECT pending_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[1]), 4000);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'submit' AND to_state = 'requested'",
	    (long long)id), 1);

	/* Another shop's seller cannot see it; the right one approves. */
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller2", 0,
	    NULL, t0), RC_NOTFOUND);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_BUYER, "buyer11", 0,
	    NULL, t0), RC_DENIED);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	/* The ledger executor settles at once. */
	assert_state(id, "refunded");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld AND status = 'succeeded' AND amount_cents = 12000",
	    (long long)id), 1);
	assert_int_equal(sqlint("SELECT refunded_cents + 100 * pending_cents "
	    "FROM order_lines WHERE id = %lld", (long long)lines[0]), 8000);
	assert_int_equal(sqlint("SELECT refunded_cents + 100 * pending_cents "
	    "FROM order_lines WHERE id = %lld", (long long)lines[1]), 4000);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld", (long long)id), 3);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM case_lines WHERE case_id "
	    "= %lld AND open_line_id IS NULL", (long long)id), 2);
}

static void
test_open_refusals(void **state)
{
	int64_t prices[] = { 10000 }, lines[1], order, id = 0;
	struct case_line_req req = { 0, 2 };
	struct case_request rq;
	enum rules_field field;
	const char *why;

	(void)state;
	order = fixture("buyer12", true, true, prices, 1, lines);
	req.order_line_id = lines[0];
	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = user_id("buyer12");
	rq.order_id = order;
	rq.type = CASE_RETURN_REFUND;
	rq.reason_code = "quality";
	rq.goods_received = true;
	rq.amount_cents = 10001;
	rq.photos = &dbtest_photo;
	rq.photosz = 1;
	rq.lines = &req;
	rq.linesz = 1;
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why),
	    RC_INVALID);
	assert_int_equal(field, RULES_FIELD_AMOUNT);
	rq.amount_cents = 10000;
	rq.photosz = 0;
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why),
	    RC_INVALID);
	assert_int_equal(field, RULES_FIELD_EVIDENCE);
	rq.photosz = 1;
	/* Another buyer's order: not found, as if it did not exist. */
	rq.buyer_id = user_id("buyer13");
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why),
	    RC_NOTFOUND);
	rq.buyer_id = user_id("buyer12");
	/* Past the 15-day window of "quality". */
	assert_int_equal(case_open(db, &cfg, &rq, t0 + 16 * 86400, &id, &field,
	    &why), RC_INVALID);
	assert_int_equal(field, RULES_FIELD_REASON);
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why), RC_OK);
	/* One open case per line. */
	assert_int_equal(case_open(db, &cfg, &rq, t0, &id, &field, &why),
	    RC_INVALID);
	assert_int_equal(field, RULES_FIELD_LINES);
	assert_int_equal(sqlint("SELECT pending_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[0]), 10000);
}

/* A thread that tries to approve one case many times. */
struct racer {
	struct db	*db;
	int64_t		 case_id;
	enum actor	 who;
	int64_t		 actor_id;
	int64_t		 shop_id;
	int		 tries;
	int		 ok;
	int		 refused;
	int		 other;
	pthread_barrier_t *start;
};

static void *
race(void *arg)
{
	struct racer *r = arg;
	struct case_action a;
	const char *why;
	int i;

	memset(&a, 0, sizeof(a));
	a.ev = EV_APPROVE_REFUND;
	a.who = r->who;
	a.actor_id = r->actor_id;
	a.actor_shop_id = r->shop_id;
	a.expect_state = "requested";
	pthread_barrier_wait(r->start);
	for (i = 0; i < r->tries; i++) {
		switch (case_act(r->db, &cfg, r->case_id, &a, t0, &why)) {
		case RC_OK:
			r->ok++;
			break;
		case RC_CONFLICT:
		case RC_DENIED:
			r->refused++;
			break;
		default:
			r->other++;
		}
	}
	return NULL;
}

static void
test_concurrent_approvals(void **state)
{
	int64_t prices[] = { 30000 }, lines[1], order, id;
	struct racer r[3];
	pthread_t th[3];
	pthread_barrier_t start;
	char *err = NULL;
	int i, ok = 0, refused = 0, other = 0;

	(void)state;
	order = fixture("buyer14", true, true, prices, 1, lines);
	id = open_case("buyer14", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 30000);
	pthread_barrier_init(&start, NULL, 3);
	for (i = 0; i < 3; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].db = db_open(&cfg, 0, &err);
		assert_non_null(r[i].db);
		r[i].case_id = id;
		r[i].who = i < 2 ? ACTOR_SELLER : ACTOR_ADMIN;
		r[i].actor_id = user_id(i < 2 ? "seller1" : "admin");
		r[i].shop_id = i < 2 ? 1 : 0;
		r[i].tries = i < 2 ? 67 : 66;
		r[i].start = &start;
	}
	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, race, &r[i]);
	for (i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		ok += r[i].ok;
		refused += r[i].refused;
		other += r[i].other;
		db_free(r[i].db);
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(ok, 1);
	assert_int_equal(refused, 199);
	assert_int_equal(other, 0);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld", (long long)id), 1);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'approve_refund'", (long long)id), 1);
	assert_state(id, "refunded");
	assert_int_equal(sqlint("SELECT refunded_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[0]), 30000);
}

static void
test_token_replays(void **state)
{
	int64_t prices[] = { 20000 }, lines[1], order, id, admin;
	char token[FORM_TOKEN_SIZE];
	struct case_action a;
	const char *why;
	int i;

	(void)state;
	order = fixture("buyer15", true, true, prices, 1, lines);
	id = open_case("buyer15", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 20000);
	assert_int_equal(act(id, EV_REJECT, ACTOR_SELLER, "seller1", 0,
	    "Looks fine in the photos", t0), RC_OK);
	assert_int_equal(act(id, EV_ESCALATE, ACTOR_BUYER, "buyer15", 0,
	    "It is broken", t0 + 60), RC_OK);
	admin = user_id("admin");
	assert_int_equal(form_token_make(cfg.form_secret, admin, id,
	    "rule_partial", t0, token), 0);
	memset(&a, 0, sizeof(a));
	a.ev = EV_RULE_PARTIAL;
	a.who = ACTOR_ADMIN;
	a.actor_id = admin;
	a.amount_cents = 7500;
	a.note = "Half, roughly";
	a.form_token = token;
	for (i = 0; i < 100; i++)
		assert_int_equal(case_act(db, &cfg, id, &a, t0 + 120, &why),
		    RC_OK);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld", (long long)id), 1);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'rule_partial'", (long long)id), 1);
	assert_int_equal(sqlint("SELECT refunded_cents FROM cases WHERE id = "
	    "%lld", (long long)id), 7500);
	/* The same token with another amount: refused, nothing moves. */
	a.amount_cents = 9000;
	assert_int_equal(case_act(db, &cfg, id, &a, t0 + 180, &why),
	    RC_INVALID);
	assert_non_null(strstr(why, "sent already"));
	/* Only the use is stored, once. */
	assert_int_equal(sqlint("SELECT COUNT(*) FROM form_token_uses WHERE "
	    "case_id = %lld AND purpose = 'rule_partial'", (long long)id), 1);
	/* A forged token, or one older than the longest session: refused. */
	a.amount_cents = 7500;
	token[strlen(token) - 1] = token[strlen(token) - 1] == 'A' ? 'B' : 'A';
	assert_int_equal(case_act(db, &cfg, id, &a, t0 + 180, &why),
	    RC_INVALID);
	assert_non_null(strstr(why, "not valid"));
	assert_int_equal(form_token_make(cfg.form_secret, admin, id,
	    "message", t0, token), 0);
	a.ev = EV_MESSAGE;
	assert_int_equal(case_act(db, &cfg, id, &a, t0 +
	    cfg.session_max_secs + 1, &why), RC_INVALID);
	assert_non_null(strstr(why, "expired"));
	/* Someone else's token, or one for another case: refused. */
	a.ev = EV_RULE_PARTIAL;
	assert_int_equal(form_token_make(cfg.form_secret, admin, id,
	    "rule_partial", t0, token), 0);
	a.actor_id = user_id("seller1");
	a.who = ACTOR_SELLER;
	assert_int_equal(case_act(db, &cfg, id, &a, t0 + 180, &why),
	    RC_INVALID);
	assert_int_equal(sqlint("SELECT refunded_cents + pending_cents FROM "
	    "order_lines WHERE id = %lld", (long long)lines[0]), 7500);
}

/* A thread that tries to open a case on one line for amount. */
struct opener {
	int64_t		 order;
	int64_t		 line;
	int64_t		 amount;
	int		 ok;
	pthread_barrier_t *start;
};

static void *
open_race(void *arg)
{
	struct opener *o = arg;
	struct case_line_req req = { o->line, 2 };
	struct case_request rq;
	enum rules_field field;
	const char *why;
	char *err = NULL;
	struct db *mine = db_open(&cfg, 0, &err);
	int64_t id;

	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = user_id("buyer16");
	rq.order_id = o->order;
	rq.type = CASE_REFUND_ONLY;
	rq.reason_code = "quality";
	rq.goods_received = true;
	rq.amount_cents = o->amount;
	rq.photos = &dbtest_photo;
	rq.photosz = 1;
	rq.lines = &req;
	rq.linesz = 1;
	pthread_barrier_wait(o->start);
	o->ok = mine != NULL &&
	    case_open(mine, &cfg, &rq, t0, &id, &field, &why) == RC_OK;
	if (o->ok)
		o->ok = act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
		    NULL, t0) == RC_OK;
	db_free(mine);
	return NULL;
}

/* Runs n concurrent openers asking amount each; returns how many got a refund. */
static int
open_many(int64_t order, int64_t line, int64_t amount, int n)
{
	struct opener o[20];
	pthread_t th[20];
	pthread_barrier_t start;
	int i, ok = 0;

	pthread_barrier_init(&start, NULL, n);
	for (i = 0; i < n; i++) {
		o[i].order = order;
		o[i].line = line;
		o[i].amount = amount;
		o[i].ok = 0;
		o[i].start = &start;
		pthread_create(&th[i], NULL, open_race, &o[i]);
	}
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		ok += o[i].ok;
	}
	pthread_barrier_destroy(&start);
	return ok;
}

static void
test_refund_cap(void **state)
{
	int64_t prices[] = { 10000 }, lines[1], order;

	(void)state;
	/* max_attempts is 3 in the demo policy: three rounds. */
	order = fixture("buyer16", true, true, prices, 1, lines);
	assert_int_equal(open_many(order, lines[0], 6000, 20), 1);
	assert_int_equal(open_many(order, lines[0], 6000, 20), 0);
	assert_int_equal(open_many(order, lines[0], 3000, 20), 1);
	assert_int_equal(open_many(order, lines[0], 1000, 20), 1);
	assert_int_equal(sqlint("SELECT refunded_cents FROM order_lines WHERE "
	    "id = %lld", (long long)lines[0]), 10000);
	assert_int_equal(sqlint("SELECT SUM(r.amount_cents) FROM refunds r "
	    "JOIN cases c ON c.id = r.case_id WHERE c.order_id = %lld AND "
	    "r.status = 'succeeded'", (long long)order), 10000);
	/* The database refuses an over-refund even without the engine. */
	{
		char *cmd = xasprintf("mariadb --no-defaults -u root "
		    "--socket='%s' %s -e 'UPDATE order_lines SET pending_cents "
		    "= 1 WHERE id = %lld' 2>/dev/null", cfg.db_socket,
		    cfg.db_name, (long long)lines[0]);

		assert_int_not_equal(system(cmd), 0);
		free(cmd);
	}
}

static void
test_deadlines(void **state)
{
	int64_t prices[] = { 8800 }, l[8][1], o[8], c[8];
	int acted, settled, i;
	time_t later = t0 + 49 * 3600;

	(void)state;
	for (i = 0; i < 8; i++)
		o[i] = fixture("buyer17", true, true, prices, 1, l[i]);
	/* 0: seller silent on a refund -> refunded. */
	c[0] = open_case("buyer17", o[0], l[0], 1, CASE_REFUND_ONLY, "quality",
	    true, 8800);
	/* 1: seller silent on a return -> awaiting_return with the address. */
	c[1] = open_case("buyer17", o[1], l[1], 1, CASE_RETURN_REFUND,
	    "quality", true, 8800);
	/* 2: buyer silent on an offer -> closed. */
	c[2] = open_case("buyer17", o[2], l[2], 1, CASE_REFUND_ONLY, "quality",
	    true, 8800);
	assert_int_equal(act(c[2], EV_OFFER, ACTOR_SELLER, "seller1", 4000,
	    "Keep it, half back", t0), RC_OK);
	/* 3: buyer silent after a refusal -> closed after escalation_days. */
	c[3] = open_case("buyer17", o[3], l[3], 1, CASE_REFUND_ONLY, "quality",
	    true, 8800);
	assert_int_equal(act(c[3], EV_REJECT, ACTOR_SELLER, "seller1", 0, "No",
	    t0), RC_OK);
	/* 4: seller does not confirm receipt -> refunded. */
	c[4] = open_case("buyer17", o[4], l[4], 1, CASE_RETURN_REFUND,
	    "quality", true, 8800);
	assert_int_equal(act(c[4], EV_APPROVE_RETURN, ACTOR_SELLER, "seller1",
	    0, NULL, t0), RC_OK);
	assert_int_equal(act(c[4], EV_SHIP_RETURN, ACTOR_BUYER, "buyer17", 0,
	    NULL, t0), RC_OK);
	/* 5: exchange, receipt auto-confirmed -> reshipping, then refund. */
	c[5] = open_case("buyer17", o[5], l[5], 1, CASE_EXCHANGE, "quality",
	    true, 0);
	assert_int_equal(act(c[5], EV_APPROVE_RETURN, ACTOR_SELLER, "seller1",
	    0, NULL, t0), RC_OK);
	assert_int_equal(act(c[5], EV_SHIP_RETURN, ACTOR_BUYER, "buyer17", 0,
	    NULL, t0), RC_OK);
	/* 6: replacement shipped, buyer silent -> exchanged. */
	c[6] = open_case("buyer17", o[6], l[6], 1, CASE_EXCHANGE, "quality",
	    true, 0);
	assert_int_equal(act(c[6], EV_APPROVE_RETURN, ACTOR_SELLER, "seller1",
	    0, NULL, t0), RC_OK);
	assert_int_equal(act(c[6], EV_SHIP_RETURN, ACTOR_BUYER, "buyer17", 0,
	    NULL, t0), RC_OK);
	assert_int_equal(act(c[6], EV_CONFIRM_RECEIPT, ACTOR_SELLER, "seller1",
	    0, NULL, t0), RC_OK);
	assert_int_equal(act(c[6], EV_SHIP_REPLACEMENT, ACTOR_SELLER,
	    "seller1", 0, NULL, t0), RC_OK);
	/* 7: escalated: no automatic action. */
	c[7] = open_case("buyer17", o[7], l[7], 1, CASE_REFUND_ONLY, "quality",
	    true, 8800);
	assert_int_equal(act(c[7], EV_REJECT, ACTOR_SELLER, "seller1", 0, "No",
	    t0), RC_OK);
	assert_int_equal(act(c[7], EV_ESCALATE, ACTOR_BUYER, "buyer17", 0,
	    "Please look", t0), RC_OK);

	/* Nothing is due an hour in. */
	assert_int_equal(dbtest_sweep(db, t0 + 3600, &acted, &settled),
	    0);
	assert_int_equal(acted, 0);
	/* Past 48 hours: the seller's silence approves 0 and 1 (and open
	 * requests of the tests before). */
	assert_int_equal(dbtest_sweep(db, later, &acted, &settled), 0);
	assert_true(acted >= 2);
	assert_state(c[2], "offered");
	assert_state(c[3], "rejected");
	assert_state(c[0], "refunded");
	assert_state(c[1], "awaiting_return");
	assert_int_equal(sqlint("SELECT return_address_snapshot IS NOT NULL "
	    "AND return_address_id IS NOT NULL FROM cases WHERE id = %lld",
	    (long long)c[1]), 1);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline' AND actor_role = 'system' AND rule = "
	    "'seller_response_hours'", (long long)c[0]), 1);
	/* The same sweep again does nothing more. */
	assert_int_equal(dbtest_sweep(db, later, &acted, &settled), 0);
	assert_int_equal(acted, 0);
	/* Past 72 hours the buyer's silence closes the offer, 2. */
	assert_int_equal(dbtest_sweep(db, t0 + 73 * 3600, &acted,
	    &settled), 0);
	assert_state(c[2], "closed");
	/* A refusal has one window, escalation_days (7), from rejected_at. */
	assert_state(c[3], "rejected");
	assert_int_equal(sqlint("SELECT UNIX_TIMESTAMP(deadline_at) - "
	    "UNIX_TIMESTAMP(rejected_at) FROM cases WHERE id = %lld",
	    (long long)c[3]), 7 * 86400);
	assert_int_equal(sqlint("SELECT status = 'expired' FROM offers WHERE "
	    "case_id = %lld", (long long)c[2]), 1);
	assert_int_equal(sqlint("SELECT pending_cents FROM order_lines WHERE "
	    "id = %lld", (long long)l[2][0]), 0);
	/* Past 10 days: receipts confirmed, replacement confirmed. */
	assert_int_equal(dbtest_sweep(db, t0 + 11 * 86400, &acted,
	    &settled), 0);
	assert_state(c[1], "closed");	/* buyer never shipped: 7 days */
	assert_state(c[3], "closed");
	assert_state(c[4], "refunded");
	assert_state(c[5], "reshipping");
	assert_state(c[6], "exchanged");
	assert_state(c[7], "escalated");
	assert_int_equal(sqlint("SELECT receipt_status = 'auto_confirmed' FROM "
	    "return_shipments WHERE case_id = %lld", (long long)c[4]), 1);
	/* The seller never ships the replacement: converted to a refund. */
	assert_int_equal(dbtest_sweep(db, t0 + 17 * 86400, &acted,
	    &settled), 0);
	assert_state(c[5], "refunded");
	assert_state(c[7], "escalated");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline'", (long long)c[5]), 2);
}

/*
 * With no worker running, an action sent after its state's deadline is
 * judged after the deadline's effect, which stays applied.
 */
static void
test_deadline_before_action(void **state)
{
	int64_t prices[] = { 6600 }, l[4][1], o[4], c[4];
	struct case_action a;
	const char *why;
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		o[i] = fixture("buyer16", true, true, prices, 1, l[i]);
	/* 0: the seller's late refusal meets an approval by the deadline. */
	c[0] = open_case("buyer16", o[0], l[0], 1, CASE_REFUND_ONLY, "quality",
	    true, 6600);
	memset(&a, 0, sizeof(a));
	a.ev = EV_REJECT;
	a.who = ACTOR_SELLER;
	a.actor_id = user_id("seller1");
	a.actor_shop_id = sqlint("SELECT shop_id FROM users WHERE login = "
	    "'seller1'");
	a.expect_state = "requested";
	a.note = "Too late, but no";
	assert_int_equal(case_act(db, &cfg, c[0], &a, t0 + 49 * 3600, &why),
	    RC_CONFLICT);
	assert_non_null(strstr(why, "deadline"));
	assert_state(c[0], "refunded");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'reject'", (long long)c[0]), 0);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline'", (long long)c[0]), 1);
	/* 1: an offer accepted after it expired: closed, nothing paid. */
	c[1] = open_case("buyer16", o[1], l[1], 1, CASE_REFUND_ONLY, "quality",
	    true, 6600);
	assert_int_equal(act(c[1], EV_OFFER, ACTOR_SELLER, "seller1", 3000,
	    "Half", t0), RC_OK);
	assert_int_equal(act(c[1], EV_ACCEPT_OFFER, ACTOR_BUYER, "buyer16", 0,
	    NULL, t0 + 73 * 3600), RC_DENIED);
	assert_state(c[1], "closed");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld", (long long)c[1]), 0);
	/* 2: an escalation after the refusal's window: closed. */
	c[2] = open_case("buyer16", o[2], l[2], 1, CASE_REFUND_ONLY, "quality",
	    true, 6600);
	assert_int_equal(act(c[2], EV_REJECT, ACTOR_SELLER, "seller1", 0, "No",
	    t0), RC_OK);
	assert_int_equal(act(c[2], EV_ESCALATE, ACTOR_BUYER, "buyer16", 0,
	    "Please", t0 + 8 * 86400), RC_DENIED);
	assert_state(c[2], "closed");
	/* 3: goods shipped back after the buyer's window: closed. */
	c[3] = open_case("buyer16", o[3], l[3], 1, CASE_RETURN_REFUND,
	    "quality", true, 6600);
	assert_int_equal(act(c[3], EV_APPROVE_RETURN, ACTOR_SELLER, "seller1",
	    0, NULL, t0), RC_OK);
	assert_int_equal(act(c[3], EV_SHIP_RETURN, ACTOR_BUYER, "buyer16", 0,
	    NULL, t0 + 8 * 86400), RC_DENIED);
	assert_state(c[3], "closed");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM return_shipments WHERE "
	    "case_id = %lld", (long long)c[3]), 0);
}

/* A thread that runs sweeps at one moment. */
static void *
sweeper(void *arg)
{
	time_t *at = arg;
	char *err = NULL;
	struct db *mine = db_open(&cfg, 0, &err);
	int acted, settled, i;

	for (i = 0; i < 5 && mine != NULL; i++)
		dbtest_sweep(mine, *at, &acted, &settled);
	db_free(mine);
	return NULL;
}

static void
test_concurrent_sweeps(void **state)
{
	int64_t prices[] = { 5500 }, l[5][1], o, c[5];
	time_t at = t0 + 49 * 3600;
	pthread_t th[4];
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		o = fixture("buyer18", true, true, prices, 1, l[i]);
		c[i] = open_case("buyer18", o, l[i], 1, CASE_REFUND_ONLY,
		    "quality", true, 5500);
	}
	for (i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, sweeper, &at);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 5; i++) {
		assert_state(c[i], "refunded");
		assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE "
		    "case_id = %lld AND event = 'deadline'", (long long)c[i]), 1);
		assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE "
		    "case_id = %lld", (long long)c[i]), 1);
	}
}

static void
test_policy_versions(void **state)
{
	int64_t prices[] = { 7000 }, l1[1], l2[1], o1, o2, c1, c2, v1, v2;

	(void)state;
	v1 = sqlint("SELECT id FROM policies WHERE status = 'published'");
	o1 = fixture("buyer19", true, true, prices, 1, l1);
	c1 = open_case("buyer19", o1, l1, 1, CASE_REFUND_ONLY, "quality", true,
	    7000);
	/*
	 * Publish v2: the seller has 1 hour, the buyer 2, a refusal 1 day;
	 * "quality" gone.
	 */
	v2 = sqlint("UPDATE policies SET status = 'retired', retired_at = "
	    "UTC_TIMESTAMP() WHERE id = %lld; "
	    "INSERT INTO policies (version, status, return_window_days, "
	    "seller_response_hours, buyer_response_hours, buyer_ship_days, "
	    "seller_receive_days, seller_reship_days, buyer_confirm_days, "
	    "platform_ruling_days, escalation_days, max_attempts, "
	    "evidence_max_files, evidence_max_bytes, evidence_types, "
	    "fast_track_enabled, fast_track_max_cents, "
	    "fast_track_max_recent_refunds, fast_track_recent_days, text_en, "
	    "text_zh, created_at, updated_at, published_at) SELECT version + 1, "
	    "'published', return_window_days, 1, 2, buyer_ship_days, "
	    "seller_receive_days, seller_reship_days, buyer_confirm_days, "
	    "platform_ruling_days, 1, max_attempts, "
	    "evidence_max_files, evidence_max_bytes, evidence_types, 0, "
	    "fast_track_max_cents, fast_track_max_recent_refunds, "
	    "fast_track_recent_days, text_en, text_zh, UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() FROM policies WHERE id = %lld; "
	    "SET @v2 = LAST_INSERT_ID(); "
	    "INSERT INTO policy_reasons (policy_id, code, label_en, label_zh, "
	    "explain_en, explain_zh, allow_refund_only, allow_return_refund, "
	    "allow_exchange, evidence_required, shipping_payer, window_days, "
	    "needs_received, needs_not_received, needs_unshipped, fast_track, "
	    "sort_order) SELECT @v2, code, label_en, label_zh, explain_en, "
	    "explain_zh, allow_refund_only, allow_return_refund, "
	    "allow_exchange, evidence_required, shipping_payer, window_days, "
	    "needs_received, needs_not_received, needs_unshipped, fast_track, "
	    "sort_order FROM policy_reasons WHERE policy_id = %lld AND code <> "
	    "'quality'; SELECT @v2;", (long long)v1, (long long)v1,
	    (long long)v1);
	assert_true(v2 > v1);
	o2 = fixture("buyer19", true, true, prices, 1, l2);
	c2 = open_case("buyer19", o2, l2, 1, CASE_REFUND_ONLY, "damaged", true,
	    7000);
	assert_int_equal(sqlint("SELECT policy_id FROM cases WHERE id = %lld",
	    (long long)c1), v1);
	assert_int_equal(sqlint("SELECT policy_id FROM cases WHERE id = %lld",
	    (long long)c2), v2);
	/* The old case keeps v1's 7 days after a refusal; the new gets 1. */
	assert_int_equal(act(c1, EV_REJECT, ACTOR_SELLER, "seller1", 0, "No",
	    t0 + 100), RC_OK);
	assert_int_equal(act(c2, EV_REJECT, ACTOR_SELLER, "seller1", 0, "No",
	    t0 + 100), RC_OK);
	assert_int_equal(sqlint("SELECT UNIX_TIMESTAMP(deadline_at) FROM cases "
	    "WHERE id = %lld", (long long)c1), t0 + 100 + 7 * 86400);
	assert_int_equal(sqlint("SELECT UNIX_TIMESTAMP(deadline_at) FROM cases "
	    "WHERE id = %lld", (long long)c2), t0 + 100 + 86400);
	/* And its reason, gone from v2, still governs it: resubmit works. */
	assert_int_equal(act(c1, EV_RESUBMIT, ACTOR_BUYER, "buyer19", 6000,
	    NULL, t0 + 200), RC_OK);
	assert_int_equal(sqlint("SELECT UNIX_TIMESTAMP(deadline_at) FROM cases "
	    "WHERE id = %lld", (long long)c1), t0 + 200 + 48 * 3600);
	/* Back to v1 for the other tests. */
	free(sql("UPDATE policies SET "
	    "status = 'retired' WHERE id = %lld; UPDATE policies SET status = "
	    "'published', retired_at = NULL WHERE id = %lld", (long long)v2,
	    (long long)v1));
}

static void
test_fast_track(void **state)
{
	int64_t prices[] = { 5900 }, big[] = { 20000 }, l[1], lb[1], o, ob, c;

	(void)state;
	/* Shipped, not delivered, under 100.00: approved at once. */
	o = fixture("buyer20", true, false, prices, 1, l);
	c = open_case("buyer20", o, l, 1, CASE_REFUND_ONLY, "not_received",
	    false, 5900);
	assert_state(c, "refunded");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'approve_refund' AND actor_role = 'system' AND "
	    "rule = 'fast_track'", (long long)c), 1);
	assert_int_equal(sqlint("SELECT fast_tracked FROM cases WHERE id = "
	    "%lld", (long long)c), 1);
	/* Over the threshold: waits for the seller. */
	ob = fixture("buyer20", true, false, big, 1, lb);
	c = open_case("buyer20", ob, lb, 1, CASE_REFUND_ONLY, "not_received",
	    false, 20000);
	assert_state(c, "requested");
}

static void
test_open_token_double_submit(void **state)
{
	int64_t prices[] = { 9000 }, l[1], o, first = 0, second = 0;
	struct case_line_req req = { 0, 2 };
	char token[FORM_TOKEN_SIZE];
	struct case_request rq;
	enum rules_field field;
	const char *why;

	(void)state;
	o = fixture("buyer10", true, true, prices, 1, l);
	req.order_line_id = l[0];
	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = user_id("buyer10");
	rq.order_id = o;
	rq.type = CASE_RETURN_REFUND;
	rq.reason_code = "no_reason_7d";
	rq.goods_received = true;
	rq.amount_cents = 9000;
	rq.lines = &req;
	rq.linesz = 1;
	assert_int_equal(form_token_make(cfg.form_secret, rq.buyer_id, 0,
	    "open", t0, token), 0);
	rq.form_token = token;
	assert_int_equal(case_open(db, &cfg, &rq, t0, &first, &field, &why),
	    RC_OK);
	assert_int_equal(case_open(db, &cfg, &rq, t0, &second, &field, &why),
	    RC_OK);
	assert_int_equal(first, second);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM cases WHERE order_id = "
	    "%lld", (long long)o), 1);
}

/* A thread that opens one fast-trackable request of a buyer. */
struct fast_racer {
	struct db	*db;
	int64_t		 buyer_id;
	int64_t		 order;
	int64_t		 line;
	int64_t		 case_id;	/* out */
	enum rc		 rc;	/* out */
	pthread_barrier_t *start;
};

static void *
fast_race(void *arg)
{
	struct fast_racer *f = arg;
	struct case_line_req req = { f->line, 2 };
	struct case_request rq;
	enum rules_field field;
	const char *why;

	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = f->buyer_id;
	rq.order_id = f->order;
	rq.type = CASE_REFUND_ONLY;
	rq.reason_code = "not_received";
	rq.goods_received = false;
	rq.amount_cents = 5000;
	rq.lines = &req;
	rq.linesz = 1;
	pthread_barrier_wait(f->start);
	f->rc = case_open(f->db, &cfg, &rq, t0, &f->case_id, &field, &why);
	return NULL;
}

/*
 * Six requests of one buyer at once, each fast-trackable on its own, with
 * a limit of three fast refunds: three are approved at once, three wait for
 * the seller. With the ledger executor (settled at once) and with the
 * webhook executor while the payment system is down (the refunds stay
 * pending, and count).
 */
static void
fast_six(const char *login, const char *executor)
{
	int64_t prices[] = { 5000 }, buyer;
	struct fast_racer f[6];
	pthread_t th[6];
	pthread_barrier_t start;
	char *err = NULL, *saved = cfg.refund_executor;
	int i, fast = 0, waiting = 0;

	free(sql("INSERT INTO users (role, login, display_name, password_hash, "
	    "created_at) VALUES ('buyer', '%s', '%s', '*', UTC_TIMESTAMP())",
	    login, login));
	buyer = user_id(login);
	cfg.refund_executor = (char *)executor;
	pthread_barrier_init(&start, NULL, 6);
	for (i = 0; i < 6; i++) {
		memset(&f[i], 0, sizeof(f[i]));
		f[i].db = db_open(&cfg, 0, &err);
		assert_non_null(f[i].db);
		f[i].buyer_id = buyer;
		f[i].order = fixture(login, true, false, prices, 1, &f[i].line);
		f[i].start = &start;
	}
	for (i = 0; i < 6; i++)
		pthread_create(&th[i], NULL, fast_race, &f[i]);
	for (i = 0; i < 6; i++) {
		char *st;

		pthread_join(th[i], NULL);
		db_free(f[i].db);
		assert_int_equal(f[i].rc, RC_OK);
		st = state_of(f[i].case_id);
		if (strcmp(st, "requested") == 0)
			waiting++;
		else
			fast++;
		free(st);
	}
	pthread_barrier_destroy(&start);
	cfg.refund_executor = saved;
	assert_int_equal(fast, 3);
	assert_int_equal(waiting, 3);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM cases WHERE buyer_id = "
	    "%lld AND fast_tracked = 1", (long long)buyer), 3);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds r JOIN cases c "
	    "ON c.id = r.case_id WHERE c.buyer_id = %lld AND r.status = '%s'",
	    (long long)buyer, strcmp(executor, "ledger") == 0 ? "succeeded" :
	    "pending"), 3);
}

static void
test_fast_track_limit(void **state)
{
	int64_t prices[] = { 5000 }, l[1], o, c;

	(void)state;
	fast_six("fastbuyer1", "ledger");
	/* The webhook executor with no worker: the payment system is down. */
	fast_six("fastbuyer2", "webhook");
	/* "Not received" on an order the carrier marked delivered: the seller. */
	o = fixture("buyer18", true, true, prices, 1, l);
	c = open_case("buyer18", o, l, 1, CASE_REFUND_ONLY, "not_received",
	    false, 5000);
	assert_state(c, "requested");
}

/*
 * A parcel that never arrived stays refundable: "not received" has no
 * window while the order is undelivered, and "not shipped" none while it
 * is unshipped (sql/003_buyer.sql), 60 days after payment.
 */
static void
test_windows_undelivered(void **state)
{
	int64_t prices[] = { 20000 }, l[1], o;
	struct case_line_req req = { 0, 2 };
	struct case_request rq;
	enum rules_field field;
	const char *why;
	int64_t id;

	(void)state;
	o = fixture("buyer18", true, false, prices, 1, l);
	req.order_line_id = l[0];
	memset(&rq, 0, sizeof(rq));
	rq.buyer_id = user_id("buyer18");
	rq.order_id = o;
	rq.type = CASE_REFUND_ONLY;
	rq.reason_code = "not_received";
	rq.amount_cents = 20000;
	rq.lines = &req;
	rq.linesz = 1;
	assert_int_equal(case_open(db, &cfg, &rq, t0 + 60 * 86400, &id, &field,
	    &why), RC_OK);
	o = fixture("buyer18", false, false, prices, 1, l);
	req.order_line_id = l[0];
	rq.order_id = o;
	rq.reason_code = "changed_mind_unshipped";
	assert_int_equal(case_open(db, &cfg, &rq, t0 + 60 * 86400, &id, &field,
	    &why), RC_OK);
	/* Delivered: "not received" counts 7 days from delivery. */
	o = fixture("buyer18", true, true, prices, 1, l);
	req.order_line_id = l[0];
	rq.order_id = o;
	rq.reason_code = "not_received";
	assert_int_equal(case_open(db, &cfg, &rq, t0 + 7 * 86400, &id, &field,
	    &why), RC_INVALID);
	assert_int_equal(field, RULES_FIELD_REASON);
}

/*
 * A case is refunded once: beside its succeeded refund the schema refuses
 * another succeeded one and a pending one (uq_refunds_live: a succeeded
 * refund is live too, which is why sql/026 could drop the key of
 * successes), and takes a failed one (an attempt given up).
 */
static void
test_refund_keys(void **state)
{
	static const char *const refused[] = { "succeeded", "pending" };
	int64_t prices[] = { 4000 }, lines[1], order, id;
	char *out;
	size_t i;

	(void)state;
	order = fixture("buyer12", true, true, prices, 1, lines);
	id = open_case("buyer12", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 4000);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	assert_state(id, "refunded");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (sql_status(&out, "INSERT INTO refunds (case_id, "
		    "idempotency_key, amount_cents, currency, executor, status, "
		    "created_at, settled_at) SELECT id, 'again-%s-%lld', 100, "
		    "currency, 'ledger', '%s', NOW(), IF('%s' = 'succeeded', "
		    "NOW(), NULL) FROM cases WHERE id = %lld", refused[i],
		    (long long)id, refused[i], refused[i], (long long)id) == 0 ||
		    strstr(out, "Duplicate entry") == NULL)
			fail_msg("a second %s refund of a refunded case: %s",
			    refused[i], out);
		free(out);
	}
	assert_int_equal(sql_status(&out, "INSERT INTO refunds (case_id, "
	    "idempotency_key, amount_cents, currency, executor, status, "
	    "created_at) SELECT id, 'again-failed-%lld', 100, currency, "
	    "'ledger', 'failed', NOW() FROM cases WHERE id = %lld; "
	    "DELETE FROM refunds WHERE idempotency_key = 'again-failed-%lld'",
	    (long long)id, (long long)id, (long long)id), 0);
	free(out);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM refunds WHERE case_id = "
	    "%lld", (long long)id), 1);
}

/*
 * Marks in in[] the states of the first "in (...)" of the expression of
 * the generated column cases.column (as information_schema has it).
 */
static void
generated_states(const char *column, bool in[STATE__MAX])
{
	char *expr, name[40], *p, *end;
	enum case_state s;
	size_t n;

	memset(in, 0, STATE__MAX * sizeof(bool));
	expr = sql("SELECT GENERATION_EXPRESSION FROM information_schema.COLUMNS "
	    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cases' "
	    "AND COLUMN_NAME = '%s'", column);
	if ((p = strstr(expr, " in (")) == NULL)
		fail_msg("cases.%s lists no states: %s", column, expr);
	assert_non_null(end = strchr(p, ')'));
	while ((p = strchr(p, '\'')) != NULL && p < end) {
		n = strcspn(p + 1, "'");
		assert_true(n < sizeof(name));
		memcpy(name, p + 1, n);
		name[n] = '\0';
		assert_true(case_state_from_name(name, &s));
		in[s] = true;
		p += n + 2;
	}
	free(expr);
}

/*
 * The state lists of the generated columns are the machine's, exactly:
 * the worker's due cases (due_at, sql/025) are those whose deadline the
 * system acts on; the seller's open queue and "mine" lists (queue_open,
 * sql/004; mine_open and mine_deadline, sql/022) leave out the ended
 * cases. And the worker's claim reads the due cases as one range of
 * ix_cases_due, in the order it takes them, without a sort (over
 * (state, deadline) it sorted every due case for each claim: the square
 * of a backlog).
 */
static void
test_generated_states(void **state)
{
	static const char *const ended[] = {
		"queue_open", "mine_open", "mine_deadline"
	};
	bool in[STATE__MAX];
	char *plan, *q, *p;
	size_t i, k;

	(void)state;
	generated_states("due_at", in);
	for (i = STATE_NONE + 1; i < STATE__MAX; i++)
		if (in[i] != machine_deadline_acts((enum case_state)i))
			fail_msg("due_at and the machine disagree on %s",
			    case_state_name((enum case_state)i));
	for (k = 0; k < sizeof(ended) / sizeof(ended[0]); k++) {
		generated_states(ended[k], in);
		for (i = STATE_NONE + 1; i < STATE__MAX; i++)
			if (in[i] != case_state_terminal((enum case_state)i))
				fail_msg("%s and the machine disagree on %s",
				    ended[k], case_state_name((enum case_state)i));
	}
	/* The claim, its ? filled: after nothing, due by 2100. */
	q = xstrdup(sql_texts[SQL_CASE_DUE_CLAIM].text);
	for (i = 0; (p = strchr(q, '?')) != NULL; i++) {
		char *r = xasprintf("%.*s%s%s", (int)(p - q), q, i == 0 ?
		    "'2100-01-01'" : i == 3 ? "0" : "'1970-01-02'", p + 1);

		free(q);
		q = r;
	}
	plan = sql("EXPLAIN FORMAT=JSON %s", q);
	assert_non_null(strstr(plan, "ix_cases_due"));
	if (strstr(plan, "filesort") != NULL)
		fail_msg("the due claim sorts: %s", plan);
	free(plan);
	free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_refund),
		cmocka_unit_test(test_open_refusals),
		cmocka_unit_test(test_concurrent_approvals),
		cmocka_unit_test(test_token_replays),
		cmocka_unit_test(test_refund_cap),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_concurrent_sweeps),
		cmocka_unit_test(test_deadline_before_action),
		cmocka_unit_test(test_policy_versions),
		cmocka_unit_test(test_fast_track),
		cmocka_unit_test(test_open_token_double_submit),
		cmocka_unit_test(test_fast_track_limit),
		cmocka_unit_test(test_windows_undelivered),
		cmocka_unit_test(test_generated_states),
		cmocka_unit_test(test_refund_keys),
	};

	return cmocka_run_group_tests_name("cases", tests, dbtest_setup,
	    dbtest_teardown);
}
