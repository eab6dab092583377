/* worker.c: one pass of the worker: passed deadlines applied, due refunds executed (the payment system is called here and nowhere else), and when the next is due. */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "base/clock.h"
#include "base/util.h"
#include "engine/aggregates.h"
#include "engine/cases.h"
#include "engine/ledger.h"
#include "executor/webhook.h"
#include "executor/events.h"
#include "executor/worker.h"

/* Writes one line "deskd: ..." with the time to log, when there is one. */
static void
say(FILE *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(FILE *log, const char *fmt, ...)
{
	char when[32];
	va_list ap;

	if (log == NULL)
		return;
	clock_format(clock_now(), NULL, "%Y-%m-%dT%H:%M:%SZ", when,
	    sizeof(when));
	fprintf(log, "%s ", when);
	va_start(ap, fmt);
	vfprintf(log, fmt, ap);
	va_end(ap);
	fputc('\n', log);
	fflush(log);
}

/*
 * Tells whether case_id's deadline was refused and said so in the last
 * 10 minutes, and remembers it now otherwise: a deadline that cannot be
 * applied (a shop without a return address) is tried each pass, but not
 * written to the log each pass. Process state: the last 64 such cases.
 */
static bool
refused_lately(int64_t case_id, time_t now)
{
	static struct {
		int64_t	 id;
		time_t	 at;
	} seen[64];
	static size_t next;
	size_t i;

	for (i = 0; i < sizeof(seen) / sizeof(seen[0]); i++)
		if (seen[i].id == case_id && now - seen[i].at < 600)
			return true;
	seen[next].id = case_id;
	seen[next].at = now;
	next = (next + 1) % (sizeof(seen) / sizeof(seen[0]));
	return false;
}

/* Applies due deadlines, at most worker_batch; sets *more when full. */
static enum rc
pass_deadlines(struct db *db, const struct config *cfg, time_t now,
    FILE *log, struct worker_stats *st, bool *more)
{
	struct case_due due;
	int64_t n;
	int applied;
	enum rc rc;

	memset(&due, 0, sizeof(due));
	applied = st->deadlines;
	for (n = 0; n < cfg->worker_batch; n++) {
		rc = case_due_next(db, cfg, now, &due);
		if (rc == RC_NOTFOUND)
			return RC_OK;
		if (rc == RC_DB)
			return rc;
		if (rc == RC_OK) {
			st->deadlines++;
			say(log, "case %" PRId64 ": deadline applied: %s -> %s",
			    due.case_id, case_state_name(due.from),
			    case_state_name(due.to));
		} else {
			st->refused++;
			if (!refused_lately(due.case_id, now))
				say(log, "case %" PRId64 ": deadline not applied "
				    "(tried again each pass, said again in 10 "
				    "minutes): %s", due.case_id, due.why != NULL ?
				    due.why : "refused");
		}
	}
	/* Full: more may be due, unless none of them could be applied. */
	*more = st->deadlines > applied;
	return RC_OK;
}

/* Executes one claimed refund and records the answer. */
static enum rc
run_refund(struct db *db, const struct config *cfg, const struct refund_job *j,
    time_t now, FILE *log, struct worker_stats *st)
{
	static const char *const words[REFUND__MAX] = {
		"paid", /* REFUND_PAID */
		"not paid, tried again later", /* REFUND_RETRY */
		"not paid, given up (failed)", /* REFUND_GAVE_UP */
		"settled already elsewhere", /* REFUND_GONE */
	};
	struct refund_answer ans;
	struct webhook_refund w;
	struct webhook_result res;
	enum refund_outcome outcome;
	enum rc rc;

	memset(&ans, 0, sizeof(ans));
	memset(&res, 0, sizeof(res));
	if (j->webhook) {
		/* No transaction, no row lock while the payment system thinks. */
		memset(&w, 0, sizeof(w));
		w.idempotency_key = j->key;
		w.refund_id = j->id;
		w.case_id = j->case_id;
		w.amount_cents = j->amount_cents;
		w.currency = j->currency;
		w.rma_no = j->rma_no;
		w.order_id = j->order_id;
		ans.paid = webhook_refund_post(cfg->webhook_url, &w,
		    cfg->webhook_timeout_ms, &res) == RC_OK;
		ans.error = res.error;
		ans.reference = res.reference;
	} else {
		ans.paid = true;
		ans.reference = "ledger";
	}
	if ((rc = refund_settle(db, cfg, j->id, now, &ans,
	    &outcome)) != RC_OK)
		return rc;
	st->paid += outcome == REFUND_PAID;
	st->retried += outcome == REFUND_RETRY;
	st->failed += outcome == REFUND_GAVE_UP;
	say(log, "refund %" PRId64 " of case %" PRId64 " (%s, attempt %" PRId64
	    "): %s%s%s", j->id, j->case_id, j->key, j->attempts + 1,
	    words[outcome], ans.paid ? "" : ": ", ans.paid ? "" : ans.error);
	return RC_OK;
}

enum rc
worker_pass(struct db *db, const struct config *cfg, time_t now, FILE *log,
    struct worker_stats *st, bool *more)
{
	struct refund_job job;
	int64_t n;
	enum rc rc;

	*more = false;
	if ((rc = aggregates_pass(db, more)) != RC_OK)	/* the analytics */
		return rc;
	if ((rc = admin_aggregates_pass(db, now, false)) != RC_OK)
		return rc;	/* the admin's totals (issue 12) */
	if ((rc = pass_deadlines(db, cfg, now, log, st, more)) != RC_OK ||
	    (rc = events_pass(db, cfg, now, log)) != RC_OK)
		return rc;
	for (n = 0; n < cfg->worker_batch; n++) {
		/* A worker that dies mid-call leaves the row to the next. */
		rc = refund_claim(db, now, now + cfg->webhook_timeout_ms / 1000 +
		    60, &job);
		if (rc == RC_NOTFOUND)
			return RC_OK;
		if (rc != RC_OK || (rc = run_refund(db, cfg, &job, now, log, st)) !=
		    RC_OK)
			return rc;
	}
	*more = true;
	return RC_OK;
}

enum rc
worker_next_due(struct db *db, time_t *when)
{
	struct db_res r;
	enum rc rc;

	*when = 0;
	if ((rc = db_query(db, SQL_WORK_NEXT_DUE, &r, "")) == RC_OK &&
	    r.rowsz > 0)
		*when = db_int(&r, 0, 0);
	db_res_release(&r);
	return rc;
}
