/* test_machine.c: walks every (type, state, event, actor) of the case state machine against a second, independent statement of the rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/machine.h"

/*
 * Returns true when the type can ever be in the state: the goods-back
 * states need goods, the replacement states need an exchange.
 */
static bool
reachable(enum case_type t, enum case_state s)
{
	switch (s) {
	case STATE_AWAITING_RETURN:
	case STATE_RETURN_SHIPPED:
		return t == CASE_RETURN_REFUND || t == CASE_EXCHANGE;
	case STATE_RESHIPPING:
	case STATE_REPLACEMENT_SHIPPED:
	case STATE_EXCHANGED:
		return t == CASE_EXCHANGE;
	default:
		return true;
	}
}

/* Returns true for the states where the platform waits for one side's evidence. */
static bool
asked(enum case_state s)
{
	return s == STATE_EVIDENCE_FROM_BUYER || s == STATE_EVIDENCE_FROM_SELLER;
}

/* Returns true for the states where a case has ended. */
static bool
ended(enum case_state s)
{
	return s == STATE_REFUNDED || s == STATE_EXCHANGED ||
	    s == STATE_CLOSED;
}

/*
 * The rules of DESIGN.md and of the brief, written event by event,
 * independently of the table in machine.c. Returns true and sets *to when
 * actor a may apply e to a case of type t in state s.
 */
static bool
expect(enum case_type t, enum case_state s, enum case_event e, enum actor a,
    enum case_state *to)
{
	bool buyer = a == ACTOR_BUYER, seller = a == ACTOR_SELLER;
	bool admin = a == ACTOR_ADMIN, sys = a == ACTOR_SYSTEM;
	bool goods = t != CASE_REFUND_ONLY, exch = t == CASE_EXCHANGE;

	if (!reachable(t, s) || ended(s))
		return false;

	switch (e) {
	case EV_SUBMIT:
		*to = STATE_REQUESTED;
		return buyer && s == STATE_NONE;
	case EV_CANCEL:
		*to = STATE_CLOSED;
		return buyer && (s == STATE_REQUESTED || s == STATE_OFFERED ||
		    s == STATE_REJECTED || s == STATE_AWAITING_RETURN);
	case EV_RESUBMIT:
		*to = STATE_REQUESTED;
		return buyer && s == STATE_REJECTED;
	case EV_APPROVE_REFUND:
		*to = STATE_REFUNDING;
		return (seller || admin || sys) && s == STATE_REQUESTED;
	case EV_APPROVE_RETURN:
		*to = STATE_AWAITING_RETURN;
		return (seller || admin || sys) && s == STATE_REQUESTED && goods;
	case EV_REJECT:
		*to = STATE_REJECTED;
		return (seller || admin) && s == STATE_REQUESTED;
	case EV_OFFER:
		*to = STATE_OFFERED;
		return seller && s == STATE_REQUESTED;
	case EV_ACCEPT_OFFER:
		*to = STATE_REFUNDING;
		return buyer && s == STATE_OFFERED;
	case EV_DECLINE_OFFER:
		*to = STATE_REQUESTED;
		return buyer && s == STATE_OFFERED;
	case EV_SHIP_RETURN:
		*to = STATE_RETURN_SHIPPED;
		return buyer && s == STATE_AWAITING_RETURN && goods;
	case EV_CONFIRM_RECEIPT:
		*to = exch ? STATE_RESHIPPING : STATE_REFUNDING;
		return (seller || admin || sys) && s == STATE_RETURN_SHIPPED &&
		    goods;
	case EV_REFUSE_RECEIPT:
		*to = STATE_REJECTED;
		return seller && s == STATE_RETURN_SHIPPED && goods;
	case EV_SHIP_REPLACEMENT:
		*to = STATE_REPLACEMENT_SHIPPED;
		return seller && s == STATE_RESHIPPING && exch;
	case EV_CONFIRM_EXCHANGE:
		*to = STATE_EXCHANGED;
		return (buyer || sys) && s == STATE_REPLACEMENT_SHIPPED && exch;
	case EV_ESCALATE:
		*to = STATE_ESCALATED;
		return buyer && s == STATE_REJECTED;
	case EV_RULE_REFUND:
	case EV_RULE_PARTIAL:
		*to = STATE_REFUNDING;
		return admin && (s == STATE_ESCALATED || asked(s));
	case EV_RULE_REJECT:
		*to = STATE_CLOSED;
		return admin && (s == STATE_ESCALATED || asked(s));
	case EV_ASK_BUYER:
		*to = STATE_EVIDENCE_FROM_BUYER;
		return admin && s == STATE_ESCALATED;
	case EV_ASK_SELLER:
		*to = STATE_EVIDENCE_FROM_SELLER;
		return admin && s == STATE_ESCALATED;
	case EV_DEADLINE:
		if (!sys)
			return false;
		switch (s) {
		case STATE_REQUESTED:
			*to = goods ? STATE_AWAITING_RETURN : STATE_REFUNDING;
			return true;
		case STATE_OFFERED:
		case STATE_REJECTED:
		case STATE_AWAITING_RETURN:
			*to = STATE_CLOSED;
			return true;
		case STATE_RETURN_SHIPPED:
			*to = exch ? STATE_RESHIPPING : STATE_REFUNDING;
			return true;
		case STATE_RESHIPPING:
			*to = STATE_REFUNDING;
			return true;
		case STATE_REPLACEMENT_SHIPPED:
			*to = STATE_EXCHANGED;
			return true;
		case STATE_EVIDENCE_FROM_BUYER:
		case STATE_EVIDENCE_FROM_SELLER:
			*to = STATE_ESCALATED;
			return true;
		default:
			return false;
		}
	case EV_REFUND_SUCCEEDED:
		*to = STATE_REFUNDED;
		return sys && s == STATE_REFUNDING;
	case EV_REFUND_FAILED:
		*to = STATE_REFUNDING;
		return sys && s == STATE_REFUNDING;
	case EV_MESSAGE:
	case EV_ADD_EVIDENCE:
		/* What the side asked for sends takes it back to the platform. */
		*to = (s == STATE_EVIDENCE_FROM_BUYER && buyer) ||
		    (s == STATE_EVIDENCE_FROM_SELLER && seller) ?
		    STATE_ESCALATED : s;
		return !sys && s != STATE_NONE;
	case EV__MAX:
		break;
	}
	fail_msg("event %d has no expectation", (int)e);
	return false;
}

/* Returns true when some actor may apply e to type t in state s. */
static bool
anyone(enum case_type t, enum case_state s, enum case_event e)
{
	enum case_state to;
	int a;

	for (a = 0; a < ACTOR__MAX; a++)
		if (expect(t, s, e, (enum actor)a, &to))
			return true;
	return false;
}

/*
 * Checks machine_next() for one (type, state, event, actor) against
 * expect(): the code, the target, and a refusal reason that is a sentence;
 * a refusal for the wrong role (another actor may) and only that starts
 * "Only the ". Returns true when the event is allowed.
 */
static bool
check_one(enum case_type t, enum case_state s, enum case_event e,
    enum actor a)
{
	enum case_state want = STATE__MAX, got = STATE__MAX;
	const char *why = "unset";
	size_t len;
	bool role;
	enum rc rc;

	rc = machine_next(t, s, e, a, &got, &why);
	if (expect(t, s, e, a, &want)) {
		if (rc != RC_OK)
			fail_msg("%s %s %s %s: refused (%s)", case_type_name(t),
			    case_state_name(s), case_event_name(e),
			    actor_name(a), why);
		assert_int_equal(got, want);
		assert_null(why);
		return true;
	}
	if (rc != RC_DENIED)
		fail_msg("%s %s %s %s: allowed to %s", case_type_name(t),
		    case_state_name(s), case_event_name(e), actor_name(a),
		    case_state_name(got));
	assert_int_equal(got, s);
	assert_non_null(why);
	len = strlen(why);
	assert_true(len > 10);
	assert_true(why[0] >= 'A' && why[0] <= 'Z');
	assert_true(why[len - 1] == '.');
	/* A state the type never reaches: say so, whatever else. */
	if (!reachable(t, s))
		assert_true(strstr(why, "refund-only") != NULL ||
		    strstr(why, "Only an exchange") != NULL);
	role = anyone(t, s, e);
	if (role != (strncmp(why, "Only the ", 9) == 0))
		fail_msg("%s %s %s %s: reason \"%s\" is not about %s",
		    case_type_name(t), case_state_name(s), case_event_name(e),
		    actor_name(a), why, role ? "the role" : "the state or type");
	return false;
}

/* Walks every (state, event, actor) for type t through check_one(). */
static void
walk(enum case_type t)
{
	size_t allowed = 0;
	int s, e, a;

	for (s = 0; s < STATE__MAX; s++)
		for (e = 0; e < EV__MAX; e++)
			for (a = 0; a < ACTOR__MAX; a++)
				if (check_one(t, (enum case_state)s,
				    (enum case_event)e, (enum actor)a))
					allowed++;
	/* Catches an expectation that allows nothing. */
	assert_true(allowed > 40);
}

static void
test_walk_refund_only(void **state)
{
	(void)state;
	walk(CASE_REFUND_ONLY);
}

static void
test_walk_return_refund(void **state)
{
	(void)state;
	walk(CASE_RETURN_REFUND);
}

static void
test_walk_exchange(void **state)
{
	(void)state;
	walk(CASE_EXCHANGE);
}

/* why may be NULL; a refusal still answers RC_DENIED and keeps the state. */
static void
test_why_optional(void **state)
{
	enum case_state to = STATE__MAX;

	(void)state;
	assert_int_equal(machine_next(CASE_REFUND_ONLY, STATE_CLOSED,
	    EV_MESSAGE, ACTOR_BUYER, &to, NULL), RC_DENIED);
	assert_int_equal(to, STATE_CLOSED);
	assert_int_equal(machine_next(CASE_REFUND_ONLY, STATE_REQUESTED,
	    EV_APPROVE_REFUND, ACTOR_SELLER, &to, NULL), RC_OK);
	assert_int_equal(to, STATE_REFUNDING);
}

/* Returns the reason machine_next() gives, asserting a refusal. */
static const char *
refusal(enum case_type t, enum case_state s, enum case_event e, enum actor a)
{
	enum case_state to;
	const char *why = NULL;

	assert_int_equal(machine_next(t, s, e, a, &to, &why), RC_DENIED);
	assert_non_null(why);
	return why;
}

/* Spot checks that the reasons name what is wrong. */
static void
test_reasons(void **state)
{
	const char *role, *st, *ty;

	(void)state;
	assert_string_equal(refusal(CASE_RETURN_REFUND, STATE_REQUESTED,
	    EV_APPROVE_REFUND, ACTOR_BUYER),
	    "Only the seller can approve a request.");
	assert_string_equal(refusal(CASE_EXCHANGE, STATE_CLOSED,
	    EV_MESSAGE, ACTOR_ADMIN), "This case is already closed.");
	assert_string_equal(refusal(CASE_REFUND_ONLY, STATE_REFUNDED,
	    EV_CANCEL, ACTOR_BUYER), "This case is already refunded.");
	assert_string_equal(refusal(CASE_EXCHANGE, STATE_EXCHANGED,
	    EV_MESSAGE, ACTOR_BUYER), "This exchange is already complete.");
	assert_string_equal(refusal(CASE_RETURN_REFUND, STATE_NONE,
	    EV_MESSAGE, ACTOR_BUYER), "This case has not been submitted yet.");
	assert_non_null(strstr(refusal(CASE_REFUND_ONLY, STATE_ESCALATED,
	    EV_DEADLINE, ACTOR_SYSTEM), "overdue"));
	assert_non_null(strstr(refusal(CASE_RETURN_REFUND,
	    STATE_RETURN_SHIPPED, EV_CANCEL, ACTOR_BUYER),
	    "on their way back"));

	/* Same event, three different faults, three different sentences. */
	role = refusal(CASE_EXCHANGE, STATE_REQUESTED, EV_APPROVE_RETURN,
	    ACTOR_BUYER);
	st = refusal(CASE_EXCHANGE, STATE_OFFERED, EV_APPROVE_RETURN,
	    ACTOR_SELLER);
	ty = refusal(CASE_REFUND_ONLY, STATE_REQUESTED, EV_APPROVE_RETURN,
	    ACTOR_SELLER);
	assert_string_not_equal(role, st);
	assert_string_not_equal(role, ty);
	assert_string_not_equal(st, ty);
	assert_non_null(strstr(ty, "refund-only"));

	/* A refund-only case never waits for goods, whoever asks. */
	assert_non_null(strstr(refusal(CASE_REFUND_ONLY,
	    STATE_AWAITING_RETURN, EV_SHIP_RETURN, ACTOR_BUYER),
	    "refund-only"));
	assert_non_null(strstr(refusal(CASE_RETURN_REFUND, STATE_RESHIPPING,
	    EV_SHIP_REPLACEMENT, ACTOR_SELLER), "exchange"));
}

/* Checks one name table both ways: names are snake case and distinct. */
static void
check_names(int max, const char *(*name)(int), bool (*from)(const char *,
    int *), int skip)
{
	const char *n, *p;
	int i, j, back;

	for (i = 0; i < max; i++) {
		n = name(i);
		assert_non_null(n);
		assert_true(n[0] >= 'a' && n[0] <= 'z');
		for (p = n; *p != '\0'; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
		for (j = 0; j < i; j++)
			assert_string_not_equal(n, name(j));
		back = -1;
		if (i == skip) {
			assert_false(from(n, &back));
			continue;
		}
		assert_true(from(n, &back));
		assert_int_equal(back, i);
	}
	back = -1;
	assert_false(from(NULL, &back));
	assert_false(from("", &back));
	assert_false(from("x", &back));
	assert_int_equal(back, -1);
}

/* Adapters from the typed API to check_names(). */
static const char *
type_name_i(int i)
{
	return case_type_name((enum case_type)i);
}

static bool
type_from_i(const char *s, int *out)
{
	enum case_type v;

	if (!case_type_from_name(s, &v))
		return false;
	*out = (int)v;
	return true;
}

static const char *
state_name_i(int i)
{
	return case_state_name((enum case_state)i);
}

static bool
state_from_i(const char *s, int *out)
{
	enum case_state v;

	if (!case_state_from_name(s, &v))
		return false;
	*out = (int)v;
	return true;
}

static const char *
event_name_i(int i)
{
	return case_event_name((enum case_event)i);
}

static bool
event_from_i(const char *s, int *out)
{
	enum case_event v;

	if (!case_event_from_name(s, &v))
		return false;
	*out = (int)v;
	return true;
}

static const char *
actor_name_i(int i)
{
	return actor_name((enum actor)i);
}

static bool
actor_from_i(const char *s, int *out)
{
	enum actor v;

	if (!actor_from_name(s, &v))
		return false;
	*out = (int)v;
	return true;
}

/* The names the database and the URLs use, spelt out once more. */
static const char *const type_names[CASE__MAX] = {
	"refund_only",		/* CASE_REFUND_ONLY */
	"return_refund",	/* CASE_RETURN_REFUND */
	"exchange",		/* CASE_EXCHANGE */
};

static const char *const state_names[STATE__MAX] = {
	"none",			/* STATE_NONE */
	"requested",		/* STATE_REQUESTED */
	"offered",		/* STATE_OFFERED */
	"rejected",		/* STATE_REJECTED */
	"awaiting_return",	/* STATE_AWAITING_RETURN */
	"return_shipped",	/* STATE_RETURN_SHIPPED */
	"reshipping",		/* STATE_RESHIPPING */
	"replacement_shipped",	/* STATE_REPLACEMENT_SHIPPED */
	"escalated",		/* STATE_ESCALATED */
	"refunding",		/* STATE_REFUNDING */
	"refunded",		/* STATE_REFUNDED */
	"exchanged",		/* STATE_EXCHANGED */
	"closed",		/* STATE_CLOSED */
	"evidence_from_buyer",	/* STATE_EVIDENCE_FROM_BUYER */
	"evidence_from_seller",	/* STATE_EVIDENCE_FROM_SELLER */
};

static const char *const event_names[EV__MAX] = {
	"submit",		/* EV_SUBMIT */
	"cancel",		/* EV_CANCEL */
	"resubmit",		/* EV_RESUBMIT */
	"approve_refund",	/* EV_APPROVE_REFUND */
	"approve_return",	/* EV_APPROVE_RETURN */
	"reject",		/* EV_REJECT */
	"offer",		/* EV_OFFER */
	"accept_offer",		/* EV_ACCEPT_OFFER */
	"decline_offer",	/* EV_DECLINE_OFFER */
	"ship_return",		/* EV_SHIP_RETURN */
	"confirm_receipt",	/* EV_CONFIRM_RECEIPT */
	"refuse_receipt",	/* EV_REFUSE_RECEIPT */
	"ship_replacement",	/* EV_SHIP_REPLACEMENT */
	"confirm_exchange",	/* EV_CONFIRM_EXCHANGE */
	"escalate",		/* EV_ESCALATE */
	"rule_refund",		/* EV_RULE_REFUND */
	"rule_partial",		/* EV_RULE_PARTIAL */
	"rule_reject",		/* EV_RULE_REJECT */
	"deadline",		/* EV_DEADLINE */
	"refund_succeeded",	/* EV_REFUND_SUCCEEDED */
	"refund_failed",	/* EV_REFUND_FAILED */
	"message",		/* EV_MESSAGE */
	"add_evidence",		/* EV_ADD_EVIDENCE */
	"ask_buyer",		/* EV_ASK_BUYER */
	"ask_seller",		/* EV_ASK_SELLER */
};

static const char *const actor_names[ACTOR__MAX] = {
	"buyer",		/* ACTOR_BUYER */
	"seller",		/* ACTOR_SELLER */
	"admin",		/* ACTOR_ADMIN */
	"system",		/* ACTOR_SYSTEM */
};

/* The name tables round-trip and spell what the database stores. */
static void
test_names(void **state)
{
	enum case_type t;
	enum case_state s;
	enum case_event e;
	enum actor a;
	int i;

	(void)state;
	check_names(CASE__MAX, type_name_i, type_from_i, -1);
	check_names(STATE__MAX, state_name_i, state_from_i, STATE_NONE);
	check_names(EV__MAX, event_name_i, event_from_i, -1);
	check_names(ACTOR__MAX, actor_name_i, actor_from_i, -1);

	for (i = 0; i < CASE__MAX; i++)
		assert_string_equal(case_type_name((enum case_type)i),
		    type_names[i]);
	for (i = 0; i < STATE__MAX; i++)
		assert_string_equal(case_state_name((enum case_state)i),
		    state_names[i]);
	for (i = 0; i < EV__MAX; i++)
		assert_string_equal(case_event_name((enum case_event)i),
		    event_names[i]);
	for (i = 0; i < ACTOR__MAX; i++)
		assert_string_equal(actor_name((enum actor)i), actor_names[i]);

	assert_true(case_type_from_name("return_refund", &t));
	assert_int_equal(t, CASE_RETURN_REFUND);
	assert_true(case_state_from_name("escalated", &s));
	assert_int_equal(s, STATE_ESCALATED);
	assert_true(case_event_from_name("rule_partial", &e));
	assert_int_equal(e, EV_RULE_PARTIAL);
	assert_true(actor_from_name("admin", &a));
	assert_int_equal(a, ACTOR_ADMIN);
	assert_false(case_state_from_name("Closed", &s));
	assert_false(case_state_from_name("closed ", &s));
	assert_false(case_event_from_name("approve", &e));
	assert_false(actor_from_name("buyers", &a));
}

/*
 * Checks machine_actions() for one (type, state, actor): exactly the
 * by-hand events expect() allows, in enum order, also into a short or an
 * absent output array. Returns how many there are.
 */
static size_t
check_actions(enum case_type t, enum case_state s, enum actor a)
{
	enum case_event out[EV__MAX + 1], few[2];
	enum case_state to;
	size_t n, k = 0;
	int e;

	n = machine_actions(t, s, a, out, EV__MAX + 1);
	assert_true(n <= EV__MAX);
	for (e = 0; e < EV__MAX; e++) {
		if (e == EV_SUBMIT || e == EV_DEADLINE ||
		    e == EV_REFUND_SUCCEEDED || e == EV_REFUND_FAILED)
			continue;
		if (!expect(t, s, (enum case_event)e, a, &to))
			continue;
		assert_true(k < n);
		assert_int_equal(out[k], e);
		k++;
	}
	assert_int_equal(k, n);
	assert_int_equal(machine_actions(t, s, a, NULL, 0), n);
	few[0] = few[1] = EV__MAX;
	assert_int_equal(machine_actions(t, s, a, few, 1), n);
	assert_int_equal(few[0], n > 0 ? out[0] : EV__MAX);
	assert_int_equal(few[1], EV__MAX);
	return n;
}

/* machine_actions() agrees with expect() everywhere; a few spot checks. */
static void
test_actions(void **state)
{
	enum case_event out[EV__MAX];
	size_t n, nonempty = 0;
	int t, s, a;

	(void)state;
	for (t = 0; t < CASE__MAX; t++)
		for (s = 0; s < STATE__MAX; s++)
			for (a = 0; a < ACTOR__MAX; a++)
				if (check_actions((enum case_type)t,
				    (enum case_state)s, (enum actor)a) > 0)
					nonempty++;
	assert_true(nonempty > 20);

	/* The buttons a seller sees on a new return request. */
	n = machine_actions(CASE_RETURN_REFUND, STATE_REQUESTED, ACTOR_SELLER,
	    out, EV__MAX);
	assert_int_equal(n, 6);
	assert_int_equal(out[0], EV_APPROVE_REFUND);
	assert_int_equal(out[1], EV_APPROVE_RETURN);
	assert_int_equal(out[2], EV_REJECT);
	assert_int_equal(out[3], EV_OFFER);
	assert_int_equal(out[4], EV_MESSAGE);
	assert_int_equal(out[5], EV_ADD_EVIDENCE);
	/* Nothing to press once the case has ended. */
	assert_int_equal(machine_actions(CASE_EXCHANGE, STATE_EXCHANGED,
	    ACTOR_BUYER, out, EV__MAX), 0);
}

/* Terminal states, deadlines and who is waited for, state by state. */
static void
test_states(void **state)
{
	static const struct {
		enum case_state		s;
		bool			terminal;
		enum deadline_kind	deadline;
		enum actor		waiting;
	} want[] = {
		{ STATE_NONE, false, DEADLINE_NONE, ACTOR_BUYER },
		{ STATE_REQUESTED, false, DEADLINE_SELLER_RESPONSE,
		  ACTOR_SELLER },
		{ STATE_OFFERED, false, DEADLINE_BUYER_RESPONSE, ACTOR_BUYER },
		{ STATE_REJECTED, false, DEADLINE_ESCALATION, ACTOR_BUYER },
		{ STATE_AWAITING_RETURN, false, DEADLINE_BUYER_SHIP,
		  ACTOR_BUYER },
		{ STATE_RETURN_SHIPPED, false, DEADLINE_SELLER_RECEIVE,
		  ACTOR_SELLER },
		{ STATE_RESHIPPING, false, DEADLINE_SELLER_RESHIP,
		  ACTOR_SELLER },
		{ STATE_REPLACEMENT_SHIPPED, false, DEADLINE_BUYER_CONFIRM,
		  ACTOR_BUYER },
		{ STATE_ESCALATED, false, DEADLINE_PLATFORM_RULING,
		  ACTOR_ADMIN },
		{ STATE_REFUNDING, false, DEADLINE_NONE, ACTOR_SYSTEM },
		{ STATE_REFUNDED, true, DEADLINE_NONE, ACTOR__MAX },
		{ STATE_EXCHANGED, true, DEADLINE_NONE, ACTOR__MAX },
		{ STATE_CLOSED, true, DEADLINE_NONE, ACTOR__MAX },
		{ STATE_EVIDENCE_FROM_BUYER, false, DEADLINE_EVIDENCE_REQUEST,
		  ACTOR_BUYER },
		{ STATE_EVIDENCE_FROM_SELLER, false, DEADLINE_EVIDENCE_REQUEST,
		  ACTOR_SELLER },
	};
	enum case_state to;
	size_t i;
	int t;

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), STATE__MAX);
	for (i = 0; i < STATE__MAX; i++) {
		assert_int_equal(want[i].s, i);
		assert_int_equal(case_state_terminal(want[i].s),
		    want[i].terminal);
		assert_int_equal(machine_deadline(want[i].s), want[i].deadline);
		assert_int_equal(machine_waiting_for(want[i].s),
		    want[i].waiting);
		/*
		 * A deadline runs where the system acts when it passes, and in
		 * escalated, where it only shows the case as overdue.
		 */
		for (t = 0; t < CASE__MAX; t++) {
			if (!reachable((enum case_type)t, want[i].s))
				continue;
			assert_int_equal(want[i].deadline != DEADLINE_NONE,
			    machine_next((enum case_type)t, want[i].s,
			    EV_DEADLINE, ACTOR_SYSTEM, &to, NULL) == RC_OK ||
			    want[i].s == STATE_ESCALATED);
		}
	}
}

/*
 * Checks machine_moves_money() on every transition allowed from state s of
 * a case of type t: true exactly when it enters refunding from elsewhere.
 * Returns how many transitions move money.
 */
static size_t
check_money(enum case_type t, enum case_state s)
{
	enum case_state to;
	size_t moving = 0;
	int e, a;
	bool m;

	for (e = 0; e < EV__MAX; e++)
		for (a = 0; a < ACTOR__MAX; a++) {
			if (machine_next(t, s, (enum case_event)e,
			    (enum actor)a, &to, NULL) != RC_OK)
				continue;
			m = machine_moves_money((enum case_event)e, to);
			assert_int_equal(m, to == STATE_REFUNDING &&
			    s != STATE_REFUNDING);
			if (m)
				moving++;
		}
	return moving;
}

/* Money moves exactly when a case enters refunding from elsewhere. */
static void
test_moves_money(void **state)
{
	size_t moving = 0;
	int t, s;

	(void)state;
	for (t = 0; t < CASE__MAX; t++)
		for (s = 0; s < STATE__MAX; s++)
			moving += check_money((enum case_type)t,
			    (enum case_state)s);
	assert_true(moving > 10);
	assert_true(machine_moves_money(EV_ACCEPT_OFFER, STATE_REFUNDING));
	assert_true(machine_moves_money(EV_RULE_PARTIAL, STATE_REFUNDING));
	assert_false(machine_moves_money(EV_REFUND_FAILED, STATE_REFUNDING));
	assert_false(machine_moves_money(EV_MESSAGE, STATE_REFUNDING));
	assert_false(machine_moves_money(EV_RULE_REJECT, STATE_CLOSED));
	assert_false(machine_moves_money(EV_APPROVE_RETURN,
	    STATE_AWAITING_RETURN));
}

/*
 * Sets next[x] for every state x that some actor can take a case of type
 * t from state s to in one event (including s itself, when an event keeps
 * it there), and leaves the other entries alone.
 */
static void
successors(enum case_type t, enum case_state s, bool next[STATE__MAX])
{
	enum case_state to;
	int e, a;

	for (e = 0; e < EV__MAX; e++)
		for (a = 0; a < ACTOR__MAX; a++)
			if (machine_next(t, s, (enum case_event)e,
			    (enum actor)a, &to, NULL) == RC_OK)
				next[to] = true;
}

/*
 * From an unsubmitted case, the machine reaches exactly the states the
 * type can be in; from each of them some end can still be reached; and
 * nothing leaves an end.
 */
static void
test_reachability(void **state)
{
	bool seen[STATE__MAX], ends[STATE__MAX], next[STATE__MAX], grew;
	int t, s, x;

	(void)state;
	for (t = 0; t < CASE__MAX; t++) {
		memset(seen, 0, sizeof(seen));
		seen[STATE_NONE] = true;
		for (s = 0; s < STATE__MAX; s++)
			ends[s] = case_state_terminal((enum case_state)s);
		do {
			grew = false;
			for (s = 0; s < STATE__MAX; s++) {
				memset(next, 0, sizeof(next));
				successors((enum case_type)t,
				    (enum case_state)s, next);
				for (x = 0; x < STATE__MAX; x++) {
					if (next[x] && seen[s] && !seen[x])
						seen[x] = grew = true;
					if (next[x] && ends[x] && !ends[s])
						ends[s] = grew = true;
				}
			}
		} while (grew);
		for (s = 0; s < STATE__MAX; s++) {
			assert_int_equal(seen[s],
			    reachable((enum case_type)t, (enum case_state)s));
			if (seen[s])
				assert_true(ends[s]);
			if (case_state_terminal((enum case_state)s)) {
				memset(next, 0, sizeof(next));
				successors((enum case_type)t,
				    (enum case_state)s, next);
				for (x = 0; x < STATE__MAX; x++)
					assert_false(next[x]);
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_refund_only),
		cmocka_unit_test(test_walk_return_refund),
		cmocka_unit_test(test_walk_exchange),
		cmocka_unit_test(test_why_optional),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_moves_money),
		cmocka_unit_test(test_reachability),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
