/* token.c: stateless one-time form tokens, signed with HMAC-SHA-256 (auth_hmac_sha256); nothing is stored when one is issued. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>

#include "base/auth.h"
#include "base/log.h"
#include "base/token.h"

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Writes n bytes of p as unpadded base64url to out (room: 4n/3 + 2). */
static void
encode(const unsigned char *p, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 |
		    (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);

		out[o++] = b64url[(v >> 18) & 63];
		out[o++] = b64url[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = b64url[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = b64url[v & 63];
	}
	out[o] = '\0';
}

/*
 * Writes the base64url MAC of "issued.nonce.user.case.purpose" under
 * secret to mac (44 bytes with the NUL).
 */
static void
sign(const char *secret, const char *issued_nonce, int64_t user_id,
    int64_t case_id, const char *purpose, char mac[44])
{
	unsigned char md[32];
	char buf[256], *msg = buf;
	int n;

	n = snprintf(buf, sizeof(buf), "%s.%" PRId64 ".%" PRId64 ".%s",
	    issued_nonce, user_id, case_id, purpose);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		n = asprintf(&msg, "%s.%" PRId64 ".%" PRId64 ".%s",
		    issued_nonce, user_id, case_id, purpose);
		if (n < 0)
			log_oom();
	}
	auth_hmac_sha256(secret, strlen(secret), msg, (size_t)n, md);
	if (msg != buf)
		free(msg);
	encode(md, 32, mac);
}

/*
 * Fills p with n random bytes (n at most RANDOM_POOL) from a pool this
 * process refills from getrandom() 4 KiB at a time: a page of the
 * seller's queue carries a token per row, and a cached page makes them
 * all again per request (app/pagecache.c); one system call each cost a
 * fifth of such a request. Written by hand: glibc 2.36's arc4random_buf
 * makes one getrandom() call per call too. One pool per thread (the
 * engine's tests race threads); the programs never fork, so no two
 * processes share one. Returns 0, or -1 (logged).
 */
#define RANDOM_POOL	4096

static int
random_bytes(unsigned char *p, size_t n)
{
	static _Thread_local unsigned char pool[RANDOM_POOL];
	static _Thread_local size_t left;
	size_t got = 0;
	ssize_t r;

	if (left < n) {
		while (got < sizeof(pool)) {
			r = getrandom(pool + got, sizeof(pool) - got, 0);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				log_err("getrandom: %s", strerror(errno));
				return -1;
			}
			got += (size_t)r;
		}
		left = sizeof(pool);
	}
	/* Taken from the end, and wiped: a byte is never handed out twice. */
	left -= n;
	memcpy(p, pool + left, n);
	OPENSSL_cleanse(pool + left, n);
	return 0;
}

int
form_token_make(const char *secret, int64_t user_id, int64_t case_id,
    const char *purpose, time_t now, char out[FORM_TOKEN_SIZE])
{
	unsigned char raw[16];
	char nonce[24], mac[44];
	int n;

	if (random_bytes(raw, sizeof(raw)) != 0)
		return -1;
	encode(raw, sizeof(raw), nonce);
	n = snprintf(out, FORM_TOKEN_SIZE, "%llx.%s", (unsigned long long)now,
	    nonce);
	sign(secret, out, user_id, case_id, purpose, mac);
	snprintf(out + n, FORM_TOKEN_SIZE - (size_t)n, ".%s", mac);
	return 0;
}

enum rc
form_token_check(const char *secret, const char *token, int64_t user_id,
    int64_t case_id, const char *purpose, time_t now, int64_t max_age)
{
	char head[FORM_TOKEN_SIZE], mac[44], *end;
	const char *dot;
	unsigned long long issued;
	size_t n;

	if (token == NULL || (dot = strrchr(token, '.')) == NULL ||
	    (n = (size_t)(dot - token)) >= sizeof(head) ||
	    strlen(dot + 1) != 43)
		return RC_INVALID;
	memcpy(head, token, n);
	head[n] = '\0';
	errno = 0;
	issued = strtoull(head, &end, 16);
	if (errno != 0 || end == head || *end != '.' || strlen(end + 1) != 22)
		return RC_INVALID;
	sign(secret, head, user_id, case_id, purpose, mac);
	if (CRYPTO_memcmp(mac, dot + 1, 43) != 0)
		return RC_INVALID;
	if ((long long)issued > (long long)now + 300 ||
	    (long long)now - (long long)issued > max_age)
		return RC_TOOBIG;
	return RC_OK;
}

bool
form_secret_ok(const char *secret)
{
	return secret != NULL && strlen(secret) >= FORM_SECRET_MIN;
}
