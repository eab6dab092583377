/* log.c: error lines on stderr with the time, the program, its pid and the incident id of the request being served. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"

static char incident[17] = "-";

void
log_set_incident(const char *id)
{
	snprintf(incident, sizeof(incident), "%s", id);
}

void
log_clear(void)
{
	strcpy(incident, "-");
}

const char *
log_incident(void)
{
	return incident;
}

/*
 * Writes "2026-12-01T19:40:00Z buyer.fcgi[1234] <incident>: <level>: <msg>"
 * to stderr: the real time in UTC (not the test clock), the program and
 * its process id, so that a line found in a shared log says who wrote it
 * and when.
 */
static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char msg[1024], when[32];
	time_t now = time(NULL);
	struct tm tm;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(when, "-");
	/* One fprintf so that lines from several processes do not interleave. */
	fprintf(stderr, "%s %s[%ld] %s: %s: %s\n", when,
	    program_invocation_short_name, (long)getpid(), incident, level,
	    msg);
}

void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("warning", fmt, ap);
	va_end(ap);
}

void
log_oom(void)
{
	fputs("refund-desk: fatal: out of memory\n", stderr);
	exit(1);
}
