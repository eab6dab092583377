/* auth.h: password hashing (libxcrypt), random tokens, SHA-256 and constant-time comparison. */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>

/* A token of 32 random bytes as unpadded base64url: 43 characters. */
#define TOKEN_LEN	43

/*
 * Hashes password with the preferred method of libxcrypt (yescrypt) and a
 * fresh salt. Returns a string to free(), or NULL (logged) on failure.
 */
char	*auth_hash_password(const char *password);

/*
 * Checks password against a stored crypt(3) hash in constant time with
 * respect to the hash contents. Returns true when it matches; then
 * *upgrade (when not NULL) tells whether the hash should be replaced by
 * auth_hash_password() (an old or too cheap method). A NULL or malformed
 * hash never matches, but still costs one hash computation so that the
 * time taken does not tell whether an account exists.
 */
bool	auth_check_password(const char *password, const char *hash,
	    bool *upgrade);

/* auth_slot_enter() found every slot taken. */
#define AUTH_SLOT_BUSY	(-2)

/*
 * Bounds the password hashes running at once on this host, across every
 * process (yescrypt costs ~30 ms of CPU and ~32 MB of memory traffic; a
 * burst of sign-ins must not take every core from the desks). A slot is
 * one of the lock files dir/hash-slot.0 .. dir/hash-slot.<slots-1>, held
 * with flock(2): the kernel frees it when its process dies, and no
 * database is involved. Tries every slot, and again every 5 ms for up to
 * 250 ms while all are held. slots <= 0 means half the online CPUs, at
 * least 1. Returns a descriptor to give to auth_slot_leave(), or
 * AUTH_SLOT_BUSY, or -1 when dir cannot be used (logged; the caller then
 * goes on without a bound rather than refuse every sign-in).
 */
int	auth_slot_enter(const char *dir, int slots);

/* Frees the slot fd from auth_slot_enter(); does nothing for fd < 0. */
void	auth_slot_leave(int fd);

/*
 * Writes n bytes of p as unpadded base64url (RFC 4648, section 5) and a
 * NUL to out (room: 4n/3 + 2).
 */
void	auth_b64url(const unsigned char *p, size_t n, char *out);

/* Fills out with a new random token and a NUL. Returns 0 or -1 (logged). */
int	auth_token(char out[TOKEN_LEN + 1]);

/*
 * Starts OpenSSL for a desk program, before its first database connection
 * (db_open()). With tls false (the database over a Unix socket: no TLS,
 * and the desk's digests below use no provider) it loads neither the
 * configuration file (which Connector/C would load in mysql_init(), with
 * the default provider: 1 MB resident per process), nor the tables of
 * every cipher and digest by name that Connector/C's start asks for (0.5
 * MB more), nor the error strings. With tls true (over TCP) OpenSSL starts
 * as Connector/C asks: the configuration sets the TLS policy, and TLS
 * needs the rest.
 */
void	auth_crypto_init(bool tls);

/* Writes the SHA-256 of p[0..n-1] to out. */
void	auth_sha256(const void *p, size_t n, unsigned char out[32]);

/*
 * Writes the HMAC-SHA-256 of msg[0..n-1] under key[0..keyn-1] to out.
 * The key is the desk's own secret, never a value from a request: the
 * last key's states are kept per thread, found again by a plain memcmp().
 */
void	auth_hmac_sha256(const void *key, size_t keyn, const void *msg,
	    size_t n, unsigned char out[32]);

/* Compares two strings in time that depends only on their lengths. */
bool	auth_equal(const char *a, const char *b);

#endif /* AUTH_H */
