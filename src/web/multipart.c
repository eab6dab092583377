/* multipart.c: the multipart/form-data parser, with the part header grammar of RFC 2045 and RFC 2046 that it needs. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem() */
#endif
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "web/multipart.h"
#include "web/valid.h"
#include "base/util.h"

#define FORM_BOUNDARY_MAX 70	/* RFC 2046 section 5.1.1 */
#define FORM_HEADER_MAX	  1024	/* bytes of one part header line, no CRLF */
#define FORM_FILENAME_MAX 255	/* bytes of a sanitised file name */

static const char why_format[] =
    "The form was sent in a way this page does not understand; please "
    "try again.";
static const char why_malformed[] =
    "The upload was cut off or malformed; please try again.";
static const char why_parts[] = "Too many fields in the form.";
static const char why_files[] = "Too many files attached.";
static const char why_field[] = "A field in the form is too long.";

/*
 * Returns true for the invisible characters that reorder displayed text
 * (bidirectional marks, embeddings, overrides and isolates), with which a
 * file name such as "invoice<U+202E>fdp.exe" is shown as "invoiceexe.pdf".
 */
static bool
is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Returns a new string made from the client's file name raw: only what
 * follows the last '/' or '\\', with bytes that are not valid UTF-8,
 * control and bidirectional control characters dropped, "." and ".."
 * made empty, and cut to at most 255 bytes on a character boundary. The
 * result is safe to show once HTML-escaped; never use it as a path. Free
 * it with free().
 */
static char *
safe_filename(const char *raw)
{
	const char *base = raw, *p;
	size_t len, i = 0, j = 0, n;
	uint32_t cp;
	char *out;

	for (p = raw; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	len = strlen(base);
	out = xmalloc(len + 1);
	while (i < len) {
		n = valid_utf8_char((const unsigned char *)base + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (valid_char(cp, false) && !is_bidi_control(cp)) {
			if (j + n > FORM_FILENAME_MAX)
				break;
			memcpy(out + j, base + i, n);
			j += n;
		}
		i += n;
	}
	out[j] = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		out[0] = '\0';
	return out;
}

/*
 * Returns true when the n bytes at s equal the lower-case ASCII string
 * lower, ignoring ASCII case (never the locale's).
 */
static bool
ascii_ieq(const char *s, size_t n, const char *lower)
{
	size_t i;
	char c;

	if (strlen(lower) != n)
		return false;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return false;
	}
	return true;
}

/* Returns true for the "tspecials" of RFC 2045 section 5.1. */
static bool
is_tspecial(char c)
{
	return c != '\0' && strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

/*
 * Returns true for a byte that may appear in a header token as read here:
 * printable ASCII or 8-bit, not a space, not a tspecial. Bytes of 0x80 and
 * over are accepted because browsers send UTF-8 as it is.
 */
static bool
is_token(char c)
{
	unsigned char u = (unsigned char)c;

	return u > 0x20 && u != 0x7f && !is_tspecial(c);
}

/*
 * Reads a token at *pp (bounded by end) and advances *pp past it. Stores
 * the token's start in *tok and its length in *toksz. Returns false when
 * there is no token there.
 */
static bool
hdr_token(const char **pp, const char *end, const char **tok, size_t *toksz)
{
	const char *p = *pp;

	while (p < end && is_token(*p))
		p++;
	if (p == *pp)
		return false;
	*tok = *pp;
	*toksz = (size_t)(p - *pp);
	*pp = p;
	return true;
}

/*
 * Reads a parameter value at *pp (bounded by end), either a token or a
 * quoted string, and advances *pp past it. In a quoted string a backslash
 * escapes the tspecial that follows it and is kept as a literal otherwise,
 * as Go's mime package does, because old browsers send Windows paths such
 * as "C:\dir\a.txt" unescaped. Stores a new NUL-terminated string in *out
 * (free it with free()). Returns false, with *out NULL, for an empty
 * token, an unterminated string or a control character other than HTAB.
 */
static bool
hdr_value(const char **pp, const char *end, char **out)
{
	const char *p = *pp, *tok;
	size_t toksz, j = 0;
	unsigned char c;
	char *buf = NULL;
	bool ok = false;

	*out = NULL;
	if (p == end || *p != '"') {
		if (!hdr_token(pp, end, &tok, &toksz))
			goto out;
		*out = xstrndup(tok, toksz);
		ok = true;
		goto out;
	}
	buf = xmalloc((size_t)(end - p));
	for (p++; p < end; p++) {
		c = (unsigned char)*p;
		if (c == '"') {
			buf[j] = '\0';
			*out = buf;
			buf = NULL;
			*pp = p + 1;
			ok = true;
			goto out;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			goto out;
		if (c == '\\' && end - p > 1 && is_tspecial(p[1]))
			c = (unsigned char)*++p;
		buf[j++] = (char)c;
	}
out:
	free(buf);
	return ok;
}

/*
 * Reads the next parameter (OWS ";" OWS name OWS "=" OWS value) at *pp,
 * bounded by end, and advances *pp past it. Stores the name's start and
 * length in *name and *namesz and a new string holding the value in
 * *value (free it with free()). Returns 1 when a parameter was read, 0
 * when only whitespace and semicolons are left, -1 when malformed (then
 * *value is NULL).
 */
static int
hdr_param(const char **pp, const char *end, const char **name,
    size_t *namesz, char **value)
{
	const char *p = *pp;
	bool semi = false;

	*value = NULL;
	for (; p < end && (form_is_ows(*p) || *p == ';'); p++)
		if (*p == ';')
			semi = true;
	if (p == end)
		return 0;
	if (!semi || !hdr_token(&p, end, name, namesz))
		return -1;
	while (p < end && form_is_ows(*p))
		p++;
	if (p == end || *p != '=')
		return -1;
	for (p++; p < end && form_is_ows(*p); p++)
		continue;
	if (!hdr_value(&p, end, value))
		return -1;
	*pp = p;
	return 1;
}

/*
 * Reads the leading type of a header value at *pp (after optional
 * whitespace, a token that may hold a '/' as a media type does) and
 * returns true when it equals lower, ignoring ASCII case. Advances *pp
 * past it.
 */
static bool
hdr_type(const char **pp, const char *end, const char *lower)
{
	const char *p = *pp, *start;

	while (p < end && form_is_ows(*p))
		p++;
	start = p;
	while (p < end && (is_token(*p) || *p == '/'))
		p++;
	*pp = p;
	return ascii_ieq(start, (size_t)(p - start), lower);
}

/*
 * Returns true when the n bytes at s make a boundary that RFC 2046 allows:
 * 1 to 70 characters from its bchars set, not ending in a space.
 */
static bool
valid_boundary(const char *s, size_t n)
{
	size_t i;
	char c;

	if (n == 0 || n > FORM_BOUNDARY_MAX || s[n - 1] == ' ')
		return false;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\0' || !((c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    strchr("'()+_,-./:=? ", c) != NULL))
			return false;
	}
	return true;
}

/*
 * Takes the boundary out of a "multipart/form-data; boundary=..." content
 * type (media type and parameter names in any case, the value quoted or
 * not) and stores it in *out as a new string; free it with free().
 * Returns RC_OK, or RC_INVALID with *out NULL when the type is another,
 * the parameters are malformed, or the boundary is missing, repeated or
 * not one RFC 2046 allows.
 */
static enum rc
mp_boundary(const char *ct, char **out)
{
	const char *p, *end, *name;
	char *value = NULL, *b = NULL;
	enum rc rc = RC_INVALID;
	size_t namesz;
	int r;

	*out = NULL;
	if (ct == NULL)
		goto out;
	p = ct;
	end = ct + strlen(ct);
	if (!hdr_type(&p, end, "multipart/form-data"))
		goto out;
	while ((r = hdr_param(&p, end, &name, &namesz, &value)) == 1) {
		if (ascii_ieq(name, namesz, "boundary")) {
			if (b != NULL)
				goto out;
			b = value;
		} else
			free(value);
		value = NULL;
	}
	if (r < 0 || b == NULL || !valid_boundary(b, strlen(b)))
		goto out;
	*out = b;
	b = NULL;
	rc = RC_OK;
out:
	free(value);
	free(b);
	return rc;
}

/*
 * Looks at the bytes at body[at], right after a "--boundary": returns 1
 * for a close delimiter ("--"), 2 for an ordinary one (optional spaces
 * and tabs, then CRLF; *next gets the offset of the part that follows) and
 * 0 when the bytes there do not make a delimiter, including when the body
 * ends too soon to tell.
 */
static int
mp_after(const char *body, size_t bodysz, size_t at, size_t *next)
{
	if (bodysz - at >= 2 && body[at] == '-' && body[at + 1] == '-')
		return 1;
	while (at < bodysz && form_is_ows(body[at]))
		at++;
	if (bodysz - at >= 2 && body[at] == '\r' && body[at + 1] == '\n') {
		*next = at + 2;
		return 2;
	}
	return 0;
}

/*
 * Finds the first delimiter at or after body[from]: delim (CRLF "--"
 * boundary, dlen bytes) followed by what mp_after() accepts; a match
 * followed by anything else is part data. Stores the offset of the
 * delimiter's CRLF in *at. Returns what mp_after() returned, or 0 when
 * there is no delimiter.
 */
static int
mp_find(const char *body, size_t bodysz, size_t from, const char *delim,
    size_t dlen, size_t *at, size_t *next)
{
	const char *hit;
	int kind;

	while (from < bodysz && bodysz - from >= dlen) {
		hit = memmem(body + from, bodysz - from, delim, dlen);
		if (hit == NULL)
			return 0;
		*at = (size_t)(hit - body);
		if ((kind = mp_after(body, bodysz, *at + dlen, next)) != 0)
			return kind;
		from = *at + 1;
	}
	return 0;
}

/* The headers of one part as far as they matter here. */
struct mp_head {
	bool	 disposition;	/* a Content-Disposition was seen */
	char	*name;
	char	*filename;	/* as the client sent it */
	char	*ctype;
};

/*
 * Parses the value (n bytes at v) of a part's Content-Disposition into h:
 * the type must be form-data; name and filename are taken, each at most
 * once; other parameters (filename* among them) are ignored. Returns
 * false when malformed.
 */
static bool
mp_disposition(const char *v, size_t n, struct mp_head *h)
{
	const char *p = v, *end = v + n, *name;
	char *value = NULL;
	bool ok = false;
	size_t namesz;
	int r;

	if (!hdr_type(&p, end, "form-data"))
		goto out;
	while ((r = hdr_param(&p, end, &name, &namesz, &value)) == 1) {
		if (ascii_ieq(name, namesz, "name")) {
			if (h->name != NULL)
				goto out;
			h->name = value;
			value = NULL;
		} else if (ascii_ieq(name, namesz, "filename")) {
			if (h->filename != NULL)
				goto out;
			h->filename = value;
			value = NULL;
		}
		free(value);
		value = NULL;
	}
	ok = r == 0;
out:
	free(value);
	return ok;
}

/*
 * Parses one header line (n bytes at line, without its CRLF) of a part
 * into h. Content-Disposition and Content-Type may appear once each; other
 * headers are ignored. Returns false for a control character other than
 * HTAB, a folded line, a line without a colon or with an empty or spaced
 * name, or a malformed or repeated header that matters.
 */
static bool
mp_header(const char *line, size_t n, struct mp_head *h)
{
	const char *colon, *v, *ve;
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	if ((colon = memchr(line, ':', n)) == NULL || colon == line)
		return false;
	for (i = 0; line + i < colon; i++)
		if (!is_token(line[i]))
			return false;
	for (v = colon + 1; v < line + n && form_is_ows(*v); v++)
		continue;
	for (ve = line + n; ve > v && form_is_ows(ve[-1]); ve--)
		continue;
	if (ascii_ieq(line, (size_t)(colon - line), "content-disposition")) {
		if (h->disposition)
			return false;
		h->disposition = true;
		return mp_disposition(v, (size_t)(ve - v), h);
	}
	if (ascii_ieq(line, (size_t)(colon - line), "content-type")) {
		if (h->ctype != NULL)
			return false;
		h->ctype = xstrndup(v, (size_t)(ve - v));
	}
	return true;
}

/*
 * Parses one part (n bytes at part, between the CRLF that ends a delimiter
 * line and the CRLF that starts the next delimiter) and appends it to out
 * within lim; *nfiles counts the file parts so far. A file part counts
 * towards max_files unless both its filename and its data are empty (what
 * a browser sends for a file input left empty), so that a client cannot
 * pass files under an empty name. Returns RC_OK, or RC_INVALID or
 * RC_TOOBIG with *why set.
 */
static enum rc
mp_part(const char *part, size_t n, const struct form_limits *lim,
    size_t *nfiles, struct fields *out, const char **why)
{
	struct mp_head h = { false, NULL, NULL, NULL };
	const char *crlf, *data;
	size_t pos = 0, linesz, win, datasz;
	struct field *fl;
	enum rc rc = RC_INVALID;

	*why = why_malformed;
	for (;;) {
		win = n - pos;
		if (win > FORM_HEADER_MAX + 2)
			win = FORM_HEADER_MAX + 2;
		if ((crlf = memmem(part + pos, win, "\r\n", 2)) == NULL)
			goto out;
		linesz = (size_t)(crlf - (part + pos));
		if (linesz == 0)
			break;
		if (linesz > FORM_HEADER_MAX ||
		    !mp_header(part + pos, linesz, &h))
			goto out;
		pos += linesz + 2;
	}
	pos += 2;
	data = part + pos;
	datasz = n - pos;
	if (!h.disposition || h.name == NULL || h.name[0] == '\0')
		goto out;
	if (h.filename != NULL) {
		if (h.filename[0] != '\0' || datasz > 0) {
			if (*nfiles >= lim->max_files) {
				*why = why_files;
				rc = RC_TOOBIG;
				goto out;
			}
			(*nfiles)++;
		}
	} else {
		if (datasz > lim->max_field_bytes) {
			*why = why_field;
			rc = RC_TOOBIG;
			goto out;
		}
		if (memchr(data, '\0', datasz) != NULL)
			goto out;
	}
	fl = fields_add(out);
	fl->name = h.name;
	fl->ctype = h.ctype;
	h.name = h.ctype = NULL;
	if (h.filename != NULL) {
		fl->is_file = true;
		fl->filename = safe_filename(h.filename);
		if (datasz > lim->max_file_bytes) {
			fl->too_large = true;
			datasz = 0;
		}
	}
	fl->value = xstrndup(data, datasz);
	fl->valuesz = datasz;
	*why = NULL;
	rc = RC_OK;
out:
	free(h.name);
	free(h.filename);
	free(h.ctype);
	return rc;
}

enum rc
form_parse_multipart(const char *content_type, const char *body,
    size_t bodysz, const struct form_limits *lim, struct fields *out,
    const char **why)
{
	char *boundary = NULL, *delim = NULL;
	size_t blen, dlen, start, end, next = 0, nparts = 0, nfiles = 0;
	const char *reason = why_format;
	enum rc rc;
	int kind = 0;

	assert(lim != NULL && out != NULL);
	if ((rc = mp_boundary(content_type, &boundary)) != RC_OK)
		goto out;
	rc = RC_INVALID;
	reason = why_malformed;
	if (body == NULL)
		goto out;
	blen = strlen(boundary);
	dlen = blen + 4;
	delim = xmalloc(dlen + 1);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen + 1);

	/* The first delimiter may open the body, without its CRLF. */
	if (bodysz >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		kind = mp_after(body, bodysz, dlen - 2, &next);
	if (kind == 0)
		kind = mp_find(body, bodysz, 0, delim, dlen, &end, &next);
	if (kind == 0)
		goto out;
	while (kind == 2) {
		start = next;
		kind = mp_find(body, bodysz, start, delim, dlen, &end, &next);
		if (kind == 0)
			goto out;
		if (nparts >= lim->max_parts) {
			reason = why_parts;
			rc = RC_TOOBIG;
			goto out;
		}
		nparts++;
		rc = mp_part(body + start, end - start, lim, &nfiles, out,
		    &reason);
		if (rc != RC_OK)
			goto out;
		rc = RC_INVALID;
		reason = why_malformed;
	}
	reason = NULL;
	rc = RC_OK;
out:
	if (why != NULL)
		*why = reason;
	free(boundary);
	free(delim);
	return rc;
}
