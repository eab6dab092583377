/* api_store.h: the API's tables: shop API keys (hashed at rest), per-minute rate counters, stored answers of idempotency keys, and the cases a key may list. */
#ifndef API_STORE_H
#define API_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/auth.h"
#include "base/rc.h"
#include "store/db.h"

/* A key: "rdk_" and a random token. */
#define APIKEY_LEN	(4 + TOKEN_LEN)

/* The key a request presented, once known good. */
struct apikey {
	int64_t	 id;
	int64_t	 shop_id;
	int64_t	 user_id;	/* the seller it acts as */
	int64_t	 rate_per_min;
	char	 shop[101];
};

/*
 * Creates a key for the shop of seller login, acting as that seller, and
 * writes it to key (shown once: only its SHA-256 is stored). created_by
 * is the admin, 0 for deskctl. Returns RC_OK with *id, RC_NOTFOUND (no
 * such seller) or RC_DB.
 */
enum rc	apikey_create(struct db *db, const char *login, const char *label,
	    int64_t rate_per_min, int64_t created_by, time_t now,
	    char key[APIKEY_LEN + 1], int64_t *id);

/* Revokes key id. Returns RC_OK, RC_NOTFOUND (none in use) or RC_DB. */
enum rc	apikey_revoke(struct db *db, int64_t id, time_t now);

/*
 * Finds the key presented. Returns RC_OK with *k, RC_NOTFOUND (unknown),
 * RC_DENIED (revoked, or its seller or shop disabled) or RC_DB.
 */
enum rc	apikey_check(struct db *db, const char *key, struct apikey *k);

/* One key as lists show it. */
struct apikey_row {
	int64_t	 id;
	char	*shop;
	char	*login;
	char	*label;
	char	*prefix;
	int64_t	 rate_per_min;
	time_t	 created_at;
	time_t	 revoked_at;	/* 0: in use */
	time_t	 last_used_at;	/* 0: never */
};

/* Every key, oldest first. Returns RC_OK (free with apikey_rows_free()) or RC_DB. */
enum rc	apikey_list(struct db *db, struct apikey_row **rows, size_t *rowsz);
void	apikey_rows_free(struct apikey_row *rows, size_t rowsz);

/*
 * Counts one request of key k in the minute window of now and tells
 * whether it is within the key's rate. Returns RC_OK (within), RC_DENIED
 * (over: *retry_after seconds to the next window) or RC_DB.
 */
enum rc	api_rate_hit(struct db *db, const struct apikey *k, time_t now,
	    int64_t *retry_after);

/*
 * The stored answer of idempotency key idem of key k: RC_OK with *status
 * and *body (free it) when the request hash matches, RC_CONFLICT when the
 * key was used for another request, RC_NOTFOUND, or RC_DB.
 */
enum rc	api_idem_get(struct db *db, int64_t key_id, const char *idem,
	    const unsigned char sha[32], int *status, char **body);

/* Stores the first answer of idem. Returns RC_OK, RC_CONFLICT (raced) or RC_DB. */
enum rc	api_idem_put(struct db *db, int64_t key_id, const char *idem,
	    const unsigned char sha[32], int status, const char *body,
	    time_t now);

#endif /* API_STORE_H */
