/* test_db.c: the database layer, logins and sessions against a real, migrated MariaDB (started by tests/db/db.test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/clock.h"
#include "base/config.h"
#include "store/db.h"
#include "store/session.h"
#include "base/util.h"

static struct config cfg;
static struct db *db;

static int
setup(void **state)
{
	char *err = NULL;

	(void)state;
	if (config_load(NULL, &cfg, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if ((db = db_open(&cfg, 0, &err)) == NULL ||
	    db_prepare_all(db, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_free(db);
	config_release(&cfg);
	return 0;
}

static void
test_login_ok_and_wrong(void **state)
{
	enum login_result res;
	enum role role;
	int64_t uid = 0, wait;
	time_t now = clock_now();

	(void)state;
	assert_int_equal(login_check(db, &cfg, "buyer2", "demo", now, &res,
	    &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
	assert_int_equal(role, ROLE_BUYER);
	assert_true(uid > 0);
	assert_int_equal(login_check(db, &cfg, "seller1", "demo", now, &res,
	    &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
	assert_int_equal(role, ROLE_SELLER);
	assert_int_equal(login_check(db, &cfg, "buyer2", "Demo", now, &res,
	    &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_BAD);
	assert_int_equal(login_check(db, &cfg, "nobody", "demo", now, &res,
	    &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_BAD);
}

static void
test_login_lockout(void **state)
{
	enum login_result res;
	enum role role;
	int64_t uid, wait;
	time_t now = clock_now();
	int i;

	(void)state;
	/* tests/db/db.test sets login_max_failures = 3 in 900 seconds. */
	for (i = 0; i < 3; i++) {
		assert_int_equal(login_check(db, &cfg, "buyer3", "wrong",
		    now + i, &res, &uid, &role, &wait), RC_OK);
		assert_int_equal(res, LOGIN_BAD);
	}
	assert_int_equal(login_check(db, &cfg, "buyer3", "demo", now + 10,
	    &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_LOCKED);
	assert_true(wait > 800 && wait <= 900);
	/* Another account is not affected. */
	assert_int_equal(login_check(db, &cfg, "buyer4", "demo", now + 10,
	    &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
	/* Once the window has passed, the right password works again. */
	assert_int_equal(login_check(db, &cfg, "buyer3", "demo", now + 901,
	    &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
}

static void
test_session_lifecycle(void **state)
{
	char token[TOKEN_LEN + 1], other[TOKEN_LEN + 1];
	struct session s;
	enum login_result res;
	enum role role;
	int64_t uid, wait;
	time_t t0 = clock_now();
	bool expired;

	(void)state;
	assert_int_equal(login_check(db, &cfg, "buyer5", "demo", t0, &res,
	    &uid, &role, &wait), RC_OK);
	assert_int_equal(session_create(db, uid, "test agent", t0, token),
	    RC_OK);
	assert_int_equal(session_load(db, &cfg, token, t0 + 10, &s, &expired),
	    RC_OK);
	assert_int_equal(s.user.id, uid);
	assert_int_equal(s.user.role, ROLE_BUYER);
	assert_string_equal(s.user.login, "buyer5");
	assert_int_equal(strlen(s.csrf), TOKEN_LEN);
	session_release(&s);

	/* Used every 20 minutes it lives on, until 12 hours are up. */
	assert_int_equal(session_load(db, &cfg, token, t0 + 1200, &s,
	    &expired), RC_OK);
	session_release(&s);
	assert_int_equal(session_load(db, &cfg, token, t0 + 2400, &s,
	    &expired), RC_OK);
	session_release(&s);

	/* Idle for more than 30 minutes: expired, and gone for good. */
	assert_int_equal(session_load(db, &cfg, token, t0 + 2400 + 1801, &s,
	    &expired), RC_NOTFOUND);
	assert_true(expired);
	assert_int_equal(session_load(db, &cfg, token, t0 + 2400 + 1802, &s,
	    &expired), RC_NOTFOUND);
	assert_false(expired);

	/* Absolute expiry: 12 hours even when always busy. */
	assert_int_equal(session_create(db, uid, "", t0, other), RC_OK);
	for (time_t t = t0 + 1500; t <= t0 + 43200; t += 1500) {
		assert_int_equal(session_load(db, &cfg, other, t, &s, &expired),
		    RC_OK);
		session_release(&s);
	}
	assert_int_equal(session_load(db, &cfg, other, t0 + 43201, &s,
	    &expired), RC_NOTFOUND);
	assert_true(expired);

	/* Unknown and malformed tokens. */
	assert_int_equal(session_load(db, &cfg, "short", t0, &s, &expired),
	    RC_NOTFOUND);
	assert_int_equal(auth_token(other), 0);
	assert_int_equal(session_load(db, &cfg, other, t0, &s, &expired),
	    RC_NOTFOUND);
	assert_false(expired);
}

static void
test_session_destroy(void **state)
{
	char token[TOKEN_LEN + 1];
	struct session s;
	bool expired;
	time_t now = clock_now();
	struct db_res r;

	(void)state;
	assert_int_equal(db_query(db, SQL_USER_BY_LOGIN, &r, "s", "buyer6"),
	    RC_OK);
	assert_int_equal(r.rowsz, 1);
	assert_int_equal(session_create(db, db_int(&r, 0, 0), "", now, token),
	    RC_OK);
	db_res_release(&r);
	assert_int_equal(session_destroy(db, token), RC_OK);
	assert_int_equal(session_load(db, &cfg, token, now, &s, &expired),
	    RC_NOTFOUND);
	assert_false(expired);
}

/* A transaction body that inserts a user and then fails. */
static enum rc
insert_then_fail(struct db *d, void *arg)
{
	enum rc rc = db_exec(d, SQL_USER_INSERT, NULL, "ssssIt", "buyer",
	    (const char *)arg, "Temp", "!", (int64_t)0, clock_now());

	return rc == RC_OK ? RC_INVALID : rc;
}

static enum rc
insert_ok(struct db *d, void *arg)
{
	return db_exec(d, SQL_USER_INSERT, NULL, "ssssIt", "buyer",
	    (const char *)arg, "Temp", "!", (int64_t)0, clock_now());
}

static void
test_txn_rollback_and_duplicate(void **state)
{
	struct db_res r;

	(void)state;
	assert_int_equal(db_txn(db, insert_then_fail, "txn-user"), RC_INVALID);
	assert_int_equal(db_query(db, SQL_USER_BY_LOGIN, &r, "s", "txn-user"),
	    RC_OK);
	assert_int_equal(r.rowsz, 0);
	db_res_release(&r);
	assert_int_equal(db_txn(db, insert_ok, "txn-user"), RC_OK);
	assert_int_equal(db_query(db, SQL_USER_BY_LOGIN, &r, "s", "txn-user"),
	    RC_OK);
	assert_int_equal(r.rowsz, 1);
	assert_string_equal(db_str(&r, 0, 2), "!");
	db_res_release(&r);
	/* The same login again: a duplicate key is a conflict, not a crash. */
	assert_int_equal(db_txn(db, insert_ok, "txn-user"), RC_CONFLICT);
	assert_int_equal(db_errno(db), 1062);
}

static void
test_reconnect(void **state)
{
	struct db_res r;
	char *cmd;
	int64_t before;

	(void)state;
	assert_int_equal(db_query(db, SQL_CONNECTION_ID, &r, ""), RC_OK);
	before = db_int(&r, 0, 0);
	db_res_release(&r);
	cmd = xasprintf("mariadb --no-defaults --socket='%s' -u root -e "
	    "'KILL %lld'", cfg.db_socket, (long long)before);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* The next statement finds the connection gone, reconnects, works. */
	assert_int_equal(db_query(db, SQL_CONNECTION_ID, &r, ""), RC_OK);
	assert_true(db_int(&r, 0, 0) != before);
	db_res_release(&r);
	assert_int_equal(db_query(db, SQL_USER_BY_LOGIN, &r, "s", "buyer1"),
	    RC_OK);
	assert_int_equal(r.rowsz, 1);
	db_res_release(&r);
}

static void
test_purge(void **state)
{
	char token[TOKEN_LEN + 1];
	struct db_res r;
	time_t now = clock_now();

	(void)state;
	assert_int_equal(db_query(db, SQL_USER_BY_LOGIN, &r, "s", "buyer8"),
	    RC_OK);
	assert_int_equal(session_create(db, db_int(&r, 0, 0), "", now, token),
	    RC_OK);
	db_res_release(&r);
	/* A purge a minute later keeps it. */
	assert_int_equal(session_purge(db, &cfg, now + 60), RC_OK);
	{
		struct session s;
		bool expired;

		assert_int_equal(session_load(db, &cfg, token, now + 60, &s,
		    &expired), RC_OK);
		session_release(&s);
	}
	/* Idle past its time (from that last use), the row itself goes. */
	assert_int_equal(session_purge(db, &cfg, now + 60 + 1801), RC_OK);
	{
		struct session s;
		bool expired;

		assert_int_equal(session_load(db, &cfg, token, now + 60 + 1801,
		    &s, &expired), RC_NOTFOUND);
		assert_false(expired);
	}
}

static void
test_long_text_roundtrip(void **state)
{
	struct db_res r;
	size_t len;

	(void)state;
	/* text_en is longer than db_fetch's first 64-byte guess. */
	assert_int_equal(db_query(db, SQL_POLICY_CURRENT, &r, ""), RC_OK);
	assert_int_equal(r.rowsz, 1);
	assert_true(strlen(db_bytes(&r, 0, 20, &len)) == len);
	assert_true(len > 200);
	db_res_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_ok_and_wrong),
		cmocka_unit_test(test_login_lockout),
		cmocka_unit_test(test_session_lifecycle),
		cmocka_unit_test(test_session_destroy),
		cmocka_unit_test(test_txn_rollback_and_duplicate),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_long_text_roundtrip),
		cmocka_unit_test(test_purge),
	};

	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
