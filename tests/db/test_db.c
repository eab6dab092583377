/* test_db.c: the database layer, logins and sessions against a real, migrated MariaDB (started by tests/db/db.test). */
#include <inttypes.h>
#include <malloc.h>
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
#include "dbtest.h"
#include "store/db.h"
#include "store/session.h"
#include "base/util.h"
#include "web/http.h"

static void
test_login_ok_and_wrong(void **state)
{
	enum login_result res;
	enum role role;
	int64_t uid = 0, wait;
	time_t now = clock_now();

	(void)state;
	assert_int_equal(login_check(db, &cfg, "buyer2", "demo", "10.9.9.9",
	    now, &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
	assert_int_equal(role, ROLE_BUYER);
	assert_true(uid > 0);
	assert_int_equal(login_check(db, &cfg, "seller1", "demo", "10.9.9.9",
	    now, &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_OK);
	assert_int_equal(role, ROLE_SELLER);
	assert_int_equal(login_check(db, &cfg, "buyer2", "Demo", "10.9.9.9",
	    now, &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_BAD);
	assert_int_equal(login_check(db, &cfg, "nobody", "demo", "10.9.9.9",
	    now, &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(res, LOGIN_BAD);
}

/* One sign-in attempt at t from addr; returns the result, *wait set. */
static enum login_result
try_login(const char *login, const char *password, const char *addr,
    time_t t, int64_t *wait)
{
	enum login_result res;
	enum role role;
	int64_t uid = 0;

	assert_int_equal(login_check(db, &cfg, login, password, addr, t, &res,
	    &uid, &role, wait), RC_OK);
	return res;
}

static void
test_login_addr_block(void **state)
{
	char b[LOGIN_ADDR_LEN];

	(void)state;
	login_addr_block("192.0.2.7", b);
	assert_string_equal(b, "192.0.2.7");
	login_addr_block("::ffff:192.0.2.7", b);
	assert_string_equal(b, "192.0.2.7");
	login_addr_block("2001:db8:1:2:3:4:5:6", b);
	assert_string_equal(b, "2001:db8:1:2::/64");
	login_addr_block("2001:db8:1:2:ffff::1", b);
	assert_string_equal(b, "2001:db8:1:2::/64");
	login_addr_block("", b);
	assert_string_equal(b, "other");
}

/*
 * The rule of login_check() (tests/db/db.test: 3 free failures per login,
 * 6 per address, in 900 seconds): growing delays, not a lockout; unknown
 * logins answered like known ones; the real user's own address not held
 * back by others' failures.
 */
static void
test_login_throttle(void **state)
{
	int64_t wait, wait2;
	int64_t before[LOGIN_REFUSAL__MAX], after[LOGIN_REFUSAL__MAX];
	time_t now = clock_now();
	int i;

	(void)state;
	assert_int_equal(login_refusals_count(db, now - 86400, before), RC_OK);
	/* buyer3 has signed in from 10.0.0.9 before: a known address. */
	assert_int_equal(try_login("buyer3", "demo", "10.0.0.9", now - 100,
	    &wait), LOGIN_OK);
	/* Three failures from three addresses: free; no lockout follows. */
	for (i = 0; i < 3; i++) {
		char a[16];

		snprintf(a, sizeof(a), "10.0.0.%d", i + 1);
		assert_int_equal(try_login("buyer3", "wrong", a, now + i,
		    &wait), LOGIN_BAD);
		snprintf(a, sizeof(a), "10.0.1.%d", i + 1);
		assert_int_equal(try_login("nobody3", "wrong", a, now + i,
		    &wait2), LOGIN_BAD);
	}
	/* The next try waits 4 s after the last failure, even the right password. */
	assert_int_equal(try_login("buyer3", "demo", "10.0.0.4", now + 3,
	    &wait), LOGIN_THROTTLED);
	assert_int_equal(wait, 3);
	/* An unknown login is answered the same way, with the same wait. */
	assert_int_equal(try_login("nobody3", "demo", "10.0.1.4", now + 3,
	    &wait2), LOGIN_THROTTLED);
	assert_int_equal(wait2, wait);
	/* The real user from their known address is not held back. */
	assert_int_equal(try_login("buyer3", "demo", "10.0.0.9", now + 3,
	    &wait), LOGIN_OK);
	/* Another account is not affected. */
	assert_int_equal(try_login("buyer4", "demo", "10.0.0.4", now + 3,
	    &wait), LOGIN_OK);
	/* The delay grows: 4, then 8 seconds after the next failure. */
	assert_int_equal(try_login("buyer3", "wrong", "10.0.0.5", now + 6,
	    &wait), LOGIN_BAD);
	assert_int_equal(try_login("buyer3", "demo", "10.0.0.4", now + 7,
	    &wait), LOGIN_THROTTLED);
	assert_int_equal(wait, 7);
	/* Refused tries do not renew it; once it has run, the password works. */
	assert_int_equal(try_login("buyer3", "demo", "10.0.0.4", now + 14,
	    &wait), LOGIN_OK);

	/* One address trying many logins: 6 failures, then it waits. */
	for (i = 0; i < 6; i++) {
		char l[16];

		snprintf(l, sizeof(l), i % 2 ? "buyer%d" : "ghost%d", 10 + i);
		assert_int_equal(try_login(l, "wrong", "10.0.2.1", now + i,
		    &wait), LOGIN_BAD);
	}
	assert_int_equal(try_login("buyer6", "demo", "10.0.2.1", now + 6,
	    &wait), LOGIN_THROTTLED);
	assert_int_equal(wait, 3);
	/* The same account from elsewhere is fine. */
	assert_int_equal(try_login("buyer6", "demo", "10.0.2.2", now + 6,
	    &wait), LOGIN_OK);
	/* Refusals are counted by reason. */
	assert_int_equal(login_refusals_count(db, now - 86400, after), RC_OK);
	assert_true(after[LOGIN_REFUSAL_ACCOUNT] >=
	    before[LOGIN_REFUSAL_ACCOUNT] + 3);
	assert_true(after[LOGIN_REFUSAL_ADDRESS] >=
	    before[LOGIN_REFUSAL_ADDRESS] + 1);
}

static void
test_session_lifecycle(void **state)
{
	char token[TOKEN_LEN + 1], other[TOKEN_LEN + 1];
	struct session s;
	enum login_result res;
	enum role role;
	int64_t uid, wait;
	time_t start = clock_now();
	bool expired;

	(void)state;
	assert_int_equal(login_check(db, &cfg, "buyer5", "demo", "10.9.9.9",
	    start, &res, &uid, &role, &wait), RC_OK);
	assert_int_equal(session_create(db, uid, "test agent", start, token),
	    RC_OK);
	assert_int_equal(session_load(db, &cfg, token, start + 10, &s, &expired),
	    RC_OK);
	assert_int_equal(s.user.id, uid);
	assert_int_equal(s.user.role, ROLE_BUYER);
	assert_string_equal(s.user.login, "buyer5");
	assert_int_equal(strlen(s.csrf), TOKEN_LEN);
	session_release(&s);

	/* Used every 20 minutes it lives on, until 12 hours are up. */
	assert_int_equal(session_load(db, &cfg, token, start + 1200, &s,
	    &expired), RC_OK);
	session_release(&s);
	assert_int_equal(session_load(db, &cfg, token, start + 2400, &s,
	    &expired), RC_OK);
	session_release(&s);

	/* Idle for more than 30 minutes: expired, and gone for good. */
	assert_int_equal(session_load(db, &cfg, token, start + 2400 + 1801, &s,
	    &expired), RC_NOTFOUND);
	assert_true(expired);
	assert_int_equal(session_load(db, &cfg, token, start + 2400 + 1802, &s,
	    &expired), RC_NOTFOUND);
	assert_false(expired);

	/* Absolute expiry: 12 hours even when always busy. */
	assert_int_equal(session_create(db, uid, "", start, other), RC_OK);
	for (time_t t = start + 1500; t <= start + 43200; t += 1500) {
		assert_int_equal(session_load(db, &cfg, other, t, &s, &expired),
		    RC_OK);
		session_release(&s);
	}
	assert_int_equal(session_load(db, &cfg, other, start + 43201, &s,
	    &expired), RC_NOTFOUND);
	assert_true(expired);

	/* Unknown and malformed tokens. */
	assert_int_equal(session_load(db, &cfg, "short", start, &s, &expired),
	    RC_NOTFOUND);
	assert_int_equal(auth_token(other), 0);
	assert_int_equal(session_load(db, &cfg, other, start, &s, &expired),
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
	/* Seen a minute ago but signed in 13 hours ago: past its lifetime. */
	free(sql("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
	    "last_seen_at, user_agent) SELECT UNHEX(SHA2('purge-old', 256)), id, "
	    "REPEAT('c', 43), FROM_UNIXTIME(%lld), FROM_UNIXTIME(%lld), 'test' "
	    "FROM users WHERE login = 'buyer8'", (long long)(now - 13 * 3600),
	    (long long)(now - 60)));
	assert_int_equal(session_purge(db, &cfg, now), RC_OK);
	assert_int_equal(sqlint("SELECT COUNT(*) FROM sessions WHERE id_hash = "
	    "UNHEX(SHA2('purge-old', 256))"), 0);
}

/*
 * The worker's purges each read a range of a key (sql/027), not the whole
 * table, which a DELETE would also lock row by row until it commits:
 * EXPLAINed beside 2,000 live sessions, sign-in failures and addresses.
 */
static void
test_purge_by_key(void **state)
{
	static const enum sql purges[] = { SQL_SESSION_PURGE_IDLE,
	    SQL_SESSION_PURGE_OLD, SQL_LOGIN_FAILURES_PURGE,
	    SQL_SIGNIN_KNOWN_PURGE, SQL_TOKEN_USES_PURGE };
	int64_t failures = sqlint("SELECT COALESCE(MAX(id), 0) FROM "
	    "login_failures");
	size_t i;

	(void)state;
	free(sql("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
	    "last_seen_at, user_agent) SELECT UNHEX(SHA2(CONCAT('purge-', seq), "
	    "256)), (SELECT MIN(id) FROM users), REPEAT('c', 43), NOW(), NOW(), "
	    "'purge-test' FROM seq_1_to_2000"));
	free(sql("INSERT INTO login_failures (user_id, failed_at) SELECT "
	    "(SELECT MIN(id) FROM users), NOW() FROM seq_1_to_2000"));
	free(sql("INSERT IGNORE INTO login_known_addrs (user_id, addr, last_ok_at) "
	    "SELECT (SELECT MIN(id) FROM users), CONCAT('10.7.', seq DIV 250, '.', "
	    "seq MOD 250), NOW() FROM seq_1_to_2000"));
	for (i = 0; i < sizeof(purges) / sizeof(purges[0]); i++) {
		const char *text = sql_texts[purges[i]].text;
		char *q = xstrdup(text), *p, *out = NULL;

		/* Its ? a time long past: the rows a purge deletes are few. */
		p = strchr(q, '?');
		assert_non_null(p);
		*p = '\0';
		assert_int_equal(sql_status(&out, "EXPLAIN %s'2000-01-01' %s", q,
		    p + 1), 0);
		if (strstr(out, "\tALL\t") != NULL || strstr(out, "\trange\t") ==
		    NULL)
			fail_msg("%s: not a range of a key:\n%s", text, out);
		free(out);
		free(q);
	}
	free(sql("DELETE FROM sessions WHERE user_agent = 'purge-test'"));
	free(sql("DELETE FROM login_failures WHERE id > %" PRId64, failures));
	free(sql("DELETE FROM login_known_addrs WHERE addr LIKE '10.7.%%'"));
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

/*
 * A long result set is one buffer of its own (db.h: struct db_res), not a
 * malloc per cell: while 30,000 rows of 11 columns are held, the heap's
 * arena grows by less than 1 MiB; with a malloc per cell it grew by more
 * than 10 MiB, and whatever the process allocated for good meanwhile kept
 * those pages of freed cells resident after the release (issue 12: at
 * most 10 MB per process). The thresholds are the programs' (http_init()).
 */
static void
test_long_result_one_buffer(void **state)
{
	struct mallinfo2 before, held, after;
	const int64_t shop = 990001;
	struct db_res r;
	size_t i;

	(void)state;
	/* The programs' malloc thresholds. */
	assert_int_equal(http_init(), 0);
	free(sql("INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, "
	    "a, b, c, d, e, f) SELECT %" PRId64 ", DATE('2026-01-01') + "
	    "INTERVAL (seq MOD 300) DAY, 4, CONCAT('sku-', seq), "
	    "'A product of the long list', '', seq, 1, 2, 3, 4, 5 "
	    "FROM seq_1_to_30000", shop));
	before = mallinfo2();
	assert_int_equal(db_query(db, SQL_SDS_READ, &r, "itt", shop,
	    (time_t)1764547200 /* 2025-12-01 */,
	    (time_t)1798761600 /* 2027-01-01 */), RC_OK);
	held = mallinfo2();
	assert_int_equal(r.rowsz, 30000);
	assert_int_equal(r.colsz, 11);
	/* Every cell there, in order, NUL-terminated, its length kept. */
	for (i = 0; i < r.rowsz; i += 997) {
		size_t len;
		const char *k = db_bytes(&r, i, 2, &len);

		assert_int_equal(strlen(k), len);
		assert_int_equal(strncmp(k, "sku-", 4), 0);
		assert_string_equal(db_str(&r, i, 3),
		    "A product of the long list");
		assert_false(db_null(&r, i, 4));
		assert_int_equal(db_int(&r, i, 10), 5);
	}
	db_res_release(&r);
	after = mallinfo2();
	free(sql("DELETE FROM shop_day_stats WHERE shop_id = %" PRId64, shop));
	assert_true(held.arena < before.arena + 1024 * 1024);
	/*
	 * Nothing of it stays: neither the mapped buffers nor what
	 * libmariadb kept with the statement (it is closed after so long a
	 * result, db_fetch(); kept, some 3 MB stayed).
	 */
	assert_true(after.hblkhd <= before.hblkhd);
	assert_true(after.uordblks < before.uordblks + 64 * 1024);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_ok_and_wrong),
		cmocka_unit_test(test_login_addr_block),
		cmocka_unit_test(test_login_throttle),
		cmocka_unit_test(test_session_lifecycle),
		cmocka_unit_test(test_session_destroy),
		cmocka_unit_test(test_txn_rollback_and_duplicate),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_long_text_roundtrip),
		cmocka_unit_test(test_purge),
		cmocka_unit_test(test_purge_by_key),
		cmocka_unit_test(test_long_result_one_buffer),
	};

	return cmocka_run_group_tests_name("db", tests, dbtest_setup,
	    dbtest_teardown);
}
