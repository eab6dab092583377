/* locked.h: inside the engine: a case read under its row lock, and the rows of its timeline. */
#ifndef LOCKED_H
#define LOCKED_H

#include <stdint.h>
#include <time.h>

#include "core/machine.h"
#include "engine/cases.h"
#include "store/db.h"

/* A case as read under its row lock. */
struct locked {
	int64_t		 id;
	char		 rma_no[33];
	int64_t		 order_id;
	int64_t		 shop_id;
	int64_t		 buyer_id;
	int64_t		 policy_id;
	enum case_type	 type;
	enum case_state	 state;
	int64_t		 requested_cents;
	int64_t		 offered_cents;	/* 0: none */
	int64_t		 approved_cents;	/* 0: none */
	int64_t		 refunded_cents;
	char		 currency[4];
	int64_t		 attempt;
	time_t		 deadline_at;	/* 0: none */
	time_t		 escalated_at;	/* 0: never */
	time_t		 rejected_at;	/* 0: never */
	int64_t		 version;
	int64_t		 address_id;	/* 0: none */
	char		*address_snapshot;	/* NULL: none; owned */
	char		*close_reason;	/* NULL: open; owned */
};

/* Frees what c holds and zeroes it. */
void	locked_release(struct locked *c);

/*
 * Locks case id (SELECT ... FOR UPDATE) inside the caller's transaction
 * and reads it into c (release it with locked_release(), also after a
 * failure). Returns RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	case_lock(struct db *db, int64_t id, struct locked *c);

/*
 * Writes one timeline row of case case_id for a (from -> to, with amount,
 * note and the ids of the photos it carried, or NULL); a deadline names
 * the policy deadline that fired in its state from. Returns RC_OK or
 * RC_DB.
 */
enum rc	timeline_add(struct db *db, int64_t case_id, time_t now,
	    const struct case_action *a, enum case_state from,
	    enum case_state to, int64_t amount_cents, const char *note,
	    const char *evidence_ids);

#endif /* LOCKED_H */
