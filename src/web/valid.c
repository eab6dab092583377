/* valid.c: the pure validators of field values, and the declared forms that apply them to a field list. */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "web/form.h"
#include "web/valid.h"
#include "base/i18n.h"
#include "base/util.h"

#define FORM_CENTS_MAX	  INT64_C(1000000000000000) /* 10^13 major units */

size_t
valid_utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
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

bool
valid_char(uint32_t cp, bool multiline)
{
	if (cp < 0x20)
		return multiline && (cp == '\t' || cp == '\n' || cp == '\r');
	return !(cp >= 0x7f && cp <= 0x9f);
}

bool
valid_id(const char *s, int64_t *out)
{
	return id_parse(s, out);
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
		n = valid_utf8_char((const unsigned char *)s + i, len - i, &cp);
		if (n == 0 || !valid_char(cp, multiline))
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
