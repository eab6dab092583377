/* refund_store.h: the refund ledger as the platform's ledger page reads it. */
#ifndef REFUND_STORE_H
#define REFUND_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

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
};

/*
 * Loads the ledger's last 200 executions, failing and pending ones first,
 * then the newest. Returns RC_OK (free with ledger_rows_free()) or RC_DB.
 */
enum rc	ledger_rows(struct db *db, struct ledger_row **rows, size_t *rowsz);

void	ledger_rows_free(struct ledger_row *rows, size_t rowsz);

/* The count and sum of the executions of one status in one currency. */
struct ledger_total {
	char	 status[16];
	char	 currency[4];
	int64_t	 count;
	int64_t	 amount_cents;
};

/*
 * Loads the totals of the whole ledger by status and currency. Returns
 * RC_OK (free *rows) or RC_DB.
 */
enum rc	ledger_totals(struct db *db, struct ledger_total **rows,
	    size_t *rowsz);

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
void	reconcile_rows_free(struct reconcile_row *rows, size_t rowsz);

#endif /* REFUND_STORE_H */
