/* token.h: stateless one-time form tokens, signed with HMAC-SHA-256 (OpenSSL); nothing is stored when one is issued. */
#ifndef TOKEN_H
#define TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/rc.h"

/* Room for a token and its NUL: "issued.nonce.mac" in hex and base64url. */
#define FORM_TOKEN_SIZE	96

/* The most token_random_bytes() hands out in one call. */
#define RANDOM_POOL	4096

/*
 * Fills p with n (at most RANDOM_POOL) bytes from the kernel's random
 * generator, through a pool per thread that is refilled 4 KiB at a
 * time. Returns 0, or -1 (logged).
 */
int	token_random_bytes(unsigned char *p, size_t n);

/* The shortest secret accepted (form_secret in the configuration). */
#define FORM_SECRET_MIN	32

/*
 * Writes to out a token for a form of user_id about case_id (0 for none)
 * and purpose ("approve_refund", "open"), issued at now: the issue time,
 * a random nonce and an HMAC-SHA-256 over all of them under secret. Two
 * calls never give the same token. Returns 0, or -1 (logged) when no
 * randomness could be had.
 */
int	form_token_make(const char *secret, int64_t user_id, int64_t case_id,
	    const char *purpose, time_t now, char out[FORM_TOKEN_SIZE]);

/*
 * Checks that token was made by form_token_make() under secret for the
 * same user_id, case_id and purpose, at most max_age seconds before now
 * (and not in the future). Returns RC_OK, RC_INVALID for a token that is
 * malformed, forged or made for someone or something else, or RC_TOOBIG
 * when it is older than max_age. Constant time in the MAC comparison.
 * The caller records the use (store: form_token_uses) to make it
 * one-time.
 */
enum rc	form_token_check(const char *secret, const char *token,
	    int64_t user_id, int64_t case_id, const char *purpose, time_t now,
	    int64_t max_age);

/* Tells whether secret is long enough to sign tokens with. */
bool	form_secret_ok(const char *secret);

#endif /* TOKEN_H */
