/* machine.c: the case state machine, pure: one table of rules, and the questions the pages and the database layer ask of it. */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/machine.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Bit masks over the enums: a set of types, of states, of actors. */
#define T(x)	(1u << (x))
#define S(x)	(1u << (x))
#define A(x)	(1u << (x))

#define T_ANY	(T(CASE_REFUND_ONLY) | T(CASE_RETURN_REFUND) | T(CASE_EXCHANGE))
#define T_GOODS	(T(CASE_RETURN_REFUND) | T(CASE_EXCHANGE))
#define T_EXCH	T(CASE_EXCHANGE)

#define BUYER	A(ACTOR_BUYER)
#define SELLER	A(ACTOR_SELLER)
#define ADMIN	A(ACTOR_ADMIN)
#define SYSTEM	A(ACTOR_SYSTEM)
#define PEOPLE	(BUYER | SELLER | ADMIN)

/* States before the goods are shipped back, in which the buyer may cancel. */
#define S_CANCELLABLE	(S(STATE_REQUESTED) | S(STATE_OFFERED) | \
			 S(STATE_REJECTED) | S(STATE_AWAITING_RETURN))
/* States after the goods are shipped back, before the case ends. */
#define S_GOODS_BACK	(S(STATE_RETURN_SHIPPED) | S(STATE_RESHIPPING) | \
			 S(STATE_REPLACEMENT_SHIPPED))
/* Escalated, with the platform waiting for more from one side. */
#define S_EVIDENCE	(S(STATE_EVIDENCE_FROM_BUYER) | \
			 S(STATE_EVIDENCE_FROM_SELLER))
/* Submitted and not ended: where messages and evidence may be added. */
#define S_OPEN		(S_CANCELLABLE | S_GOODS_BACK | \
			 S(STATE_ESCALATED) | S(STATE_REFUNDING) | S_EVIDENCE)

/* In a rule's "to": the case stays in the state it was in. */
#define SAME	STATE__MAX

/*
 * One rule: event ev, applied to a case of one of the types in a state in
 * from, by one of the actors, takes it to "to". A row whose why is not
 * NULL is a refusal with a reason more precise than the event's usual
 * "wrong state" sentence; its actors are 0 and it is only reported when no
 * row allows ev in that state.
 */
struct rule {
	enum case_event	 ev;
	unsigned	 from;
	unsigned	 types;
	unsigned	 actors;
	enum case_state	 to;
	const char	*why;
};

/*
 * The rules. Anything not allowed here is refused. On top of them,
 * machine_next() refuses first, whatever the event: a state the type of
 * case never reaches (see states[] below), a terminal state, and any event
 * but submit before submission. The admin is the platform: besides the
 * rulings, it may do what the seller may do with a new request, and
 * confirm receipt of returned goods. The system (policy deadlines, fast
 * track, the refund executor) approves, confirms receipt and confirms
 * exchanges when a deadline passes or a rule fires.
 */
static const struct rule rules[] = {
	/* Opening and withdrawing. */
	{ EV_SUBMIT, S(STATE_NONE), T_ANY, BUYER, STATE_REQUESTED, NULL },
	{ EV_CANCEL, S_CANCELLABLE, T_ANY, BUYER, STATE_CLOSED, NULL },
	{ EV_CANCEL, S_GOODS_BACK, T_ANY, 0, SAME,
	  "The goods are already on their way back; "
	  "the case can no longer be cancelled." },
	{ EV_CANCEL, S(STATE_ESCALATED) | S_EVIDENCE, T_ANY, 0, SAME,
	  "An escalated case can only be ended by the platform's ruling." },
	{ EV_CANCEL, S(STATE_REFUNDING), T_ANY, 0, SAME,
	  "The refund is already being paid; "
	  "the case can no longer be cancelled." },
	{ EV_RESUBMIT, S(STATE_REJECTED), T_ANY, BUYER, STATE_REQUESTED, NULL },

	/* The seller's answer to a request. */
	{ EV_APPROVE_REFUND, S(STATE_REQUESTED), T_ANY, SELLER | ADMIN | SYSTEM,
	  STATE_REFUNDING, NULL },
	{ EV_APPROVE_RETURN, S(STATE_REQUESTED), T_GOODS,
	  SELLER | ADMIN | SYSTEM, STATE_AWAITING_RETURN, NULL },
	{ EV_REJECT, S(STATE_REQUESTED), T_ANY, SELLER | ADMIN, STATE_REJECTED,
	  NULL },
	{ EV_OFFER, S(STATE_REQUESTED), T_ANY, SELLER, STATE_OFFERED, NULL },
	{ EV_ACCEPT_OFFER, S(STATE_OFFERED), T_ANY, BUYER, STATE_REFUNDING,
	  NULL },
	{ EV_DECLINE_OFFER, S(STATE_OFFERED), T_ANY, BUYER, STATE_REQUESTED,
	  NULL },

	/* Goods back, and the replacement out. */
	{ EV_SHIP_RETURN, S(STATE_AWAITING_RETURN), T_GOODS, BUYER,
	  STATE_RETURN_SHIPPED, NULL },
	{ EV_CONFIRM_RECEIPT, S(STATE_RETURN_SHIPPED), T(CASE_RETURN_REFUND),
	  SELLER | ADMIN | SYSTEM, STATE_REFUNDING, NULL },
	{ EV_CONFIRM_RECEIPT, S(STATE_RETURN_SHIPPED), T_EXCH,
	  SELLER | ADMIN | SYSTEM, STATE_RESHIPPING, NULL },
	{ EV_REFUSE_RECEIPT, S(STATE_RETURN_SHIPPED), T_GOODS, SELLER,
	  STATE_REJECTED, NULL },
	{ EV_SHIP_REPLACEMENT, S(STATE_RESHIPPING), T_EXCH, SELLER,
	  STATE_REPLACEMENT_SHIPPED, NULL },
	{ EV_CONFIRM_EXCHANGE, S(STATE_REPLACEMENT_SHIPPED), T_EXCH,
	  BUYER | SYSTEM, STATE_EXCHANGED, NULL },

	/* Disputes. */
	{ EV_ESCALATE, S(STATE_REJECTED), T_ANY, BUYER, STATE_ESCALATED, NULL },
	{ EV_RULE_REFUND, S(STATE_ESCALATED), T_ANY, ADMIN, STATE_REFUNDING,
	  NULL },
	{ EV_RULE_PARTIAL, S(STATE_ESCALATED), T_ANY, ADMIN, STATE_REFUNDING,
	  NULL },
	{ EV_RULE_REJECT, S(STATE_ESCALATED), T_ANY, ADMIN, STATE_CLOSED, NULL },
	/*
	 * The platform asks one side for more; what that side sends (evidence
	 * or a message) takes the case back to the platform, and so does the
	 * deadline when nothing came. The other side may still add, and the
	 * platform may still rule at any time.
	 */
	{ EV_ASK_BUYER, S(STATE_ESCALATED), T_ANY, ADMIN,
	  STATE_EVIDENCE_FROM_BUYER, NULL },
	{ EV_ASK_SELLER, S(STATE_ESCALATED), T_ANY, ADMIN,
	  STATE_EVIDENCE_FROM_SELLER, NULL },
	{ EV_ADD_EVIDENCE, S(STATE_EVIDENCE_FROM_BUYER), T_ANY, BUYER,
	  STATE_ESCALATED, NULL },
	{ EV_MESSAGE, S(STATE_EVIDENCE_FROM_BUYER), T_ANY, BUYER,
	  STATE_ESCALATED, NULL },
	{ EV_ADD_EVIDENCE, S(STATE_EVIDENCE_FROM_SELLER), T_ANY, SELLER,
	  STATE_ESCALATED, NULL },
	{ EV_MESSAGE, S(STATE_EVIDENCE_FROM_SELLER), T_ANY, SELLER,
	  STATE_ESCALATED, NULL },
	{ EV_RULE_REFUND, S_EVIDENCE, T_ANY, ADMIN, STATE_REFUNDING, NULL },
	{ EV_RULE_PARTIAL, S_EVIDENCE, T_ANY, ADMIN, STATE_REFUNDING, NULL },
	{ EV_RULE_REJECT, S_EVIDENCE, T_ANY, ADMIN, STATE_CLOSED, NULL },

	/* What happens when the state's policy deadline passes. */
	{ EV_DEADLINE, S(STATE_REQUESTED), T(CASE_REFUND_ONLY), SYSTEM,
	  STATE_REFUNDING, NULL },
	{ EV_DEADLINE, S(STATE_REQUESTED), T_GOODS, SYSTEM,
	  STATE_AWAITING_RETURN, NULL },
	{ EV_DEADLINE, S(STATE_OFFERED) | S(STATE_REJECTED) |
	  S(STATE_AWAITING_RETURN), T_ANY, SYSTEM, STATE_CLOSED, NULL },
	{ EV_DEADLINE, S(STATE_RETURN_SHIPPED), T(CASE_RETURN_REFUND), SYSTEM,
	  STATE_REFUNDING, NULL },
	{ EV_DEADLINE, S(STATE_RETURN_SHIPPED), T_EXCH, SYSTEM,
	  STATE_RESHIPPING, NULL },
	{ EV_DEADLINE, S(STATE_RESHIPPING), T_EXCH, SYSTEM, STATE_REFUNDING,
	  NULL },
	{ EV_DEADLINE, S(STATE_REPLACEMENT_SHIPPED), T_EXCH, SYSTEM,
	  STATE_EXCHANGED, NULL },
	{ EV_DEADLINE, S_EVIDENCE, T_ANY, SYSTEM, STATE_ESCALATED, NULL },
	{ EV_DEADLINE, S(STATE_ESCALATED), T_ANY, 0, SAME,
	  "An escalated case waits for the platform's ruling; "
	  "a missed deadline only shows it as overdue." },
	{ EV_DEADLINE, S(STATE_REFUNDING), T_ANY, 0, SAME,
	  "A refund being paid has no deadline; "
	  "the refund executor keeps retrying it." },

	/* The refund executor. */
	{ EV_REFUND_SUCCEEDED, S(STATE_REFUNDING), T_ANY, SYSTEM,
	  STATE_REFUNDED, NULL },
	{ EV_REFUND_FAILED, S(STATE_REFUNDING), T_ANY, SYSTEM, SAME, NULL },

	/* Talk and evidence, in any open state. */
	{ EV_MESSAGE, S_OPEN, T_ANY, PEOPLE, SAME, NULL },
	{ EV_ADD_EVIDENCE, S_OPEN, T_ANY, PEOPLE, SAME, NULL },
};

/* What is known of each event besides the rules. */
struct event_info {
	const char	*name;
	bool		 by_hand;	/* offered by machine_actions() */
	const char	*role_why;	/* a role that may not */
	const char	*state_why;	/* a state where nobody may */
	const char	*type_why;	/* a type of case it does not apply to */
};

static const char not_this_type[] =
    "This action does not apply to this type of case.";

static const struct event_info events[EV__MAX] = {
	{ "submit", false,
	  "Only the buyer can submit a request.",
	  "This case has already been submitted.",
	  not_this_type }, /* EV_SUBMIT */
	{ "cancel", true,
	  "Only the buyer can cancel a request.",
	  "This case can no longer be cancelled.",
	  not_this_type }, /* EV_CANCEL */
	{ "resubmit", true,
	  "Only the buyer can resubmit a request.",
	  "Only a rejected request can be modified and resubmitted.",
	  not_this_type }, /* EV_RESUBMIT */
	{ "approve_refund", true,
	  "Only the seller can approve a request.",
	  "Only a request waiting for the seller's answer can be approved.",
	  not_this_type }, /* EV_APPROVE_REFUND */
	{ "approve_return", true,
	  "Only the seller can ask for the goods back.",
	  "Only a request waiting for the seller's answer can be approved.",
	  "A refund-only request cannot ask for the goods back; "
	  "approve the refund, make an offer or reject it." },
	  /* EV_APPROVE_RETURN */
	{ "reject", true,
	  "Only the seller can reject a request.",
	  "Only a request waiting for the seller's answer can be rejected.",
	  not_this_type }, /* EV_REJECT */
	{ "offer", true,
	  "Only the seller can make an offer.",
	  "An offer can only be made on a request waiting for the seller's "
	  "answer.",
	  not_this_type }, /* EV_OFFER */
	{ "accept_offer", true,
	  "Only the buyer can accept an offer.",
	  "There is no open offer to accept.",
	  not_this_type }, /* EV_ACCEPT_OFFER */
	{ "decline_offer", true,
	  "Only the buyer can decline an offer.",
	  "There is no open offer to decline.",
	  not_this_type }, /* EV_DECLINE_OFFER */
	{ "ship_return", true,
	  "Only the buyer can ship the goods back.",
	  "The goods can only be shipped back once the seller has asked for "
	  "them.",
	  "A refund-only case has no goods to send back." },
	  /* EV_SHIP_RETURN */
	{ "confirm_receipt", true,
	  "Only the seller can confirm that the goods came back.",
	  "There is no return shipment on its way to confirm.",
	  "A refund-only case has no goods to send back." },
	  /* EV_CONFIRM_RECEIPT */
	{ "refuse_receipt", true,
	  "Only the seller can refuse the returned goods.",
	  "There is no return shipment on its way to refuse.",
	  "A refund-only case has no goods to send back." },
	  /* EV_REFUSE_RECEIPT */
	{ "ship_replacement", true,
	  "Only the seller can ship a replacement.",
	  "A replacement can only be shipped once the returned goods have "
	  "been received.",
	  "Only an exchange ships a replacement." },
	  /* EV_SHIP_REPLACEMENT */
	{ "confirm_exchange", true,
	  "Only the buyer can confirm that the replacement arrived.",
	  "There is no replacement on its way to confirm.",
	  "Only an exchange has a replacement to confirm." },
	  /* EV_CONFIRM_EXCHANGE */
	{ "escalate", true,
	  "Only the buyer can ask the platform to step in.",
	  "The platform can only be asked to step in after the seller has "
	  "rejected the request.",
	  not_this_type }, /* EV_ESCALATE */
	{ "rule_refund", true,
	  "Only the platform can rule on a dispute.",
	  "Only an escalated case can be ruled on.",
	  not_this_type }, /* EV_RULE_REFUND */
	{ "rule_partial", true,
	  "Only the platform can rule on a dispute.",
	  "Only an escalated case can be ruled on.",
	  not_this_type }, /* EV_RULE_PARTIAL */
	{ "rule_reject", true,
	  "Only the platform can rule on a dispute.",
	  "Only an escalated case can be ruled on.",
	  not_this_type }, /* EV_RULE_REJECT */
	{ "deadline", false,
	  "Only the system applies missed deadlines.",
	  "No deadline runs in this state.",
	  not_this_type }, /* EV_DEADLINE */
	{ "refund_succeeded", false,
	  "Only the refund executor can report a refund as paid.",
	  "No refund is being paid for this case.",
	  not_this_type }, /* EV_REFUND_SUCCEEDED */
	{ "refund_failed", false,
	  "Only the refund executor can report a refund as failed.",
	  "No refund is being paid for this case.",
	  not_this_type }, /* EV_REFUND_FAILED */
	{ "message", true,
	  "Only the buyer, the seller or the platform can write messages.",
	  "Messages can only be added to an open case.",
	  not_this_type }, /* EV_MESSAGE */
	{ "add_evidence", true,
	  "Only the buyer, the seller or the platform can add evidence.",
	  "Evidence can only be added to an open case.",
	  not_this_type }, /* EV_ADD_EVIDENCE */
	{ "ask_buyer", true,
	  "Only the platform can ask for more evidence.",
	  "More evidence can only be asked for on an escalated case.",
	  not_this_type }, /* EV_ASK_BUYER */
	{ "ask_seller", true,
	  "Only the platform can ask for more evidence.",
	  "More evidence can only be asked for on an escalated case.",
	  not_this_type }, /* EV_ASK_SELLER */
};

/* Each event's form contract: note, amount, shipping, photos, address (none when left out). */
#define NONE	NEED_NONE
#define OPT	NEED_OPTIONAL
#define REQ	NEED_REQUIRED
static const enum need event_forms[EV__MAX][EVF__MAX] = {
	{ NONE, NONE, NONE, NONE }, /* EV_SUBMIT (the request form) */
	{ NONE, NONE, NONE, NONE }, /* EV_CANCEL */
	{ OPT, OPT, NONE, OPT }, /* EV_RESUBMIT */
	{ NONE, NONE, NONE, NONE }, /* EV_APPROVE_REFUND */
	{ NONE, NONE, NONE, NONE, OPT }, /* EV_APPROVE_RETURN */
	{ REQ, NONE, NONE, OPT, NONE, OPT }, /* EV_REJECT */
	{ OPT, REQ, NONE, NONE, NONE, NONE, OPT }, /* EV_OFFER */
	{ NONE, NONE, NONE, NONE }, /* EV_ACCEPT_OFFER */
	{ NONE, NONE, NONE, NONE }, /* EV_DECLINE_OFFER */
	{ NONE, NONE, REQ, OPT }, /* EV_SHIP_RETURN */
	{ OPT, NONE, NONE, NONE }, /* EV_CONFIRM_RECEIPT */
	{ REQ, NONE, NONE, OPT }, /* EV_REFUSE_RECEIPT */
	{ NONE, NONE, REQ, NONE }, /* EV_SHIP_REPLACEMENT */
	{ NONE, NONE, NONE, NONE }, /* EV_CONFIRM_EXCHANGE */
	{ REQ, NONE, NONE, OPT }, /* EV_ESCALATE */
	{ REQ, NONE, NONE, NONE }, /* EV_RULE_REFUND */
	{ REQ, REQ, NONE, NONE }, /* EV_RULE_PARTIAL */
	{ REQ, NONE, NONE, NONE }, /* EV_RULE_REJECT */
	{ NONE, NONE, NONE, NONE }, /* EV_DEADLINE */
	{ NONE, NONE, NONE, NONE }, /* EV_REFUND_SUCCEEDED */
	{ NONE, NONE, NONE, NONE }, /* EV_REFUND_FAILED */
	{ REQ, NONE, NONE, OPT }, /* EV_MESSAGE */
	{ OPT, NONE, NONE, REQ }, /* EV_ADD_EVIDENCE */
	{ REQ, NONE, NONE, NONE }, /* EV_ASK_BUYER */
	{ REQ, NONE, NONE, NONE }, /* EV_ASK_SELLER */
};
#undef NONE
#undef OPT
#undef REQ

/* What each field's absence or presence is refused with. */
static const struct {
	const char	*missing;
	const char	*not_offered;
} field_why[EVF__MAX] = {
	{ "Give the reason in a few words.",
	  "This action does not take a note." }, /* EVF_NOTE */
	{ "Enter an amount.",
	  "This action does not take an amount." }, /* EVF_AMOUNT */
	{ "Enter the carrier and the waybill number.",
	  "This action does not take a waybill." }, /* EVF_SHIPPING */
	{ "Choose at least one photo.",
	  "This action does not take photos." }, /* EVF_PHOTOS */
	{ "Choose one of the shop's return addresses.",
	  "This action does not take an address." }, /* EVF_ADDRESS */
	{ "Choose a reason from the list.",
	  "This action does not take a refusal reason." }, /* EVF_REFUSAL */
	{ "Describe the compensation.",
	  "This action does not take a compensation." }, /* EVF_COMPENSATION */
};

static const char *const refusal_names[REFUSE__MAX] = {
	"used",		/* REFUSE_USED */
	"window",	/* REFUSE_WINDOW */
	"evidence",	/* REFUSE_EVIDENCE */
	"as_described",	/* REFUSE_AS_DESCRIBED */
	"incomplete",	/* REFUSE_INCOMPLETE */
	"other",	/* REFUSE_OTHER */
};

const char *
refusal_name(enum refusal why)
{
	assert((unsigned)why < REFUSE__MAX);
	return refusal_names[why];
}

bool
refusal_from_name(const char *name, enum refusal *out)
{
	size_t i;

	for (i = 0; name != NULL && i < REFUSE__MAX; i++)
		if (strcmp(name, refusal_names[i]) == 0) {
			*out = (enum refusal)i;
			return true;
		}
	return false;
}

static const char *const comp_names[COMP__MAX] = {
	"coupon",		/* COMP_COUPON */
	"gift",			/* COMP_GIFT */
	"free_shipping",	/* COMP_FREE_SHIPPING */
	"postage_refund",	/* COMP_POSTAGE_REFUND */
};

const char *
comp_kind_name(enum comp_kind kind)
{
	assert((unsigned)kind < COMP__MAX);
	return comp_names[kind];
}

bool
comp_kind_from_name(const char *name, enum comp_kind *out)
{
	size_t i;

	for (i = 0; name != NULL && i < COMP__MAX; i++)
		if (strcmp(name, comp_names[i]) == 0) {
			*out = (enum comp_kind)i;
			return true;
		}
	return false;
}

bool
comp_check(enum comp_kind kind, int64_t value_cents, bool has_text,
    bool has_code_or_expiry, const char **why)
{
	if ((kind == COMP_COUPON || kind == COMP_POSTAGE_REFUND) &&
	    value_cents <= 0) {
		*why = "Enter the value of the coupon or of the postage.";
		return false;
	}
	if (kind == COMP_GIFT && !has_text) {
		*why = "Describe the gift.";
		return false;
	}
	if (kind != COMP_COUPON && has_code_or_expiry) {
		*why = "Only a coupon has a code and an expiry date.";
		return false;
	}
	return true;
}

static const char *const close_names[CLOSE__MAX] = {
	"cancelled",	/* CLOSE_CANCELLED */
	"expired",	/* CLOSE_EXPIRED */
	"ruled_reject",	/* CLOSE_RULED_REJECT */
	"exchanged",	/* CLOSE_EXCHANGED */
	"refunded",	/* CLOSE_REFUNDED */
};

/* What is known of each state besides the rules. */
struct state_info {
	const char		*name;
	unsigned		 types;		/* the types that reach it */
	const char		*type_why;	/* for the other types */
	bool			 terminal;
	const char		*done_why;	/* terminal: why nothing applies */
	enum deadline_kind	 deadline;
	enum actor		 waiting;	/* ACTOR__MAX: nobody */
};

static const char no_goods[] = "A refund-only case has no goods to send back.";
static const char no_exchange[] = "Only an exchange ships a replacement.";

static const struct state_info states[STATE__MAX] = {
	{ "none", T_ANY, NULL, false, NULL,
	  DEADLINE_NONE, ACTOR_BUYER }, /* STATE_NONE */
	{ "requested", T_ANY, NULL, false, NULL,
	  DEADLINE_SELLER_RESPONSE, ACTOR_SELLER }, /* STATE_REQUESTED */
	{ "offered", T_ANY, NULL, false, NULL,
	  DEADLINE_BUYER_RESPONSE, ACTOR_BUYER }, /* STATE_OFFERED */
	{ "rejected", T_ANY, NULL, false, NULL,
	  DEADLINE_ESCALATION, ACTOR_BUYER }, /* STATE_REJECTED */
	{ "awaiting_return", T_GOODS, no_goods, false, NULL,
	  DEADLINE_BUYER_SHIP, ACTOR_BUYER }, /* STATE_AWAITING_RETURN */
	{ "return_shipped", T_GOODS, no_goods, false, NULL,
	  DEADLINE_SELLER_RECEIVE, ACTOR_SELLER }, /* STATE_RETURN_SHIPPED */
	{ "reshipping", T_EXCH, no_exchange, false, NULL,
	  DEADLINE_SELLER_RESHIP, ACTOR_SELLER }, /* STATE_RESHIPPING */
	{ "replacement_shipped", T_EXCH, no_exchange, false, NULL,
	  DEADLINE_BUYER_CONFIRM, ACTOR_BUYER },
	  /* STATE_REPLACEMENT_SHIPPED */
	{ "escalated", T_ANY, NULL, false, NULL,
	  DEADLINE_PLATFORM_RULING, ACTOR_ADMIN }, /* STATE_ESCALATED */
	{ "refunding", T_ANY, NULL, false, NULL,
	  DEADLINE_NONE, ACTOR_SYSTEM }, /* STATE_REFUNDING */
	{ "refunded", T_ANY, NULL, true, "This case is already refunded.",
	  DEADLINE_NONE, ACTOR__MAX }, /* STATE_REFUNDED */
	{ "exchanged", T_EXCH, "Only an exchange ends with a replacement.",
	  true, "This exchange is already complete.",
	  DEADLINE_NONE, ACTOR__MAX }, /* STATE_EXCHANGED */
	{ "closed", T_ANY, NULL, true, "This case is already closed.",
	  DEADLINE_NONE, ACTOR__MAX }, /* STATE_CLOSED */
	{ "evidence_from_buyer", T_ANY, NULL, false, NULL,
	  DEADLINE_EVIDENCE_REQUEST, ACTOR_BUYER },
	  /* STATE_EVIDENCE_FROM_BUYER */
	{ "evidence_from_seller", T_ANY, NULL, false, NULL,
	  DEADLINE_EVIDENCE_REQUEST, ACTOR_SELLER },
	  /* STATE_EVIDENCE_FROM_SELLER */
};

static const char *const type_names[CASE__MAX] = {
	"refund_only",		/* CASE_REFUND_ONLY */
	"return_refund",	/* CASE_RETURN_REFUND */
	"exchange",		/* CASE_EXCHANGE */
};

static const char *const actor_names[ACTOR__MAX] = {
	"buyer",	/* ACTOR_BUYER */
	"seller",	/* ACTOR_SELLER */
	"admin",	/* ACTOR_ADMIN */
	"system",	/* ACTOR_SYSTEM */
};

const char *
case_type_name(enum case_type type)
{
	assert((unsigned)type < CASE__MAX);
	return type_names[type];
}

const char *
case_state_name(enum case_state state)
{
	assert((unsigned)state < STATE__MAX);
	return states[state].name;
}

const char *
case_event_name(enum case_event ev)
{
	assert((unsigned)ev < EV__MAX);
	return events[ev].name;
}

const char *
close_reason_name(enum close_reason why)
{
	assert((unsigned)why < CLOSE__MAX);
	return close_names[why];
}

const char *
actor_name(enum actor who)
{
	assert((unsigned)who < ACTOR__MAX);
	return actor_names[who];
}

bool
case_type_from_name(const char *name, enum case_type *out)
{
	size_t i;

	for (i = 0; name != NULL && i < CASE__MAX; i++)
		if (strcmp(name, type_names[i]) == 0) {
			*out = (enum case_type)i;
			return true;
		}
	return false;
}

bool
case_state_from_name(const char *name, enum case_state *out)
{
	size_t i;

	/* Starts after STATE_NONE, which is never stored. */
	for (i = STATE_NONE + 1; name != NULL && i < STATE__MAX; i++)
		if (strcmp(name, states[i].name) == 0) {
			*out = (enum case_state)i;
			return true;
		}
	return false;
}

bool
case_event_from_name(const char *name, enum case_event *out)
{
	size_t i;

	for (i = 0; name != NULL && i < EV__MAX; i++)
		if (strcmp(name, events[i].name) == 0) {
			*out = (enum case_event)i;
			return true;
		}
	return false;
}

bool
close_reason_from_name(const char *name, enum close_reason *out)
{
	size_t i;

	for (i = 0; name != NULL && i < CLOSE__MAX; i++)
		if (strcmp(name, close_names[i]) == 0) {
			*out = (enum close_reason)i;
			return true;
		}
	return false;
}

bool
actor_from_name(const char *name, enum actor *out)
{
	size_t i;

	for (i = 0; name != NULL && i < ACTOR__MAX; i++)
		if (strcmp(name, actor_names[i]) == 0) {
			*out = (enum actor)i;
			return true;
		}
	return false;
}

/*
 * Checks, in this order: the type reaches the state; the state is not
 * terminal; the case is submitted (or the event is submit); then scans the
 * rules. When no rule allows, the reason is the event's role sentence if a
 * rule would allow another actor, its type sentence if a rule would allow
 * another type, a refusal row's reason if one matches, and its state
 * sentence otherwise.
 */
enum rc
machine_next(enum case_type type, enum case_state from, enum case_event ev,
    enum actor who, enum case_state *to, const char **why)
{
	const struct rule *r;
	const char *reason, *refusal = NULL;
	bool state_ok = false, type_ok = false;
	size_t i;

	assert((unsigned)type < CASE__MAX);
	assert((unsigned)from < STATE__MAX);
	assert((unsigned)ev < EV__MAX);
	assert((unsigned)who < ACTOR__MAX);

	*to = from;
	if (!(states[from].types & T(type))) {
		reason = states[from].type_why;
		goto out;
	}
	if (states[from].terminal) {
		reason = states[from].done_why;
		goto out;
	}
	if (from == STATE_NONE && ev != EV_SUBMIT) {
		reason = "This case has not been submitted yet.";
		goto out;
	}

	for (i = 0; i < NITEMS(rules); i++) {
		r = &rules[i];
		if (r->ev != ev || !(r->from & S(from)))
			continue;
		if (r->why != NULL) {
			if (r->types & T(type))
				refusal = r->why;
			continue;
		}
		state_ok = true;
		if (!(r->types & T(type)))
			continue;
		type_ok = true;
		if (!(r->actors & A(who)))
			continue;
		*to = r->to == SAME ? from : r->to;
		reason = NULL;
		goto out;
	}

	if (type_ok)
		reason = events[ev].role_why;
	else if (state_ok)
		reason = events[ev].type_why;
	else if (refusal != NULL)
		reason = refusal;
	else
		reason = events[ev].state_why;
out:
	if (why != NULL)
		*why = reason;
	return reason == NULL ? RC_OK : RC_DENIED;
}

size_t
machine_actions(enum case_type type, enum case_state state, enum actor who,
    enum case_event *out, size_t outsz)
{
	enum case_state to;
	size_t i, n = 0;

	for (i = 0; i < EV__MAX; i++) {
		if (!events[i].by_hand ||
		    machine_next(type, state, (enum case_event)i, who, &to,
		    NULL) != RC_OK)
			continue;
		if (n < outsz)
			out[n] = (enum case_event)i;
		n++;
	}
	return n;
}

enum need
machine_event_needs(enum case_event ev, enum event_field f)
{
	assert((unsigned)ev < EV__MAX && (unsigned)f < EVF__MAX);
	return event_forms[ev][f];
}

bool
machine_event_fields_ok(enum case_event ev, const bool present[EVF__MAX],
    enum event_field *field, const char **why)
{
	size_t f;

	assert((unsigned)ev < EV__MAX);
	for (f = 0; f < EVF__MAX; f++) {
		*field = (enum event_field)f;
		if (event_forms[ev][f] == NEED_REQUIRED && !present[f]) {
			if (f == EVF_NOTE && ev == EV_MESSAGE)
				*why = "Write a message.";
			else if (f == EVF_NOTE && (ev == EV_RULE_REFUND ||
			    ev == EV_RULE_PARTIAL || ev == EV_RULE_REJECT))
				*why = "Explain the ruling; both sides will "
				    "read it.";
			else if (f == EVF_NOTE && (ev == EV_ASK_BUYER ||
			    ev == EV_ASK_SELLER))
				*why = "Say what evidence you need.";
			else
				*why = field_why[f].missing;
			return false;
		}
		if (event_forms[ev][f] == NEED_NONE && present[f]) {
			*why = field_why[f].not_offered;
			return false;
		}
	}
	return true;
}

enum close_reason
machine_close_reason(enum case_event ev, enum case_state to)
{
	if (to == STATE_REFUNDED)
		return CLOSE_REFUNDED;
	if (to == STATE_EXCHANGED)
		return CLOSE_EXCHANGED;
	switch (ev) {
	case EV_CANCEL:
		return CLOSE_CANCELLED;
	case EV_RULE_REJECT:
		return CLOSE_RULED_REJECT;
	default:
		return CLOSE_EXPIRED;
	}
}

bool
case_state_terminal(enum case_state state)
{
	assert((unsigned)state < STATE__MAX);
	return states[state].terminal;
}

enum deadline_kind
machine_deadline(enum case_state state)
{
	assert((unsigned)state < STATE__MAX);
	return states[state].deadline;
}

bool
machine_deadline_acts(enum case_state state)
{
	enum case_state to;
	size_t t;

	for (t = 0; t < CASE__MAX; t++)
		if (machine_next((enum case_type)t, state, EV_DEADLINE,
		    ACTOR_SYSTEM, &to, NULL) == RC_OK)
			return true;
	return false;
}

enum actor
machine_waiting_for(enum case_state state)
{
	assert((unsigned)state < STATE__MAX);
	return states[state].waiting;
}

/*
 * A rule that names refunding as its target always comes from another
 * state (refund_failed, message and add_evidence stay with SAME), so the
 * answer is: some allowing rule for ev leads to refunding.
 */
bool
machine_moves_money(enum case_event ev, enum case_state to)
{
	size_t i;

	if (to != STATE_REFUNDING)
		return false;
	for (i = 0; i < NITEMS(rules); i++)
		if (rules[i].ev == ev && rules[i].why == NULL &&
		    rules[i].to == STATE_REFUNDING)
			return true;
	return false;
}
