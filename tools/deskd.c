/* deskd.c: the worker: applies passed deadlines and executes due refunds, sleeping until the next is due; survives database outages, stops cleanly on SIGTERM. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/session.h"
#include "base/clock.h"
#include "base/config.h"
#include "base/stale.h"
#include "base/log.h"
#include "executor/worker.h"
#include "store/db.h"

static const char usage[] =
    "usage: deskd [-1]\n"
    "  Runs until SIGTERM or SIGINT: applies passed deadlines and executes\n"
    "  due refunds, one line per action on standard output. The\n"
    "  configuration file is $REFUND_DESK_CONF. With -1, one pass and exit.\n";

/* The longest sleep: a refund a page just committed waits at most this. */
#define POLL_MS		1000
/* The longest pause between tries while the database is away. */
#define BACKOFF_MAX	30
/* How often expired sessions and spent form tokens are deleted. */
#define PURGE_EVERY	600

/* Set by SIGTERM or SIGINT: finish the current action, then exit. */
static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Sleeps ms milliseconds, or less when a signal asks to stop. */
static void
pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	if (!stopping)
		nanosleep(&ts, NULL);
}

/* Writes a line about the worker itself, with the time. */
static void
note(const char *what, const char *detail)
{
	char when[32];

	clock_format(clock_now(), NULL, "%Y-%m-%dT%H:%M:%SZ", when,
	    sizeof(when));
	printf("%s deskd: %s%s%s\n", when, what, detail ? ": " : "",
	    detail ? detail : "");
	fflush(stdout);
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	struct worker_stats st;
	struct config cfg;
	struct db *db = NULL;
	time_t now, next, last_purge = 0;
	long backoff = 1, sleep_ms;
	bool once = false, more, down = false, acted;
	char *err = NULL;
	enum rc rc;

	if (argc == 2 && strcmp(argv[1], "-1") == 0)
		once = true;
	else if (argc != 1) {
		fputs(usage, stderr);
		return 2;
	}
	if (config_load(NULL, &cfg, &err) != 0) {
		fprintf(stderr, "deskd: fatal: %s\n", err);
		free(err);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: a sleep ends at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	note("started", cfg.refund_executor);
	/* So that what it decides reaches the node's cached pages at once. */
	(void)stale_open(cfg.run_dir, false);
	while (!stopping) {
		if (db == NULL && (db = db_open(&cfg, 0, &err)) == NULL) {
			/* Never exit on a database error: wait and try again. */
			if (!down)
				note("database unavailable, retrying", err);
			free(err);
			err = NULL;
			down = true;
			if (once)
				break;
			pause_ms(backoff * 1000);
			backoff = backoff < BACKOFF_MAX ? backoff * 2 : BACKOFF_MAX;
			continue;
		}
		clock_load_offset(cfg.clock_offset_file);
		now = clock_now();
		memset(&st, 0, sizeof(st));
		rc = worker_pass(db, &cfg, now, stdout, &st, &more);
		if (rc == RC_OK && now - last_purge >= PURGE_EVERY) {
			rc = session_purge(db, &cfg, now);
			last_purge = now;
		}
		if (rc == RC_OK)
			rc = worker_next_due(db, &next);
		if (rc != RC_OK) {
			if (!down)
				note("database error, retrying", NULL);
			down = true;
			if (once)
				break;
			/* The connection is re-opened by the next statement. */
			pause_ms(backoff * 1000);
			backoff = backoff < BACKOFF_MAX ? backoff * 2 : BACKOFF_MAX;
			continue;
		}
		if (down)
			note("database back", NULL);
		down = false;
		backoff = 1;
		if (once)
			break;
		if (more)
			continue;
		now = clock_now();
		/* Until the next is due; what is stuck is tried each POLL_MS. */
		acted = st.deadlines + st.paid + st.retried + st.failed > 0;
		sleep_ms = acted ? 0 : next > now && next - now < POLL_MS / 1000 ?
		    (long)(next - now) * 1000 : POLL_MS;
		pause_ms(sleep_ms);
	}
	note(stopping ? "stopped" : "done", NULL);
	db_free(db);
	config_release(&cfg);
	return down && once ? 1 : 0;
}
