/* form.c: the field list, and the parsers of query strings, urlencoded bodies and cookies. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "base/log.h"
#include "base/util.h"

/* Allocation comes from util.c: xmalloc(), xrealloc(), xstrndup() exit on out-of-memory. */

struct field *
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

const struct field *
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

bool
form_is_ows(char c)
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
			for (ns = p; ns < eq && form_is_ows(*ns); ns++)
				continue;
			for (ne = eq; ne > ns && form_is_ows(ne[-1]); ne--)
				continue;
			for (vs = eq + 1; vs < end && form_is_ows(*vs); vs++)
				continue;
			for (ve = end; ve > vs && form_is_ows(ve[-1]); ve--)
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
