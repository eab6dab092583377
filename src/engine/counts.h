/* counts.h: counts kept in the transaction of each change instead of COUNT(*) over an account's history (sql/015_kept_counts.sql). */
#ifndef COUNTS_H
#define COUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/machine.h"
#include "store/db.h"
#include "store/kept_counts.h"


/* The seller queue tab (cases.queue_tab, sql/010) of a stored state, 1..5. */
int	counts_tab_of(enum case_state state);

/*
 * Moves the counts of case case_id from state from (STATE_NONE: the case
 * was just opened) to state to, inside the caller's transaction; reads the
 * case's shop, buyer, assignee and refunded amount as they are now, so call
 * it after the case's row was written. Nothing when from == to. Each count
 * row is one upsert, in key order (no deadlock between two of them).
 * Returns RC_OK or RC_DB.
 */
enum rc	counts_case_moved(struct db *db, int64_t case_id,
	    enum case_state from, enum case_state to);

/*
 * Moves the "open cases assigned" counts of case case_id from seller
 * from_user to seller to_user (0: nobody), inside the caller's
 * transaction. Returns RC_OK or RC_DB.
 */
enum rc	counts_case_assigned(struct db *db, int64_t case_id,
	    int64_t from_user, int64_t to_user);

/*
 * Counts one order imported for buyer_id from shop_id (the buyer's orders
 * with the shop, the shop's and the buyer's all-time totals), inside the
 * caller's transaction. Returns RC_OK or RC_DB.
 */
enum rc	counts_order_added(struct db *db, int64_t buyer_id, int64_t shop_id);

struct unread_deltas;	/* store/talk_store.h */

/*
 * Applies the users' unread counts of ud (talk_unread_add(),
 * talk_unread_closing(), talk_read()) with the other counts: at the
 * batch's end when one is open, so that every count row of the
 * transaction is locked in key order; then empties ud. Returns RC_OK or
 * RC_DB.
 */
enum rc	counts_unread(struct db *db, struct unread_deltas *ud);

/*
 * Gathers the counts moved by the caller's transaction from here on
 * (counts_case_moved(), counts_case_assigned() on db) and applies them,
 * summed per row and in key order, at counts_batch_end() when apply is
 * true, or drops them (the caller rolls back). Nests: the outermost end
 * applies. Call the end on every path after the begin. Returns RC_OK or
 * RC_DB.
 */
void	counts_batch_begin(struct db *db);
enum rc	counts_batch_end(struct db *db, bool apply);

/* Adds delta to one count, inside the caller's transaction. */
enum rc	counts_add(struct db *db, enum count_kind kind, int64_t owner,
	    int64_t bucket, int64_t delta);

/*
 * Rebuilds every kept count from the cases and orders in one transaction
 * (deskctl recount, tools/seed-bench), and the seller's statistics per
 * shop and day (shop_day_stats, kept by the worker's aggregates) with
 * their marks. Returns RC_OK or RC_DB.
 */
enum rc	counts_rebuild(struct db *db);

#endif /* COUNTS_H */
