/* page.h: what a handler answers with: pages in the shared layout, error and failure pages, redirects with a flash message, and the request's words, times and published policy. */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>
#include <time.h>

#include "base/rc.h"
#include "base/token.h"	/* FORM_TOKEN_SIZE */
#include "store/session.h"	/* enum role */

struct policy_version;

struct form_value;	/* web/valid.h */
struct policy;		/* core/policy.h */
struct req;		/* app/app.h */
struct tmpl_dict;	/* web/tmpl.h */

/*
 * Starts a page: fills the shared layout (who is signed in, navigation,
 * flash message) in r->page and returns the dictionary of the page's own
 * body, which page_send() renders. PREFIX, CSRF, APP_NAME and APP_TITLE
 * are visible in every template of the page. Starting a second page
 * drops the first.
 */
struct tmpl_dict *page_new(struct req *r);

/*
 * Renders template tpl (relative to templates/) with body, the dictionary
 * page_new() returned, inside the layout with title, and sends it with
 * status; frees the page. On a template failure sends the 500 page.
 */
void	page_send(struct req *r, int status, const char *title, const char *tpl,
	    struct tmpl_dict *body);

/*
 * Sends an error page with status, a heading and one sentence that tells
 * the user what to do.
 */
void	page_error(struct req *r, int status, const char *heading,
	    const char *text);

/*
 * Sends the page of a failure whose cause is logged, with the incident id:
 * 503 with "Retry-After: 5" and "the desk is briefly unavailable" when the
 * database is out of reach (db_unavailable()), else 500.
 */
void	page_fail(struct req *r);

/*
 * Answers 303 to path below the prefix (e.g. "orders"); flash, when not
 * NULL, is a key of the flash table shown once on the next page.
 */
void	page_redirect(struct req *r, const char *path, const char *flash);

/*
 * Sets *p to the published policy, kept for the life of the process: a
 * published version never changes, so a call reads only its id, and that
 * at most once a second (base/stale.h: at once after a publication on
 * this node, within a second after one on another node), and loads the
 * whole policy again when another version was published. Returns RC_OK,
 * RC_NOTFOUND when none is published, or RC_DB. *p stays valid until the
 * next call; do not release it.
 */
enum rc	app_policy(struct req *r, const struct policy **p);

/*
 * Sets *rows to every published or retired version, newest first (see
 * policy_versions()), kept by the process and read again only when
 * another version became current (app_policy()). Returns RC_OK or RC_DB.
 * *rows stays valid until the next call; do not free it.
 */
enum rc	app_policy_versions(struct req *r,
	    const struct policy_version **rows, size_t *rowsz);

/*
 * Writes to out a one-time form token of the signed-in user for case_id
 * (0: none) and purpose (see form_token_make()), and notes it in r so
 * that a cached copy of the page is served with new ones
 * (app/pagecache.h). Returns 0, or -1 (logged) when no token could be
 * made.
 */
int	page_form_token(struct req *r, int64_t case_id, const char *purpose,
	    char out[FORM_TOKEN_SIZE]);

/* Returns msgid in the request's language (see i18n.h). */
const char *tr(const struct req *r, const char *msgid);

/* Returns role in words ("platform admin") in the request's language. */
const char *req_role(const struct req *r, enum role role);

/* Returns how a currency is written in the request's language ("CNY", "¥"). */
const char *req_currency(const struct req *r, const char *code);

/*
 * Writes the message of a bad form value v (see form_check()) in r's
 * language to buf (n bytes) and returns buf: the spec's message, or for a
 * file the message that names it (and the size limit). Returns NULL when
 * v has no error.
 */
const char *req_form_message(const struct req *r, const struct form_value *v,
	    char *buf, size_t n);

/* Returns the value of a POST field, or NULL. */
const char *req_field(const struct req *r, const char *name);

/* Formats t for the signed-in user's time zone with the zone named as its offset ("24 Nov 2026 18:00 UTC+8", "2026年11月24日 18:00 UTC+8"). */
char	*req_time(const struct req *r, time_t t, char out[32]);

#endif /* PAGE_H */
