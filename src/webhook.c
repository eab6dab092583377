/* webhook.c: the webhook refund executor's HTTP call: POST a JSON body with an Idempotency-Key to the payment system (libcurl, json-c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "log.h"
#include "util.h"
#include "webhook.h"

/* Most bytes of an answer kept; the rest is read and dropped. */
#define ANSWER_MAX	(64 * 1024)

/* libcurl's write callback: keeps up to ANSWER_MAX bytes. */
static size_t
keep(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t len = size * n;

	if (b->len < ANSWER_MAX)
		buf_add(b, p, len < ANSWER_MAX - b->len ? len :
		    ANSWER_MAX - b->len);
	return len;
}

/* Builds the JSON body; returns a string to free(). */
static char *
body_json(const struct webhook_refund *w)
{
	struct json_object *o = json_object_new_object();
	char amount[32];
	char *text;

	json_object_object_add(o, "idempotency_key",
	    json_object_new_string(w->idempotency_key));
	json_object_object_add(o, "refund_id", json_object_new_int64(w->refund_id));
	json_object_object_add(o, "case_id", json_object_new_int64(w->case_id));
	json_object_object_add(o, "rma_no", json_object_new_string(w->rma_no));
	json_object_object_add(o, "amount_cents",
	    json_object_new_int64(w->amount_cents));
	json_object_object_add(o, "amount",
	    json_object_new_string(cents_format(w->amount_cents, amount)));
	json_object_object_add(o, "currency", json_object_new_string(w->currency));
	json_object_object_add(o, "order_id", json_object_new_int64(w->order_id));
	text = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return text;
}

/* Copies the "reference" string of a JSON answer into res, if there is one. */
static void
answer_reference(const struct buf *b, struct webhook_result *res)
{
	struct json_object *o, *ref;

	if (b->len == 0 || (o = json_tokener_parse(b->data)) == NULL)
		return;
	if (json_object_object_get_ex(o, "reference", &ref) &&
	    json_object_is_type(ref, json_type_string))
		snprintf(res->reference, sizeof(res->reference), "%s",
		    json_object_get_string(ref));
	json_object_put(o);
}

enum rc
webhook_refund_post(const char *url, const struct webhook_refund *w,
    long timeout_ms, struct webhook_result *res)
{
	static bool ready;
	struct curl_slist *h = NULL;
	struct buf answer = { 0 };
	char *body = NULL, *key = NULL;
	CURLcode cc;
	CURL *c = NULL;
	enum rc rc = RC_CONFLICT;

	memset(res, 0, sizeof(res[0]));
	if (!ready) {
		/* Single-threaded programs: the first call sets libcurl up. */
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
			snprintf(res->error, sizeof(res->error),
			    "libcurl cannot start");
			log_err("curl_global_init failed");
			return RC_CONFLICT;
		}
		ready = true;
	}
	if ((c = curl_easy_init()) == NULL)
		log_oom();
	body = body_json(w);
	key = xasprintf("Idempotency-Key: %s", w->idempotency_key);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, key);
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "refund-desk");
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		snprintf(res->error, sizeof(res->error), "%s",
		    cc == CURLE_OPERATION_TIMEDOUT ? "timeout: no answer in time" :
		    curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	if (res->status < 200 || res->status > 299) {
		snprintf(res->error, sizeof(res->error), "HTTP %ld",
		    res->status);
		goto out;
	}
	buf_add(&answer, "", 0);
	answer_reference(&answer, res);
	rc = RC_OK;
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	buf_release(&answer);
	free(body);
	free(key);
	return rc;
}
