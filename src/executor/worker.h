/* worker.h: one pass of the worker: passed deadlines applied, due refunds executed (the payment system is called here and nowhere else), and when the next is due. */
#ifndef WORKER_H
#define WORKER_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "base/config.h"
#include "store/db.h"

/* What one pass did. */
struct worker_stats {
	int	 deadlines;	/* deadlines applied */
	int	 refused;	/* deadlines that could not be applied */
	int	 paid;	/* refunds settled as paid */
	int	 retried;	/* refunds not paid, due again later */
	int	 failed;	/* refunds given up */
};

/*
 * Runs one pass at now: applies at most cfg->worker_batch passed
 * deadlines (case_due_next()), then claims and executes at most
 * cfg->worker_batch due refunds one by one (refund_claim(), the webhook
 * call outside any transaction, refund_settle()). Several workers may run
 * at once: every claim skips what another holds. Writes one line per
 * action to log (when not NULL) and adds to *st. Sets *more when a batch
 * was full (run again at once). Returns RC_OK, or RC_DB when the database
 * failed (what was done stays done; run again after a pause).
 */
enum rc	worker_pass(struct db *db, const struct config *cfg, time_t now,
	    FILE *log, struct worker_stats *st, bool *more);

/*
 * Stores in *when the earliest time something falls due (a pending
 * refund's next attempt, or a deadline the system acts on), or 0 when
 * nothing is waiting. Returns RC_OK or RC_DB.
 */
enum rc	worker_next_due(struct db *db, time_t *when);

#endif /* WORKER_H */
