/* clock.h: the one source of "now", settable by tests, and local-time formatting. */
#ifndef CLOCK_H
#define CLOCK_H

#include <stddef.h>
#include <time.h>

/* The current time: the real clock, moved by the offset tests set. */
time_t	clock_now(void);

/* Moves clock_now() by secs from the real clock (0: the real time). */
void	clock_set_offset(time_t secs);

/*
 * Sets the offset from the file at path (a decimal number of seconds;
 * a missing or empty file means 0), when path is not empty. For tests
 * that move the clock of running programs; production leaves the
 * setting empty.
 */
void	clock_load_offset(const char *path);

/*
 * Formats t with strftime(fmt) in the IANA time zone tz ("Asia/Shanghai";
 * NULL or "" means UTC) into out[0..outsz-1]. Returns out. It leaves $TZ
 * set to the last zone used (the programs read local time only here).
 */
char	*clock_format(time_t t, const char *tz, const char *fmt, char *out,
	    size_t outsz);

#endif /* CLOCK_H */
