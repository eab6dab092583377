/* words.c: the words the pages of every desk use for states, types, events, actors and close reasons (msgids, translated by the caller). */
#include <stddef.h>

#include "base/i18n.h"
#include "pages/words.h"

/*
 * How each event shows: its button, its timeline line, the labels of the
 * fields its form asks for (which fields, and whether they are required,
 * is the machine's form contract: machine_event_needs()).
 */
static const struct event_words events[EV__MAX] = {
	{ NULL, N_("Request submitted"), NULL, NULL, false }, /* EV_SUBMIT */
	{ N_("Cancel the request"), N_("Request cancelled"), NULL, NULL, true }, /* EV_CANCEL */
	{ N_("Change and send again"),
	  N_("Request sent again"),
	  N_("What changed"),
	  N_("New amount (optional)"),
	  false }, /* EV_RESUBMIT */
	{ N_("Approve the refund"), N_("Refund approved"), NULL, NULL, false }, /* EV_APPROVE_REFUND */
	{ N_("Approve the return"), N_("Return approved"), NULL, NULL, false }, /* EV_APPROVE_RETURN */
	{ N_("Refuse"), N_("Request refused"), N_("Why you refuse"), NULL, true }, /* EV_REJECT */
	{ N_("Offer a partial refund"),
	  N_("Partial refund offered"),
	  N_("Terms (e.g. a coupon as well)"),
	  N_("Amount offered"),
	  false }, /* EV_OFFER */
	{ N_("Accept the offer"), N_("Offer accepted"), NULL, NULL, false }, /* EV_ACCEPT_OFFER */
	{ N_("Decline the offer"), N_("Offer declined"), NULL, NULL, true }, /* EV_DECLINE_OFFER */
	{ N_("I have sent the goods back"),
	  N_("Goods sent back"),
	  NULL,
	  NULL,
	  false }, /* EV_SHIP_RETURN */
	{ N_("Confirm the goods arrived"),
	  N_("Returned goods received"),
	  N_("Condition of the goods (optional)"),
	  NULL,
	  false }, /* EV_CONFIRM_RECEIPT */
	{ N_("Refuse the returned goods"),
	  N_("Returned goods refused"),
	  N_("What is wrong with them"),
	  NULL,
	  true }, /* EV_REFUSE_RECEIPT */
	{ N_("Replacement shipped"),
	  N_("Replacement shipped"),
	  NULL,
	  NULL,
	  false }, /* EV_SHIP_REPLACEMENT */
	{ N_("I received the replacement"),
	  N_("Replacement received"),
	  NULL,
	  NULL,
	  false }, /* EV_CONFIRM_EXCHANGE */
	{ N_("Ask the platform to step in"),
	  N_("Escalated to the platform"),
	  N_("Why the refusal is wrong"),
	  NULL,
	  false }, /* EV_ESCALATE */
	{ N_("Rule: full refund"),
	  N_("Platform ruled a full refund"),
	  N_("Ruling"),
	  NULL,
	  false }, /* EV_RULE_REFUND */
	{ N_("Rule: partial refund"),
	  N_("Platform ruled a partial refund"),
	  N_("Ruling"),
	  N_("Amount to refund"),
	  false }, /* EV_RULE_PARTIAL */
	{ N_("Rule: no refund"),
	  N_("Platform ruled no refund"),
	  N_("Ruling"),
	  NULL,
	  true }, /* EV_RULE_REJECT */
	{ NULL, N_("Deadline passed"), NULL, NULL, false }, /* EV_DEADLINE */
	{ NULL, N_("Refund paid"), NULL, NULL, false }, /* EV_REFUND_SUCCEEDED */
	{ NULL,
	  N_("Refund attempt failed; it will be retried"),
	  NULL,
	  NULL,
	  false }, /* EV_REFUND_FAILED */
	{ N_("Send a message"), N_("Message"), N_("Message"), NULL, false }, /* EV_MESSAGE */
	{ N_("Add photos"),
	  N_("Photos added"),
	  N_("Comment (optional)"),
	  NULL,
	  false }, /* EV_ADD_EVIDENCE */
	{ N_("Ask the buyer for more evidence"),
	  N_("The platform asked the buyer for more evidence"),
	  N_("What the buyer should send"),
	  NULL,
	  false }, /* EV_ASK_BUYER */
	{ N_("Ask the seller for more evidence"),
	  N_("The platform asked the seller for more evidence"),
	  N_("What the seller should send"),
	  NULL,
	  false }, /* EV_ASK_SELLER */
};

/* Each state in words, and what its deadline does. */
static const struct {
	const char	*words;
	const char	*when_due;	/* "%s" is the deadline; NULL: none */
} states[STATE__MAX] = {
	{ N_("Not submitted"), NULL }, /* STATE_NONE */
	{ N_("Waiting for the seller to answer"),
	  N_("If the seller does not answer by %s, the request is approved automatically.") }, /* STATE_REQUESTED */
	{ N_("The seller made an offer"),
	  N_("If the buyer does not answer by %s, the case closes.") }, /* STATE_OFFERED */
	{ N_("The seller refused"),
	  N_("If the buyer neither changes the request nor escalates by %s, the case closes.") }, /* STATE_REJECTED */
	{ N_("Approved: waiting for the goods to be sent back"),
	  N_("If no waybill is entered by %s, the case closes.") }, /* STATE_AWAITING_RETURN */
	{ N_("Goods on their way back to the seller"),
	  N_("If the seller does not confirm receipt by %s, it is confirmed automatically.") }, /* STATE_RETURN_SHIPPED */
	{ N_("Waiting for the seller to ship the replacement"),
	  N_("If the seller does not ship by %s, the exchange becomes a refund.") }, /* STATE_RESHIPPING */
	{ N_("Replacement on its way to the buyer"),
	  N_("If the buyer does not confirm by %s, the exchange is completed automatically.") }, /* STATE_REPLACEMENT_SHIPPED */
	{ N_("The platform is reviewing the case"),
	  N_("The platform rules by %s.") }, /* STATE_ESCALATED */
	{ N_("Refund being paid"), NULL }, /* STATE_REFUNDING */
	{ N_("Refunded"), NULL }, /* STATE_REFUNDED */
	{ N_("Exchange completed"), NULL }, /* STATE_EXCHANGED */
	{ N_("Closed"), NULL }, /* STATE_CLOSED */
	{ N_("Platform waiting for the buyer's evidence"),
	  N_("If the buyer sends nothing by %s, the case goes back to the platform without it.") },
	  /* STATE_EVIDENCE_FROM_BUYER */
	{ N_("Platform waiting for the seller's evidence"),
	  N_("If the seller sends nothing by %s, the case goes back to the platform without it.") },
	  /* STATE_EVIDENCE_FROM_SELLER */
};

static const char *const type_words[CASE__MAX] = {
	N_("Refund only"), /* CASE_REFUND_ONLY */
	N_("Return and refund"), /* CASE_RETURN_REFUND */
	N_("Exchange"), /* CASE_EXCHANGE */
};

static const char *const actor_words[ACTOR__MAX] = {
	N_("the buyer"), /* ACTOR_BUYER */
	N_("the seller"), /* ACTOR_SELLER */
	N_("the platform"), /* ACTOR_ADMIN */
	N_("the system"), /* ACTOR_SYSTEM */
};

static const char *const close_words[CLOSE__MAX] = {
	N_("cancelled by the buyer"), /* CLOSE_CANCELLED */
	N_("closed when its deadline passed"), /* CLOSE_EXPIRED */
	N_("the platform ruled no refund"), /* CLOSE_RULED_REJECT */
	N_("exchange completed"), /* CLOSE_EXCHANGED */
	N_("refunded"), /* CLOSE_REFUNDED */
};

const struct event_words *
words_event(enum case_event ev)
{
	return &events[ev < EV__MAX ? ev : EV_MESSAGE];
}

const char *
words_state(enum case_state s)
{
	return s < STATE__MAX ? states[s].words : "";
}

const char *
words_when_due(enum case_state s)
{
	return s < STATE__MAX ? states[s].when_due : NULL;
}

const char *
words_type(enum case_type t)
{
	return t < CASE__MAX ? type_words[t] : "";
}

const char *
words_actor(enum actor a)
{
	return a < ACTOR__MAX ? actor_words[a] : "";
}

const char *
words_close(enum close_reason why)
{
	return why < CLOSE__MAX ? close_words[why] : "";
}
