/* form.h: the field list and the parsers of query strings, urlencoded bodies and cookies; with multipart.h and valid.h, which it includes, the whole form layer. */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"
/* Included so that one "web/form.h" gives the whole form layer. */
#include "web/multipart.h"
#include "web/valid.h"

/*
 * One parsed name/value pair. The parser owns every string: name and
 * value are always NUL-terminated (value may also hold NULs for files, so
 * use valuesz). filename is NULL unless the part was a file upload; it is
 * the client's name reduced to a safe base name (no directories, no
 * control characters), for messages only, never for a path. ctype is the
 * part's declared Content-Type or NULL; it is a hint, never trusted.
 * too_large is set when a file part went over the per-file limit: value is
 * then empty and the handler tells the user which file was too large.
 */
struct field {
	char	*name;
	char	*value;
	size_t	 valuesz;
	char	*filename;
	char	*ctype;
	bool	 is_file;
	bool	 too_large;
};

/* A growable list of fields; zero-initialise it before the first parse. */
struct fields {
	struct field	*fields;
	size_t		 fieldsz;
};

/*
 * Parses "a=1&b=x+y%21" (query string or urlencoded body) of len bytes and
 * appends the pairs to out. '+' is a space, %XX is decoded, a pair without
 * '=' has an empty value, empty pairs are skipped. Returns RC_OK, or
 * RC_INVALID on a bad %-escape or a decoded NUL, leaving out with what was
 * parsed before; free out with fields_release().
 */
enum rc	form_parse_urlencoded(const char *s, size_t len, struct fields *out);

/*
 * Parses a Cookie header ("a=1; b=2") and appends the pairs to out, without
 * any decoding. Malformed pairs are skipped. Returns RC_OK.
 */
enum rc	form_parse_cookies(const char *header, struct fields *out);

/* Returns the first field called name, or NULL. */
const struct field *fields_get(const struct fields *f, const char *name);

/* Returns the value of the first non-file field called name, or NULL. */
const char *fields_str(const struct fields *f, const char *name);

/* Frees every field and empties the list; the list can be reused. */
void	fields_release(struct fields *f);

/*
 * For the parsers of form.c, multipart.c and valid.c; a handler has no
 * use for these.
 */

/*
 * Appends a zeroed field to f and returns it; the caller fills it and the
 * list then owns its strings. The array grows in powers of two from 8, so
 * its capacity follows from fieldsz alone (the list must come from these
 * parsers or be zero-initialised).
 */
struct field *fields_add(struct fields *f);

/* Returns the first non-file field of f called name, or NULL. */
const struct field *fields_first_str(const struct fields *f, const char *name);

/* Returns true for the optional whitespace of HTTP headers: SP and HTAB. */
bool	form_is_ows(char c);

#endif /* FORM_H */
