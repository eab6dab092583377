/* session.h: accounts, logins with a failure limit, and sessions stored in the database. */
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
 * Finds the session whose cookie token is token and checks it against
 * now: idle longer than cfg->session_idle_secs or older than
 * cfg->session_max_secs is expired and deleted. A live session's
 * last_seen_at is moved to now (at most once a minute). Returns RC_OK
 * with *s filled (release it), RC_NOTFOUND with *expired telling whether
 * it existed but had expired, or RC_DB.
 */
enum rc	session_load(struct db *db, const struct config *cfg,
	    const char *token, time_t now, struct session *s, bool *expired);

/*
 * Starts a session for user_id: a new random token (written to token)
 * and CSRF token. Returns RC_OK, RC_SYS or RC_DB.
 */
enum rc	session_create(struct db *db, int64_t user_id, const char *user_agent,
	    time_t now, char token[TOKEN_LEN + 1]);

/* Ends the session whose cookie token is token. Returns RC_OK or RC_DB. */
enum rc	session_destroy(struct db *db, const char *token);

/*
 * Deletes every expired session, stale login failure, and one-time form
 * token older than the longest session.
 */
enum rc	session_purge(struct db *db, const struct config *cfg, time_t now);

void	session_release(struct session *s);

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,	/* unknown login or wrong password: one message */
	LOGIN_LOCKED,	/* too many failures; *wait_secs until the next try */
	LOGIN_DISABLED,	/* the account is switched off */
	LOGIN__MAX
};

/*
 * Checks login and password at now. Counts failures per account within
 * cfg->login_window_secs and refuses after cfg->login_max_failures,
 * without checking the password. On success sets *user_id and *role, and
 * upgrades an outdated password hash. Returns RC_OK with *result set, or
 * RC_DB.
 */
enum rc	login_check(struct db *db, const struct config *cfg, const char *login,
	    const char *password, time_t now, enum login_result *result,
	    int64_t *user_id, enum role *role, int64_t *wait_secs);

#endif /* SESSION_H */
