/* form.h: pure parsers for query strings, urlencoded and multipart bodies and cookies, and the field validators. */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/rc.h"

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

/* Limits on a multipart body; a zero means "no part of this kind allowed". */
struct form_limits {
	size_t	max_parts;	/* parts of any kind */
	size_t	max_files;	/* file parts with a non-empty filename */
	size_t	max_field_bytes;	/* bytes of one non-file value */
	size_t	max_file_bytes;	/* bytes of one file: over it, too_large */
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
 * Parses a multipart/form-data body of bodysz bytes whose Content-Type
 * header is content_type (the boundary is taken from it) and appends its
 * parts to out, within lim. Returns RC_OK; RC_INVALID for a malformed body
 * or missing boundary; RC_TOOBIG when max_parts, max_files or
 * max_field_bytes is exceeded. On failure *why (if why is not NULL) is set
 * to a static English sentence for the user. A single file over
 * max_file_bytes is not a failure: it is kept with too_large set.
 */
enum rc	form_parse_multipart(const char *content_type, const char *body,
	    size_t bodysz, const struct form_limits *lim, struct fields *out,
	    const char **why);

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
 * Validators: pure, no I/O. Each returns true when s is acceptable and
 * then stores the parsed value in *out when out is not NULL.
 */

/* A positive decimal id without sign or leading zeros, up to 2^63-1. */
bool	valid_id(const char *s, int64_t *out);

/*
 * An amount of money in major units as typed by a person: "12", "12.3",
 * "12.30", with an optional leading and trailing space; no sign, at most
 * two decimals, at most 10^13 major units. Stored as cents.
 */
bool	valid_cents(const char *s, int64_t *out);

/*
 * Text of minchars..maxchars Unicode characters: valid UTF-8 (no overlong
 * forms or surrogates), no control characters other than \n, \r and \t
 * when multiline is true, none at all when it is false.
 */
bool	valid_text(const char *s, size_t minchars, size_t maxchars,
	    bool multiline);

/* One of names[0..namesz-1], exactly; *out gets the index. */
bool	valid_enum(const char *s, const char *const *names, size_t namesz,
	    int *out);

/*
 * Declared forms. A handler lists its fields in a table of struct
 * form_spec and calls form_check(), which fills one struct form_value per
 * spec: the raw input (kept to re-show the form), the parsed value when
 * valid, and the spec's message when missing or invalid.
 */
enum form_kind {
	FORM_TEXT,	/* valid_text(min, max, multiline) */
	FORM_ID,	/* valid_id */
	FORM_CENTS,	/* valid_cents, then min..max cents when max > 0 */
	FORM_ENUM,	/* valid_enum(names, namesz) */
	FORM_FILES,	/* file parts: at most max (0: no cap), none empty or too large */
	FORM__MAX
};

struct form_spec {
	const char		*name;
	enum form_kind		 kind;
	bool			 required;
	int64_t			 min;	/* characters or cents */
	int64_t			 max;	/* characters or cents; 0: no cap (cents) */
	bool			 multiline;
	const char *const	*names;
	size_t			 namesz;
	const char		*message; /* shown next to the field when bad */
};

enum form_state {
	FORM_MISSING,	/* absent or empty */
	FORM_BAD,	/* present but invalid */
	FORM_OK
};

struct form_value {
	enum form_state	 state;
	const char	*raw;	/* points into the fields; "" when absent */
	int64_t		 num;	/* FORM_ID, FORM_CENTS, FORM_ENUM index;
				   FORM_FILES: how many files were chosen */
	const char	*error;	/* spec message when state is not FORM_OK
				   and the field is required or bad; else NULL */
	const struct field *file;	/* FORM_FILES: the part error is about,
				   whose error then has one "%s" for its name
				   (FORM_FILE_EMPTY, FORM_FILE_TOO_LARGE) */
};

/* The messages of a bad file part; "%s" is the file's name. */
extern const char *const FORM_FILE_EMPTY;
extern const char *const FORM_FILE_TOO_LARGE;	/* and a second "%s": the limit */

/*
 * Checks every spec against f and fills vals[0..specsz-1]. Returns true
 * when every required field is FORM_OK and no optional field is FORM_BAD.
 * A FORM_FILES spec counts the file parts called name that carry a file
 * (a file input with nothing chosen sends one empty part without a name,
 * which is skipped); the first empty or too large one makes it FORM_BAD
 * with file set; more than max makes it FORM_BAD with the spec's message.
 * Iterate the files themselves with form_files_next().
 */
bool	form_check(const struct fields *f, const struct form_spec *specs,
	    size_t specsz, struct form_value *vals);

/*
 * Returns the next file part called name that carries a file, after
 * prev (NULL: the first), or NULL when there is no more.
 */
const struct field *form_files_next(const struct fields *f, const char *name,
	    const struct field *prev);

#endif /* FORM_H */
