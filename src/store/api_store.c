/* api_store.c: shop API keys, rate counters and idempotency answers on the database. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/util.h"
#include "store/api_store.h"

enum rc
apikey_create(struct db *db, const char *login, const char *label,
    int64_t rate_per_min, int64_t created_by, time_t now,
    char key[APIKEY_LEN + 1], int64_t *id)
{
	struct db_res res = { 0 };
	unsigned char sha[32];
	char tok[TOKEN_LEN + 1], prefix[9];
	enum rc rc;

	if ((rc = db_query(db, SQL_APIKEY_SELLER, &res, "s", login)) != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if (auth_token(tok) != 0) {
		rc = RC_SYS;
		goto out;
	}
	snprintf(key, APIKEY_LEN + 1, "rdk_%s", tok);
	auth_sha256(key, strlen(key), sha);
	snprintf(prefix, sizeof(prefix), "%.8s", key);
	rc = db_exec(db, SQL_APIKEY_INSERT, NULL, "iisbsitI",
	    db_int(&res, 0, 1), db_int(&res, 0, 0), label, sha, sizeof(sha),
	    prefix, rate_per_min, now, created_by);
	if (rc == RC_OK)
		*id = db_last_id(db);
out:
	db_res_release(&res);
	return rc;
}

enum rc
apikey_revoke(struct db *db, int64_t id, time_t now)
{
	uint64_t n = 0;
	enum rc rc;

	if ((rc = db_exec(db, SQL_APIKEY_REVOKE, &n, "ti", now, id)) != RC_OK)
		return rc;
	return n == 0 ? RC_NOTFOUND : RC_OK;
}

enum rc
apikey_check(struct db *db, const char *key, struct apikey *k)
{
	struct db_res res = { 0 };
	unsigned char sha[32];
	enum rc rc;

	memset(k, 0, sizeof(*k));
	if (strlen(key) != APIKEY_LEN || strncmp(key, "rdk_", 4) != 0)
		return RC_NOTFOUND;
	auth_sha256(key, strlen(key), sha);
	if ((rc = db_query(db, SQL_APIKEY_BY_HASH, &res, "b", sha,
	    sizeof(sha))) != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	k->id = db_int(&res, 0, 0);
	k->shop_id = db_int(&res, 0, 1);
	k->user_id = db_int(&res, 0, 2);
	k->rate_per_min = db_int(&res, 0, 3);
	snprintf(k->shop, sizeof(k->shop), "%s", db_str(&res, 0, 7));
	rc = db_int(&res, 0, 4) || db_int(&res, 0, 5) || db_int(&res, 0, 6) ?
	    RC_DENIED : RC_OK;
out:
	db_res_release(&res);
	return rc;
}

enum rc
apikey_list(struct db *db, struct apikey_row **rows, size_t *rowsz)
{
	struct db_res res = { 0 };
	struct apikey_row *v;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = db_query(db, SQL_APIKEY_LIST, &res, "")) != RC_OK)
		goto out;
	v = xcalloc(res.rowsz + 1, sizeof(*v));
	for (i = 0; i < res.rowsz; i++) {
		v[i].id = db_int(&res, i, 0);
		v[i].shop = xstrdup(db_str(&res, i, 1));
		v[i].login = xstrdup(db_str(&res, i, 2));
		v[i].label = xstrdup(db_str(&res, i, 3));
		v[i].prefix = xstrdup(db_str(&res, i, 4));
		v[i].rate_per_min = db_int(&res, i, 5);
		v[i].created_at = (time_t)db_int(&res, i, 6);
		v[i].revoked_at = (time_t)db_int(&res, i, 7);
		v[i].last_used_at = (time_t)db_int(&res, i, 8);
	}
	*rows = v;
	*rowsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
apikey_rows_free(struct apikey_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].shop);
		free(rows[i].login);
		free(rows[i].label);
		free(rows[i].prefix);
	}
	free(rows);
}

enum rc
api_rate_hit(struct db *db, const struct apikey *k, time_t now,
    int64_t *retry_after)
{
	struct db_res res = { 0 };
	time_t window = now - now % 60;
	enum rc rc;

	*retry_after = 0;
	if ((rc = db_exec(db, SQL_API_RATE_HIT, NULL, "it", k->id, window)) !=
	    RC_OK)
		return rc;
	if ((rc = db_query(db, SQL_API_RATE_GET, &res, "it", k->id, window)) !=
	    RC_OK)
		goto out;
	if (res.rowsz > 0 && db_int(&res, 0, 0) > k->rate_per_min) {
		*retry_after = window + 60 - now;
		rc = RC_DENIED;
	}
	/* The first request of a window clears the old ones. */
	if (res.rowsz > 0 && db_int(&res, 0, 0) == 1)
		(void)db_exec(db, SQL_API_RATE_PURGE, NULL, "it", k->id, window);
out:
	db_res_release(&res);
	return rc;
}

enum rc
api_idem_get(struct db *db, int64_t key_id, const char *idem,
    const unsigned char sha[32], int *status, char **body)
{
	struct db_res res = { 0 };
	const char *h;
	size_t hl;
	enum rc rc;

	*body = NULL;
	if ((rc = db_query(db, SQL_API_IDEM_GET, &res, "is", key_id, idem)) !=
	    RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	h = db_bytes(&res, 0, 0, &hl);
	if (hl != 32 || memcmp(h, sha, 32) != 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	*status = (int)db_int(&res, 0, 1);
	*body = xstrdup(db_str(&res, 0, 2));
out:
	db_res_release(&res);
	return rc;
}

enum rc
api_idem_put(struct db *db, int64_t key_id, const char *idem,
    const unsigned char sha[32], int status, const char *body, time_t now)
{
	return db_exec(db, SQL_API_IDEM_PUT, NULL, "isbist", key_id, idem, sha,
	    (size_t)32, (int64_t)status, body, now);
}
