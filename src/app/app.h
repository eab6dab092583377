/* app.h: what the three programs share: the accept loop, dispatch with its guards, login, and page rendering. */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "store/db.h"
#include "web/form.h"
#include "web/http.h"
#include "core/policy.h"
#include "base/i18n.h"
#include "web/route.h"
#include "app/session.h"
#include "web/tmpl.h"

/* One link of a program's navigation bar. */
struct nav_item {
	const char	*path;	/* below the prefix */
	const char	*label;
};

/*
 * What lives for the whole process: the program's description (filled by
 * its main) and what app_main() builds before the accept loop.
 */
struct app {
	const char		*name;	/* "buyer": URL prefix, cookie path, templates */
	const char		*title;	/* "Buyer desk" */
	enum role		 role;	/* who may use it */
	const struct route	*routes;	/* routes[0] is the home page */
	size_t			 routesz;
	const struct nav_item	*nav;
	size_t			 navsz;
	/* Built by app_main(). */
	char			 prefix[32];	/* "/buyer/" */
	struct config		 cfg;
	struct db		*db;
	struct policy		 policy;	/* the published one, app_policy() */
	bool			 have_policy;
};

/* Everything for one request; released at the end of each loop pass. */
struct req {
	struct app		*app;
	struct http_req		 http;
	const struct route	*route;
	const char		*path;	/* below the prefix */
	int64_t			 ids[ROUTE_IDS];	/* the route's "#" segments */
	struct fields		 query;
	struct fields		 cookies;
	struct fields		 form;	/* POST fields, CSRF checked */
	bool			 signed_in;
	struct session		 sess;	/* when signed_in */
	const char		*csrf;	/* the token this request's forms carry */
	char			 anon_csrf[TOKEN_LEN + 1];
	const char		*flash;	/* message carried over a redirect */
	struct tmpl_dict	*page;	/* the layout's dictionary, page_new() */
	char			 incident[17];
	time_t			 now;
	enum lang		 lang;	/* of the pages and messages */
};

/*
 * Runs the program: loads the configuration, opens the database and
 * prepares every statement, loads every template (exits 1 with a message
 * on stderr if any of that fails), then serves requests until the web
 * server stops it. Returns the exit status.
 */
int	app_main(struct app *app);

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
 * published version never changes, so each call reads only its id and
 * loads the whole policy again when another version was published.
 * Returns RC_OK, RC_NOTFOUND when none is published, or RC_DB. *p stays
 * valid until the next call; do not release it.
 */
enum rc	app_policy(struct req *r, const struct policy **p);

/* Returns msgid in the request's language (see i18n.h). */
const char *tr(const struct req *r, const char *msgid);

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

/* Formats t for the signed-in user's time zone ("2026-11-24 18:00"). */
char	*req_time(const struct req *r, time_t t, char out[32]);

#endif /* APP_H */
