/* token.c: stateless one-time form tokens, signed with HMAC-SHA-256 (auth_hmac_sha256); nothing is stored when one is issued. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>

#include "base/auth.h"
#include "base/log.h"
#include "base/token.h"
#include "base/util.h"

/*
 * Appends to p the decimal digits of v (a minus first when negative);
 * returns the end. Written by hand, as put_hex() below: a page of the
 * seller's queue makes fifty tokens per request, and snprintf() was a
 * tenth of its time under perf.
 */
static char *
put_i64(char *p, int64_t v)
{
	char digits[24];
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*p++ = '-';
	while (n > 0)
		*p++ = digits[--n];
	return p;
}

/* Appends to p the lowercase hex digits of v, no leading zeros; returns the end. */
static char *
put_hex(char *p, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char digits[16];
	size_t n = 0;

	do
		digits[n++] = hex[v & 15];
	while ((v >>= 4) != 0);
	while (n > 0)
		*p++ = digits[--n];
	return p;
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
	char buf[256], *msg = buf, *p;
	size_t head = strlen(issued_nonce), tail = strlen(purpose);
	size_t need = head + tail + 2 * 21 + 3;

	if (need > sizeof(buf))
		msg = xmalloc(need);
	memcpy(msg, issued_nonce, head);
	p = msg + head;
	*p++ = '.';
	p = put_i64(p, user_id);
	*p++ = '.';
	p = put_i64(p, case_id);
	*p++ = '.';
	memcpy(p, purpose, tail);
	p += tail;
	auth_hmac_sha256(secret, strlen(secret), msg, (size_t)(p - msg), md);
	if (msg != buf)
		free(msg);
	auth_b64url(md, 32, mac);
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
int
token_random_bytes(unsigned char *p, size_t n)
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
	char *p;

	if (token_random_bytes(raw, sizeof(raw)) != 0)
		return -1;
	/* "%llx.%s.%s" of issued, nonce and mac: at most 16 + 22 + 43 + 3. */
	p = put_hex(out, (uint64_t)now);
	*p++ = '.';
	auth_b64url(raw, sizeof(raw), p);
	p += 22;
	sign(secret, out, user_id, case_id, purpose, p + 1);
	*p = '.';
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
