/* token_use.h: spends a signed one-time form token inside the transaction of the action it carries. */
#ifndef TOKEN_USE_H
#define TOKEN_USE_H

#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "store/db.h"

/*
 * Checks token's signature for user_id, case_id (0: none) and purpose
 * under cfg's form_secret (no I/O). Returns RC_OK, or RC_INVALID with
 * *why (a msgid for the user) when it is forged, for something else, or
 * older than the longest session.
 */
enum rc	token_use_check(const struct config *cfg, const char *token,
	    int64_t user_id, int64_t case_id, const char *purpose, time_t now,
	    const char **why);

/*
 * Records the use of token inside the caller's transaction, with
 * outcome (what a replay is answered; may be changed later with
 * token_use_outcome()). The UNIQUE key makes it one-time: a concurrent
 * first use holds the row until it commits. Returns RC_OK for a first
 * use, RC_CONFLICT for a replay with *prior set to the first use's
 * outcome (free it), or RC_DB.
 */
enum rc	token_use_record(struct db *db, const char *token, int64_t user_id,
	    int64_t case_id, const char *purpose, const char *outcome,
	    time_t now, char **prior);

/*
 * Reads the outcome of an earlier use of token, outside any action: RC_OK
 * with *prior (free it), RC_NOTFOUND when it has not been spent, or RC_DB.
 */
enum rc	token_use_prior(struct db *db, const char *token, char **prior);

/* Replaces the outcome of a use recorded in this transaction. */
enum rc	token_use_outcome(struct db *db, const char *token,
	    const char *outcome);

#endif /* TOKEN_USE_H */
