/* mail.c: e-mail notifications: the worker turns outbox events into mails to the buyer or the shop's sellers, in their language, plain text and HTML, and sends them through SMTP (libcurl) with retries. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"
#include "executor/events.h"
#include "executor/lease.h"
#include "executor/mail.h"

/* Who hears of an event, and in what words. */
struct notice {
	const char	*event;
	bool		 to_buyer;	/* else the shop's sellers */
	const char	*not_by;	/* the actor's role that needs no mail */
	const char	*words;	/* msgid */
};

static const struct notice notices[] = {
	{ "approve_refund", true, "buyer", N_("The seller approved your "
	  "refund.") },
	{ "approve_return", true, "buyer", N_("The seller approved your "
	  "return. Send the goods back to the address on the case page.") },
	{ "reject", true, "buyer", N_("The seller refused your request. You "
	  "can change it, or ask the platform to step in.") },
	{ "offer", true, "buyer", N_("The seller made you an offer. Answer it "
	  "on the case page.") },
	{ "ship_replacement", true, "buyer", N_("The seller shipped your "
	  "replacement.") },
	{ "confirm_receipt", true, "buyer", N_("The seller received the goods "
	  "you sent back.") },
	{ "refuse_receipt", true, "buyer", N_("The seller refused the goods "
	  "you sent back.") },
	{ "refund_succeeded", true, "buyer", N_("Your refund was paid.") },
	{ "message", true, "buyer", N_("You have a new message on your "
	  "case.") },
	{ "rule_refund", true, "buyer", N_("The platform ruled on your "
	  "case.") },
	{ "rule_partial", true, "buyer", N_("The platform ruled on your "
	  "case.") },
	{ "rule_reject", true, "buyer", N_("The platform ruled on your "
	  "case.") },
	{ "submit", false, "seller", N_("A buyer opened a new case.") },
	{ "message", false, "seller", N_("There is a new message on a "
	  "case.") },
	{ "ship_return", false, "seller", N_("The buyer shipped the goods "
	  "back.") },
	{ "escalate", false, "seller", N_("The buyer asked the platform to "
	  "step in.") },
	{ "rule_refund", false, "seller", N_("The platform ruled on a case.") },
	{ "rule_partial", false, "seller", N_("The platform ruled on a "
	  "case.") },
	{ "rule_reject", false, "seller", N_("The platform ruled on a case.") },
};

/* Appends s to b with HTML's special characters escaped. */
static void
html_puts(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		case '\n':
			buf_puts(b, "<br>\n");
			break;
		default:
			buf_add(b, s, 1);
		}
}

/* Appends n bytes of p as base64 in lines of 76 characters. */
static void
base64_lines(struct buf *b, const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned char out[80];
	size_t k;
	int m;

	for (; n > 0; s += k, n -= k) {
		k = n < 57 ? n : 57;
		m = EVP_EncodeBlock(out, s, (int)k);
		buf_add(b, out, (size_t)m);
		buf_puts(b, "\r\n");
	}
}

/*
 * Builds a mail about case case_id (number rma) for recipient row j of rc
 * (SQL_MAIL_BUYER/SELLERS), saying words (a msgid) and note when not
 * NULL, with a link to the case on the buyer's or the seller's desk, and
 * queues it for event_id (0: a reminder, no event).
 */
static enum rc
queue_mail(struct db *db, const struct config *cfg, int64_t event_id,
    int64_t case_id, const char *rma, bool to_buyer, const char *msgid,
    const char *note, const struct db_res *rc, size_t j, time_t now)
{
	enum lang lang = strncmp(db_str(rc, j, 2), "zh", 2) == 0 ? LANG_ZH :
	    LANG_EN;
	struct buf text = { 0 }, html = { 0 };
	char subject[256], line[512], url[512], words[512];
	enum rc r;

	snprintf(words, sizeof(words), "%s", i18n_tr(lang, msgid));
	snprintf(subject, sizeof(subject), i18n_tr(lang, N_("Case %s: %s")),
	    rma, words);
	snprintf(url, sizeof(url), "%s/%s/case/%" PRId64, cfg->public_url,
	    to_buyer ? "buyer" : "seller", case_id);
	snprintf(line, sizeof(line), i18n_tr(lang, N_("Hello %s,")),
	    db_str(rc, j, 3));
	buf_printf(&text, "%s\n\n%s\n", line, words);
	buf_puts(&html, "<!DOCTYPE html>\n<html><body>\n<p>");
	html_puts(&html, line);
	buf_puts(&html, "</p>\n<p>");
	html_puts(&html, words);
	buf_puts(&html, "</p>\n");
	if (note != NULL) {
		buf_printf(&text, "\n%s\n%s\n", i18n_tr(lang, N_("Message:")),
		    note);
		buf_puts(&html, "<blockquote>");
		html_puts(&html, note);
		buf_puts(&html, "</blockquote>\n");
	}
	snprintf(line, sizeof(line), i18n_tr(lang, N_("Open the case: %s")),
	    url);
	buf_printf(&text, "\n%s\n\n-- \n%s\n", line, i18n_tr(lang,
	    N_("To stop these e-mails, turn them off on the E-mail page of "
	    "your desk.")));
	buf_puts(&html, "<p><a href=\"");
	html_puts(&html, url);
	buf_puts(&html, "\">");
	html_puts(&html, i18n_tr(lang, N_("Open the case")));
	buf_puts(&html, "</a></p>\n<p><small>");
	html_puts(&html, i18n_tr(lang, N_("To stop these e-mails, turn them "
	    "off on the E-mail page of your desk.")));
	buf_puts(&html, "</small></p>\n</body></html>\n");
	buf_add(&text, "", 1);
	buf_add(&html, "", 1);
	r = db_exec(db, SQL_MAIL_ADD, NULL, "Iisssstt", event_id,
	    db_int(rc, j, 0), db_str(rc, j, 1), subject, text.data, html.data,
	    now, now);
	buf_release(&text);
	buf_release(&html);
	return r;
}

/*
 * Reminds buyers whose next step on a case is due within a day (once per
 * case and deadline). Returns RC_OK or RC_DB.
 */
static enum rc
remind(struct db *db, const struct config *cfg, time_t now)
{
	struct db_res due = { 0 }, to = { 0 };
	size_t i, j;
	enum rc rc;

	if ((rc = db_query(db, SQL_REMIND_DUE, &due, "tt", now,
	    now + 24 * 3600)) != RC_OK)
		goto out;
	for (i = 0; i < due.rowsz; i++) {
		uint64_t added;

		/* Not added: another worker reminded of this deadline. */
		if ((rc = db_exec(db, SQL_REMIND_ADD, &added, "itt",
		    db_int(&due, i, 0), (time_t)db_int(&due, i, 4), now)) !=
		    RC_OK)
			goto out;
		if (added == 0)
			continue;
		db_res_release(&to);
		if ((rc = db_query(db, SQL_MAIL_BUYER, &to, "i",
		    db_int(&due, i, 2))) != RC_OK)
			goto out;
		for (j = 0; j < to.rowsz; j++)
			if ((rc = queue_mail(db, cfg, 0, db_int(&due, i, 0),
			    db_str(&due, i, 1), true, N_("Your next step on this "
			    "case is due within a day. Open the case to see what "
			    "to do."), NULL, &to, j, now)) != RC_OK)
				goto out;
	}
out:
	db_res_release(&due);
	db_res_release(&to);
	return rc;
}

struct qarg {
	const struct config	*cfg;
	time_t			 now;
};

/* Turns a batch of new outbox events into mails (one transaction). */
static enum rc
queue_txn(struct db *db, void *arg)
{
	struct qarg *q = arg;
	struct db_res ev = { 0 }, to = { 0 };
	const struct notice *no;
	size_t i, j, k;
	enum rc rc;

	if ((rc = db_query(db, SQL_MAIL_UNMAILED, &ev, "")) != RC_OK)
		goto out;
	for (i = 0; i < ev.rowsz; i++) {
		for (k = 0; k < sizeof(notices) / sizeof(notices[0]); k++) {
			no = &notices[k];
			if (strcmp(no->event, db_str(&ev, i, 1)) != 0 ||
			    strcmp(no->not_by, db_str(&ev, i, 2)) == 0 ||
			    *q->cfg->smtp_url == '\0')
				continue;
			db_res_release(&to);
			if (no->to_buyer)
				rc = db_query(db, SQL_MAIL_BUYER, &to, "i",
				    db_int(&ev, i, 6));
			else
				rc = db_query(db, SQL_MAIL_SELLERS, &to, "i",
				    db_int(&ev, i, 5));
			if (rc != RC_OK)
				goto out;
			for (j = 0; j < to.rowsz; j++)
				if ((rc = queue_mail(db, q->cfg, db_int(&ev, i, 0),
				    db_int(&ev, i, 3), db_str(&ev, i, 4),
				    no->to_buyer, no->words,
				    strcmp(no->event, "message") == 0 &&
				    !db_null(&ev, i, 7) ? db_str(&ev, i, 7) : NULL,
				    &to, j, q->now)) != RC_OK)
					goto out;
		}
		if ((rc = db_exec(db, SQL_MAIL_MARK, NULL, "ti", q->now,
		    db_int(&ev, i, 0))) != RC_OK)
			goto out;
	}
	if (*q->cfg->smtp_url != '\0')
		rc = remind(db, q->cfg, q->now);
out:
	db_res_release(&ev);
	db_res_release(&to);
	return rc;
}

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
upload_read(char *out, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(out, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* The whole message (headers and both parts) of mail row r into b. */
static void
message(const struct config *cfg, const struct db_res *r, time_t now,
    struct buf *b)
{
	const char *subject = db_str(r, 0, 3), *text = db_str(r, 0, 4),
	    *html = db_str(r, 0, 5);
	char date[64];
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(b, "From: %s\r\nTo: %s\r\nDate: %s\r\n"
	    "Message-ID: <mail-%" PRId64 "@refund-desk>\r\nSubject: =?UTF-8?B?",
	    cfg->mail_from, db_str(r, 0, 2), date, db_int(r, 0, 0));
	{
		struct buf s = { 0 };

		base64_lines(&s, subject, strlen(subject));
		/* One encoded word: drop the line breaks. */
		for (size_t i = 0; i < s.len; i++)
			if (s.data[i] != '\r' && s.data[i] != '\n')
				buf_add(b, &s.data[i], 1);
		buf_release(&s);
	}
	buf_puts(b, "?=\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
	    "Content-Type: multipart/alternative; boundary=\"desk-alt\"\r\n\r\n"
	    "--desk-alt\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	base64_lines(b, text, strlen(text));
	buf_puts(b, "--desk-alt\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	base64_lines(b, html, strlen(html));
	buf_puts(b, "--desk-alt--\r\n");
}

/* Sends mail id once and records it. */
static enum rc
send_one(struct db *db, const struct config *cfg, int64_t id, time_t now,
    FILE *log)
{
	struct db_res r = { 0 };
	struct buf msg = { 0 };
	struct curl_slist *rcpt = NULL;
	struct upload u;
	char err[CURL_ERROR_SIZE] = "", from[300], to[300];
	int64_t attempt;
	CURL *c = NULL;
	CURLcode cc = CURLE_FAILED_INIT;
	bool give_up;
	enum rc rc;

	if ((rc = db_query(db, SQL_MAIL_GET, &r, "i", id)) != RC_OK ||
	    r.rowsz == 0)
		goto out;
	attempt = db_int(&r, 0, 1) + 1;
	message(cfg, &r, now, &msg);
	u.p = msg.data;
	u.left = msg.len;
	snprintf(from, sizeof(from), "<%s>", cfg->mail_from);
	snprintf(to, sizeof(to), "<%s>", db_str(&r, 0, 2));
	if ((c = curl_easy_init()) == NULL ||
	    (rcpt = curl_slist_append(NULL, to)) == NULL)
		log_oom();
	if (curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps") ==
	    CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, cfg->webhook_timeout_ms) ==
	    CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read) ==
	    CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_READDATA, &u) == CURLE_OK &&
	    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L) == CURLE_OK)
		cc = curl_easy_perform(c);
	else
		snprintf(err, sizeof(err), "libcurl refuses an option");
	if (cc == CURLE_OK)
		rc = db_exec(db, SQL_MAIL_DONE, NULL, "ti", now, id);
	else {
		if (err[0] == '\0')
			snprintf(err, sizeof(err), "%s", curl_easy_strerror(cc));
		give_up = attempt >= EVENTS_MAX_ATTEMPTS;
		rc = db_exec(db, SQL_MAIL_RETRY, NULL, "ssti", give_up ?
		    "failed" : "pending", err, now + events_backoff(attempt), id);
	}
	if (log != NULL)
		fprintf(log, "mail %" PRId64 " to %s (attempt %" PRId64 "): %s%s\n",
		    id, db_str(&r, 0, 2), attempt, cc == CURLE_OK ? "sent" :
		    "not sent: ", cc == CURLE_OK ? "" : err);
out:
	curl_slist_free_all(rcpt);
	if (c != NULL)
		curl_easy_cleanup(c);
	buf_release(&msg);
	db_res_release(&r);
	return rc;
}

enum rc
mail_pass(struct db *db, const struct config *cfg, time_t now, FILE *log)
{
	static bool loaded;
	struct qarg q = { cfg, now };
	int64_t id;
	char *err = NULL;
	int64_t n;
	enum rc rc;

	if (!loaded && *cfg->smtp_url != '\0') {
		if (i18n_load(cfg->locale_dir, &err) != 0) {
			log_err("mail: the catalogue cannot be read: %s", err);
			free(err);
		}
		loaded = true;
	}
	if ((rc = db_txn(db, queue_txn, &q)) != RC_OK)
		return rc;
	for (n = 0; n < cfg->worker_batch && *cfg->smtp_url != '\0'; n++) {
		if ((rc = lease_next(db, SQL_MAIL_CLAIM, SQL_MAIL_LEASE, now,
		    now + cfg->webhook_timeout_ms / 1000 + 60, &id)) != RC_OK)
			return rc;
		if (id == 0)
			break;
		if ((rc = send_one(db, cfg, id, now, log)) != RC_OK)
			return rc;
	}
	return RC_OK;
}
