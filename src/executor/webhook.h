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
	char	 error[256];	/* why it did not settle ("HTTP 500", "timeout"); "" on 2xx */
	char	 reference[129];	/* the "reference" string of a JSON 2xx body, if any */
};

/*
 * POSTs the refund as a JSON object
 *   {"idempotency_key":"...","refund_id":1,"case_id":2,"rma_no":"...",
 *    "amount_cents":1234,"amount":"12.34","currency":"CNY","order_id":3}
 * to url with headers "Content-Type: application/json" and
 * "Idempotency-Key: <key>", waiting at most timeout_ms in all. Follows no
 * redirects, speaks only http and https, reads at most 64 KiB of the
 * answer. Returns RC_OK when the answer was 2xx (the refund settled),
 * RC_CONFLICT for any other answer or no answer (retry later with the same
 * key), RC_INVALID without sending anything when the key is not 1 to 255
 * visible ASCII characters; res says which. Logs transfer failures (not
 * non-2xx answers), never the body nor the URL. The strings in w must not
 * be NULL and timeout_ms must be positive. Call it while holding no
 * database row lock. The first call initialises libcurl
 * (curl_global_init), which is not thread-safe: make it before the
 * process starts any thread that uses libcurl or OpenSSL.
 */
enum rc	webhook_refund_post(const char *url, const struct webhook_refund *w,
	    long timeout_ms, struct webhook_result *res);

#endif /* WEBHOOK_H */
