/* session.h: accounts, sign-in with growing delays per address and per login, and sessions stored in the database. */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/auth.h"
#include "base/config.h"
#include "store/db.h"
#include "base/rc.h"

enum role {
	ROLE_BUYER,
	ROLE_SELLER,
	ROLE_ADMIN,
	ROLE__MAX
};

/* "buyer", "seller", "admin"; indexed by enum role. */
extern const char *const role_names[ROLE__MAX];

/* Returns true and sets *out when name is a role's name. */
bool	role_from_name(const char *name, enum role *out);

/* The signed-in user; strings owned, freed by session_release(). */
struct user {
	int64_t		 id;
	enum role	 role;
	char		*login;
	char		*display_name;
	int64_t		 shop_id;	/* sellers; 0 otherwise */
	char		*timezone;
	char		*locale;
};

struct session {
	unsigned char	 id_hash[32];	/* SHA-256 of the cookie token */
	char		 csrf[TOKEN_LEN + 1];
	time_t		 created_at;
	time_t		 last_seen_at;
	struct user	 user;
};

/*
 * How often a session's last_seen_at is written, at most (seconds): the
 * idle timeout counts from a last_seen_at up to this much older than the
 * last request, so a session left alone is signed out between
 * session_idle_secs - SESSION_TOUCH_SECS and session_idle_secs after its
 * last request; a busy page does not write per request.
 */
#define SESSION_TOUCH_SECS	60

/*
 * Finds the session whose cookie token is token and checks it against
 * now: idle longer than cfg->session_idle_secs or older than
 * cfg->session_max_secs is expired and deleted. A live session's
 * last_seen_at is moved to now (at most once a SESSION_TOUCH_SECS).
 * One statement, two when it expires or is touched. Returns RC_OK
 * with *s filled (release it), RC_NOTFOUND with *expired telling whether
 * it existed but had expired, or RC_DB.
 */
enum rc	session_load(struct db *db, const struct config *cfg,
	    const char *token, time_t now, struct session *s, bool *expired);

/* How many sessions one process keeps (a slot per SHA-256 prefix). */
#define SESSION_CACHE_SLOTS	256

/* One cached session: what session_load() found, and when. */
struct session_cached {
	bool		 used;
	int64_t		 checked_ms;	/* stale_mono_ms() of the statement */
	uint64_t	 gen;	/* stale_gen() before it */
	struct session	 s;
};

/*
 * The sessions a process checked in the last second (see stale.h): zero
 * it to start, session_cache_release() to free. One per process, never
 * shared between threads.
 */
struct session_cache {
	struct session_cached	slots[SESSION_CACHE_SLOTS];
	uint64_t		hits, misses;	/* for tests */
};

/*
 * As session_load(), but without a statement when this process checked
 * the same session less than STALE_TTL_MS ago (mono_ms, the monotonic
 * clock: stale_mono_ms()) and no process of the node has called
 * stale_bump() since, and the session is neither expired at now nor due
 * for its last_seen_at write. So a sign-out or a disabled account on
 * another node ends the session here within a second; on this node at
 * once. Same answers as session_load().
 */
enum rc	session_load_cached(struct session_cache *c, int64_t mono_ms,
	    struct db *db, const struct config *cfg, const char *token,
	    time_t now, struct session *s, bool *expired);

/* Forgets the cached session of cookie token token (NULL: nothing). */
void	session_cache_drop(struct session_cache *c, const char *token);

/* Frees every cached session; the cache is empty again. */
void	session_cache_release(struct session_cache *c);

/*
 * Starts a session for user_id: a new random token (written to token)
 * and CSRF token. Returns RC_OK, RC_SYS or RC_DB.
 */
enum rc	session_create(struct db *db, int64_t user_id, const char *user_agent,
	    time_t now, char token[TOKEN_LEN + 1]);

/*
 * Ends the session whose cookie token is token, and tells the node's
 * processes to drop their cached sessions (stale_bump()). Returns RC_OK
 * or RC_DB.
 */
enum rc	session_destroy(struct db *db, const char *token);

/*
 * Deletes every expired session, stale login failure, address not signed
 * in from for 90 days, and one-time form token older than the longest
 * session.
 */
enum rc	session_purge(struct db *db, const struct config *cfg, time_t now);

void	session_release(struct session *s);

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,	/* unknown login or wrong password: one message */
	LOGIN_THROTTLED,	/* too many failures; *wait_secs until the next try */
	LOGIN_DISABLED,	/* the account is switched off */
	LOGIN_BUSY,	/* every password-hash slot is taken; try in a moment */
	LOGIN__MAX
};

/* Room for a client address block: an IPv6 /64 prefix and its "/64". */
#define LOGIN_ADDR_LEN	52

/*
 * Writes the block of the client address addr that the per-address
 * throttle counts by: an IPv4 address as it is (an IPv4-mapped IPv6 one
 * as IPv4), an IPv6 address as its /64 prefix ("2001:db8:1:2::/64": one
 * household or server gets a whole /64), anything else as "other". Pure.
 */
void	login_addr_block(const char *addr, char out[LOGIN_ADDR_LEN]);

/*
 * Checks login and password, typed at now from the client address addr
 * (see login_addr_block() and the rule in session.c): refuses without
 * checking the password while a growing delay after recent failures is
 * running (LOGIN_THROTTLED, *wait_secs until the next try; logged and
 * counted in login_refusals), the same way for unknown and known logins;
 * answers LOGIN_BUSY when no password-hash slot is free within a quarter
 * second. A wrong password (or an unknown login, which costs a hash all
 * the same) is LOGIN_BAD and recorded. On success sets *user_id and
 * *role, remembers addr for the account, forgets this address's failures
 * for it, and upgrades an outdated password hash. Returns RC_OK with
 * *result set, or RC_DB.
 */
enum rc	login_check(struct db *db, const struct config *cfg, const char *login,
	    const char *password, const char *addr, time_t now,
	    enum login_result *result, int64_t *user_id, enum role *role,
	    int64_t *wait_secs);

/* Why a sign-in was refused without checking its password. */
enum login_refusal {
	LOGIN_REFUSAL_ADDRESS,	/* too many failures from the address */
	LOGIN_REFUSAL_ACCOUNT,	/* too many for the login name */
	LOGIN_REFUSAL_BUSY,	/* no password-hash slot was free */
	LOGIN_REFUSAL__MAX
};

/* "address", "account", "busy": login_refusals.reason; by enum login_refusal. */
extern const char *const login_refusal_names[LOGIN_REFUSAL__MAX];

/*
 * Adds up the refused sign-ins of the days from since's (UTC) to today
 * into counts, by reason (for admins and tests). Returns RC_OK or RC_DB.
 */
enum rc	login_refusals_count(struct db *db, time_t since,
	    int64_t counts[LOGIN_REFUSAL__MAX]);

#endif /* SESSION_H */
