/* cursor.h: the position of a keyset page, as it travels in a link. */
#ifndef BASE_CURSOR_H
#define BASE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The sort key and id of the last row a keyset page showed; the next page
 * starts after it. key is a DATETIME as "yyyymmddhhmmss" (what the store's
 * statements select with DATE_FORMAT(col, '%Y%m%d%H%i%s')) or "" for lists
 * sorted by id alone. id 0 with key "" is the first page.
 */
struct cursor {
	char	 key[15];
	int64_t	 id;
};

#define CURSOR_MAX	40	/* bytes of cursor_format's text, NUL included */

/*
 * Reads "yyyymmddhhmmss.id" or "id" (a positive decimal) from s into c.
 * Returns false, c untouched, when s is anything else.
 */
bool	cursor_parse(const char *s, struct cursor *c);

/* Writes c as cursor_parse() reads it into buf (CURSOR_MAX bytes). */
void	cursor_format(const struct cursor *c, char *buf, size_t n);

/* True when c is the first page (nothing to start after). */
bool	cursor_first(const struct cursor *c);

#endif
