/* session.c: accounts, sign-in with growing delays per address and per login, and sessions stored in the database. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/stale.h"
#include "store/session.h"
#include "base/util.h"

/* The longest delay a login name's failures impose, in seconds. */
#define LOGIN_ACCOUNT_CAP_SECS	60
/* How long an address an account signed in from stays known. */
#define LOGIN_KNOWN_SECS	(90 * 86400)

const char *const role_names[ROLE__MAX] = {
	"buyer", /* ROLE_BUYER */
	"seller", /* ROLE_SELLER */
	"admin", /* ROLE_ADMIN */
};

bool
role_from_name(const char *name, enum role *out)
{
	size_t i;

	for (i = 0; i < ROLE__MAX; i++)
		if (strcmp(name, role_names[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	return false;
}

enum rc
session_load(struct db *db, const struct config *cfg, const char *token,
    time_t now, struct session *s, bool *expired)
{
	struct db_res res;
	enum rc rc;

	memset(s, 0, sizeof(*s));
	*expired = false;
	if (strlen(token) != TOKEN_LEN)
		return RC_NOTFOUND;
	auth_sha256(token, TOKEN_LEN, s->id_hash);
	rc = db_query(db, SQL_SESSION_GET, &res, "b", s->id_hash,
	    sizeof(s->id_hash));
	if (rc != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	s->created_at = db_int(&res, 0, 2);
	s->last_seen_at = db_int(&res, 0, 3);
	if (now - s->last_seen_at > cfg->session_idle_secs ||
	    now - s->created_at > cfg->session_max_secs) {
		*expired = true;
		rc = db_exec(db, SQL_SESSION_DELETE, NULL, "b", s->id_hash,
		    sizeof(s->id_hash));
		if (rc == RC_OK)
			rc = RC_NOTFOUND;
		goto out;
	}
	if (!role_from_name(db_str(&res, 0, 4), &s->user.role)) {
		log_err("user %s has an unknown role '%s'", db_str(&res, 0, 0),
		    db_str(&res, 0, 4));
		rc = RC_DB;
		goto out;
	}
	s->user.id = db_int(&res, 0, 0);
	snprintf(s->csrf, sizeof(s->csrf), "%s", db_str(&res, 0, 1));
	s->user.login = xstrdup(db_str(&res, 0, 5));
	s->user.display_name = xstrdup(db_str(&res, 0, 6));
	s->user.shop_id = db_int(&res, 0, 7);
	s->user.timezone = xstrdup(db_str(&res, 0, 8));
	s->user.locale = xstrdup(db_str(&res, 0, 9));
	if (now - s->last_seen_at >= SESSION_TOUCH_SECS) {
		rc = db_exec(db, SQL_SESSION_TOUCH, NULL, "tb", now, s->id_hash,
		    sizeof(s->id_hash));
		if (rc != RC_OK)
			goto out;
		s->last_seen_at = now;
	}
	rc = RC_OK;
out:
	db_res_release(&res);
	if (rc != RC_OK)
		session_release(s);
	return rc;
}

/* Copies the session in into out, with strings of its own. */
static void
session_copy(struct session *out, const struct session *in)
{
	*out = *in;
	out->user.login = xstrdup(in->user.login);
	out->user.display_name = xstrdup(in->user.display_name);
	out->user.timezone = xstrdup(in->user.timezone);
	out->user.locale = xstrdup(in->user.locale);
}

/* The slot of the cache an id hash goes to (a SHA-256 is spread enough). */
static struct session_cached *
cache_slot(struct session_cache *c, const unsigned char id_hash[32])
{
	return &c->slots[(id_hash[0] | (unsigned)id_hash[1] << 8) %
	    SESSION_CACHE_SLOTS];
}

/* Empties one slot. */
static void
cache_clear(struct session_cached *e)
{
	if (e->used)
		session_release(&e->s);
	memset(e, 0, sizeof(*e));
}

enum rc
session_load_cached(struct session_cache *c, int64_t mono_ms, struct db *db,
    const struct config *cfg, const char *token, time_t now,
    struct session *s, bool *expired)
{
	unsigned char hash[32];
	struct session_cached *e;
	uint64_t gen = stale_gen();
	enum rc rc;

	memset(s, 0, sizeof(*s));
	*expired = false;
	if (strlen(token) != TOKEN_LEN)
		return RC_NOTFOUND;
	auth_sha256(token, TOKEN_LEN, hash);
	e = cache_slot(c, hash);
	if (e->used && memcmp(e->s.id_hash, hash, sizeof(hash)) == 0 &&
	    stale_fresh(e->checked_ms, e->gen, mono_ms) &&
	    now - e->s.last_seen_at <= cfg->session_idle_secs &&
	    now - e->s.created_at <= cfg->session_max_secs &&
	    now - e->s.last_seen_at < SESSION_TOUCH_SECS) {
		c->hits++;
		session_copy(s, &e->s);
		return RC_OK;
	}
	c->misses++;
	/* The generation before the statement: a bump during it is seen. */
	rc = session_load(db, cfg, token, now, s, expired);
	if (e->used && (rc == RC_OK || memcmp(e->s.id_hash, hash,
	    sizeof(hash)) == 0))
		cache_clear(e);
	if (rc == RC_OK) {
		session_copy(&e->s, s);
		e->used = true;
		e->checked_ms = mono_ms;
		e->gen = gen;
	}
	return rc;
}

void
session_cache_drop(struct session_cache *c, const char *token)
{
	unsigned char hash[32];
	struct session_cached *e;

	if (token == NULL)
		return;
	auth_sha256(token, strlen(token), hash);
	e = cache_slot(c, hash);
	if (e->used && memcmp(e->s.id_hash, hash, sizeof(hash)) == 0)
		cache_clear(e);
}

void
session_cache_release(struct session_cache *c)
{
	size_t i;

	for (i = 0; i < SESSION_CACHE_SLOTS; i++)
		cache_clear(&c->slots[i]);
}

enum rc
session_create(struct db *db, int64_t user_id, const char *user_agent,
    time_t now, char token[TOKEN_LEN + 1])
{
	char csrf[TOKEN_LEN + 1], agent[256];
	unsigned char hash[32];

	if (auth_token(token) != 0 || auth_token(csrf) != 0)
		return RC_SYS;
	auth_sha256(token, TOKEN_LEN, hash);
	snprintf(agent, sizeof(agent), "%s", user_agent);
	return db_exec(db, SQL_SESSION_INSERT, NULL, "bistts", hash,
	    sizeof(hash), user_id, csrf, now, now, agent);
}

enum rc
session_destroy(struct db *db, const char *token)
{
	unsigned char hash[32];
	enum rc rc;

	auth_sha256(token, strlen(token), hash);
	rc = db_exec(db, SQL_SESSION_DELETE, NULL, "b", hash, sizeof(hash));
	/* The node's other processes drop what they cached of it. */
	stale_bump();
	return rc;
}

enum rc
session_purge(struct db *db, const struct config *cfg, time_t now)
{
	enum rc rc;

	rc = db_exec(db, SQL_SESSION_PURGE_IDLE, NULL, "t",
	    now - (time_t)cfg->session_idle_secs);
	if (rc != RC_OK)
		return rc;
	rc = db_exec(db, SQL_SESSION_PURGE_OLD, NULL, "t",
	    now - (time_t)cfg->session_max_secs);
	if (rc != RC_OK)
		return rc;
	/* A form older than the longest session can no longer be sent. */
	rc = db_exec(db, SQL_TOKEN_USES_PURGE, NULL, "t",
	    now - (time_t)cfg->session_max_secs);
	if (rc != RC_OK)
		return rc;
	rc = db_exec(db, SQL_LOGIN_FAILURES_PURGE, NULL, "t",
	    now - (time_t)cfg->login_window_secs);
	if (rc != RC_OK)
		return rc;
	return db_exec(db, SQL_SIGNIN_KNOWN_PURGE, NULL, "t",
	    now - (time_t)LOGIN_KNOWN_SECS);
}

void
session_release(struct session *s)
{
	free(s->user.login);
	free(s->user.display_name);
	free(s->user.timezone);
	free(s->user.locale);
	memset(s, 0, sizeof(*s));
}

/*
 * The sign-in rule (issue 13). There is no lockout that a stranger can
 * set off: every refusal is a delay that runs out by itself, and a
 * refused attempt checks no password and is not counted, so hammering a
 * refused door does not keep it shut any longer.
 *
 * A failure (wrong password, or a login no account has) is recorded with
 * the login name as typed and the client's address block, and counts for
 * login_window_secs. With n failures in the window and the last one at t,
 * a throttle allows the next attempt from t + min(2^(n - free + 2), cap)
 * once n >= free: 4, 8, 16 ... seconds. Three throttles:
 *
 *  - address: failures from this address block, for any login: free =
 *    login_addr_max_failures, cap = login_window_secs. One client trying
 *    many accounts (45 failures over 15 accounts) soon waits a quarter
 *    hour between tries, whatever names it tries.
 *  - account: failures for this login name, from any address: free =
 *    login_max_failures, cap = 60 s. Many addresses guessing one
 *    password share the delay. Its cap is short so that a single
 *    attacking address, held back by its own address delay for up to
 *    login_window_secs, leaves the account free most of the time.
 *  - pair: failures for this login name from this address block: free =
 *    login_max_failures, cap = login_window_secs.
 *
 * An address the account has signed in from in the last 90 days (a
 * "known" address) is held back by the pair throttle only: failures other
 * addresses cause, for this account or for others, never stop the real
 * user from where they usually sign in, the admin included, so nobody can
 * lock anyone out. Any other address is held back by the address and the
 * account throttles. A known address proves nothing until the password
 * matched once, and someone guessing from the user's own address (a
 * shared office) meets the pair throttle, as slow as the address one.
 *
 * Unknown and known logins go through the same queries, the same delays
 * (failures are counted by login name, not by account), the same answer
 * and a hash of the same cost (a dummy hash for an unknown login), so
 * neither the status, the words, the Retry-After nor the time tells
 * whether a login exists. Every refusal is logged (one line) and counted
 * per day and reason in login_refusals.
 */

const char *const login_refusal_names[LOGIN_REFUSAL__MAX] = {
	"address", /* LOGIN_REFUSAL_ADDRESS */
	"account", /* LOGIN_REFUSAL_ACCOUNT */
	"busy", /* LOGIN_REFUSAL_BUSY */
};

void
login_addr_block(const char *addr, char out[LOGIN_ADDR_LEN])
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET, addr, a) == 1) {
		inet_ntop(AF_INET, a, out, LOGIN_ADDR_LEN);
		return;
	}
	if (inet_pton(AF_INET6, addr, a) != 1) {
		snprintf(out, LOGIN_ADDR_LEN, "other");
		return;
	}
	if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
		inet_ntop(AF_INET, a + 12, out, LOGIN_ADDR_LEN);
		return;
	}
	memset(a + 8, 0, 8);
	inet_ntop(AF_INET6, a, text, sizeof(text));
	snprintf(out, LOGIN_ADDR_LEN, "%s/64", text);
}

/*
 * Runs the failure count statement st with args into the time a throttle
 * allows the next attempt (0: now) for free failures and cap seconds.
 */
static enum rc
throttle_until(struct db *db, enum sql st, int64_t free_, int64_t cap,
    time_t *until, const char *login, const char *block, time_t since)
{
	struct db_res res;
	int64_t n, shift, delay;
	enum rc rc;

	*until = 0;
	if (st == SQL_SIGNIN_PAIR_FAILURES)
		rc = db_query(db, st, &res, "sst", login, block, since);
	else
		rc = db_query(db, st, &res, "st",
		    st == SQL_SIGNIN_ADDR_FAILURES ? block : login, since);
	if (rc != RC_OK) {
		db_res_release(&res);
		return rc;
	}
	n = db_int(&res, 0, 0);
	if (n >= free_ && n > 0) {
		shift = n - free_ + 2;
		delay = shift >= 30 ? cap : (int64_t)1 << shift;
		if (delay > cap)
			delay = cap;
		*until = (time_t)(db_int(&res, 0, 1) + delay);
	}
	db_res_release(&res);
	return RC_OK;
}

/* Copies a typed login into out for a log line: printable ASCII only. */
static void
log_safe(const char *in, char *out, size_t outsz)
{
	size_t i;

	for (i = 0; in[i] != '\0' && i + 1 < outsz; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f && in[i] != '\'' ?
		    in[i] : '?';
	out[i] = '\0';
}

/* Logs and counts one refused sign-in. */
static enum rc
login_refuse(struct db *db, enum login_refusal why, const char *login,
    const char *block, time_t now, int64_t wait)
{
	char safe[80];

	log_safe(login, safe, sizeof(safe));
	log_warn("sign-in for '%s' from %s refused (%s throttle), next try "
	    "in %lld s", safe, block, login_refusal_names[why],
	    (long long)wait);
	return db_exec(db, SQL_SIGNIN_REFUSAL_COUNT, NULL, "ts", now,
	    login_refusal_names[why]);
}

enum rc
login_check(struct db *db, const struct config *cfg, const char *login,
    const char *password, const char *addr, time_t now,
    enum login_result *result, int64_t *user_id, enum role *role,
    int64_t *wait_secs)
{
	struct db_res user, known;
	char block[LOGIN_ADDR_LEN];
	time_t since = now - (time_t)cfg->login_window_secs;
	time_t by_addr = 0, by_login = 0, by_pair = 0, until;
	int64_t acap = cfg->login_window_secs < LOGIN_ACCOUNT_CAP_SECS ?
	    cfg->login_window_secs : LOGIN_ACCOUNT_CAP_SECS;
	bool upgrade = false, is_known;
	const char *hash = NULL;
	int64_t id = 0;
	int slot = -1;
	char *fresh;
	enum rc rc;

	memset(&user, 0, sizeof(user));
	memset(&known, 0, sizeof(known));
	*result = LOGIN_BAD;
	*wait_secs = 0;
	login_addr_block(addr, block);
	rc = db_query(db, SQL_SIGNIN_KNOWN, &known, "sst", login, block,
	    now - (time_t)LOGIN_KNOWN_SECS);
	if (rc != RC_OK)
		goto out;
	is_known = db_int(&known, 0, 0) > 0;
	if (is_known)
		rc = throttle_until(db, SQL_SIGNIN_PAIR_FAILURES,
		    cfg->login_max_failures, cfg->login_window_secs, &by_pair,
		    login, block, since);
	else if ((rc = throttle_until(db, SQL_SIGNIN_ADDR_FAILURES,
	    cfg->login_addr_max_failures, cfg->login_window_secs, &by_addr,
	    login, block, since)) == RC_OK)
		rc = throttle_until(db, SQL_SIGNIN_LOGIN_FAILURES,
		    cfg->login_max_failures, acap, &by_login, login, block,
		    since);
	if (rc != RC_OK)
		goto out;
	until = by_addr > by_login ? by_addr : by_login;
	if (by_pair > until)
		until = by_pair;
	if (until > now) {
		*result = LOGIN_THROTTLED;
		*wait_secs = until - now;
		rc = login_refuse(db, by_addr > now ? LOGIN_REFUSAL_ADDRESS :
		    LOGIN_REFUSAL_ACCOUNT, login, block, now, *wait_secs);
		goto out;
	}
	rc = db_query(db, SQL_USER_BY_LOGIN, &user, "s", login);
	if (rc != RC_OK)
		goto out;
	if (user.rowsz == 1) {
		id = db_int(&user, 0, 0);
		hash = db_str(&user, 0, 2);
	}
	if ((slot = auth_slot_enter(cfg->run_dir, (int)cfg->hash_slots)) ==
	    AUTH_SLOT_BUSY) {
		*result = LOGIN_BUSY;
		*wait_secs = 1;
		rc = login_refuse(db, LOGIN_REFUSAL_BUSY, login, block, now, 1);
		goto out;
	}
	/*
	 * The attempt counts as a failure before the hash runs, so that
	 * requests arriving together see each other; a right password takes
	 * it back (with this address's other failures for the login).
	 */
	rc = db_exec(db, SQL_SIGNIN_FAILURE_ADD, NULL, "Isst", id, login, block,
	    now);
	if (rc != RC_OK)
		goto out;
	/* Unknown logins cost a hash too, so timing does not tell. */
	if (!auth_check_password(password, hash, &upgrade))
		goto out;
	rc = db_exec(db, SQL_SIGNIN_FORGET, NULL, "ss", login, block);
	if (rc != RC_OK)
		goto out;
	if (db_int(&user, 0, 3) != 0) {
		*result = LOGIN_DISABLED;
		goto out;
	}
	if (!role_from_name(db_str(&user, 0, 1), role)) {
		log_err("user '%s' has an unknown role", login);
		rc = RC_DB;
		goto out;
	}
	*user_id = id;
	*result = LOGIN_OK;
	rc = db_exec(db, SQL_SIGNIN_KNOWN_SET, NULL, "ist", id, block, now);
	if (rc == RC_OK && upgrade &&
	    (fresh = auth_hash_password(password)) != NULL) {
		rc = db_exec(db, SQL_USER_SET_HASH, NULL, "si", fresh, id);
		free(fresh);
	}
out:
	auth_slot_leave(slot);
	db_res_release(&user);
	db_res_release(&known);
	return rc;
}

enum rc
login_refusals_count(struct db *db, time_t since,
    int64_t counts[LOGIN_REFUSAL__MAX])
{
	struct db_res res;
	size_t i, j;
	enum rc rc;

	memset(counts, 0, sizeof(counts[0]) * LOGIN_REFUSAL__MAX);
	if ((rc = db_query(db, SQL_SIGNIN_REFUSALS, &res, "t", since)) != RC_OK)
		return rc;
	for (i = 0; i < res.rowsz; i++)
		for (j = 0; j < LOGIN_REFUSAL__MAX; j++)
			if (strcmp(db_str(&res, i, 1),
			    login_refusal_names[j]) == 0)
				counts[j] += db_int(&res, i, 2);
	db_res_release(&res);
	return RC_OK;
}
