/* webhook.h: the webhook refund executor's HTTP call: POST a JSON body with an Idempotency-Key to the payment system (libcurl). */
#ifndef WEBHOOK_H
#define WEBHOOK_H

#include <stdint.h>

#include "base/rc.h"

/* What the refund executor sends for one refund execution. */
struct webhook_refund {
	const char	*idempotency_key;	/* the same on every retry */
	int64_t		 refund_id;
	int64_t		 case_id;
	const char	*rma_no;
	int64_t		 amount_cents;
	const char	*currency;
	int64_t		 order_id;
};

/* The payment system's answer. */
struct webhook_result {
	long	 status;	/* HTTP status, 0 when no answer came */
	/* Why it did not settle, in a few words; "" on RC_OK. */
	char	 error[256];
	/* The receipt's "reference" on RC_OK; "" otherwise. */
	char	 reference[129];
};

/*
 * POSTs the refund as a JSON object
 *   {"idempotency_key":"...","refund_id":1,"case_id":2,"rma_no":"...",
 *    "amount_cents":1234,"amount":"12.34","currency":"CNY","order_id":3}
 * to url with headers "Content-Type: application/json" and
 * "Idempotency-Key: <key>", waiting at most timeout_ms in all. Follows no
 * redirects, speaks only http and https, reads at most 64 KiB of the
 * answer. Returns RC_OK (the refund is paid) only when the answer is a
 * 2xx whose whole body is a receipt: a JSON object whose
 * "idempotency_key" and "amount_cents" equal what was sent, whose
 * "currency", if it has one, equals ours, and whose "reference" is a
 * string of 1 to 128 visible ASCII characters (copied to res->reference).
 * Any other answer or no answer (non-2xx, timeout, refused, a 2xx with an
 * empty, cut, non-JSON or mismatched body) returns RC_CONFLICT: whether
 * money moved is unknown, so retry later with the same key. Returns
 * RC_INVALID without sending anything when the key is not 1 to 255
 * visible ASCII characters. res->status and res->error say which, in a
 * few words ("HTTP 500", "timeout: ...", "200 without a valid receipt:
 * key differs"). Logs transfer failures and 2xx answers without a valid
 * receipt (not non-2xx answers), never the body nor the URL. The strings
 * in w must not be NULL and timeout_ms must be positive. Call it while
 * holding no database row lock. The first call initialises libcurl
 * (curl_global_init), which is not thread-safe: make it before the
 * process starts any thread that uses libcurl or OpenSSL.
 */
enum rc	webhook_refund_post(const char *url, const struct webhook_refund *w,
	    long timeout_ms, struct webhook_result *res);

#endif /* WEBHOOK_H */
