/* words.h: the words the pages of every desk use for states, types, events, actors and close reasons (msgids, translated by the caller). */
#ifndef WORDS_H
#define WORDS_H

#include <stdbool.h>

#include "core/machine.h"

/*
 * How an event shows: its button, its timeline line, and the labels of
 * the fields its form asks for. Which fields, and whether they are
 * required, is the machine's form contract (machine_event_needs()).
 */
struct event_words {
	const char	*button;	/* NULL: never a button */
	const char	*done;	/* the timeline's words */
	const char	*note;	/* label of the note field */
	const char	*amount;	/* label of the amount field */
	bool		 danger;	/* drawn as a refusal, confirmed first */
};

/* Each returns a static msgid ("" or NULL as said when there is none). */
const struct event_words *words_event(enum case_event ev);
const char	*words_state(enum case_state s);	/* "Waiting for the seller to answer" */
const char	*words_when_due(enum case_state s);	/* "%s" is the deadline; NULL: none */
const char	*words_type(enum case_type t);	/* "Return and refund" */
const char	*words_actor(enum actor a);	/* "the seller" */
const char	*words_close(enum close_reason why);	/* "cancelled by the buyer" */

#endif /* WORDS_H */
