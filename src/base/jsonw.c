/* jsonw.c: a small JSON writer over struct buf: escaped strings, keys and times. */
#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"

void
jsonw_str(struct buf *b, const char *s)
{
	const unsigned char *p;
	char esc[8];

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_add(b, "\"", 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		case '<':	/* safe inside HTML too */
		case '>':
		case '&':
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			buf_add(b, esc, 6);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				buf_add(b, esc, 6);
			} else
				buf_add(b, p, 1);
		}
	}
	buf_add(b, "\"", 1);
}

void
jsonw_key(struct buf *b, const char *key, int *first)
{
	if (!*first)
		buf_add(b, ",", 1);
	*first = 0;
	jsonw_str(b, key);
	buf_add(b, ":", 1);
}

void
jsonw_time(struct buf *b, time_t t)
{
	struct tm tm;
	char s[32];

	if (t == 0 || gmtime_r(&t, &tm) == NULL) {
		buf_puts(b, "null");
		return;
	}
	strftime(s, sizeof(s), "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	buf_puts(b, s);
}
