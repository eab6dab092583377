/* test_evidence_req_db.c: the platform asks one side of an escalated case for more evidence, against a real MariaDB (tests/db/evidence_req.test): the asked side's answer and the deadline both take it back to the platform, with the clock moved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/cases.h"
#include "dbtest.h"

/* Opens a refund-only case for buyer, refused by the seller and escalated at t0 + 60. */
static int64_t
escalated_case(const char *buyer)
{
	int64_t prices[] = { 10000 }, lines[1], order, id;

	order = fixture(buyer, true, true, prices, 1, lines);
	id = open_case(buyer, order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 10000);
	assert_int_equal(act(id, EV_REJECT, ACTOR_SELLER, "seller1", 0,
	    "Looks fine in the photos", t0), RC_OK);
	assert_int_equal(act(id, EV_ESCALATE, ACTOR_BUYER, buyer, 0,
	    "It is broken", t0 + 60), RC_OK);
	assert_state(id, "escalated");
	return id;
}

static int64_t
deadline_of(int64_t id)
{
	return sqlint("SELECT UNIX_TIMESTAMP(deadline_at) FROM cases WHERE id = "
	    "%lld", (long long)id);
}

/* The buyer is asked; their message takes the case back to the platform. */
static void
test_buyer_answers(void **state)
{
	int64_t id, ruling;

	(void)state;
	id = escalated_case("buyer11");
	ruling = deadline_of(id);
	assert_int_equal(ruling, sqlint("SELECT UNIX_TIMESTAMP(escalated_at) + "
	    "86400 * p.platform_ruling_days FROM cases c JOIN policies p ON "
	    "p.id = c.policy_id WHERE c.id = %lld", (long long)id));
	/* Only the platform asks, and it says what it needs. */
	assert_int_equal(act(id, EV_ASK_BUYER, ACTOR_SELLER, "seller1", 0,
	    "Send a photo", t0 + 120), RC_DENIED);
	assert_int_equal(act(id, EV_ASK_BUYER, ACTOR_ADMIN, "admin", 0, NULL,
	    t0 + 120), RC_INVALID);
	assert_state(id, "escalated");
	assert_int_equal(act(id, EV_ASK_BUYER, ACTOR_ADMIN, "admin", 0,
	    "Send a photo of the crack next to the label", t0 + 120), RC_OK);
	assert_state(id, "evidence_from_buyer");
	/* The policy's evidence_request_hours (72 by default) from now. */
	assert_int_equal(deadline_of(id), t0 + 120 + 72 * 3600);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'ask_buyer' AND actor_role = 'admin' AND "
	    "to_state = 'evidence_from_buyer' AND note LIKE 'Send a photo%%'",
	    (long long)id), 1);
	/* Asked once is enough: no second request while one runs. */
	assert_int_equal(act(id, EV_ASK_SELLER, ACTOR_ADMIN, "admin", 0,
	    "And you", t0 + 130), RC_DENIED);
	/* The other side may still speak; the case keeps waiting. */
	assert_int_equal(act(id, EV_MESSAGE, ACTOR_SELLER, "seller1", 0,
	    "We packed it well", t0 + 140), RC_OK);
	assert_state(id, "evidence_from_buyer");
	/* The buyer cannot walk away from a dispute. */
	assert_int_equal(act(id, EV_CANCEL, ACTOR_BUYER, "buyer11", 0, NULL,
	    t0 + 150), RC_DENIED);
	/* The buyer answers: back to the platform, its own deadline again. */
	assert_int_equal(act(id, EV_MESSAGE, ACTOR_BUYER, "buyer11", 0,
	    "Here it is: the crack runs along the base.", t0 + 180), RC_OK);
	assert_state(id, "escalated");
	assert_int_equal(deadline_of(id), ruling);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'message' AND actor_role = 'buyer' AND "
	    "from_state = 'evidence_from_buyer' AND to_state = 'escalated'",
	    (long long)id), 1);
	/* A ruling needs its explanation. */
	assert_int_equal(act(id, EV_RULE_REFUND, ACTOR_ADMIN, "admin", 0, NULL,
	    t0 + 240), RC_INVALID);
	assert_int_equal(act(id, EV_RULE_REFUND, ACTOR_ADMIN, "admin", 0,
	    "The photo shows the crack.", t0 + 240), RC_OK);
	assert_state(id, "refunded");
}

/* The seller is asked and sends photos: back to the platform. */
static void
test_seller_answers_with_photos(void **state)
{
	struct case_action a;
	const char *why;
	int64_t id;

	(void)state;
	id = escalated_case("buyer12");
	assert_int_equal(act(id, EV_ASK_SELLER, ACTOR_ADMIN, "admin", 0,
	    "Show the packing photos", t0 + 120), RC_OK);
	assert_state(id, "evidence_from_seller");
	/* The buyer's photos do not answer a request made of the seller. */
	memset(&a, 0, sizeof(a));
	a.ev = EV_ADD_EVIDENCE;
	a.who = ACTOR_BUYER;
	a.actor_id = user_id("buyer12");
	a.photos = &dbtest_photo;
	a.photosz = 1;
	assert_int_equal(case_act(db, &cfg, id, &a, t0 + 150, &why), RC_OK);
	assert_state(id, "evidence_from_seller");
	a.who = ACTOR_SELLER;
	a.actor_id = user_id("seller1");
	a.actor_shop_id = sqlint("SELECT shop_id FROM users WHERE login = "
	    "'seller1'");
	a.note = "Packed in foam";
	assert_int_equal(case_act(db, &cfg, id, &a, t0 + 200, &why), RC_OK);
	assert_state(id, "escalated");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'add_evidence' AND actor_role = 'seller' AND "
	    "from_state = 'evidence_from_seller' AND to_state = 'escalated' AND "
	    "evidence_ids IS NOT NULL", (long long)id), 1);
	/* Partial and reject rulings need an explanation too. */
	assert_int_equal(act(id, EV_RULE_PARTIAL, ACTOR_ADMIN, "admin", 4000,
	    NULL, t0 + 300), RC_INVALID);
	assert_int_equal(act(id, EV_RULE_REJECT, ACTOR_ADMIN, "admin", 0,
	    NULL, t0 + 300), RC_INVALID);
	assert_int_equal(act(id, EV_RULE_PARTIAL, ACTOR_ADMIN, "admin", 4000,
	    "Shared fault: the packing was thin.", t0 + 300), RC_OK);
	assert_state(id, "refunded");
	assert_int_equal(sqlint("SELECT refunded_cents FROM cases WHERE id = "
	    "%lld", (long long)id), 4000);
}

/* Nothing comes: the worker takes it back to the platform at the deadline, and says so. */
static void
test_deadline_lapses(void **state)
{
	int64_t id, other, ruling, asked;
	int acted, settled;

	(void)state;
	id = escalated_case("buyer13");
	ruling = deadline_of(id);
	/* The setting of the case's policy version governs it (changed in place here only). */
	free(sql("UPDATE policies p JOIN cases c ON c.policy_id = p.id SET "
	    "p.evidence_request_hours = 5 WHERE c.id = %lld", (long long)id));
	asked = t0 + 3600;
	assert_int_equal(act(id, EV_ASK_SELLER, ACTOR_ADMIN, "admin", 0,
	    "Show the packing photos", asked), RC_OK);
	assert_int_equal(deadline_of(id), asked + 5 * 3600);
	free(sql("UPDATE policies p JOIN cases c ON c.policy_id = p.id SET "
	    "p.evidence_request_hours = 72 WHERE c.id = %lld", (long long)id));
	other = escalated_case("buyer14");
	assert_int_equal(act(other, EV_ASK_BUYER, ACTOR_ADMIN, "admin", 0,
	    "Send the serial number", asked), RC_OK);
	/* A second before: nothing happens. */
	assert_int_equal(dbtest_sweep(db, asked + 5 * 3600 - 1, &acted,
	    &settled), 0);
	assert_state(id, "evidence_from_seller");
	assert_state(other, "evidence_from_buyer");
	/* At the deadline the worker acts on its own. */
	assert_int_equal(dbtest_sweep(db, asked + 5 * 3600, &acted, &settled),
	    0);
	assert_true(acted >= 1);
	assert_state(id, "escalated");
	assert_int_equal(deadline_of(id), ruling);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline' AND actor_role = 'system' AND "
	    "from_state = 'evidence_from_seller' AND to_state = 'escalated' AND "
	    "rule = 'evidence_request_hours'", (long long)id), 1);
	/* Once is all: a second sweep does nothing more. */
	assert_int_equal(dbtest_sweep(db, asked + 5 * 3600, &acted, &settled),
	    0);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline'", (long long)id), 1);
	/* The other case keeps its 72 hours. */
	assert_state(other, "evidence_from_buyer");
	/* Evidence sent after the deadline, before the worker came: judged after it. */
	assert_int_equal(act(other, EV_MESSAGE, ACTOR_BUYER, "buyer14", 0,
	    "Late answer", asked + 72 * 3600 + 10), RC_OK);
	assert_state(other, "escalated");
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'deadline' AND from_state = 'evidence_from_buyer'",
	    (long long)other), 1);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM timeline WHERE case_id = "
	    "%lld AND event = 'message' AND from_state = 'escalated' AND "
	    "to_state = 'escalated'", (long long)other), 1);
	/* The platform is not pushed by its own deadline. */
	assert_int_equal(dbtest_sweep(db, ruling + 86400, &acted, &settled), 0);
	assert_state(id, "escalated");
	assert_int_equal(act(id, EV_RULE_REJECT, ACTOR_ADMIN, "admin", 0,
	    "No proof of damage in transit.", ruling + 86400), RC_OK);
	assert_state(id, "closed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buyer_answers),
		cmocka_unit_test(test_seller_answers_with_photos),
		cmocka_unit_test(test_deadline_lapses),
	};

	return cmocka_run_group_tests_name("evidence_requests", tests,
	    dbtest_setup, dbtest_teardown);
}
