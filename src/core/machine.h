/* machine.h: the case state machine, pure: which event takes a case from which state to which, and who may trigger it. */
#ifndef MACHINE_H
#define MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "base/rc.h"

/* What the buyer asks for; fixed when the case is opened. */
enum case_type {
	CASE_REFUND_ONLY,	/* money back, goods stay with the buyer */
	CASE_RETURN_REFUND,	/* goods go back, then money back */
	CASE_EXCHANGE,		/* goods go back, a replacement comes */
	CASE__MAX
};

/* Where a case stands; see the state table in DESIGN.md. */
enum case_state {
	STATE_NONE,		/* not yet submitted; never stored */
	STATE_REQUESTED,	/* waiting for the seller's answer */
	STATE_OFFERED,		/* the seller offered a settlement */
	STATE_REJECTED,		/* the seller said no */
	STATE_AWAITING_RETURN,	/* the buyer must ship the goods back */
	STATE_RETURN_SHIPPED,	/* the goods are on their way back */
	STATE_RESHIPPING,	/* the seller must ship a replacement */
	STATE_REPLACEMENT_SHIPPED, /* the replacement is on its way */
	STATE_ESCALATED,	/* the platform must rule */
	STATE_REFUNDING,	/* the refund executor is paying */
	STATE_REFUNDED,		/* terminal: money paid back */
	STATE_EXCHANGED,	/* terminal: replacement received */
	STATE_CLOSED,		/* terminal: ended without a refund */
	STATE_EVIDENCE_FROM_BUYER, /* escalated: the platform asked the buyer for more */
	STATE_EVIDENCE_FROM_SELLER, /* escalated: the platform asked the seller for more */
	STATE__MAX
};

/* What can happen to a case. */
enum case_event {
	EV_SUBMIT,		/* the buyer opens the case */
	EV_CANCEL,		/* the buyer withdraws it */
	EV_RESUBMIT,		/* the buyer modifies a rejected request */
	EV_APPROVE_REFUND,	/* refund without the goods back */
	EV_APPROVE_RETURN,	/* ask for the goods back first */
	EV_REJECT,		/* refuse the request (reason required) */
	EV_OFFER,		/* the seller offers a settlement */
	EV_ACCEPT_OFFER,	/* the buyer takes it: refund */
	EV_DECLINE_OFFER,	/* the buyer refuses it: back to the seller */
	EV_SHIP_RETURN,		/* the buyer enters carrier and waybill */
	EV_CONFIRM_RECEIPT,	/* the seller has the goods back */
	EV_REFUSE_RECEIPT,	/* the seller refuses the returned goods */
	EV_SHIP_REPLACEMENT,	/* the seller ships the replacement */
	EV_CONFIRM_EXCHANGE,	/* the buyer has the replacement */
	EV_ESCALATE,		/* the buyer asks the platform to step in */
	EV_RULE_REFUND,		/* the platform rules: full refund */
	EV_RULE_PARTIAL,	/* the platform rules: partial refund */
	EV_RULE_REJECT,		/* the platform rules: no refund */
	EV_DEADLINE,		/* the state's policy deadline passed */
	EV_REFUND_SUCCEEDED,	/* the refund executor paid */
	EV_REFUND_FAILED,	/* the refund executor failed; it retries */
	EV_MESSAGE,		/* a message; no change of state */
	EV_ADD_EVIDENCE,	/* evidence added; no change of state */
	EV_ASK_BUYER,		/* the platform asks the buyer for more evidence */
	EV_ASK_SELLER,		/* the platform asks the seller for more evidence */
	EV__MAX
};

/* Who triggers an event. */
enum actor {
	ACTOR_BUYER,		/* the buyer who opened the case */
	ACTOR_SELLER,		/* the shop the order belongs to */
	ACTOR_ADMIN,		/* the platform */
	ACTOR_SYSTEM,		/* deadlines, fast track, the refund executor */
	ACTOR__MAX		/* also: nobody (see machine_waiting_for) */
};

/* Which policy deadline runs while a case is in a state. */
enum deadline_kind {
	DEADLINE_NONE,			/* no deadline */
	DEADLINE_SELLER_RESPONSE,	/* seller_response_hours */
	DEADLINE_BUYER_RESPONSE,	/* buyer_response_hours */
	DEADLINE_BUYER_SHIP,		/* buyer_ship_days */
	DEADLINE_SELLER_RECEIVE,	/* seller_receive_days */
	DEADLINE_SELLER_RESHIP,		/* seller_reship_days */
	DEADLINE_BUYER_CONFIRM,		/* buyer_confirm_days */
	DEADLINE_PLATFORM_RULING,	/* platform_ruling_days */
	DEADLINE_ESCALATION,		/* escalation_days: a refused request */
	DEADLINE_EVIDENCE_REQUEST,	/* evidence_request_hours */
	DEADLINE__MAX
};

/* Why a case ended; stored in cases.close_reason by its name. */
enum close_reason {
	CLOSE_CANCELLED,	/* the buyer withdrew it */
	CLOSE_EXPIRED,		/* a deadline passed without an answer */
	CLOSE_RULED_REJECT,	/* the platform ruled no refund */
	CLOSE_EXCHANGED,	/* the replacement arrived */
	CLOSE_REFUNDED,		/* the money was paid back */
	CLOSE__MAX
};

/* Whether an event's form asks for a field. */
enum need {
	NEED_NONE,		/* not offered: sending it is refused */
	NEED_OPTIONAL,
	NEED_REQUIRED,
	NEED__MAX
};

/* The fields an event's form can carry besides the event itself. */
enum event_field {
	EVF_NOTE,		/* a reason, message, ruling or condition */
	EVF_AMOUNT,		/* offer, partial ruling, new amount */
	EVF_SHIPPING,		/* carrier and waybill number, both */
	EVF_PHOTOS,		/* photos attached to the event */
	EVF_ADDRESS,		/* one of the shop's return addresses */
	EVF_REFUSAL,		/* a refusal reason from the list (enum refusal) */
	EVF_COMPENSATION,	/* a structured compensation (enum comp_kind) */
	EVF__MAX
};

/*
 * Name tables: each returns the lower-case snake name used in the
 * database and in URLs ("refund_only", "awaiting_return",
 * "approve_refund", "system"), a static string never to be freed. The
 * argument must be a valid constant (below its __MAX).
 */
const char	*case_type_name(enum case_type type);
const char	*case_state_name(enum case_state state);
const char	*case_event_name(enum case_event ev);
const char	*actor_name(enum actor who);
const char	*close_reason_name(enum close_reason why);

/*
 * The reverse: when name (which may be NULL) is exactly one of the names
 * above, stores the constant in *out and returns true; otherwise returns
 * false and leaves *out alone. case_state_from_name() refuses "none":
 * STATE_NONE is never stored nor named in a URL.
 */
bool	case_type_from_name(const char *name, enum case_type *out);
bool	case_state_from_name(const char *name, enum case_state *out);
bool	case_event_from_name(const char *name, enum case_event *out);
bool	actor_from_name(const char *name, enum actor *out);
bool	close_reason_from_name(const char *name, enum close_reason *out);

/* Why a seller refuses a request: the list the reject form offers. */
enum refusal {
	REFUSE_USED,		/* the goods were used or damaged by the buyer */
	REFUSE_WINDOW,		/* asked after the return window */
	REFUSE_EVIDENCE,	/* the photos do not show the problem */
	REFUSE_AS_DESCRIBED,	/* the goods match their description */
	REFUSE_INCOMPLETE,	/* parts, tags or packaging missing */
	REFUSE_OTHER,		/* explained in the note */
	REFUSE__MAX
};

/* The refusal's code ("used"), stored in cases.refuse_reason. */
const char	*refusal_name(enum refusal why);
bool	refusal_from_name(const char *name, enum refusal *out);

/* What a seller may give besides money (the seeds' 小礼品, 优惠券, 免运费). */
enum comp_kind {
	COMP_COUPON,		/* a value, a code, an expiry */
	COMP_GIFT,		/* described */
	COMP_FREE_SHIPPING,	/* on the next order */
	COMP_POSTAGE_REFUND,	/* the return postage paid back: a value */
	COMP__MAX
};

const char	*comp_kind_name(enum comp_kind kind);
bool	comp_kind_from_name(const char *name, enum comp_kind *out);

/*
 * Checks a compensation of kind: a coupon and a postage refund need a
 * value above zero, a gift a description; only a coupon has a code or
 * an expiry. Returns true, or false with *why (a msgid).
 */
bool	comp_check(enum comp_kind kind, int64_t value_cents, bool has_text,
	    bool has_code_or_expiry, const char **why);

/*
 * Decides whether who may apply ev to a case of this type that is in state
 * from. Returns RC_OK and stores the new state in *to (equal to from for
 * events that change no state), and NULL in *why. Otherwise returns
 * RC_DENIED, stores from in *to and in *why a static English sentence for
 * the person who tried, saying what is wrong: the role, the state, or the
 * type of case. why may be NULL. Limits kept elsewhere (attempts, the
 * escalation window, amounts) are not checked here.
 */
enum rc	machine_next(enum case_type type, enum case_state from,
	    enum case_event ev, enum actor who, enum case_state *to,
	    const char **why);

/*
 * Lists, in enum order, the events that who may trigger by hand in this
 * state (every event machine_next() allows except submit, deadline,
 * refund_succeeded and refund_failed), storing at most outsz of them in
 * out (which may be NULL when outsz is 0). Returns how many there are,
 * which may be more than outsz; EV__MAX always suffices.
 */
size_t	machine_actions(enum case_type type, enum case_state state,
	    enum actor who, enum case_event *out, size_t outsz);

/*
 * The form contract of ev, the one table that the page drawing the form,
 * the code reading it and the engine refusing it all read: whether its
 * form asks for field f. Events nobody sends by hand ask for nothing.
 */
enum need machine_event_needs(enum case_event ev, enum event_field f);

/*
 * Checks what an event carries against its form contract: present[f]
 * tells whether field f came with a value (a note that is not blank, an
 * amount that is not zero, a carrier or a waybill, a photo). Returns
 * true, or false with *field and *why (a static English sentence) for
 * the first required field that is missing or offered field that is not.
 */
bool	machine_event_fields_ok(enum case_event ev,
	    const bool present[EVF__MAX], enum event_field *field,
	    const char **why);

/* Why a case ends when ev takes it into the terminal state to. */
enum close_reason machine_close_reason(enum case_event ev,
	    enum case_state to);

/* Returns true for refunded, exchanged and closed. */
bool	case_state_terminal(enum case_state state);

/* Returns which policy deadline runs in state, or DEADLINE_NONE. */
enum deadline_kind machine_deadline(enum case_state state);

/*
 * Tells whether the system acts when the deadline of state passes (for
 * some type of case): true for every state with a deadline except
 * escalated, which is only shown as overdue. In the two evidence states
 * (the platform asked one side for more) the case goes back to escalated.
 * The schema lists these states too: cases.due_at, which the worker's
 * claims read (sql/025); tests/db/test_cases.c checks them.
 */
bool	machine_deadline_acts(enum case_state state);

/*
 * Returns who must act next in state: the buyer for an unsubmitted case,
 * ACTOR_SYSTEM while refunding, ACTOR__MAX (nobody) in a terminal state.
 */
enum actor machine_waiting_for(enum case_state state);

/*
 * Returns true when a transition by ev that machine_next() allowed into to
 * starts paying money: the case enters refunding from another state. False
 * for events that keep a refunding case refunding (refund_failed, message,
 * add_evidence).
 */
bool	machine_moves_money(enum case_event ev, enum case_state to);

#endif /* MACHINE_H */
