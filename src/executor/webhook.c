/* webhook.c: the webhook refund executor's HTTP call: POST a JSON body with an Idempotency-Key to the payment system (libcurl, json-c). */
#include <assert.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "base/log.h"
#include "base/util.h"
#include "executor/webhook.h"

/* Most bytes of an answer's body read; a longer body is cut off there. */
#define ANSWER_MAX	(64 * 1024)

/* Longest idempotency key sent. */
#define KEY_MAX		255

/* The body of the answer as it arrives. */
struct answer {
	struct buf	 body;
	bool		 cut;	/* it was longer than ANSWER_MAX */
};

/*
 * libcurl's write callback: appends the bytes to the answer (arg) up to
 * ANSWER_MAX in all. Past that it keeps what fits, marks the answer cut
 * and returns short, which makes libcurl stop reading with
 * CURLE_WRITE_ERROR: a payment system that talks forever cannot hold us.
 */
static size_t
answer_write(char *p, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t len = size * n, room = ANSWER_MAX - a->body.len;

	if (len <= room) {
		buf_add(&a->body, p, len);
		return len;
	}
	buf_add(&a->body, p, room);
	a->cut = true;
	return 0;
}

/*
 * Returns whether key can go into a header line as it is: 1 to KEY_MAX
 * visible ASCII characters, so no CR or LF can start another header.
 */
static bool
key_valid(const char *key)
{
	const unsigned char *k = (const unsigned char *)key;
	size_t i;

	for (i = 0; k[i] != '\0'; i++)
		if (i == KEY_MAX || k[i] <= ' ' || k[i] >= 0x7f)
			return false;
	return i > 0;
}

/* Adds member k = v to object o; exits when json-c ran out (v is NULL). */
static void
json_add(struct json_object *o, const char *k, struct json_object *v)
{
	if (v == NULL || json_object_object_add(o, k, v) != 0)
		log_oom();
}

/*
 * Returns the request body, the JSON object described in webhook.h with
 * its members in that order and its strings escaped by json-c (RFC 8259:
 * quote, backslash and control characters). The caller frees it.
 */
static char *
body_json(const struct webhook_refund *w)
{
	struct json_object *o;
	const char *s;
	char amount[32];
	char *text;

	if ((o = json_object_new_object()) == NULL)
		log_oom();
	json_add(o, "idempotency_key",
	    json_object_new_string(w->idempotency_key));
	json_add(o, "refund_id", json_object_new_int64(w->refund_id));
	json_add(o, "case_id", json_object_new_int64(w->case_id));
	json_add(o, "rma_no", json_object_new_string(w->rma_no));
	json_add(o, "amount_cents", json_object_new_int64(w->amount_cents));
	json_add(o, "amount",
	    json_object_new_string(cents_format(w->amount_cents, amount)));
	json_add(o, "currency", json_object_new_string(w->currency));
	json_add(o, "order_id", json_object_new_int64(w->order_id));
	s = json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s == NULL)
		log_oom();
	text = xstrdup(s);
	json_object_put(o);
	return text;
}

/* Longest reference taken from a receipt (refunds.external_ref). */
#define REFERENCE_MAX	128

/*
 * Returns whether ref is 1 to REFERENCE_MAX visible ASCII characters
 * (no space, no control character, nothing above 0x7e).
 */
static bool
reference_valid(const char *ref, size_t len)
{
	size_t i;

	if (len == 0 || len > REFERENCE_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)ref[i] <= ' ' || (unsigned char)ref[i] >= 0x7f)
			return false;
	return true;
}

/*
 * Parses the whole answer as one strict JSON value (RFC 8259; json-c's
 * strict mode also refuses anything but white space after it); returns
 * it (json_object_put() it) or NULL.
 */
static struct json_object *
answer_json(const struct answer *a)
{
	struct json_tokener *tok;
	struct json_object *o;

	if (a->body.len == 0 || a->body.len > INT32_MAX)
		return NULL;
	if ((tok = json_tokener_new()) == NULL)
		log_oom();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, a->body.data, (int)a->body.len);
	if (o != NULL && json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/*
 * Checks that the 2xx answer a is a receipt for w: a JSON object whose
 * "idempotency_key" and "amount_cents" equal what was sent, whose
 * "currency", if present, equals ours, and whose "reference" is a string
 * that reference_valid() accepts. Returns NULL and copies the reference
 * into res->reference when it is; otherwise returns a few words that say
 * what is wrong and leaves res->reference empty.
 */
static const char *
answer_receipt(const struct answer *a, const struct webhook_refund *w,
    struct webhook_result *res)
{
	struct json_object *o, *m;
	const char *why = NULL;

	if (a->cut)
		return "body over 64 KiB";
	if ((o = answer_json(a)) == NULL)
		return "not JSON";
	if (!json_object_is_type(o, json_type_object))
		why = "not a JSON object";
	else if (!json_object_object_get_ex(o, "idempotency_key", &m) ||
	    !json_object_is_type(m, json_type_string))
		why = "no key";
	else if (strcmp(json_object_get_string(m), w->idempotency_key) != 0 ||
	    (size_t)json_object_get_string_len(m) !=
	    strlen(w->idempotency_key))
		why = "key differs";
	else if (!json_object_object_get_ex(o, "amount_cents", &m) ||
	    !json_object_is_type(m, json_type_int))
		why = "no amount_cents";
	else if (json_object_get_int64(m) != w->amount_cents)
		why = "amount differs";	/* json-c saturates: no real amount is INT64_MAX */
	else if (json_object_object_get_ex(o, "currency", &m) &&
	    (!json_object_is_type(m, json_type_string) ||
	    strcmp(json_object_get_string(m), w->currency) != 0 ||
	    (size_t)json_object_get_string_len(m) != strlen(w->currency)))
		why = "currency differs";
	else if (!json_object_object_get_ex(o, "reference", &m) ||
	    !json_object_is_type(m, json_type_string) ||
	    json_object_get_string_len(m) == 0)
		why = "no reference";
	else if (!reference_valid(json_object_get_string(m),
	    (size_t)json_object_get_string_len(m)))
		why = "reference not 1 to 128 visible ASCII characters";
	else
		memcpy(res->reference, json_object_get_string(m),
		    (size_t)json_object_get_string_len(m) + 1);
	json_object_put(o);
	return why;
}

/*
 * Says why the transfer failed in res->error and logs it with libcurl's
 * details (errbuf): an error for what only a configuration change cures (a
 * bad URL, a scheme other than http and https), a warning for trouble on
 * the way that a later retry may not meet. Never logs the URL (it may
 * carry a secret) nor the body.
 */
static void
transfer_failed(const struct webhook_refund *w, CURLcode cc,
    const char *errbuf, long timeout_ms, struct webhook_result *res)
{
	const char *why = *errbuf != '\0' ? errbuf : curl_easy_strerror(cc);

	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(res->error, sizeof(res->error),
		    "timeout: no answer within %ld ms", timeout_ms);
		break;
	default:
		snprintf(res->error, sizeof(res->error), "%s",
		    curl_easy_strerror(cc));
		break;
	}
	switch (cc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		log_err("webhook for refund %" PRId64 " cannot be sent: %s",
		    w->refund_id, why);
		break;
	default:
		log_warn("webhook for refund %" PRId64 " failed: %s",
		    w->refund_id, why);
		break;
	}
}

enum rc
webhook_refund_post(const char *url, const struct webhook_refund *w,
    long timeout_ms, struct webhook_result *res)
{
	static bool curl_ready;
	char errbuf[CURL_ERROR_SIZE];
	struct answer a;
	struct curl_slist *h = NULL;
	const char *why;
	char *body = NULL, *key = NULL;
	CURL *c = NULL;
	CURLcode cc;
	enum rc rc = RC_CONFLICT;

	assert(url != NULL && w != NULL && res != NULL && timeout_ms > 0);
	assert(w->idempotency_key != NULL && w->rma_no != NULL &&
	    w->currency != NULL);
	memset(res, 0, sizeof(*res));
	memset(&a, 0, sizeof(a));
	errbuf[0] = '\0';
	if (!key_valid(w->idempotency_key)) {
		log_err("webhook for refund %" PRId64 ": idempotency key is "
		    "not a header value", w->refund_id);
		snprintf(res->error, sizeof(res->error),
		    "invalid idempotency key");
		rc = RC_INVALID;
		goto out;
	}
	if (!curl_ready) {
		/* Not thread-safe: see webhook.h. */
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			log_err("curl_global_init failed");
			snprintf(res->error, sizeof(res->error),
			    "libcurl cannot start");
			goto out;
		}
		curl_ready = true;
	}
	if ((c = curl_easy_init()) == NULL) {
		log_err("curl_easy_init failed");
		snprintf(res->error, sizeof(res->error), "libcurl cannot start");
		goto out;
	}
	body = body_json(w);
	key = xasprintf("Idempotency-Key: %s", w->idempotency_key);
	/* "Expect:" keeps libcurl from waiting for a 100 Continue. */
	if ((h = curl_slist_append(h, "Content-Type: application/json")) ==
	    NULL || (h = curl_slist_append(h, key)) == NULL ||
	    (h = curl_slist_append(h, "Expect:")) == NULL)
		log_oom();
	/*
	 * An option refused would silently weaken the call (an older libcurl
	 * without CURLOPT_PROTOCOLS_STR would open file:// URLs): refuse to
	 * send instead. Redirects stay unfollowed (the default, said here),
	 * no Accept-Encoding is sent so no answer is decompressed, and TLS
	 * peers are verified (libcurl's default).
	 */
	if (curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "refund-desk") !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body)) !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, answer_write) !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a) != CURLE_OK) {
		log_err("webhook for refund %" PRId64 ": libcurl refuses an "
		    "option", w->refund_id);
		snprintf(res->error, sizeof(res->error),
		    "libcurl refuses an option");
		goto out;
	}
	cc = curl_easy_perform(c);
	if (cc != CURLE_OK && !(cc == CURLE_WRITE_ERROR && a.cut)) {
		transfer_failed(w, cc, errbuf, timeout_ms, res);
		goto out;
	}
	/* A cut body is still an answer: the status line came first. */
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	if (res->status < 200 || res->status > 299) {
		snprintf(res->error, sizeof(res->error), "HTTP %ld",
		    res->status);
		goto out;
	}
	if ((why = answer_receipt(&a, w, res)) != NULL) {
		snprintf(res->error, sizeof(res->error),
		    "%ld without a valid receipt: %s", res->status, why);
		log_warn("webhook for refund %" PRId64 ": %s", w->refund_id,
		    res->error);
		goto out;
	}
	rc = RC_OK;
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	buf_release(&a.body);
	free(body);
	free(key);
	return rc;
}
