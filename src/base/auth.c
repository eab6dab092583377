/* auth.c: password hashing with crypt_r (yescrypt) under a host-wide bound, tokens from getrandom, SHA-256 and safe comparison. */
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/*
 * SHA-256 through OpenSSL's low-level SHA256_Init/Update/Final, which are
 * deprecated in OpenSSL 3 but compute in place: the EVP interface (and,
 * in 3.0, even the one-shot SHA256()) fetches from the default provider,
 * whose start-up maps some 1.2 MB more of libcrypto into every desk
 * process (issue 12: at most 10 MB per process).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "base/auth.h"
#include "base/log.h"
#include "base/util.h"

void
auth_crypto_init(bool tls)
{
	/* Each NO_ option holds for the process's later calls too. */
	if (!tls)
		OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG |
		    OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS |
		    OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
		    OPENSSL_INIT_NO_ADD_ALL_DIGESTS, NULL);
}

/* A hash that never matches, used to spend the same time on unknown users. */
static const char dummy_hash[] =
    "$y$j9T$4lZ06YmnJNESjIua7Xx9n0$Xwvz./MYfZZVCmwvDYqiGas48tNKDKYAFjR.S03fbt/";

char *
auth_hash_password(const char *password)
{
	struct crypt_data *cd = xcalloc(1, sizeof(*cd));
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	char *out = NULL;
	const char *h;

	if (crypt_gensalt_rn(NULL, 0, NULL, 0, salt, sizeof(salt)) == NULL) {
		log_err("crypt_gensalt_rn: %s", strerror(errno));
		goto out;
	}
	h = crypt_r(password, salt, cd);
	if (h == NULL || h[0] == '*') {
		log_err("crypt_r failed to hash a password");
		goto out;
	}
	out = xstrdup(h);
out:
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return out;
}

bool
auth_check_password(const char *password, const char *hash, bool *upgrade)
{
	struct crypt_data *cd = xcalloc(1, sizeof(*cd));
	bool known = hash != NULL && hash[0] == '$';
	const char *h;
	bool ok = false;

	h = crypt_r(password, known ? hash : dummy_hash, cd);
	if (known && h != NULL && h[0] != '*')
		ok = auth_equal(h, hash);
	if (ok && upgrade != NULL) {
		const char *pref = crypt_preferred_method();

		/* Weak, legacy, or merely not the preferred method. */
		*upgrade = crypt_checksalt(hash) != CRYPT_SALT_OK ||
		    strncmp(hash, pref, strlen(pref)) != 0;
	}
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok;
}

int
auth_slot_enter(const char *dir, int slots)
{
	char path[4096];
	int fd, i, round;

	if (slots <= 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		slots = cpus >= 4 ? (int)(cpus / 2) : 1;
	}
	/* 50 rounds 5 ms apart: a quarter second at most. */
	for (round = 0; round < 50; round++) {
		if (round > 0) {
			struct timespec ts = { 0, 5 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
		for (i = 0; i < slots; i++) {
			snprintf(path, sizeof(path), "%s/hash-slot.%d", dir, i);
			fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC |
			    O_NOFOLLOW, 0600);
			if (fd == -1) {
				log_err("cannot open '%s': %s (run_dir); "
				    "password hashes are not bounded", path,
				    strerror(errno));
				return -1;
			}
			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				return fd;
			close(fd);
		}
	}
	return AUTH_SLOT_BUSY;
}

void
auth_slot_leave(int fd)
{
	if (fd >= 0)
		close(fd);	/* closing the only descriptor drops the lock */
}

void
auth_b64url(const unsigned char *p, size_t n, char *out)
{
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
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

int
auth_token(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	if (getrandom(raw, sizeof(raw), 0) != sizeof(raw)) {
		log_err("getrandom: %s", strerror(errno));
		return -1;
	}
	/* 32 bytes: 43 characters. */
	auth_b64url(raw, sizeof(raw), out);
	explicit_bzero(raw, sizeof(raw));
	return 0;
}

void
auth_sha256(const void *p, size_t n, unsigned char out[32])
{
	SHA256_CTX c;

	/* SHA-256 cannot fail short of a broken libcrypto. */
	if (SHA256_Init(&c) != 1 || SHA256_Update(&c, p, n) != 1 ||
	    SHA256_Final(out, &c) != 1)
		abort();
}

/*
 * The last key's inner and outer hash states (the key's block XOR ipad
 * and opad, absorbed), per thread: the desk signs every form token with
 * the one form_secret, and a cached page makes up to 64 per request
 * (app/pagecache.c); starting from the states halves each HMAC's work.
 */
static _Thread_local struct {
	bool		 set;
	unsigned char	 key[128];
	size_t		 keyn;
	SHA256_CTX	 inner, outer;
} hmac_key;

/* Sets *inner and *outer to key's absorbed pad blocks (RFC 2104). */
static void
hmac_states(const void *key, size_t keyn, SHA256_CTX *inner,
    SHA256_CTX *outer)
{
	unsigned char k[64], pad[64];
	size_t i;

	memset(k, 0, sizeof(k));
	if (keyn > sizeof(k))
		auth_sha256(key, keyn, k);
	else if (keyn > 0)
		memcpy(k, key, keyn);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x36;
	if (SHA256_Init(inner) != 1 || SHA256_Update(inner, pad, sizeof(pad)) != 1)
		abort();
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x5c;
	if (SHA256_Init(outer) != 1 || SHA256_Update(outer, pad, sizeof(pad)) != 1)
		abort();
	explicit_bzero(k, sizeof(k));
	explicit_bzero(pad, sizeof(pad));
}

/*
 * HMAC-SHA-256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || msg)), where K
 * is the key, or its SHA-256 when longer than the 64-byte block, padded
 * with zeros to the block.
 */
void
auth_hmac_sha256(const void *key, size_t keyn, const void *msg, size_t n,
    unsigned char out[32])
{
	unsigned char inner[32];
	SHA256_CTX c, o;

	/*
	 * memcmp(), not CRYPTO_memcmp(): both sides are this process's own
	 * secret (the configuration's), nothing a request supplies, and the
	 * byte-at-a-time comparison was a fiftieth of a queue page's time.
	 */
	if (keyn <= sizeof(hmac_key.key) && hmac_key.set &&
	    hmac_key.keyn == keyn && memcmp(hmac_key.key, key, keyn) == 0) {
		c = hmac_key.inner;
		o = hmac_key.outer;
	} else {
		hmac_states(key, keyn, &c, &o);
		if (keyn <= sizeof(hmac_key.key)) {
			memcpy(hmac_key.key, key, keyn);
			hmac_key.keyn = keyn;
			hmac_key.inner = c;
			hmac_key.outer = o;
			hmac_key.set = true;
		}
	}
	if (SHA256_Update(&c, msg, n) != 1 || SHA256_Final(inner, &c) != 1 ||
	    SHA256_Update(&o, inner, sizeof(inner)) != 1 ||
	    SHA256_Final(out, &o) != 1)
		abort();
	explicit_bzero(&c, sizeof(c));
	explicit_bzero(&o, sizeof(o));
	explicit_bzero(inner, sizeof(inner));
}

bool
auth_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return false;
	return CRYPTO_memcmp(a, b, la) == 0;
}
