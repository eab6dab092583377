/* session.c: accounts, logins with a failure limit, and sessions stored in the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/session.h"
#include "base/util.h"

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
	if (now - s->last_seen_at >= 60) {
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

	auth_sha256(token, strlen(token), hash);
	return db_exec(db, SQL_SESSION_DELETE, NULL, "b", hash, sizeof(hash));
}

enum rc
session_purge(struct db *db, const struct config *cfg, time_t now)
{
	enum rc rc;

	rc = db_exec(db, SQL_SESSION_PURGE, NULL, "tt",
	    now - (time_t)cfg->session_idle_secs,
	    now - (time_t)cfg->session_max_secs);
	if (rc != RC_OK)
		return rc;
	/* A form older than the longest session can no longer be sent. */
	rc = db_exec(db, SQL_TOKEN_USES_PURGE, NULL, "t",
	    now - (time_t)cfg->session_max_secs);
	if (rc != RC_OK)
		return rc;
	return db_exec(db, SQL_LOGIN_FAILURES_CLEAR, NULL, "it", (int64_t)0,
	    now - (time_t)cfg->login_window_secs);
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

enum rc
login_check(struct db *db, const struct config *cfg, const char *login,
    const char *password, time_t now, enum login_result *result,
    int64_t *user_id, enum role *role, int64_t *wait_secs)
{
	struct db_res user, fails;
	bool upgrade = false;
	const char *hash = NULL;
	int64_t id = 0;
	char *fresh;
	enum rc rc;

	memset(&fails, 0, sizeof(fails));
	*result = LOGIN_BAD;
	*wait_secs = 0;
	rc = db_query(db, SQL_USER_BY_LOGIN, &user, "s", login);
	if (rc != RC_OK)
		goto out;
	if (user.rowsz == 1) {
		id = db_int(&user, 0, 0);
		hash = db_str(&user, 0, 2);
		rc = db_query(db, SQL_LOGIN_FAILURES_COUNT, &fails, "it", id,
		    now - (time_t)cfg->login_window_secs);
		if (rc != RC_OK)
			goto out;
		if (db_int(&fails, 0, 0) >= cfg->login_max_failures) {
			*result = LOGIN_LOCKED;
			*wait_secs = db_int(&fails, 0, 1) +
			    cfg->login_window_secs - now;
			if (*wait_secs < 1)
				*wait_secs = 1;
			goto out;
		}
	}
	/* Unknown logins cost a hash too, so timing does not tell. */
	if (!auth_check_password(password, hash, &upgrade)) {
		if (id != 0)
			rc = db_exec(db, SQL_LOGIN_FAILURE_ADD, NULL, "it", id,
			    now);
		goto out;
	}
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
	if (upgrade && (fresh = auth_hash_password(password)) != NULL) {
		rc = db_exec(db, SQL_USER_SET_HASH, NULL, "si", fresh, id);
		free(fresh);
	}
out:
	db_res_release(&user);
	db_res_release(&fails);
	return rc;
}
