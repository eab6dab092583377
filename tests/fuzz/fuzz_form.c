/* fuzz_form.c: libFuzzer target that feeds one input to every parser of form.c and checks what comes back. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small limits, so that the fuzzer reaches every limit quickly. */
static const struct form_limits fuzz_limits = {
	8,	/* max_parts */
	2,	/* max_files */
	64,	/* max_field_bytes */
	32,	/* max_file_bytes */
};

/*
 * Returns NULL when every field of f keeps the promises of form.h (names
 * non-empty, values NUL-terminated at valuesz, safe file names, too_large
 * only on empty file values), or a sentence saying which promise broke.
 * With binary_ok false, values may not hold NULs either.
 */
static const char *
fuzz_check_fields(const struct fields *f, bool binary_ok)
{
	const struct field *fl;
	size_t i, len;

	for (i = 0; i < f->fieldsz; i++) {
		fl = &f->fields[i];
		if (fl->name == NULL || fl->name[0] == '\0')
			return "a field has no name";
		if (fields_get(f, fl->name) == NULL)
			return "fields_get misses a field";
		if (fl->value == NULL || fl->value[fl->valuesz] != '\0')
			return "a value is not NUL-terminated at valuesz";
		if (!(binary_ok && fl->is_file) &&
		    strlen(fl->value) != fl->valuesz)
			return "a non-file value holds a NUL";
		if (!fl->is_file && (fl->filename != NULL || fl->too_large))
			return "a non-file field has file attributes";
		if (fl->too_large && fl->valuesz != 0)
			return "a too_large file kept its data";
		if (!fl->is_file)
			continue;
		if (fl->filename == NULL)
			return "a file field has no file name";
		len = strlen(fl->filename);
		if (len > 255 || strpbrk(fl->filename, "/\\") != NULL ||
		    strcmp(fl->filename, ".") == 0 ||
		    strcmp(fl->filename, "..") == 0 ||
		    !valid_text(fl->filename, 0, 255, false))
			return "a file name is not safe";
	}
	return NULL;
}

/*
 * Returns NULL when a multipart parse that returned rc with reason why
 * into f is consistent with lim, or a sentence saying what is wrong.
 */
static const char *
fuzz_check_multipart(enum rc rc, const char *why, const struct fields *f,
    const struct form_limits *lim)
{
	size_t i, files = 0;

	if (rc != RC_OK && rc != RC_INVALID && rc != RC_TOOBIG)
		return "form_parse_multipart returned an unexpected code";
	if ((rc == RC_OK) != (why == NULL))
		return "why does not match the return code";
	if (f->fieldsz > lim->max_parts)
		return "more parts than max_parts";
	for (i = 0; i < f->fieldsz; i++) {
		if (f->fields[i].is_file && f->fields[i].filename[0] != '\0')
			files++;
		if (!f->fields[i].is_file &&
		    f->fields[i].valuesz > lim->max_field_bytes)
			return "a field over max_field_bytes";
		if (f->fields[i].is_file &&
		    f->fields[i].valuesz > lim->max_file_bytes)
			return "a file over max_file_bytes kept its data";
	}
	if (files > lim->max_files)
		return "more files than max_files";
	return fuzz_check_fields(f, true);
}

/*
 * Feeds data to form_parse_urlencoded, form_parse_cookies and
 * form_parse_multipart (content type "multipart/form-data; boundary=XyZ";
 * and, when the input holds a newline, again with its first line as the
 * content type and the rest as the body), runs the validators on it, and
 * releases everything. Returns NULL, or a sentence naming a broken promise.
 */
static const char *
fuzz_form_one(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "open", "closed", "" };
	const struct form_spec specs[] = {
		{ "id", FORM_ID, true, 0, 0, false, NULL, 0, "id" },
		{ "amount", FORM_CENTS, false, 1, 100000, false, NULL, 0, "a" },
		{ "text", FORM_TEXT, false, 1, 20, true, NULL, 0, "text" },
		{ "kind", FORM_ENUM, false, 0, 0, false, kinds, 3, "kind" },
	};
	struct form_value vals[sizeof(specs) / sizeof(specs[0])];
	struct fields f = { NULL, 0 };
	const char *why, *err = NULL, *nl;
	char *s, *ct;
	int64_t v;
	enum rc rc;
	int idx;

	s = malloc(size + 1);
	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';

	rc = form_parse_urlencoded(s, size, &f);
	if (rc != RC_OK && rc != RC_INVALID)
		err = "form_parse_urlencoded returned an unexpected code";
	if (err == NULL)
		err = fuzz_check_fields(&f, false);
	(void)form_check(&f, specs, sizeof(specs) / sizeof(specs[0]), vals);
	fields_release(&f);
	if (err != NULL)
		goto out;

	if (form_parse_cookies(s, &f) != RC_OK)
		err = "form_parse_cookies failed";
	if (err == NULL)
		err = fuzz_check_fields(&f, false);
	fields_release(&f);
	if (err != NULL)
		goto out;

	rc = form_parse_multipart("multipart/form-data; boundary=XyZ", s,
	    size, &fuzz_limits, &f, &why);
	err = fuzz_check_multipart(rc, why, &f, &fuzz_limits);
	fields_release(&f);
	if (err != NULL)
		goto out;

	if ((nl = memchr(s, '\n', size)) != NULL) {
		ct = strndup(s, (size_t)(nl - s));
		if (ct == NULL)
			abort();
		rc = form_parse_multipart(ct, nl + 1,
		    size - (size_t)(nl - s) - 1, &fuzz_limits, &f, &why);
		err = fuzz_check_multipart(rc, why, &f, &fuzz_limits);
		fields_release(&f);
		free(ct);
		if (err != NULL)
			goto out;
	}

	if (valid_id(s, &v) && v <= 0)
		err = "valid_id accepted a non-positive id";
	else if (valid_cents(s, &v) && (v < 0 || v > INT64_C(1000000000000000)))
		err = "valid_cents accepted an amount out of range";
	else if (valid_text(s, 0, 1, true) && strlen(s) > 4)
		err = "valid_text counted more bytes than a character can hold";
	else if (valid_enum(s, kinds, 3, &idx) && (idx < 0 || idx > 2))
		err = "valid_enum returned an index out of range";
out:
	free(s);
	return err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *err = fuzz_form_one(data, size);

	if (err != NULL) {
		fprintf(stderr, "fuzz_form: %s\n", err);
		abort();
	}
	return 0;
}
