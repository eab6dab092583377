/* token_use.c: spends a signed one-time form token inside the transaction of the action it carries. */
#include <stdlib.h>
#include <string.h>

#include "base/auth.h"
#include "base/i18n.h"
#include "base/token.h"
#include "base/util.h"
#include "engine/token_use.h"

enum rc
token_use_check(const struct config *cfg, const char *token, int64_t user_id,
    int64_t case_id, const char *purpose, time_t now, const char **why)
{
	switch (form_token_check(cfg->form_secret, token, user_id, case_id,
	    purpose, now, cfg->session_max_secs)) {
	case RC_OK:
		return RC_OK;
	case RC_TOOBIG:
		*why = N_("This form has expired. Reload the page and send it "
		    "again.");
		return RC_INVALID;
	default:
		*why = N_("This form is not valid for this case. Reload the page "
		    "and try again.");
		return RC_INVALID;
	}
}

enum rc
token_use_record(struct db *db, const char *token, int64_t user_id,
    int64_t case_id, const char *purpose, const char *outcome, time_t now,
    char **prior)
{
	unsigned char hash[32];
	struct db_res r;
	enum rc rc;

	*prior = NULL;
	auth_sha256(token, strlen(token), hash);
	rc = db_exec(db, SQL_TOKEN_USE_INSERT, NULL, "biIsst", hash,
	    sizeof(hash), user_id, case_id, purpose, outcome, now);
	if (rc != RC_CONFLICT)
		return rc;
	if ((rc = db_query(db, SQL_TOKEN_USE_GET, &r, "b", hash,
	    sizeof(hash))) == RC_OK) {
		*prior = xstrdup(r.rowsz > 0 ? db_str(&r, 0, 0) : "");
		rc = RC_CONFLICT;
	}
	db_res_release(&r);
	return rc;
}

enum rc
token_use_prior(struct db *db, const char *token, char **prior)
{
	unsigned char hash[32];
	struct db_res r;
	enum rc rc;

	*prior = NULL;
	auth_sha256(token, strlen(token), hash);
	if ((rc = db_query(db, SQL_TOKEN_USE_GET, &r, "b", hash,
	    sizeof(hash))) == RC_OK) {
		if (r.rowsz == 0)
			rc = RC_NOTFOUND;
		else
			*prior = xstrdup(db_str(&r, 0, 0));
	}
	db_res_release(&r);
	return rc;
}

enum rc
token_use_outcome(struct db *db, const char *token, const char *outcome)
{
	unsigned char hash[32];

	auth_sha256(token, strlen(token), hash);
	return db_exec(db, SQL_TOKEN_USE_OUTCOME, NULL, "sb", outcome, hash,
	    sizeof(hash));
}
