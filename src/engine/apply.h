/* apply.h: inside the engine: one event applied to a case under its row lock (the state machine, effects, guarded update, timeline). */
#ifndef APPLY_H
#define APPLY_H

#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "core/machine.h"
#include "core/policy.h"
#include "engine/cases.h"
#include "engine/locked.h"
#include "store/db.h"

/*
 * Applies a to the locked case c governed by pol, inside the caller's
 * transaction: asks the state machine, checks and records the event's
 * effects, does the guarded update (state and version), stores the
 * photos, writes the timeline row and, when the event starts paying,
 * the pending ledger row (settled at once by the ledger executor; the
 * worker executes a webhook one). Updates c to the new state. Returns
 * RC_OK, RC_DENIED or RC_INVALID with *why (a msgid), RC_CONFLICT when
 * the guarded update found the case changed or the deadline has not
 * passed (a deadline event), or RC_DB.
 */
enum rc	apply_locked(struct db *db, const struct config *cfg,
	    struct locked *c, const struct policy *pol,
	    const struct case_action *a, time_t now, const char **why);

#endif /* APPLY_H */
