/* held_store.c: the photos of a refused request form, held as sent under its signed token for the retry. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/auth.h"
#include "base/util.h"
#include "store/held_store.h"

/* The columns of SQL_HELD_BY_TOKEN. */
enum { HB_ID, HB_NAME, HB_DATA, HB__MAX };

/* How long a held file waits for its retry. */
#define HELD_SECS	86400

enum rc
held_put(struct db *db, const char *token, int64_t user_id, const char *name,
    const void *data, size_t n, time_t now)
{
	unsigned char hash[32];
	enum rc rc;

	auth_sha256(token, strlen(token), hash);
	if ((rc = db_exec(db, SQL_HELD_PURGE, NULL, "t", now - HELD_SECS)) !=
	    RC_OK)
		return rc;
	return db_exec(db, SQL_HELD_INSERT, NULL, "bisbt", hash, sizeof(hash),
	    user_id, name, data, n, now);
}

enum rc
held_get(struct db *db, const char *token, int64_t user_id, struct held *h)
{
	unsigned char hash[32];
	size_t i;
	enum rc rc;

	memset(h, 0, sizeof(*h));
	auth_sha256(token, strlen(token), hash);
	if ((rc = db_query(db, SQL_HELD_BY_TOKEN, &h->res, "bi", hash,
	    sizeof(hash), user_id)) != RC_OK)
		return rc;
	assert(h->res.rowsz == 0 || h->res.colsz == HB__MAX);
	h->files = xcalloc(h->res.rowsz + 1, sizeof(*h->files));
	for (i = 0; i < h->res.rowsz; i++) {
		h->files[i].id = db_int(&h->res, i, HB_ID);
		h->files[i].name = db_str(&h->res, i, HB_NAME);
		h->files[i].data = db_bytes(&h->res, i, HB_DATA,
		    &h->files[i].datasz);
	}
	h->filesz = h->res.rowsz;
	return RC_OK;
}

enum rc
held_drop(struct db *db, const char *token, int64_t user_id)
{
	unsigned char hash[32];

	auth_sha256(token, strlen(token), hash);
	return db_exec(db, SQL_HELD_DROP, NULL, "bi", hash, sizeof(hash),
	    user_id);
}

void
held_release(struct held *h)
{
	db_res_release(&h->res);
	free(h->files);
	memset(h, 0, sizeof(*h));
}
