/* test_form.c: cmocka tests of the form parsers and validators, including the fuzz corpus as regression cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "web/form.h"

/*
 * The fuzz target's checks are the regression test for its corpus, so the
 * target is compiled in here; LLVMFuzzerTestOneInput is then unused.
 */
#include "../fuzz/fuzz_form.c"

#define CT "multipart/form-data; boundary=XyZ"
#define CD(n) "Content-Disposition: form-data; name=\"" n "\"\r\n"
#define CDF(n, fn) \
	"Content-Disposition: form-data; name=\"" n "\"; filename=\"" fn \
	"\"\r\n"
#define MALFORMED "The upload was cut off or malformed; please try again."

static const struct form_limits lim_default = {
	16,	/* max_parts */
	4,	/* max_files */
	1024,	/* max_field_bytes */
	1024,	/* max_file_bytes */
};

/* Parses the string literal body with CT and lim_default into f. */
#define MP(body, f, why) \
	form_parse_multipart(CT, (body), sizeof(body) - 1, &lim_default, \
	    (f), (why))

/* Parses the string literal body with content type ct into f. */
#define MPCT(ct, body, f, why) \
	form_parse_multipart((ct), (body), sizeof(body) - 1, &lim_default, \
	    (f), (why))

/* Fails the test unless field i of f is a plain field name=value. */
static void
assert_pair(const struct fields *f, size_t i, const char *name,
    const char *value)
{
	assert_true(i < f->fieldsz);
	assert_string_equal(f->fields[i].name, name);
	assert_string_equal(f->fields[i].value, value);
	assert_int_equal(f->fields[i].valuesz, strlen(value));
	assert_false(f->fields[i].is_file);
	assert_false(f->fields[i].too_large);
	assert_null(f->fields[i].filename);
}

/* Parses the NUL-terminated s as urlencoded into f and returns the code. */
static enum rc
urlenc(const char *s, struct fields *f)
{
	return form_parse_urlencoded(s, strlen(s), f);
}

/* --- urlencoded --------------------------------------------------- */

/* Plain pairs, '+' and a %-escape decode; release empties the list. */
static void
test_urlenc_basic(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(urlenc("a=1&b=x+y%21", &f), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_pair(&f, 0, "a", "1");
	assert_pair(&f, 1, "b", "x y!");
	assert_null(f.fields[0].ctype);
	fields_release(&f);
	assert_null(f.fields);
	assert_int_equal(f.fieldsz, 0);
}

/* Escapes decode in either case, in names too, and hide '=' and '&'. */
static void
test_urlenc_hex_case_and_names(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(urlenc("%61%2b=%4a%4A%c3%A9&x=a%3Db%26c", &f), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_pair(&f, 0, "a+", "JJ\xc3\xa9");
	assert_pair(&f, 1, "x", "a=b&c");
	fields_release(&f);
}

/* A pair without '=' has an empty value; only the first '=' splits. */
static void
test_urlenc_no_equals(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(urlenc("flag&x=1&y=&z=a=b", &f), RC_OK);
	assert_int_equal(f.fieldsz, 4);
	assert_pair(&f, 0, "flag", "");
	assert_pair(&f, 1, "x", "1");
	assert_pair(&f, 2, "y", "");
	assert_pair(&f, 3, "z", "a=b");
	fields_release(&f);
}

/* Empty pairs and pairs with an empty name are skipped. */
static void
test_urlenc_empty_pairs_and_names(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(urlenc("&&a=1&&=v&=&b=2&", &f), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_pair(&f, 0, "a", "1");
	assert_pair(&f, 1, "b", "2");
	fields_release(&f);

	assert_int_equal(urlenc("", &f), RC_OK);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(form_parse_urlencoded(NULL, 0, &f), RC_OK);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(urlenc("&&&", &f), RC_OK);
	assert_int_equal(f.fieldsz, 0);
	/* "+" decodes to a space, which is a name. */
	assert_int_equal(urlenc("+=1", &f), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, " ", "1");
	fields_release(&f);
}

/* Every malformed %-escape is RC_INVALID, keeping the pairs before it. */
static void
test_urlenc_bad_escapes(void **state)
{
	static const char *const bad[] = {
		"a=%4", "a=%", "a=%zz", "a=%g0", "a=%0g", "%=1", "a%2=1",
		"a=%%41", "a=% 41", "a=%+1",
	};
	struct fields f = { NULL, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(urlenc(bad[i], &f), RC_INVALID);
		assert_int_equal(f.fieldsz, 0);
	}
	/* What came before the bad pair stays, for the caller to free. */
	assert_int_equal(urlenc("a=1&b=%4", &f), RC_INVALID);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "a", "1");
	fields_release(&f);
}

/* A NUL byte, decoded or raw, is RC_INVALID. */
static void
test_urlenc_nul(void **state)
{
	static const char raw[] = "a=1\0b&c=2";
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(urlenc("a=%00", &f), RC_INVALID);
	assert_int_equal(urlenc("a%00b=1", &f), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(form_parse_urlencoded(raw, sizeof(raw) - 1, &f),
	    RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
}

/* Only len bytes are read, even when the string goes on. */
static void
test_urlenc_respects_len(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(form_parse_urlencoded("a=1&b=2", 3, &f), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "a", "1");
	fields_release(&f);
	/* A cut in the middle of an escape is a bad escape. */
	assert_int_equal(form_parse_urlencoded("a=%41", 4, &f), RC_INVALID);
	fields_release(&f);
}

/* Parses append to the list, which grows and can be reused. */
static void
test_urlenc_appends_and_grows(void **state)
{
	struct fields f = { NULL, 0 };
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(buf, sizeof(buf), "k%zu=v%zu", i, i);
		assert_int_equal(urlenc(buf, &f), RC_OK);
	}
	assert_int_equal(f.fieldsz, 1000);
	for (i = 0; i < 1000; i += 97) {
		snprintf(buf, sizeof(buf), "k%zu", i);
		assert_string_equal(f.fields[i].name, buf);
		snprintf(buf, sizeof(buf), "v%zu", i);
		assert_string_equal(f.fields[i].value, buf);
	}
	assert_string_equal(fields_str(&f, "k999"), "v999");
	fields_release(&f);
	/* The list can be reused after a release. */
	assert_int_equal(urlenc("a=1&a=2", &f), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_string_equal(fields_str(&f, "a"), "1");
	fields_release(&f);
}

/* --- cookies ------------------------------------------------------ */

/* A Cookie header splits on ';' into pairs. */
static void
test_cookies_basic(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(form_parse_cookies("a=1; b=2", &f), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_pair(&f, 0, "a", "1");
	assert_pair(&f, 1, "b", "2");
	fields_release(&f);
}

/* Spaces and tabs around names and values are trimmed. */
static void
test_cookies_whitespace(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(form_parse_cookies("  a = 1 ;\tb=2\t ;c=;", &f),
	    RC_OK);
	assert_int_equal(f.fieldsz, 3);
	assert_pair(&f, 0, "a", "1");
	assert_pair(&f, 1, "b", "2");
	assert_pair(&f, 2, "c", "");
	fields_release(&f);
}

/* Pieces without '=' or with an empty name are skipped. */
static void
test_cookies_malformed_skipped(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(form_parse_cookies("junk; =x;  = y ; ;;c=3; d", &f),
	    RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "c", "3");
	fields_release(&f);

	assert_int_equal(form_parse_cookies(NULL, &f), RC_OK);
	assert_int_equal(form_parse_cookies("", &f), RC_OK);
	assert_int_equal(form_parse_cookies(";;; ", &f), RC_OK);
	assert_int_equal(f.fieldsz, 0);
}

/* Cookie values are kept as sent, quotes and escapes included. */
static void
test_cookies_no_decoding(void **state)
{
	struct fields f = { NULL, 0 };

	(void)state;
	assert_int_equal(form_parse_cookies(
	    "s=%41+b; q=\"x y\"; e=a=b; sid=abc", &f), RC_OK);
	assert_int_equal(f.fieldsz, 4);
	assert_pair(&f, 0, "s", "%41+b");
	assert_pair(&f, 1, "q", "\"x y\"");
	assert_pair(&f, 2, "e", "a=b");
	assert_pair(&f, 3, "sid", "abc");
	assert_string_equal(fields_str(&f, "sid"), "abc");
	fields_release(&f);
}

/* --- multipart: content type -------------------------------------- */

/* Text parts, with and without Content-Type, and an empty value. */
static void
test_mp_basic(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CD("a") "\r\n1\r\n"
	    "--XyZ\r\n" CD("b") "Content-Type: text/plain\r\n\r\nx y\r\n"
	    "--XyZ\r\n" CD("empty") "\r\n\r\n"
	    "--XyZ--\r\n";
	struct fields f = { NULL, 0 };
	const char *why = "unset";

	(void)state;
	assert_int_equal(MP(body, &f, &why), RC_OK);
	assert_null(why);
	assert_int_equal(f.fieldsz, 3);
	assert_pair(&f, 0, "a", "1");
	assert_null(f.fields[0].ctype);
	assert_pair(&f, 1, "b", "x y");
	assert_string_equal(f.fields[1].ctype, "text/plain");
	assert_pair(&f, 2, "empty", "");
	fields_release(&f);
}

/* The boundary parameter in every form a client may send it. */
static void
test_mp_boundary_forms(void **state)
{
	static const char quoted[] =
	    "--a b:c\r\n" CD("a") "\r\n1\r\n--a b:c--";
	static const char plain[] =
	    "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--";
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MPCT("multipart/form-data; boundary=\"a b:c\"",
	    quoted, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "a", "1");
	fields_release(&f);

	assert_int_equal(MPCT("Multipart/Form-Data; charset=utf-8; "
	    "BOUNDARY=XyZ", plain, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	assert_int_equal(MPCT("multipart/form-data;boundary=\"XyZ\" ; x=\"y\"",
	    plain, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	assert_int_equal(MPCT("  multipart/form-data ; boundary = XyZ ;",
	    plain, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	/* A quoted-pair escapes a tspecial in the boundary value... */
	assert_int_equal(MPCT("multipart/form-data; boundary=\"X\\:Z\"",
	    "--X:Z\r\n" CD("a") "\r\n1\r\n--X:Z--", &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	/* ...and a backslash before anything else stays: no boundary. */
	assert_int_equal(MPCT("multipart/form-data; boundary=\"X\\yZ\"",
	    plain, &f, &why), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
}

/* Content types without a usable boundary are RC_INVALID. */
static void
test_mp_boundary_bad(void **state)
{
	static const char body[] = "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--";
	static const char *const bad[] = {
		"",
		"text/plain; boundary=XyZ",
		"multipart/mixed; boundary=XyZ",
		"multipart/form-data",
		"multipart/form-data; charset=utf-8",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"XyZ",
		"multipart/form-data; boundary=XyZ; boundary=XyZ",
		"multipart/form-data boundary=XyZ",
		"multipart/form-datax; boundary=XyZ",
		"multipart/form-data; boundary=Xy\"Z\"",
		"multipart/form-data; boundary=\"XyZ \"",
		"multipart/form-data; boundary=\"X\x01yZ\"",
		"multipart/form-data; boundary=XyZ\r\n",
		"multipart/form-data; boundary=\"Xy<Z\"",
		"multipart/form-data; =XyZ",
		"multipart/form-data; boundary",
	};
	struct fields f = { NULL, 0 };
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(MPCT(bad[i], body, &f, &why), RC_INVALID);
		assert_non_null(why);
		assert_int_equal(f.fieldsz, 0);
	}
	why = NULL;
	assert_int_equal(MPCT(NULL, body, &f, &why), RC_INVALID);
	assert_non_null(why);
	/* why may be NULL. */
	assert_int_equal(MPCT("text/plain", body, &f, NULL), RC_INVALID);
}

/* A boundary of 70 characters works, one of 71 does not. */
static void
test_mp_boundary_length(void **state)
{
	char ct[160], body[300], b[80];
	struct fields f = { NULL, 0 };
	const char *why;
	int n;

	(void)state;
	memset(b, 'b', 70);
	b[70] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
	n = snprintf(body, sizeof(body), "--%s\r\n" CD("a") "\r\n1\r\n--%s--",
	    b, b);
	assert_int_equal(form_parse_multipart(ct, body, (size_t)n,
	    &lim_default, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);

	b[70] = 'b';
	b[71] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
	n = snprintf(body, sizeof(body), "--%s\r\n" CD("a") "\r\n1\r\n--%s--",
	    b, b);
	assert_int_equal(form_parse_multipart(ct, body, (size_t)n,
	    &lim_default, &f, &why), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
}

/* --- multipart: framing ------------------------------------------- */

/* File data with NULs, CRLFs and near-miss delimiters is kept exactly. */
static void
test_mp_binary_file(void **state)
{
	/* File data with NULs, CRLFs and near-miss boundaries inside. */
	static const char data[] =
	    "\0\x01\r\n\r\n--XyZ"	/* no CRLF before: data */
	    "-\r\n"
	    "\r\n--XyZZ\r\n"		/* longer boundary: data */
	    "\r\n--XyZ x\r\n"		/* padding then junk: data */
	    "\n--XyZ\r\n"		/* bare LF before: data */
	    "\r\n-XyZ\r\n"
	    "\r\n--xyz\r\n"		/* other case: data */
	    "\xff\xfe\0";
	static const char body[] =
	    "--XyZ\r\n" CDF("f", "a.bin")
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\0\x01\r\n\r\n--XyZ"
	    "-\r\n"
	    "\r\n--XyZZ\r\n"
	    "\r\n--XyZ x\r\n"
	    "\n--XyZ\r\n"
	    "\r\n-XyZ\r\n"
	    "\r\n--xyz\r\n"
	    "\xff\xfe\0"
	    "\r\n--XyZ\r\n" CD("after") "\r\nok\r\n--XyZ--\r\n";
	struct fields f = { NULL, 0 };
	const struct field *fl;
	const char *why;

	(void)state;
	assert_int_equal(MP(body, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	fl = &f.fields[0];
	assert_string_equal(fl->name, "f");
	assert_true(fl->is_file);
	assert_false(fl->too_large);
	assert_string_equal(fl->filename, "a.bin");
	assert_string_equal(fl->ctype, "application/octet-stream");
	assert_int_equal(fl->valuesz, sizeof(data) - 1);
	assert_memory_equal(fl->value, data, sizeof(data) - 1);
	assert_int_equal(fl->value[fl->valuesz], '\0');
	assert_pair(&f, 1, "after", "ok");
	fields_release(&f);
}

/* Preamble, epilogue and padding after a boundary are tolerated. */
static void
test_mp_preamble_epilogue_padding(void **state)
{
	static const char pre[] =
	    "This is a preamble.\r\n--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--";
	static const char crlf_first[] =
	    "\r\n--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--";
	static const char epi[] =
	    "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ--\r\nepilogue\r\n--XyZ\r\n";
	static const char pad[] =
	    "--XyZ \t\r\n" CD("a") "\r\n1\r\n--XyZ  \r\n" CD("b")
	    "\r\n2\r\n--XyZ--";
	static const char fake_first[] =
	    "--XyZZ\r\n" CD("x") "\r\nno\r\n--XyZ\r\n" CD("a")
	    "\r\n1\r\n--XyZ--";
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MP(pre, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "a", "1");
	fields_release(&f);
	assert_int_equal(MP(crlf_first, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	assert_int_equal(MP(epi, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fields_release(&f);
	assert_int_equal(MP(pad, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 2);
	assert_pair(&f, 1, "b", "2");
	fields_release(&f);
	assert_int_equal(MP(fake_first, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_pair(&f, 0, "a", "1");
	fields_release(&f);
}

/* A body that is only the close delimiter has no fields. */
static void
test_mp_no_parts(void **state)
{
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MP("--XyZ--", &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(MP("--XyZ--\r\n", &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 0);
}

/* Bodies without a close delimiter or cut short are RC_INVALID. */
static void
test_mp_truncated(void **state)
{
	static const char *const bad[] = {
		"",
		"--XyZ",
		"--XyZ\r\n",
		"--XyZ\r\n" CD("a") "\r\n1",
		"--XyZ\r\n" CD("a") "\r\n1\r\n",
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ",
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ-",
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r",
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r\n",
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r\n" CD("b"),
		"--XyZ\r\n" CD("a") "\r\n1\r\n--XyZZ--",
		"no delimiter at all",
		"--XyZ\n" CD("a") "\n1\n--XyZ--",
		"--XyZ\r\n--XyZ--",
	};
	struct fields f = { NULL, 0 };
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(form_parse_multipart(CT, bad[i],
		    strlen(bad[i]), &lim_default, &f, &why), RC_INVALID);
		assert_string_equal(why, MALFORMED);
		fields_release(&f);
	}
	assert_int_equal(form_parse_multipart(CT, NULL, 0, &lim_default, &f,
	    &why), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
}

/* --- multipart: part headers -------------------------------------- */

/* Malformed part headers are RC_INVALID with the malformed message. */
static void
test_mp_bad_headers(void **state)
{
	static const char *const bad[] = {
		/* No Content-Disposition. */
		"--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		/* No headers at all. */
		"--XyZ\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\n\r\n--XyZ--",
		/* No name, an empty name, a repeated name. */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n"
		    "\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n"
		    "\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; "
		    "filename=x; filename=y\r\n\r\n1\r\n--XyZ--",
		/* Another disposition type, or none. */
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: ; name=\"a\"\r\n\r\n1\r\n"
		    "--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data name=\"a\"\r\n\r\n1"
		    "\r\n--XyZ--",
		/* Unterminated quoted string. */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\\\"\r\n\r\n1"
		    "\r\n--XyZ--",
		/* Junk after a parameter. */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"b\r\n\r\n1"
		    "\r\n--XyZ--",
		/* Repeated headers. */
		"--XyZ\r\n" CD("a") CD("b") "\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") "Content-Type: a\r\nContent-Type: b\r\n"
		    "\r\n1\r\n--XyZ--",
		/* No blank line after the headers. */
		"--XyZ\r\n" CD("a") "1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "--XyZ--",
		/* A line without a colon, a folded line, a spaced name. */
		"--XyZ\r\n" CD("a") "junk\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") "j\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") "X-A: b\r\n c\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") "X A: b\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") ": b\r\n\r\n1\r\n--XyZ--",
		/* Bare LF, CR or DEL inside a header line. */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\nb\"\r\n"
		    "\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\rb\"\r\n"
		    "\r\n1\r\n--XyZ--",
		"--XyZ\r\n" CD("a") "X-A: \x7f\r\n\r\n1\r\n--XyZ--",
		/* Headers ending in LF only. */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\n\n1\r\n"
		    "--XyZ--",
	};
	struct fields f = { NULL, 0 };
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (form_parse_multipart(CT, bad[i], strlen(bad[i]),
		    &lim_default, &f, &why) != RC_INVALID)
			fail_msg("accepted bad[%zu]: %s", i, bad[i]);
		assert_string_equal(why, MALFORMED);
		assert_int_equal(f.fieldsz, 0);
	}
}

/* A NUL in a header or in a non-file value is RC_INVALID. */
static void
test_mp_nul_in_header_or_field(void **state)
{
	static const char hdr[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\n1"
	    "\r\n--XyZ--";
	static const char field[] =
	    "--XyZ\r\n" CD("a") "\r\nx\0y\r\n--XyZ--";
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MP(hdr, &f, &why), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(MP(field, &f, &why), RC_INVALID);
	assert_int_equal(f.fieldsz, 0);
}

/* Header names and parameters in any case, spacing and quoting. */
static void
test_mp_header_forms(void **state)
{
	static const char body[] =
	    "--XyZ\r\ncontent-disposition:FORM-DATA;NAME=plain\r\n"
	    "X-Ignored: whatever; name=\"no\"\r\n"
	    "Content-Transfer-Encoding: binary\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition:  form-data ;  "
	    "name = \"q\\\"uo\\\\te\" ; filename*=UTF-8''x.txt ;\r\n"
	    "CONTENT-TYPE:   text/x-thing ; charset=utf-8  \r\n\r\n2\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"sem;i\"\r\n\r\n3"
	    "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\\b\"\r\n"
	    "\r\n4\r\n--XyZ--";
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MP(body, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 4);
	assert_pair(&f, 0, "plain", "1");
	/* filename* is ignored, so this is not a file. */
	assert_pair(&f, 1, "q\"uo\\te", "2");
	assert_string_equal(f.fields[1].ctype, "text/x-thing ; charset=utf-8");
	assert_pair(&f, 2, "sem;i", "3");
	/* A backslash before a non-special is a literal backslash. */
	assert_pair(&f, 3, "a\\b", "4");
	fields_release(&f);
}

/* Header lines of up to 1 KiB pass and longer ones are RC_INVALID. */
static void
test_mp_header_line_limit(void **state)
{
	struct fields f = { NULL, 0 };
	char *body, *p;
	const char *why;
	size_t line;

	(void)state;
	body = malloc(4096);
	assert_non_null(body);
	/* A 1024-byte header line is fine, 1025 bytes is not. */
	for (line = 1023; line <= 1026; line++) {
		p = body;
		p += sprintf(p, "--XyZ\r\n" CD("a") "X-Pad: ");
		memset(p, 'p', line - 7);
		p += line - 7;
		p += sprintf(p, "\r\n\r\n1\r\n--XyZ--");
		assert_int_equal(form_parse_multipart(CT, body,
		    (size_t)(p - body), &lim_default, &f, &why),
		    line <= 1024 ? RC_OK : RC_INVALID);
		assert_int_equal(f.fieldsz, line <= 1024 ? 1 : 0);
		fields_release(&f);
	}
	/* A long header with no CRLF at all. */
	p = body;
	p += sprintf(p, "--XyZ\r\n");
	memset(p, 'h', 3000);
	p += 3000;
	p += sprintf(p, "\r\n--XyZ--");
	assert_int_equal(form_parse_multipart(CT, body, (size_t)(p - body),
	    &lim_default, &f, &why), RC_INVALID);
	free(body);
}

/* --- multipart: files and file names ------------------------------ */

/*
 * Parses a one-file body whose Content-Disposition filename parameter is
 * fnparam (quoted or not, as it goes on the wire) and returns the
 * sanitised name; free it with free().
 */
static char *
filename_of(const char *fnparam)
{
	struct fields f = { NULL, 0 };
	const char *why;
	char body[2048];
	char *name;
	int n;

	n = snprintf(body, sizeof(body),
	    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=%s\r\n\r\ndata\r\n--XyZ--", fnparam);
	assert_true(n > 0 && (size_t)n < sizeof(body));
	assert_int_equal(form_parse_multipart(CT, body, (size_t)n,
	    &lim_default, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	assert_true(f.fields[0].is_file);
	assert_string_equal(f.fields[0].value, "data");
	name = strdup(f.fields[0].filename);
	assert_non_null(name);
	fields_release(&f);
	return name;
}

/* Fails unless the filename parameter fnparam is sanitised to want. */
static void
assert_filename(const char *fnparam, const char *want)
{
	char *got = filename_of(fnparam);

	if (strcmp(got, want) != 0) {
		free(got);
		fail_msg("filename=%s: got another name, want \"%s\"",
		    fnparam, want);
	}
	free(got);
}

/* File names lose their directories, with '/' or backslash separators. */
static void
test_mp_filename_paths(void **state)
{
	(void)state;
	assert_filename("\"photo.jpg\"", "photo.jpg");
	assert_filename("plain.txt", "plain.txt");
	assert_filename("\"../../etc/passwd\"", "passwd");
	assert_filename("\"/etc/passwd\"", "passwd");
	/* MSIE sends Windows paths unescaped... */
	assert_filename("\"C:\\x\\evil.jpg\"", "evil.jpg");
	/* ...and a conforming client escapes the backslashes. */
	assert_filename("\"C:\\\\x\\\\evil.jpg\"", "evil.jpg");
	assert_filename("\"..\\\\..\\\\boot.ini\"", "boot.ini");
	assert_filename("\"a/b\\\\c/d.txt\"", "d.txt");
	assert_filename("\"..\"", "");
	assert_filename("\".\"", "");
	assert_filename("\"dir/..\"", "");
	assert_filename("\"dir/\"", "");
	assert_filename("\"...\"", "...");
	assert_filename("\".hidden\"", ".hidden");
	assert_filename("\"with \\\"quote\\\".txt\"", "with \"quote\".txt");
}

/* File names lose control, bidi and non-UTF-8 bytes and are capped. */
static void
test_mp_filename_characters(void **state)
{
	char param[600], want[300];

	(void)state;
	/* C1 controls (U+0085) and bidi overrides (U+202E) are dropped. */
	assert_filename("\"a\xc2\x85" "b.txt\"", "ab.txt");
	assert_filename("\"invoice\xe2\x80\xae" "fdp.exe\"", "invoicefdp.exe");
	assert_filename("\"\xe2\x81\xa6x\xe2\x81\xa9.txt\"", "x.txt");
	/* Bytes that are not UTF-8 are dropped, real UTF-8 is kept. */
	assert_filename("\"\xff" "a\xc0\xaf" "b\xed\xa0\x80.txt\"", "ab.txt");
	assert_filename("\"caf\xc3\xa9 \xf0\x9f\x98\x80.png\"",
	    "caf\xc3\xa9 \xf0\x9f\x98\x80.png");
	/* A dot left alone after the dropping is no name either. */
	assert_filename("\".\xc2\x85.\"", "");
	/* Capped at 255 bytes... */
	memset(param, 'a', 300);
	param[0] = '"';
	param[299] = '"';
	param[300] = '\0';
	memset(want, 'a', 255);
	want[255] = '\0';
	assert_filename(param, want);
	/* ...on a character boundary. */
	param[0] = '"';
	memset(param + 1, 'a', 254);
	memcpy(param + 255, "\xc3\xa9\"", 4);
	want[254] = '\0';
	assert_filename(param, want);
}

/* An empty file input is an empty file field that no limit counts. */
static void
test_mp_empty_file_input(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CDF("f", "") "Content-Type: application/octet-stream"
	    "\r\n\r\n\r\n--XyZ--\r\n";
	const struct form_limits nofiles = { 4, 0, 64, 64 };
	struct fields f = { NULL, 0 };
	const struct field *fl;
	const char *why;

	(void)state;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1,
	    &nofiles, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 1);
	fl = fields_get(&f, "f");
	assert_non_null(fl);
	assert_true(fl->is_file);
	assert_false(fl->too_large);
	assert_string_equal(fl->filename, "");
	assert_int_equal(fl->valuesz, 0);
	assert_string_equal(fl->value, "");
	/* A file is not a string field. */
	assert_null(fields_str(&f, "f"));
	fields_release(&f);
}

/* A file with data but no name still counts towards max_files. */
static void
test_mp_empty_filename_with_data_counts(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CDF("f", "") "\r\nsmuggled\r\n--XyZ--";
	const struct form_limits nofiles = { 4, 0, 64, 64 };
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1,
	    &nofiles, &f, &why), RC_TOOBIG);
	assert_string_equal(why, "Too many files attached.");
	fields_release(&f);
}

/* A file over max_file_bytes is kept, empty, with too_large set. */
static void
test_mp_too_large_file(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CDF("a", "big.pdf") "Content-Type: application/pdf"
	    "\r\n\r\n12345\r\n"
	    "--XyZ\r\n" CDF("b", "fit.pdf") "\r\n1234\r\n"
	    "--XyZ\r\n" CD("c") "\r\nafter\r\n--XyZ--";
	const struct form_limits lim = { 8, 4, 64, 4 };
	struct fields f = { NULL, 0 };
	const struct field *fl;
	const char *why = "unset";

	(void)state;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1, &lim,
	    &f, &why), RC_OK);
	assert_null(why);
	assert_int_equal(f.fieldsz, 3);
	fl = &f.fields[0];
	assert_true(fl->is_file);
	assert_true(fl->too_large);
	assert_string_equal(fl->filename, "big.pdf");
	assert_string_equal(fl->ctype, "application/pdf");
	assert_int_equal(fl->valuesz, 0);
	assert_string_equal(fl->value, "");
	fl = &f.fields[1];
	assert_true(fl->is_file);
	assert_false(fl->too_large);
	assert_int_equal(fl->valuesz, 4);
	assert_string_equal(fl->value, "1234");
	assert_string_equal(fields_str(&f, "c"), "after");
	fields_release(&f);
}

/* --- multipart: limits -------------------------------------------- */

/* max_parts parts pass and one more is RC_TOOBIG. */
static void
test_mp_too_many_parts(void **state)
{
	static const char three[] =
	    "--XyZ\r\n" CD("a") "\r\n1\r\n--XyZ\r\n" CD("b") "\r\n2\r\n"
	    "--XyZ\r\n" CD("c") "\r\n3\r\n--XyZ--";
	struct form_limits lim = { 3, 0, 8, 8 };
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(form_parse_multipart(CT, three, sizeof(three) - 1,
	    &lim, &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 3);
	fields_release(&f);
	lim.max_parts = 2;
	assert_int_equal(form_parse_multipart(CT, three, sizeof(three) - 1,
	    &lim, &f, &why), RC_TOOBIG);
	assert_string_equal(why, "Too many fields in the form.");
	fields_release(&f);
	lim.max_parts = 0;
	assert_int_equal(form_parse_multipart(CT, three, sizeof(three) - 1,
	    &lim, &f, &why), RC_TOOBIG);
	assert_int_equal(f.fieldsz, 0);
	assert_int_equal(form_parse_multipart(CT, "--XyZ--", 7, &lim, &f,
	    &why), RC_OK);
}

/* max_files named files pass and one more is RC_TOOBIG. */
static void
test_mp_too_many_files(void **state)
{
	static const char two[] =
	    "--XyZ\r\n" CDF("a", "1.png") "\r\nx\r\n"
	    "--XyZ\r\n" CDF("a", "") "\r\n\r\n"
	    "--XyZ\r\n" CDF("b", "2.png") "\r\ny\r\n--XyZ--";
	struct form_limits lim = { 8, 2, 8, 8 };
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(form_parse_multipart(CT, two, sizeof(two) - 1, &lim,
	    &f, &why), RC_OK);
	assert_int_equal(f.fieldsz, 3);
	fields_release(&f);
	lim.max_files = 1;
	assert_int_equal(form_parse_multipart(CT, two, sizeof(two) - 1, &lim,
	    &f, &why), RC_TOOBIG);
	assert_string_equal(why, "Too many files attached.");
	fields_release(&f);
	/* A too_large file still counts. */
	lim.max_files = 1;
	lim.max_file_bytes = 0;
	assert_int_equal(form_parse_multipart(CT, two, sizeof(two) - 1, &lim,
	    &f, &why), RC_TOOBIG);
	fields_release(&f);
}

/* A value of max_field_bytes passes and a longer one is RC_TOOBIG. */
static void
test_mp_field_too_long(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CD("a") "\r\n12345\r\n--XyZ--";
	struct form_limits lim = { 8, 0, 5, 0 };
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1, &lim,
	    &f, &why), RC_OK);
	assert_string_equal(fields_str(&f, "a"), "12345");
	fields_release(&f);
	lim.max_field_bytes = 4;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1, &lim,
	    &f, &why), RC_TOOBIG);
	assert_string_equal(why, "A field in the form is too long.");
	assert_int_equal(f.fieldsz, 0);
	lim.max_field_bytes = 0;
	assert_int_equal(form_parse_multipart(CT, body, sizeof(body) - 1, &lim,
	    &f, &why), RC_TOOBIG);
}

/* --- fields ------------------------------------------------------- */

/* fields_get finds the first field, fields_str the first non-file one. */
static void
test_fields_get_str(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CDF("x", "x.txt") "\r\nfile\r\n"
	    "--XyZ\r\n" CD("x") "\r\nfirst\r\n"
	    "--XyZ\r\n" CD("x") "\r\nsecond\r\n--XyZ--";
	struct fields f = { NULL, 0 };
	const struct field *fl;
	const char *why;

	(void)state;
	assert_null(fields_get(&f, "x"));
	assert_null(fields_str(&f, "x"));
	assert_int_equal(MP(body, &f, &why), RC_OK);
	fl = fields_get(&f, "x");
	assert_non_null(fl);
	assert_true(fl->is_file);
	assert_string_equal(fields_str(&f, "x"), "first");
	assert_null(fields_get(&f, "X"));
	assert_null(fields_get(&f, "y"));
	assert_null(fields_str(&f, "y"));
	fields_release(&f);
	assert_null(fields_get(&f, "x"));
	fields_release(&f);
}

/* --- validators --------------------------------------------------- */

/* valid_id takes positive decimals up to 2^63-1 and nothing else. */
static void
test_valid_id(void **state)
{
	static const char *const bad[] = {
		"", "0", "00", "01", "-1", "+1", " 1", "1 ", "12a", "1.0",
		"0x10", "9223372036854775808", "99999999999999999999",
		"18446744073709551617", "\xef\xbc\x91",
	};
	int64_t v = -7;
	size_t i;

	(void)state;
	assert_true(valid_id("1", &v));
	assert_int_equal(v, 1);
	assert_true(valid_id("1234567890", &v));
	assert_int_equal(v, 1234567890);
	assert_true(valid_id("9223372036854775807", &v));
	assert_true(v == INT64_MAX);
	assert_true(valid_id("42", NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -7;
		if (valid_id(bad[i], &v))
			fail_msg("valid_id accepted \"%s\"", bad[i]);
		assert_int_equal(v, -7);
	}
	assert_false(valid_id(NULL, &v));
}

/* valid_cents takes amounts as people type them and nothing else. */
static void
test_valid_cents(void **state)
{
	static const struct {
		const char *s;
		int64_t cents;
	} good[] = {
		{ "12", 1200 }, { "12.3", 1230 }, { "12.30", 1230 },
		{ "0.05", 5 }, { "0", 0 }, { "0.00", 0 }, { "007", 700 },
		{ " 12.5 ", 1250 }, { "  3  ", 300 }, { "1.99", 199 },
		{ "10000000000000", INT64_C(1000000000000000) },
		{ "10000000000000.00", INT64_C(1000000000000000) },
		{ "9999999999999.99", INT64_C(999999999999999) },
	};
	static const char *const bad[] = {
		"", " ", "1.234", "-1", "+1", "1e3", ".5", "1.", "1,5",
		"1 2", "abc", "1..2", "0x10", "1.2.3", "\xef\xbc\x91", "1.-1",
		"10000000000000.01", "10000000000001",
		"99999999999999999999999", "1\t", "\t1", "1 .5", "1. 5",
		"NaN", "inf",
	};
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = -1;
		if (!valid_cents(good[i].s, &v) || v != good[i].cents)
			fail_msg("valid_cents(\"%s\") failed", good[i].s);
	}
	assert_true(valid_cents("1", NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -7;
		if (valid_cents(bad[i], &v))
			fail_msg("valid_cents accepted \"%s\"", bad[i]);
		assert_int_equal(v, -7);
	}
	assert_false(valid_cents(NULL, &v));
}

/* valid_text accepts real UTF-8 and rejects every malformed form. */
static void
test_valid_text_utf8(void **state)
{
	static const char *const good[] = {
		"", "plain", "caf\xc3\xa9", "\xc2\xa0",	/* U+00A0 */
		"\xe2\x82\xac",			/* U+20AC */
		"\xef\xbf\xbd",			/* U+FFFD */
		"\xf0\x9f\x98\x80",		/* U+1F600 */
		"\xf4\x8f\xbf\xbf",		/* U+10FFFF */
		"\xed\x9f\xbf",			/* U+D7FF */
		"\xee\x80\x80",			/* U+E000 */
	};
	static const char *const bad[] = {
		"\x80", "\xbf", "a\xc3", "\xc3(", "\xc0\xaf", "\xc1\xbf",
		"\xe0\x80\xaf", "\xe0\x9f\xbf", "\xf0\x80\x80\xaf",
		"\xf0\x8f\xbf\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80",
		"\xfe", "\xff", "\xe2\x82", "\xf0\x9f\x98", "\xe2\x28\xa1",
		"\xc2\x80", "\xc2\x85", "\xc2\x9f",	/* C1 controls */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!valid_text(good[i], 0, 10, false))
			fail_msg("valid_text rejected good[%zu]", i);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid_text(bad[i], 0, 10, true))
			fail_msg("valid_text accepted bad[%zu]", i);
	assert_false(valid_text(NULL, 0, 10, true));
}

/* valid_text allows \t, \n and \r only in multiline text. */
static void
test_valid_text_controls(void **state)
{
	char s[2] = { 0, 0 };
	int c;

	(void)state;
	assert_true(valid_text("a\tb\r\nc", 0, 10, true));
	assert_false(valid_text("a\tb", 0, 10, false));
	assert_false(valid_text("a\nb", 0, 10, false));
	assert_false(valid_text("a\rb", 0, 10, false));
	for (c = 1; c < 0x20; c++) {
		s[0] = (char)c;
		if (c == '\t' || c == '\n' || c == '\r')
			assert_true(valid_text(s, 0, 10, true));
		else
			assert_false(valid_text(s, 0, 10, true));
		assert_false(valid_text(s, 0, 10, false));
	}
	assert_false(valid_text("a\x7f", 0, 10, true));
	assert_true(valid_text("~", 0, 10, false));
}

/* valid_text counts characters, not bytes, against min and max. */
static void
test_valid_text_lengths(void **state)
{
	(void)state;
	/* Characters, not bytes. */
	assert_true(valid_text("h\xc3\xa9llo", 5, 5, false));
	assert_false(valid_text("h\xc3\xa9llo", 6, 10, false));
	assert_false(valid_text("h\xc3\xa9llo", 0, 4, false));
	assert_true(valid_text("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 2, 2,
	    false));
	assert_true(valid_text("", 0, 0, false));
	assert_false(valid_text("", 1, 10, false));
	assert_false(valid_text("a", 0, 0, false));
	assert_true(valid_text("abc", 3, 3, false));
	assert_false(valid_text("abc", 4, 3, false));
}

/* valid_enum matches one name exactly and returns its index. */
static void
test_valid_enum(void **state)
{
	static const char *const names[] = { "open", "closed", "refunded" };
	int idx = -1;

	(void)state;
	assert_true(valid_enum("open", names, 3, &idx));
	assert_int_equal(idx, 0);
	assert_true(valid_enum("refunded", names, 3, &idx));
	assert_int_equal(idx, 2);
	assert_true(valid_enum("closed", names, 3, NULL));
	idx = -1;
	assert_false(valid_enum("Open", names, 3, &idx));
	assert_false(valid_enum("ope", names, 3, &idx));
	assert_false(valid_enum("opened", names, 3, &idx));
	assert_false(valid_enum("open ", names, 3, &idx));
	assert_false(valid_enum("", names, 3, &idx));
	assert_false(valid_enum("refunded", names, 2, &idx));
	assert_false(valid_enum("open", names, 0, &idx));
	assert_false(valid_enum(NULL, names, 3, &idx));
	assert_false(valid_enum("open", NULL, 0, &idx));
	assert_int_equal(idx, -1);
}

/* --- form_check --------------------------------------------------- */

static const char *const check_kinds[] = { "damaged", "missing", "other" };

static const struct form_spec check_specs[] = {
	{ "order", FORM_ID, true, 0, 0, false, NULL, 0, "Pick an order." },
	{ "amount", FORM_CENTS, true, 1, 50000, false, NULL, 0,
	    "Enter an amount up to 500.00." },
	{ "reason", FORM_ENUM, true, 0, 0, false, check_kinds, 3,
	    "Pick a reason." },
	{ "note", FORM_TEXT, false, 0, 10, true, NULL, 0, "Note too long." },
	{ "title", FORM_TEXT, true, 3, 20, false, NULL, 0,
	    "Give a title of 3 to 20 characters." },
	{ "tip", FORM_CENTS, false, 0, 0, false, NULL, 0, "Bad tip." },
};
#define NSPECS (sizeof(check_specs) / sizeof(check_specs[0]))

/* Parses the urlencoded s and runs form_check on it into vals. */
static bool
check(const char *s, struct form_value *vals, struct fields *f)
{
	assert_int_equal(urlenc(s, f), RC_OK);
	return form_check(f, check_specs, NSPECS, vals);
}

/* form_check fills every value of a good form. */
static void
test_form_check_ok(void **state)
{
	struct form_value vals[NSPECS];
	struct fields f = { NULL, 0 };

	(void)state;
	assert_true(check("order=17&amount=12.50&reason=missing&note=a%0Ab"
	    "&title=Broken+mug&tip=99999999", vals, &f));
	assert_int_equal(vals[0].state, FORM_OK);
	assert_int_equal(vals[0].num, 17);
	assert_int_equal(vals[1].num, 1250);
	assert_int_equal(vals[2].num, 1);
	assert_int_equal(vals[3].state, FORM_OK);
	assert_string_equal(vals[3].raw, "a\nb");
	assert_string_equal(vals[4].raw, "Broken mug");
	/* max 0 means no cap for cents. */
	assert_int_equal(vals[5].num, 9999999900);
	for (size_t i = 0; i < NSPECS; i++)
		assert_null(vals[i].error);
	fields_release(&f);
}

/* Missing fields fail the form only when required. */
static void
test_form_check_missing(void **state)
{
	struct form_value vals[NSPECS];
	struct fields f = { NULL, 0 };

	(void)state;
	assert_false(check("order=&reason=damaged&title=abc", vals, &f));
	assert_int_equal(vals[0].state, FORM_MISSING);
	assert_string_equal(vals[0].raw, "");
	assert_string_equal(vals[0].error, "Pick an order.");
	assert_int_equal(vals[1].state, FORM_MISSING);
	assert_string_equal(vals[1].error, "Enter an amount up to 500.00.");
	assert_int_equal(vals[2].state, FORM_OK);
	assert_null(vals[2].error);
	/* Optional and missing: no message, no failure. */
	assert_int_equal(vals[3].state, FORM_MISSING);
	assert_null(vals[3].error);
	assert_int_equal(vals[5].state, FORM_MISSING);
	assert_null(vals[5].error);
	fields_release(&f);

	assert_true(check("order=1&amount=1&reason=other&title=abc", vals,
	    &f));
	fields_release(&f);
}

/* Bad fields fail the form, required or not, and keep the raw input. */
static void
test_form_check_bad(void **state)
{
	struct form_value vals[NSPECS];
	struct fields f = { NULL, 0 };

	(void)state;
	assert_false(check("order=0&amount=500.01&reason=Other&note="
	    "12345678901&title=ab&tip=-1", vals, &f));
	for (size_t i = 0; i < NSPECS; i++) {
		assert_int_equal(vals[i].state, FORM_BAD);
		assert_string_equal(vals[i].error, check_specs[i].message);
		assert_int_equal(vals[i].num, 0);
	}
	/* The raw input is kept to re-show the form. */
	assert_string_equal(vals[1].raw, "500.01");
	assert_string_equal(vals[4].raw, "ab");
	fields_release(&f);

	/* Below the minimum amount, a control character in a one-liner. */
	assert_false(check("order=1&amount=0.00&reason=other&title=ab%09c",
	    vals, &f));
	assert_int_equal(vals[1].state, FORM_BAD);
	assert_int_equal(vals[4].state, FORM_BAD);
	fields_release(&f);

	/* An optional field that is bad fails the form. */
	assert_false(check("order=1&amount=1&reason=other&title=abc&tip=x",
	    vals, &f));
	assert_int_equal(vals[5].state, FORM_BAD);
	assert_string_equal(vals[5].error, "Bad tip.");
	fields_release(&f);
}

/* form_check reads string fields only, never files. */
static void
test_form_check_ignores_files(void **state)
{
	static const char body[] =
	    "--XyZ\r\n" CDF("title", "t.txt") "\r\nA title\r\n"
	    "--XyZ\r\n" CD("order") "\r\n5\r\n--XyZ--";
	static const struct form_spec specs[] = {
		{ "title", FORM_TEXT, true, 1, 20, false, NULL, 0, "Title?" },
		{ "order", FORM_ID, true, 0, 0, false, NULL, 0, "Order?" },
	};
	struct form_value vals[2];
	struct fields f = { NULL, 0 };
	const char *why;

	(void)state;
	assert_int_equal(MP(body, &f, &why), RC_OK);
	assert_false(form_check(&f, specs, 2, vals));
	assert_int_equal(vals[0].state, FORM_MISSING);
	assert_string_equal(vals[0].error, "Title?");
	assert_int_equal(vals[1].state, FORM_OK);
	assert_int_equal(vals[1].num, 5);
	fields_release(&f);
}

/* --- fuzz corpus -------------------------------------------------- */

/*
 * Runs every file of the fuzz corpus (seeds and crash regressions) through
 * the fuzz target's checks. The directory is $FORM_CORPUS_DIR, else
 * $srcdir/tests/fuzz/corpus/form (automake's test harness exports srcdir),
 * else tests/fuzz/corpus/form from the current directory.
 */
static void
test_fuzz_corpus(void **state)
{
	char dir[4096], path[8192];
	const char *env, *err;
	struct dirent *de;
	struct stat st;
	size_t count = 0, n;
	uint8_t *buf;
	FILE *fp;
	DIR *d;

	(void)state;
	if ((env = getenv("FORM_CORPUS_DIR")) != NULL)
		snprintf(dir, sizeof(dir), "%s", env);
	else if ((env = getenv("srcdir")) != NULL)
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/form", env);
	else
		snprintf(dir, sizeof(dir), "tests/fuzz/corpus/form");
	if ((d = opendir(dir)) == NULL)
		fail_msg("%s: cannot open the fuzz corpus", dir);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		buf = malloc((size_t)st.st_size + 1);
		assert_non_null(buf);
		fp = fopen(path, "rb");
		assert_non_null(fp);
		n = fread(buf, 1, (size_t)st.st_size, fp);
		fclose(fp);
		assert_int_equal(n, (size_t)st.st_size);
		err = fuzz_form_one(buf, n);
		free(buf);
		if (err != NULL) {
			closedir(d);
			fail_msg("%s: %s", path, err);
		}
		count++;
	}
	closedir(d);
	if (count == 0)
		fail_msg("%s: the fuzz corpus is empty", dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlenc_basic),
		cmocka_unit_test(test_urlenc_hex_case_and_names),
		cmocka_unit_test(test_urlenc_no_equals),
		cmocka_unit_test(test_urlenc_empty_pairs_and_names),
		cmocka_unit_test(test_urlenc_bad_escapes),
		cmocka_unit_test(test_urlenc_nul),
		cmocka_unit_test(test_urlenc_respects_len),
		cmocka_unit_test(test_urlenc_appends_and_grows),
		cmocka_unit_test(test_cookies_basic),
		cmocka_unit_test(test_cookies_whitespace),
		cmocka_unit_test(test_cookies_malformed_skipped),
		cmocka_unit_test(test_cookies_no_decoding),
		cmocka_unit_test(test_mp_basic),
		cmocka_unit_test(test_mp_boundary_forms),
		cmocka_unit_test(test_mp_boundary_bad),
		cmocka_unit_test(test_mp_boundary_length),
		cmocka_unit_test(test_mp_binary_file),
		cmocka_unit_test(test_mp_preamble_epilogue_padding),
		cmocka_unit_test(test_mp_no_parts),
		cmocka_unit_test(test_mp_truncated),
		cmocka_unit_test(test_mp_bad_headers),
		cmocka_unit_test(test_mp_nul_in_header_or_field),
		cmocka_unit_test(test_mp_header_forms),
		cmocka_unit_test(test_mp_header_line_limit),
		cmocka_unit_test(test_mp_filename_paths),
		cmocka_unit_test(test_mp_filename_characters),
		cmocka_unit_test(test_mp_empty_file_input),
		cmocka_unit_test(test_mp_empty_filename_with_data_counts),
		cmocka_unit_test(test_mp_too_large_file),
		cmocka_unit_test(test_mp_too_many_parts),
		cmocka_unit_test(test_mp_too_many_files),
		cmocka_unit_test(test_mp_field_too_long),
		cmocka_unit_test(test_fields_get_str),
		cmocka_unit_test(test_valid_id),
		cmocka_unit_test(test_valid_cents),
		cmocka_unit_test(test_valid_text_utf8),
		cmocka_unit_test(test_valid_text_controls),
		cmocka_unit_test(test_valid_text_lengths),
		cmocka_unit_test(test_valid_enum),
		cmocka_unit_test(test_form_check_ok),
		cmocka_unit_test(test_form_check_missing),
		cmocka_unit_test(test_form_check_bad),
		cmocka_unit_test(test_form_check_ignores_files),
		cmocka_unit_test(test_fuzz_corpus),
	};

	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
