/* form.c: pure parsers for query strings, urlencoded and multipart bodies and cookies, and the field validators. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem() */
#endif
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"

#define FORM_BOUNDARY_MAX 70	/* RFC 2046 section 5.1.1 */
#define FORM_HEADER_MAX	  1024	/* bytes of one part header line, no CRLF */
#define FORM_FILENAME_MAX 255	/* bytes of a sanitised file name */
#define FORM_CENTS_MAX	  INT64_C(1000000000000000) /* 10^13 major units */

static const char why_format[] =
    "The form was sent in a way this page does not understand; please "
    "try again.";
static const char why_malformed[] =
    "The upload was cut off or malformed; please try again.";
static const char why_parts[] = "Too many fields in the form.";
static const char why_files[] = "Too many files attached.";
static const char why_field[] = "A field in the form is too long.";

/* Allocation comes from util.c: xmalloc(), xrealloc(), xstrndup() exit on out-of-memory. */

/*
 * Appends a zeroed field to f and returns it; the caller fills it and the
 * list then owns its strings. The array grows in powers of two from 8, so
 * its capacity follows from fieldsz alone (the list must come from these
 * parsers or be zero-initialised).
 */
static struct field *
fields_add(struct fields *f)
{
	size_t n = f->fieldsz, cap;

	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		cap = n == 0 ? 8 : n * 2;
		if (cap < n || cap > SIZE_MAX / sizeof(struct field))
			log_oom();
		f->fields = xrealloc(f->fields, cap * sizeof(struct field));
	}
	memset(&f->fields[n], 0, sizeof(struct field));
	f->fieldsz = n + 1;
	return &f->fields[n];
}

/*
 * Appends a plain (non-file) field to f, taking ownership of name and of
 * value, which holds valuesz bytes and a NUL.
 */
static void
fields_push(struct fields *f, char *name, char *value, size_t valuesz)
{
	struct field *fl = fields_add(f);

	fl->name = name;
	fl->value = value;
	fl->valuesz = valuesz;
}

/* Returns the first non-file field of f called name, or NULL. */
static const struct field *
fields_first_str(const struct fields *f, const char *name)
{
	size_t i;

	if (f == NULL || name == NULL)
		return NULL;
	for (i = 0; i < f->fieldsz; i++)
		if (!f->fields[i].is_file &&
		    strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const struct field *
fields_get(const struct fields *f, const char *name)
{
	size_t i;

	if (f == NULL || name == NULL)
		return NULL;
	for (i = 0; i < f->fieldsz; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *
fields_str(const struct fields *f, const char *name)
{
	const struct field *fl = fields_first_str(f, name);

	return fl == NULL ? NULL : fl->value;
}

void
fields_release(struct fields *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->fieldsz; i++) {
		free(f->fields[i].name);
		free(f->fields[i].value);
		free(f->fields[i].filename);
		free(f->fields[i].ctype);
	}
	free(f->fields);
	f->fields = NULL;
	f->fieldsz = 0;
}

/*
 * Decodes the n bytes at s as application/x-www-form-urlencoded ('+' is a
 * space, %XX a byte) into a new NUL-terminated string stored in *out; free
 * it with free(). Returns RC_OK, or RC_INVALID with *out NULL when an
 * escape is not two hex digits or the result would hold a NUL byte.
 */
static enum rc
url_decode(const char *s, size_t n, char **out)
{
	char *buf = xmalloc(n + 1);
	enum rc rc = RC_INVALID;
	size_t i, j = 0;
	unsigned char c;
	int hi, lo;

	*out = NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (n - i < 3)
				goto out;
			hi = hex_digit((unsigned char)s[i + 1]);
			lo = hex_digit((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				goto out;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			goto out;
		buf[j++] = (char)c;
	}
	buf[j] = '\0';
	*out = buf;
	buf = NULL;
	rc = RC_OK;
out:
	free(buf);
	return rc;
}

enum rc
form_parse_urlencoded(const char *s, size_t len, struct fields *out)
{
	char *name = NULL, *value = NULL;
	const char *amp, *eq;
	size_t pos = 0, end, namesz;
	enum rc rc = RC_OK;

	while (pos < len) {
		amp = memchr(s + pos, '&', len - pos);
		end = amp == NULL ? len : (size_t)(amp - s);
		if (end > pos) {
			eq = memchr(s + pos, '=', end - pos);
			namesz = (eq == NULL ? end : (size_t)(eq - s)) - pos;
			if ((rc = url_decode(s + pos, namesz, &name)) != RC_OK)
				goto out;
			if (eq == NULL)
				value = xstrndup("", 0);
			else if ((rc = url_decode(eq + 1,
			    end - pos - namesz - 1, &value)) != RC_OK)
				goto out;
			if (name[0] != '\0') {
				fields_push(out, name, value, strlen(value));
				name = value = NULL;
			}
			free(name);
			free(value);
			name = value = NULL;
		}
		pos = end + 1;
	}
out:
	free(name);
	free(value);
	return rc;
}

/* Returns true for the optional whitespace of HTTP headers: SP and HTAB. */
static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

enum rc
form_parse_cookies(const char *header, struct fields *out)
{
	const char *p = header, *end, *eq, *ns, *ne, *vs, *ve;

	if (header == NULL)
		return RC_OK;
	while (*p != '\0') {
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL) {
			for (ns = p; ns < eq && is_ows(*ns); ns++)
				continue;
			for (ne = eq; ne > ns && is_ows(ne[-1]); ne--)
				continue;
			for (vs = eq + 1; vs < end && is_ows(*vs); vs++)
				continue;
			for (ve = end; ve > vs && is_ows(ve[-1]); ve--)
				continue;
			if (ne > ns)
				fields_push(out,
				    xstrndup(ns, (size_t)(ne - ns)),
				    xstrndup(vs, (size_t)(ve - vs)),
				    (size_t)(ve - vs));
		}
		p = *end == ';' ? end + 1 : end;
	}
	return RC_OK;
}

/*
 * Decodes one UTF-8 sequence from the n > 0 bytes at s into *cp. Returns
 * its length, 1 to 4, or 0 when the bytes do not start with the shortest
 * encoding of a Unicode scalar value (overlong forms, surrogates, values
 * over U+10FFFF, stray continuation bytes and cut-off sequences).
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t v, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		v = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] < 0xf0) {
		len = 3;
		v = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] < 0xf5) {
		len = 4;
		v = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/*
 * Returns true when cp is a control character that text may not hold: C0
 * controls (but \t, \n and \r when multiline is true), DEL and the C1
 * controls U+0080..U+009F.
 */
static bool
is_bad_control(uint32_t cp, bool multiline)
{
	if (cp < 0x20)
		return !(multiline && (cp == '\t' || cp == '\n' || cp == '\r'));
	return cp >= 0x7f && cp <= 0x9f;
}

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
		n = utf8_decode((const unsigned char *)base + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (!is_bad_control(cp, false) && !is_bidi_control(cp)) {
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
	for (; p < end && (is_ows(*p) || *p == ';'); p++)
		if (*p == ';')
			semi = true;
	if (p == end)
		return 0;
	if (!semi || !hdr_token(&p, end, name, namesz))
		return -1;
	while (p < end && is_ows(*p))
		p++;
	if (p == end || *p != '=')
		return -1;
	for (p++; p < end && is_ows(*p); p++)
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

	while (p < end && is_ows(*p))
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
	while (at < bodysz && is_ows(body[at]))
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
	for (v = colon + 1; v < line + n && is_ows(*v); v++)
		continue;
	for (ve = line + n; ve > v && is_ows(ve[-1]); ve--)
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

bool
valid_id(const char *s, int64_t *out)
{
	int64_t v = 0;
	int d;

	if (s == NULL || *s < '1' || *s > '9')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		d = *s - '0';
		if (v > (INT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (out != NULL)
		*out = v;
	return true;
}

bool
valid_cents(const char *s, int64_t *out)
{
	int64_t major = 0, minor = 0;

	if (s == NULL)
		return false;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		major = major * 10 + (*s - '0');
		if (major > FORM_CENTS_MAX / 100)
			return false;
	}
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		minor = (*s++ - '0') * 10;
		if (*s >= '0' && *s <= '9')
			minor += *s++ - '0';
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || major * 100 + minor > FORM_CENTS_MAX)
		return false;
	if (out != NULL)
		*out = major * 100 + minor;
	return true;
}

bool
valid_text(const char *s, size_t minchars, size_t maxchars, bool multiline)
{
	size_t len, i, n, count = 0;
	uint32_t cp;

	if (s == NULL)
		return false;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0 || is_bad_control(cp, multiline))
			return false;
		if (++count > maxchars)
			return false;
	}
	return count >= minchars;
}

bool
valid_enum(const char *s, const char *const *names, size_t namesz, int *out)
{
	size_t i;

	if (s == NULL || names == NULL)
		return false;
	for (i = 0; i < namesz; i++) {
		if (names[i] != NULL && strcmp(s, names[i]) == 0) {
			if (out != NULL)
				*out = (int)i;
			return true;
		}
	}
	return false;
}

/*
 * Checks the non-empty value raw against spec and stores the parsed value
 * (id, cents or enum index; 0 for text) in *num. Returns true when valid.
 */
static bool
form_check_one(const struct form_spec *spec, const char *raw, int64_t *num)
{
	size_t min, max;
	int64_t v = 0;
	int idx = 0;

	*num = 0;
	switch (spec->kind) {
	case FORM_TEXT:
		min = spec->min < 0 ? 0 : (size_t)spec->min;
		max = spec->max < 0 ? 0 : (size_t)spec->max;
		return valid_text(raw, min, max, spec->multiline);
	case FORM_ID:
		if (!valid_id(raw, &v))
			return false;
		break;
	case FORM_CENTS:
		if (!valid_cents(raw, &v) || v < spec->min ||
		    (spec->max > 0 && v > spec->max))
			return false;
		break;
	case FORM_ENUM:
		if (!valid_enum(raw, spec->names, spec->namesz, &idx))
			return false;
		v = idx;
		break;
	default:
		assert((unsigned)spec->kind < FORM__MAX);
		return false;
	}
	*num = v;
	return true;
}

const char *const FORM_FILE_EMPTY = N_("“%s” is empty; choose it again.");
const char *const FORM_FILE_TOO_LARGE = N_("“%s” is larger than %s; choose a "
    "smaller photo.");

const struct field *
form_files_next(const struct fields *f, const char *name,
    const struct field *prev)
{
	size_t i = prev == NULL ? 0 : (size_t)(prev - f->fields) + 1;

	for (; i < f->fieldsz; i++) {
		const struct field *fl = &f->fields[i];

		if (fl->is_file && strcmp(fl->name, name) == 0 &&
		    (fl->valuesz > 0 || fl->too_large ||
		    (fl->filename != NULL && *fl->filename != '\0')))
			return fl;
	}
	return NULL;
}

/* Checks the file parts of spec into v; returns false when one is bad. */
static bool
form_check_files(const struct fields *f, const struct form_spec *spec,
    struct form_value *v)
{
	const struct field *fl = NULL;

	v->raw = "";
	while ((fl = form_files_next(f, spec->name, fl)) != NULL) {
		v->num++;
		if (v->file == NULL && (fl->too_large || fl->valuesz == 0)) {
			v->file = fl;
			v->error = fl->too_large ? FORM_FILE_TOO_LARGE :
			    FORM_FILE_EMPTY;
		}
	}
	if (v->file == NULL && spec->max > 0 && v->num > spec->max)
		v->error = spec->message;
	v->state = v->error != NULL ? FORM_BAD : v->num == 0 ? FORM_MISSING :
	    FORM_OK;
	if (v->state == FORM_MISSING && spec->required)
		v->error = spec->message;
	return v->error == NULL;
}

bool
form_check(const struct fields *f, const struct form_spec *specs,
    size_t specsz, struct form_value *vals)
{
	const struct field *fl;
	bool ok = true;
	size_t i;

	for (i = 0; i < specsz; i++) {
		vals[i].num = 0;
		vals[i].error = NULL;
		vals[i].file = NULL;
		if (specs[i].kind == FORM_FILES) {
			ok = form_check_files(f, &specs[i], &vals[i]) && ok;
			continue;
		}
		fl = fields_first_str(f, specs[i].name);
		vals[i].raw = fl == NULL ? "" : fl->value;
		if (vals[i].raw[0] == '\0') {
			vals[i].state = FORM_MISSING;
			if (specs[i].required) {
				vals[i].error = specs[i].message;
				ok = false;
			}
			continue;
		}
		/* A value with a NUL inside is never valid. */
		if (strlen(fl->value) == fl->valuesz &&
		    form_check_one(&specs[i], vals[i].raw, &vals[i].num)) {
			vals[i].state = FORM_OK;
			continue;
		}
		vals[i].state = FORM_BAD;
		vals[i].error = specs[i].message;
		ok = false;
	}
	return ok;
}
