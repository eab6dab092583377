/* log.c: error lines on stderr with the incident id of the request being served. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One fprintf so that lines from several processes do not interleave. */
	fprintf(stderr, "refund-desk[%ld] %s: %s: %s\n", (long)getpid(),
	    incident, level, msg);
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
