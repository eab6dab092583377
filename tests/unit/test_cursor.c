/* test_cursor.c: keyset page positions as links carry them (src/base/cursor.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/cursor.h"

static void
test_parse_both_forms(void **state)
{
	struct cursor c;

	(void)state;
	assert_true(cursor_parse("20261201235959.42", &c));
	assert_string_equal(c.key, "20261201235959");
	assert_int_equal(c.id, 42);
	assert_false(cursor_first(&c));
	assert_true(cursor_parse("9223372036854775807", &c));
	assert_string_equal(c.key, "");
	assert_int_equal(c.id, INT64_MAX);
}

static void
test_parse_refuses(void **state)
{
	static const char *bad[] = { "", "0", "-1", "01", "1x", "9223372036854775808",
	    "2026120123595.42", "20261201235959.", "20261201235959.0",
	    "2026120123595a.4", "20261201235959.4.5", "20261201235959x42",
	    ".42", " 42" };
	struct cursor c = { "20200101000000", 7 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(cursor_parse(bad[i], &c));
		assert_string_equal(c.key, "20200101000000");
		assert_int_equal(c.id, 7);
	}
	assert_false(cursor_parse(NULL, &c));
}

static void
test_format_round_trip(void **state)
{
	struct cursor a = { "20261201000102", 123456789 }, b = { "", 99 }, c;
	char buf[CURSOR_MAX];

	(void)state;
	cursor_format(&a, buf, sizeof(buf));
	assert_string_equal(buf, "20261201000102.123456789");
	assert_true(cursor_parse(buf, &c));
	assert_memory_equal(&a.key, &c.key, sizeof(a.key));
	assert_int_equal(a.id, c.id);
	cursor_format(&b, buf, sizeof(buf));
	assert_string_equal(buf, "99");
	a.id = INT64_MAX;
	cursor_format(&a, buf, sizeof(buf));
	assert_true(strlen(buf) < CURSOR_MAX - 1);
	assert_true(cursor_parse(buf, &c));
	assert_int_equal(c.id, INT64_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_both_forms),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_format_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
