/* valid.h: pure validators of field values, and declared forms (a table of fields with their validators) checked against a field list. */
#ifndef VALID_H
#define VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct field;	/* web/form.h */
struct fields;	/* web/form.h */

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

/* The characters of text, one at a time (also for file names, multipart.c). */

/*
 * Decodes one UTF-8 sequence from the n > 0 bytes at s into *cp. Returns
 * its length, 1 to 4, or 0 when the bytes do not start with the shortest
 * encoding of a Unicode scalar value (overlong forms, surrogates, values
 * over U+10FFFF, stray continuation bytes and cut-off sequences).
 */
size_t	valid_utf8_char(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Returns false when cp is a control character that text may not hold: C0
 * controls (but \t, \n and \r when multiline is true), DEL and the C1
 * controls U+0080..U+009F; true otherwise.
 */
bool	valid_char(uint32_t cp, bool multiline);

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

#endif /* VALID_H */
