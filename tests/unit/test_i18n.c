/* test_i18n.c: the compiled-catalogue reader of src/base/i18n.c, on .mo files made by msgfmt --check at build time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/i18n.h"
#include "base/util.h"

/* The build tree: $DESK_BUILDDIR, set by make check. */
static const char *
builddir(void)
{
	const char *d = getenv("DESK_BUILDDIR");

	return d != NULL ? d : ".";
}

static void
test_plural_eval(void **state)
{
	static const char ru[] = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	    "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";

	(void)state;
	assert_int_equal(i18n_plural_eval("0;", 7), 0);
	assert_int_equal(i18n_plural_eval("n != 1;", 1), 0);
	assert_int_equal(i18n_plural_eval("n != 1;", 0), 1);
	assert_int_equal(i18n_plural_eval("n>1", 2), 1);
	assert_int_equal(i18n_plural_eval(ru, 1), 0);
	assert_int_equal(i18n_plural_eval(ru, 21), 0);
	assert_int_equal(i18n_plural_eval(ru, 11), 2);
	assert_int_equal(i18n_plural_eval(ru, 3), 1);
	assert_int_equal(i18n_plural_eval(ru, 12), 2);
	assert_int_equal(i18n_plural_eval(ru, 5), 2);
	assert_int_equal(i18n_plural_eval("!(n<=2)", 3), 1);
	assert_int_equal(i18n_plural_eval("n%0", 3), -1);
	assert_int_equal(i18n_plural_eval("n ==", 3), -1);
	assert_int_equal(i18n_plural_eval("(n", 3), -1);
	assert_int_equal(i18n_plural_eval("n = 1", 3), -1);
}

static void
test_mo_reader(void **state)
{
	char *path = xasprintf("%s/tests/unit/i18n/xx.mo", builddir());
	struct i18n_cat *c;
	char *err = NULL;

	(void)state;
	c = i18n_cat_open(path, &err);
	assert_non_null(c);
	assert_null(err);
	assert_string_equal(i18n_cat_find(c, NULL, "Order", 1, false),
	    "Заказ");
	/* A msgctxt entry is its own text and does not disturb the others. */
	assert_string_equal(i18n_cat_find(c, "verb", "Order", 1, false),
	    "Заказать");
	assert_null(i18n_cat_find(c, "noun", "Order", 1, false));
	/* Plural forms chosen by the catalogue's Plural-Forms. */
	assert_string_equal(i18n_cat_find(c, NULL, "%d file", 1, true),
	    "%d файл");
	assert_string_equal(i18n_cat_find(c, NULL, "%d file", 3, true),
	    "%d файла");
	assert_string_equal(i18n_cat_find(c, NULL, "%d file", 11, true),
	    "%d файлов");
	assert_string_equal(i18n_cat_find(c, NULL, "%d file", 22, true),
	    "%d файла");
	/* msgfmt leaves out fuzzy and untranslated entries. */
	assert_null(i18n_cat_find(c, NULL, "Refund", 1, false));
	assert_null(i18n_cat_find(c, NULL, "Untranslated", 1, false));
	assert_null(i18n_cat_find(c, NULL, "Not there", 1, false));
	assert_null(i18n_cat_find(c, NULL, "", 1, false));
	i18n_cat_free(c);
	free(path);
}

static void
test_mo_broken(void **state)
{
	char path[] = "/tmp/desk-i18n-XXXXXX";
	char *err = NULL;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	/* A .po file where a .mo file belongs is refused with a message. */
	assert_int_equal(write(fd, "msgid \"a\"\nmsgstr \"b\"\n", 21), 21);
	close(fd);
	assert_null(i18n_cat_open(path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "not a compiled catalogue"));
	free(err);
	unlink(path);
	/* No file at all: NULL without an error. */
	err = NULL;
	assert_null(i18n_cat_open("/nonexistent/xx.mo", &err));
	assert_null(err);
}

/* Writes n bytes of p to path. */
static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

/*
 * Every truncation of a good .mo file, and every byte of it spoiled, is
 * either refused with a message or read without reading out of bounds
 * (run under ASan/valgrind to see the latter): the tables are checked
 * once, when the file is opened.
 */
static void
test_mo_damaged(void **state)
{
	char *path = xasprintf("%s/tests/unit/i18n/xx.mo", builddir());
	char tmp[] = "/tmp/desk-i18n-XXXXXX", *err;
	unsigned char good[4096], bad[4096];
	struct i18n_cat *c;
	size_t n, i;
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(f = fopen(path, "rb"));
	n = fread(good, 1, sizeof(good), f);
	fclose(f);
	assert_true(n > 28 && n < sizeof(good));
	assert_true((fd = mkstemp(tmp)) >= 0);
	close(fd);
	for (i = 0; i < n; i++) {
		write_file(tmp, good, i);
		err = NULL;
		c = i18n_cat_open(tmp, &err);
		/* A cut file lost the strings its tables point at. */
		assert_null(c);
		assert_non_null(err);
		free(err);
	}
	for (i = 0; i < n; i++) {
		memcpy(bad, good, n);
		bad[i] ^= 0xa5;
		write_file(tmp, bad, n);
		err = NULL;
		if ((c = i18n_cat_open(tmp, &err)) != NULL) {
			(void)i18n_cat_find(c, NULL, "Order", 1, false);
			(void)i18n_cat_find(c, "verb", "Order", 1, false);
			(void)i18n_cat_find(c, NULL, "%d file", 5, true);
			i18n_cat_free(c);
		} else {
			assert_non_null(err);
			free(err);
		}
	}
	unlink(tmp);
	free(path);
}

static void
test_missing_falls_back_to_english(void **state)
{
	char *err = NULL;

	(void)state;
	assert_int_equal(i18n_load("/nonexistent", &err), 0);
	assert_null(err);
	assert_string_equal(i18n_tr(LANG_ZH, "Order"), "Order");
	assert_string_equal(i18n_ntr(LANG_ZH, "%d file", "%d files", 1),
	    "%d file");
	assert_string_equal(i18n_ntr(LANG_ZH, "%d file", "%d files", 2),
	    "%d files");
}

static void
test_zh_catalogue(void **state)
{
	char *dir = xasprintf("%s/po", builddir()), *err = NULL;
	static const char one[] = "Too many failed attempts to sign in. "
	    "Try again in %lld second.";
	static const char many[] = "Too many failed attempts to sign in. "
	    "Try again in %lld seconds.";

	(void)state;
	assert_int_equal(i18n_load(dir, &err), 0);
	assert_null(err);
	assert_string_equal(i18n_tr(LANG_ZH, "Order"), "订单");
	assert_string_equal(i18n_tr(LANG_EN, "Order"), "Order");
	/* zh_CN has one plural form (nplurals=1; plural=0). */
	assert_string_equal(i18n_ntr(LANG_ZH, one, many, 1),
	    i18n_ntr(LANG_ZH, one, many, 5));
	assert_non_null(strstr(i18n_ntr(LANG_ZH, one, many, 5), "%lld"));
	assert_string_not_equal(i18n_ntr(LANG_ZH, one, many, 5), many);
	/* English: n != 1. */
	assert_string_equal(i18n_ntr(LANG_EN, one, many, 1), one);
	assert_string_equal(i18n_ntr(LANG_EN, one, many, 0), many);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural_eval),
		cmocka_unit_test(test_mo_reader),
		cmocka_unit_test(test_mo_broken),
		cmocka_unit_test(test_mo_damaged),
		cmocka_unit_test(test_missing_falls_back_to_english),
		cmocka_unit_test(test_zh_catalogue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
