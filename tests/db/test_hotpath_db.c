/* test_hotpath_db.c: the per-process session cache and when it goes stale (issue 12), against a real, migrated MariaDB (started by tests/db/hotpath.test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/stale.h"
#include "base/util.h"
#include "store/session.h"
#include "dbtest.h"

static struct session_cache cache;

/* A fresh session of login at when; its token in token. */
static void
new_session(const char *login, time_t when, char token[TOKEN_LEN + 1])
{
	assert_int_equal(session_create(db, user_id(login), "test", when,
	    token), RC_OK);
}

/* session_load_cached() at mono_ms and now; returns its answer. */
static enum rc
load(const char *token, int64_t mono_ms, time_t now, bool *expired)
{
	struct session s;
	enum rc rc;

	rc = session_load_cached(&cache, mono_ms, db, &cfg, token, now, &s,
	    expired);
	if (rc == RC_OK)
		session_release(&s);
	return rc;
}

/* Within its second the cache answers without the database; after it, the database does. */
static void
test_serves_within_second(void **state)
{
	char token[TOKEN_LEN + 1];
	struct session s;
	uint64_t misses;
	bool expired;
	int64_t uid;

	(void)state;
	new_session("buyer7", t0, token);
	uid = user_id("buyer7");	/* before: sql() bumps the generation */
	misses = cache.misses;
	assert_int_equal(load(token, 10000, t0 + 1, &expired), RC_OK);
	assert_int_equal(cache.misses, misses + 1);
	/* Switched off behind the cache's back (as on another node: no bump): still served... */
	assert_int_equal(db_exec(db, SQL_ADMIN_USER_DISABLE, NULL, "ii",
	    (int64_t)1, uid), RC_OK);
	assert_int_equal(session_load_cached(&cache, 10999, db, &cfg, token,
	    t0 + 1, &s, &expired), RC_OK);
	assert_int_equal(cache.misses, misses + 1);
	assert_string_equal(s.user.login, "buyer7");
	assert_int_equal(s.user.role, ROLE_BUYER);
	session_release(&s);
	/* ...for less than a second: then checked again, and refused. */
	assert_int_equal(load(token, 11000, t0 + 2, &expired), RC_NOTFOUND);
	assert_int_equal(cache.misses, misses + 2);
	assert_false(expired);
	assert_int_equal(load(token, 11001, t0 + 2, &expired), RC_NOTFOUND);
	assert_int_equal(db_exec(db, SQL_ADMIN_USER_DISABLE, NULL, "ii",
	    (int64_t)0, uid), RC_OK);
	/* A clock that went backwards does not make an entry fresh. */
	assert_int_equal(load(token, 20000, t0 + 3, &expired), RC_OK);
	misses = cache.misses;
	assert_int_equal(load(token, 19000, t0 + 3, &expired), RC_OK);
	assert_int_equal(cache.misses, misses + 1);
}

/* A bump from any process of the node (here a sign-out) ends cached sessions at once. */
static void
test_bump_and_drop(void **state)
{
	char token[TOKEN_LEN + 1], other[TOKEN_LEN + 1], dir[] =
	    "/tmp/desk-stale.XXXXXX";
	uint64_t gen, misses;
	bool expired;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(stale_open(dir, true), 0);
	gen = stale_gen();
	new_session("buyer8", t0, token);
	new_session("buyer8", t0, other);
	assert_int_equal(load(token, 30000, t0 + 1, &expired), RC_OK);
	assert_int_equal(load(other, 30000, t0 + 1, &expired), RC_OK);
	misses = cache.misses;
	/* Another process signs out of token: it deletes the row and bumps. */
	assert_int_equal(session_destroy(db, token), RC_OK);
	assert_true(stale_gen() != gen);
	assert_int_equal(load(token, 30001, t0 + 1, &expired), RC_NOTFOUND);
	/* The other session is checked again too, and lives on. */
	assert_int_equal(load(other, 30002, t0 + 1, &expired), RC_OK);
	assert_int_equal(cache.misses, misses + 2);
	assert_int_equal(load(other, 30003, t0 + 1, &expired), RC_OK);
	assert_int_equal(cache.misses, misses + 2);
	/* Dropped by this process (its own sign-out): gone at once. */
	session_cache_drop(&cache, other);
	free(sql("DELETE FROM sessions WHERE user_agent = 'test' AND user_id = "
	    "(SELECT id FROM users WHERE login = 'buyer8')"));
	assert_int_equal(load(other, 30004, t0 + 1, &expired), RC_NOTFOUND);
	{
		char path[sizeof(dir) + 32];

		snprintf(path, sizeof(path), "%s/cache-generation", dir);
		unlink(path);
		rmdir(dir);
	}
}

/* The cache hides neither the idle timeout nor the absolute one. */
static void
test_expiry_through_cache(void **state)
{
	char token[TOKEN_LEN + 1];
	bool expired;

	(void)state;
	new_session("buyer9", t0, token);
	assert_int_equal(load(token, 40000, t0 + 10, &expired), RC_OK);
	/* The same second of the monotonic clock, 31 minutes later by the desk's. */
	assert_int_equal(load(token, 40001, t0 + 1801, &expired), RC_NOTFOUND);
	assert_true(expired);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM sessions WHERE user_id = "
	    "(SELECT id FROM users WHERE login = 'buyer9') AND created_at = "
	    "FROM_UNIXTIME(%lld)", (long long)t0), 0);
}

/* last_seen_at is written at most once a SESSION_TOUCH_SECS, never by a cached answer. */
static void
test_touch_granularity(void **state)
{
	char token[TOKEN_LEN + 1];
	bool expired;
	int64_t uid = user_id("buyer10");

#define LAST_SEEN() sqlint("SELECT UNIX_TIMESTAMP(MAX(last_seen_at)) FROM " \
	    "sessions WHERE user_id = %lld AND user_agent = 'test'", (long long)uid)
	(void)state;
	free(sql("DELETE FROM sessions WHERE user_id = %lld", (long long)uid));
	new_session("buyer10", t0, token);
	assert_int_equal(load(token, 50000, t0 + 30, &expired), RC_OK);
	assert_int_equal(LAST_SEEN(), t0);
	/* Checked again after its second, still not due. */
	assert_int_equal(load(token, 52000, t0 + SESSION_TOUCH_SECS - 1,
	    &expired), RC_OK);
	assert_int_equal(LAST_SEEN(), t0);
	/* Due: written, by the cached path too (it goes to the database). */
	assert_int_equal(load(token, 52001, t0 + SESSION_TOUCH_SECS, &expired),
	    RC_OK);
	assert_int_equal(LAST_SEEN(), t0 + SESSION_TOUCH_SECS);
	assert_int_equal(load(token, 52002, t0 + SESSION_TOUCH_SECS + 5,
	    &expired), RC_OK);
	assert_int_equal(LAST_SEEN(), t0 + SESSION_TOUCH_SECS);
#undef LAST_SEEN
}

/* stale_fresh(): younger than STALE_TTL_MS, same generation, clock not backwards. */
static void
test_fresh(void **state)
{
	(void)state;
	assert_true(stale_fresh(1000, stale_gen(), 1000));
	assert_true(stale_fresh(1000, stale_gen(), 1000 + STALE_TTL_MS - 1));
	assert_false(stale_fresh(1000, stale_gen(), 1000 + STALE_TTL_MS));
	assert_false(stale_fresh(1000, stale_gen(), 999));
	assert_false(stale_fresh(1000, stale_gen() + 1, 1000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh),
		cmocka_unit_test(test_serves_within_second),
		cmocka_unit_test(test_bump_and_drop),
		cmocka_unit_test(test_expiry_through_cache),
		cmocka_unit_test(test_touch_granularity),
	};
	int rc;

	rc = cmocka_run_group_tests_name("hotpath", tests, dbtest_setup,
	    dbtest_teardown);
	session_cache_release(&cache);
	return rc;
}
