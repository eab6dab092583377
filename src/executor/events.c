/* events.c: outgoing event webhooks: fan-out of the outbox, signed POSTs with libcurl, retries with back-off; only the worker runs it. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base/jsonw.h"
#include "base/log.h"
#include "base/util.h"
#include "executor/events.h"
#include "executor/lease.h"
#include "executor/mail.h"

const char *
events_type(const char *ev)
{
	static const struct {
		const char	*event;
		const char	*type;
	} map[] = {
		{ "submit", "case.opened" },
		{ "approve_refund", "case.decided" },
		{ "approve_return", "case.decided" },
		{ "reject", "case.decided" },
		{ "offer", "case.decided" },
		{ "confirm_receipt", "case.decided" },
		{ "refuse_receipt", "case.decided" },
		{ "ship_replacement", "case.decided" },
		{ "ship_return", "case.shipped_back" },
		{ "refund_succeeded", "case.refunded" },
		{ "escalate", "case.escalated" },
		{ "rule_refund", "case.ruled" },
		{ "rule_partial", "case.ruled" },
		{ "rule_reject", "case.ruled" },
		{ "message", "case.message" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].event, ev) == 0)
			return map[i].type;
	return "case.updated";
}

int64_t
events_backoff(int64_t n)
{
	int64_t s = 30;

	while (--n > 0 && s < 3600)
		s *= 2;
	return s < 3600 ? s : 3600;
}

void
events_sign(const char *secret, time_t t, const char *body, char out[96])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0, i;
	struct buf m = { 0 };
	size_t n;

	/* What is signed: the timestamp, a dot, the body. */
	buf_printf(&m, "%lld.", (long long)t);
	buf_puts(&m, body);
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)m.data, m.len, mac, &maclen) == NULL)
		log_oom();
	buf_release(&m);
	n = (size_t)snprintf(out, 96, "t=%lld,v1=", (long long)t);
	for (i = 0; i < maclen && n + 2 < 96; i++, n += 2)
		snprintf(out + n, 96 - n, "%02x", mac[i]);
}

/* Whether the endpoint's comma-separated list wants type ("" = all). */
static bool
wants(const char *list, const char *type)
{
	size_t n = strlen(type);
	const char *p = list;

	if (*list == '\0')
		return true;
	while ((p = strstr(p, type)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

/* Fans a batch of new outbox events out to their endpoints (one transaction). */
static enum rc
fan_txn(struct db *db, void *arg)
{
	time_t now = *(time_t *)arg;
	struct db_res ev = { 0 }, ep = { 0 };
	size_t i, j;
	enum rc rc;

	if ((rc = db_query(db, SQL_OUTBOX_UNFANNED, &ev, "")) != RC_OK)
		goto out;
	for (i = 0; i < ev.rowsz; i++) {
		db_res_release(&ep);
		/* An endpoint gets the events from its registration on. */
		if ((rc = db_query(db, SQL_OUTBOX_ENDPOINTS, &ep, "it",
		    db_int(&ev, i, 1), (time_t)db_int(&ev, i, 3))) != RC_OK)
			goto out;
		for (j = 0; j < ep.rowsz; j++)
			if (wants(db_str(&ep, j, 1), events_type(db_str(&ev, i,
			    2))) && (rc = db_exec(db, SQL_DELIVERY_ADD, NULL,
			    "iitt", db_int(&ev, i, 0), db_int(&ep, j, 0), now,
			    now)) != RC_OK)
				goto out;
		if ((rc = db_exec(db, SQL_OUTBOX_FANNED, NULL, "ti", now,
		    db_int(&ev, i, 0))) != RC_OK)
			goto out;
	}
out:
	db_res_release(&ev);
	db_res_release(&ep);
	return rc;
}

/* The JSON body of delivery row r (SQL_DELIVERY_GET). */
static void
body_of(const struct db_res *r, struct buf *b)
{
	int first = 1, f2 = 1;

	buf_puts(b, "{");
	jsonw_key(b, "id", &first);
	buf_printf(b, "%" PRId64, db_int(r, 0, 4));
	jsonw_key(b, "type", &first);
	jsonw_str(b, events_type(db_str(r, 0, 5)));
	jsonw_key(b, "event", &first);
	jsonw_str(b, db_str(r, 0, 5));
	jsonw_key(b, "created_at", &first);
	jsonw_time(b, (time_t)db_int(r, 0, 6));
	jsonw_key(b, "actor_role", &first);
	jsonw_str(b, db_str(r, 0, 7));
	jsonw_key(b, "from_state", &first);
	jsonw_str(b, db_null(r, 0, 8) ? NULL : db_str(r, 0, 8));
	jsonw_key(b, "to_state", &first);
	jsonw_str(b, db_str(r, 0, 9));
	jsonw_key(b, "amount_cents", &first);
	if (db_null(r, 0, 10))
		buf_puts(b, "null");
	else
		buf_printf(b, "%" PRId64, db_int(r, 0, 10));
	jsonw_key(b, "note", &first);
	jsonw_str(b, db_null(r, 0, 11) ? NULL : db_str(r, 0, 11));
	jsonw_key(b, "rule", &first);
	jsonw_str(b, db_null(r, 0, 12) ? NULL : db_str(r, 0, 12));
	jsonw_key(b, "case", &first);
	buf_puts(b, "{");
	jsonw_key(b, "id", &f2);
	buf_printf(b, "%" PRId64, db_int(r, 0, 13));
	jsonw_key(b, "rma_no", &f2);
	jsonw_str(b, db_str(r, 0, 14));
	jsonw_key(b, "shop_id", &f2);
	buf_printf(b, "%" PRId64, db_int(r, 0, 15));
	jsonw_key(b, "type", &f2);
	jsonw_str(b, db_str(r, 0, 16));
	jsonw_key(b, "currency", &f2);
	jsonw_str(b, db_str(r, 0, 17));
	jsonw_key(b, "order_no", &f2);
	jsonw_str(b, db_str(r, 0, 18));
	buf_puts(b, "}}");
}

/* Drops the answer's body. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/*
 * POSTs body to url with the signature headers. Returns the HTTP status,
 * or 0 with err filled when no answer came.
 */
static long
post(const char *url, const char *secret, int64_t event_id, const char *type,
    const char *body, time_t now, long timeout_ms, char *err, size_t errsz)
{
	static bool curl_ready;
	char errbuf[CURL_ERROR_SIZE], sig[96], *hs, *he, *hi;
	struct curl_slist *h = NULL;
	long status = 0;
	CURL *c;
	CURLcode cc;

	errbuf[0] = '\0';
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, errsz, "libcurl cannot start");
			return 0;
		}
		curl_ready = true;
	}
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errsz, "libcurl cannot start");
		return 0;
	}
	events_sign(secret, now, body, sig);
	hs = xasprintf("X-Desk-Signature: %s", sig);
	he = xasprintf("X-Desk-Event: %s", type);
	hi = xasprintf("X-Desk-Event-Id: %" PRId64, event_id);
	if ((h = curl_slist_append(h, "Content-Type: application/json")) ==
	    NULL || (h = curl_slist_append(h, hs)) == NULL ||
	    (h = curl_slist_append(h, he)) == NULL ||
	    (h = curl_slist_append(h, hi)) == NULL ||
	    (h = curl_slist_append(h, "Expect:")) == NULL)
		log_oom();
	/* As for the refund webhook: no redirects, http(s) only. */
	if (curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "refund-desk") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body)) !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard) != CURLE_OK) {
		snprintf(err, errsz, "libcurl refuses an option");
		goto out;
	}
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		snprintf(err, errsz, "%s", errbuf[0] ? errbuf :
		    curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299)
		snprintf(err, errsz, "HTTP %ld", status);
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(hs);
	free(he);
	free(hi);
	return status;
}

/* Makes one attempt of delivery id and records it. */
static enum rc
deliver(struct db *db, const struct config *cfg, int64_t id, time_t now,
    FILE *log)
{
	struct db_res r = { 0 };
	struct buf body = { 0 };
	char err[256] = "";
	int64_t attempt;
	long status;
	bool ok, give_up;
	enum rc rc;

	if ((rc = db_query(db, SQL_DELIVERY_GET, &r, "i", id)) != RC_OK ||
	    r.rowsz == 0)
		goto out;
	body_of(&r, &body);
	buf_add(&body, "", 1);
	attempt = db_int(&r, 0, 1) + 1;
	status = post(db_str(&r, 0, 2), db_str(&r, 0, 3), db_int(&r, 0, 4),
	    events_type(db_str(&r, 0, 5)), body.data, now,
	    cfg->webhook_timeout_ms, err, sizeof(err));
	ok = status >= 200 && status <= 299;
	give_up = !ok && attempt >= EVENTS_MAX_ATTEMPTS;
	if (ok)
		rc = db_exec(db, SQL_DELIVERY_DONE, NULL, "itti", (int64_t)status,
		    now, now, id);
	else
		rc = db_exec(db, SQL_DELIVERY_RETRY, NULL, "sIstti",
		    give_up ? "failed" : "pending", (int64_t)status, err, now,
		    now + events_backoff(attempt), id);
	if (log != NULL)
		fprintf(log, "webhook delivery %" PRId64 " (event %" PRId64
		    ", attempt %" PRId64 ") to %s: %s%s\n", id, db_int(&r, 0, 4),
		    attempt, db_str(&r, 0, 2), ok ? "delivered" : give_up ?
		    "failed, given up: " : "failed, retried later: ", err);
out:
	buf_release(&body);
	db_res_release(&r);
	return rc;
}

enum rc
events_pass(struct db *db, const struct config *cfg, time_t now, FILE *log)
{
	int64_t id;
	int64_t n;
	enum rc rc;

	if ((rc = db_txn(db, fan_txn, &now)) != RC_OK)
		return rc;
	for (n = 0; n < cfg->worker_batch; n++) {
		/* A worker that dies mid-call leaves the row to the next. */
		if ((rc = lease_next(db, SQL_DELIVERY_CLAIM, SQL_DELIVERY_LEASE,
		    now, now + cfg->webhook_timeout_ms / 1000 + 60, &id)) !=
		    RC_OK)
			return rc;
		if (id == 0)
			break;
		if ((rc = deliver(db, cfg, id, now, log)) != RC_OK)
			return rc;
	}
	/* The same events, as e-mail. */
	return mail_pass(db, cfg, now, log);
}
