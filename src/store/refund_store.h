/* refund_store.h: the refund ledger as the platform's ledger page reads it. */
#ifndef REFUND_STORE_H
#define REFUND_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/cursor.h"
#include "store/db.h"

/* One execution of the ledger. */
struct ledger_row {
	int64_t	 id;
	int64_t	 case_id;
	char	*rma_no;
	int64_t	 amount_cents;
	char	 currency[4];
	char	*executor;	/* "ledger" or "webhook" */
	char	*status;	/* "pending", "succeeded" or "failed" */
	int64_t	 attempts;
	char	*last_error;	/* NULL: none */
	time_t	 created_at;
	time_t	 settled_at;	/* 0: not settled */
	time_t	 next_attempt_at;	/* 0: not scheduled */
	char	*key;	/* the idempotency key */
	struct cursor pos;	/* where the next page starts after this row */
};

/* The ledger's views (refunds.ledger_tab, sql/016). */
enum ledger_view {
	LEDGER_ALL,
	LEDGER_ATTENTION,	/* given up, or failing and retried */
	LEDGER_PENDING,
	LEDGER_SUCCEEDED,
};

#define LEDGER_PAGE	50

/*
 * Loads one keyset page of the ledger's executions in view, newest first,
 * after *after (cursor_first() for the first page): at most LEDGER_PAGE
 * rows, *more set when there are others. Returns RC_OK (free with
 * ledger_rows_free()) or RC_DB.
 */
enum rc	ledger_rows(struct db *db, enum ledger_view view,
	    const struct cursor *after, struct ledger_row **rows,
	    size_t *rowsz, bool *more);

void	ledger_rows_free(struct ledger_row *rows, size_t rowsz);

/* The count and sum of the executions of one status in one currency. */
struct ledger_total {
	char	 status[16];
	char	 currency[4];
	int64_t	 count;
	int64_t	 amount_cents;
};

/*
 * Loads the totals of the whole ledger by status and currency as the
 * worker last counted them (admin_stats), and when that was in *as_of (0:
 * not yet). Returns RC_OK (free *rows) or RC_DB.
 */
enum rc	ledger_totals(struct db *db, struct ledger_total **rows,
	    size_t *rowsz, time_t *as_of);

/* One broken invariant of the ledger (deskctl reconcile's query). */
struct reconcile_row {
	char	*problem;	/* in English, as deskctl prints it */
	int64_t	 id;	/* the order line, case or refund it is about */
	int64_t	 value;
};

/*
 * Loads what does not reconcile: lines refunded above what was paid,
 * cases with other than one successful refund, paid webhook refunds
 * without a reference, ... It should be empty. Returns RC_OK (free with
 * reconcile_rows_free()) or RC_DB.
 */
enum rc	reconcile_rows(struct db *db, struct reconcile_row **rows,
	    size_t *rowsz);

/*
 * The same as the worker last found it (admin_stats, at most 100 rows),
 * and when in *as_of (0: not yet). Returns RC_OK (free with
 * reconcile_rows_free()) or RC_DB.
 */
enum rc	reconcile_kept(struct db *db, struct reconcile_row **rows,
	    size_t *rowsz, time_t *as_of);

/* When the worker last refilled part ("ledger", "analytics" or "reconcile"), 0: never. */
enum rc	admin_stats_as_of(struct db *db, const char *part, time_t *as_of);
void	reconcile_rows_free(struct reconcile_row *rows, size_t rowsz);

#endif /* REFUND_STORE_H */
