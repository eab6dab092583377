/* clock.c: the one source of "now", settable by tests, and local-time formatting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"

/* Process-wide by design: every request of a process sees the same clock. */
static time_t offset;

time_t
clock_now(void)
{
	return time(NULL) + offset;
}

void
clock_set_offset(time_t secs)
{
	offset = secs;
}

void
clock_load_offset(const char *path)
{
	char text[32] = "";
	FILE *f;

	if (path == NULL || *path == '\0')
		return;
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(text, sizeof(text), f) == NULL)
			text[0] = '\0';
		fclose(f);
	}
	offset = (time_t)strtoll(text, NULL, 10);
}

char *
clock_format(time_t t, const char *tz, const char *fmt, char *out,
    size_t outsz)
{
	/* The zone $TZ holds now; switching costs a read of zoneinfo. */
	static char current[64];
	struct tm tm;

	if (tz == NULL || *tz == '\0' || strchr(tz, ',') != NULL ||
	    strlen(tz) >= sizeof(current)) {
		gmtime_r(&t, &tm);
	} else {
		/* localtime_r follows $TZ; set it only when the zone changes. */
		if (strcmp(tz, current) != 0) {
			setenv("TZ", tz, 1);
			tzset();
			snprintf(current, sizeof(current), "%s", tz);
		}
		localtime_r(&t, &tm);
	}
	if (strftime(out, outsz, fmt, &tm) == 0 && outsz > 0)
		out[0] = '\0';
	return out;
}
