/* talk.h: the staff's side of a case in one transaction each: an internal note, an assignment to one of the shop's sellers, and marking a case read. */
#ifndef TALK_H
#define TALK_H

#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "core/machine.h"
#include "store/db.h"

/* Who acts on which case, and with what. */
struct talk_act {
	int64_t		 case_id;
	enum actor	 who;	/* ACTOR_SELLER or ACTOR_ADMIN (notes, assign) */
	int64_t		 user_id;
	int64_t		 shop_id;	/* a seller's shop */
	const char	*token;	/* signed one-time token (purpose "note" or "assign") */
	const char	*body;	/* a note: 1..2000 characters */
	int64_t		 assignee_id;	/* assign: a seller of the case's shop, 0 = nobody */
	time_t		 now;
};

/*
 * Adds an internal note to a case: a seller of the case's shop or an
 * admin (anyone else: RC_NOTFOUND, as for a case that does not exist).
 * The token is spent in the same transaction: a replay does nothing and
 * is RC_OK. Returns RC_OK, RC_NOTFOUND, RC_INVALID with *why (a msgid:
 * forged or stale token), or RC_DB.
 */
enum rc	talk_note_post(struct db *db, const struct config *cfg,
	    const struct talk_act *t, const char **why);

/*
 * Assigns a case to one of its shop's enabled sellers (or to nobody),
 * writing the assignment to the staff's log; same access and token rules
 * as talk_note_post(). RC_INVALID with *why also when the assignee is not
 * staff of the case's shop.
 */
enum rc	talk_assign(struct db *db, const struct config *cfg,
	    const struct talk_act *t, const char **why);

/*
 * Marks case_id read up to timeline id upto for its buyer or a seller of
 * its shop (t->token and t->body unused). RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	talk_mark_read(struct db *db, const struct talk_act *t, int64_t upto);

#endif /* TALK_H */
