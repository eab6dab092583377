/* app.c: the accept loop, and dispatch with its guards (404, 405, session, role, CSRF) before a route's handler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/cookies.h"
#include "app/login.h"
#include "app/pagecache.h"
#include "base/auth.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/stale.h"
#include "base/token.h"
#include "base/util.h"

/* Finds the route for path; sets r->route and r->ids. */
static const struct route *
find_route(struct req *r)
{
	size_t i;

	for (i = 0; i < login_routesz; i++)
		if (route_match(login_routes[i].pattern, r->path, r->ids))
			return &login_routes[i];
	for (i = 0; i < r->app->routesz; i++)
		if (route_match(r->app->routes[i].pattern, r->path, r->ids))
			return &r->app->routes[i];
	return NULL;
}

/* Reads and parses a POST body into r->form; answers the error itself and returns -1. */
static int
read_form(struct req *r)
{
	const struct config *cfg = &r->app->cfg;
	const char *ct = r->http.content_type, *why = NULL;
	struct form_limits lim;
	char msg[200];
	enum rc rc;

	rc = http_read_body(&r->http, cfg->max_body_bytes);
	if (rc == RC_TOOBIG) {
		snprintf(msg, sizeof(msg), tr(r, "What you sent is larger than "
		    "the %zu MB allowed in one form. Go back, remove or "
		    "shrink some photos, and send it again."),
		    cfg->max_body_bytes >> 20);
		page_error(r, 413, N_("The form is too large"), msg);
		return -1;
	} else if (rc != RC_OK) {
		page_error(r, 400, N_("The form arrived incomplete"),
		    N_("The connection was cut while sending. Go back and send "
		    "the form again."));
		return -1;
	}
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		rc = form_parse_urlencoded(r->http.body, r->http.bodysz,
		    &r->form);
		why = N_("The form could not be read. Go back and try again.");
	} else if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		lim.max_parts = cfg->max_parts;
		lim.max_files = cfg->max_files;
		lim.max_field_bytes = cfg->max_field_bytes;
		lim.max_file_bytes = cfg->max_file_bytes;
		rc = form_parse_multipart(ct, r->http.body, r->http.bodysz,
		    &lim, &r->form, &why);
	} else {
		rc = RC_INVALID;
		why = N_("This address accepts forms only.");
	}
	if (rc == RC_OK)
		return 0;
	page_error(r, rc == RC_TOOBIG ? 413 : 400, "The form could not be "
	    "accepted", why != NULL ? why : "Go back and try again.");
	return -1;
}

/*
 * Loads the session from its cookie, without a statement when this
 * process checked it less than a second ago (session_load_cached());
 * returns -1 after answering 500.
 */
static int
load_session(struct req *r, bool *expired)
{
	const char *token = fields_str(&r->cookies, COOKIE_SESSION);
	const char *pre = fields_str(&r->cookies, COOKIE_PRE);
	enum rc rc;

	*expired = false;
	if (token != NULL) {
		rc = session_load_cached(&r->app->sessions, stale_mono_ms(),
		    r->app->db, &r->app->cfg, token, r->now, &r->sess, expired);
		if (rc == RC_OK) {
			r->signed_in = true;
			r->csrf = r->sess.csrf;
			return 0;
		}
		if (rc != RC_NOTFOUND) {
			page_fail(r);
			return -1;
		}
		http_cookie(&r->http, COOKIE_SESSION, "", r->app->prefix, 0);
	}
	/* Before sign-in, forms carry a token from a cookie of their own. */
	if (pre != NULL && strlen(pre) == TOKEN_LEN) {
		snprintf(r->anon_csrf, sizeof(r->anon_csrf), "%s", pre);
	} else {
		if (auth_token(r->anon_csrf) != 0) {
			page_fail(r);
			return -1;
		}
		http_cookie(&r->http, COOKIE_PRE, r->anon_csrf, r->app->prefix,
		    -1);
	}
	r->csrf = r->anon_csrf;
	return 0;
}

/*
 * Handles one request: the guards in order (unknown page 404, wrong
 * method 405, no session 303 to the sign-in page, wrong role 403 unless
 * the route is REQ_ANYROLE, POST without the right CSRF token 403), then
 * the route's handler.
 */
static void
dispatch(struct req *r)
{
	struct app *app = r->app;
	size_t plen = strlen(app->prefix);
	const char *csrf, *flash;
	bool expired;
	char *loc;

	if (strncmp(r->http.path, app->prefix, plen) != 0) {
		if (strncmp(r->http.path, app->prefix, plen - 1) == 0 &&
		    r->http.path[plen - 1] == '\0') {
			http_redirect(&r->http, app->prefix);
			return;
		}
		page_error(r, 404, N_("Page not found"), N_("There is no page at this "
		    "address. Use the links above."));
		return;
	}
	r->path = r->http.path + plen;
	form_parse_urlencoded(r->http.query, strlen(r->http.query), &r->query);
	form_parse_cookies(r->http.cookie, &r->cookies);
	r->lang = i18n_pick(fields_str(&r->cookies, COOKIE_LANG),
	    r->http.accept_language);
	if ((flash = fields_str(&r->cookies, COOKIE_FLASH)) != NULL &&
	    *flash != '\0') {
		r->flash = flash;
		http_cookie(&r->http, COOKIE_FLASH, "", app->prefix, 0);
	}
	if (load_session(r, &expired) != 0)
		return;
	if ((r->route = find_route(r)) == NULL) {
		page_error(r, 404, N_("Page not found"), N_("There is no page at this "
		    "address. Use the links above."));
		return;
	}
	if ((r->http.method == HTTP_GET && !(r->route->flags & REQ_GET)) ||
	    (r->http.method == HTTP_POST && !(r->route->flags & REQ_POST)) ||
	    r->http.method == HTTP_OTHER) {
		http_header(&r->http, "Allow", (r->route->flags & REQ_GET) ?
		    ((r->route->flags & REQ_POST) ? "GET, HEAD, POST" :
		    "GET, HEAD") : "POST");
		page_error(r, 405, N_("Method not allowed"), N_("This address cannot "
		    "be used that way. Use the links and buttons of the "
		    "pages."));
		return;
	}
	if (!(r->route->flags & REQ_PUBLIC) && !r->signed_in) {
		if (r->http.method == HTTP_GET) {
			loc = *r->path != '\0' ? xasprintf("login?next=%s",
			    r->path) : xstrdup("login");
			page_redirect(r, loc, expired ? "expired" : "signin");
			free(loc);
		} else
			page_redirect(r, "login", "expired");
		return;
	}
	if (r->signed_in && r->sess.user.role != app->role &&
	    !(r->route->flags & REQ_ANYROLE)) {
		page_error(r, 403, N_("Not for this account"), N_("This desk is for "
		    "another kind of account. Sign out and sign in with the "
		    "right account, or go back to your own desk."));
		return;
	}
	if (pagecache_serve(r))
		return;
	pagecache_watch(r);
	if (r->http.method == HTTP_POST) {
		if (read_form(r) != 0)
			return;
		csrf = req_field(r, "csrf");
		if (csrf == NULL || !auth_equal(csrf, r->csrf)) {
			page_error(r, 403, N_("This form has expired"), N_("The form was "
			    "old or did not come from this site, so nothing was "
			    "done. Go back, reload the page and try again."));
			return;
		}
	}
	r->route->handler(r);
	if (!r->http.sent) {
		log_err("handler for '%s' sent no response", r->route->pattern);
		page_fail(r);
	}
	pagecache_keep(r);
}

/* Frees what one request held. */
static void
req_release(struct req *r)
{
	fields_release(&r->query);
	fields_release(&r->cookies);
	fields_release(&r->form);
	tmpl_dict_free(r->page);
	if (r->signed_in)
		session_release(&r->sess);
	http_finish(&r->http);
	memset(r, 0, sizeof(*r));
}

/* tmpl_init() callback: the catalogue's translation. */
static const char *
translate(int lang, const char *msgid)
{
	return i18n_tr((enum lang)lang, msgid);
}

int
app_main(struct app *app)
{
	struct req r;
	unsigned char rnd[4];
	char *err = NULL;

	snprintf(app->prefix, sizeof(app->prefix), "/%s/", app->name);
	if (config_load(NULL, &app->cfg, &err) != 0)
		goto fail;
	/* The platform's desk signs out sooner when left alone. */
	if (app->role == ROLE_ADMIN && app->cfg.admin_session_idle_secs <
	    app->cfg.session_idle_secs)
		app->cfg.session_idle_secs = app->cfg.admin_session_idle_secs;
	/*
	 * Templates are parsed, and statements prepared, on first use
	 * (tmpl_init, db.c): a process that serves a few pages pays for
	 * those only, and answers its first request within milliseconds of
	 * being spawned (issue 12). deskctl check-config parses and prepares
	 * them all.
	 */
	if (i18n_load(app->cfg.locale_dir, &err) != 0 ||
	    tmpl_init(app->cfg.template_dir, LANG__MAX, translate, &err) != 0)
		goto fail;
	if (!form_secret_ok(app->cfg.form_secret)) {
		err = xasprintf("form_secret must be set to at least %d "
		    "characters (the key that signs the forms)", FORM_SECRET_MIN);
		goto fail;
	}
	auth_crypto_init(*app->cfg.db_host != '\0');
	if ((app->db = db_open(&app->cfg, 0, &err)) == NULL)
		goto fail;
	/* Without it the caches still go stale within a second. */
	(void)stale_open(app->cfg.run_dir, true);
	app->pages = pagecache_new(app->cfg.page_cache_kb * 1024);
	if (http_init() != 0)
		return 1;
	memset(&r, 0, sizeof(r));
	while (http_accept(&r.http) == 0) {
		r.app = app;
		clock_load_offset(app->cfg.clock_offset_file);
		r.now = clock_now();
		if (token_random_bytes(rnd, sizeof(rnd)) != 0)
			memset(rnd, 0, sizeof(rnd));
		snprintf(r.incident, sizeof(r.incident), "%02x%02x%02x%02x",
		    rnd[0], rnd[1], rnd[2], rnd[3]);
		log_set_incident(r.incident);
		dispatch(&r);
		req_release(&r);
		log_clear();
	}
	if (app->have_policy)
		policy_release(&app->policy);
	free(app->versions);
	session_cache_release(&app->sessions);
	pagecache_free(app->pages);
	db_free(app->db);
	config_release(&app->cfg);
	tmpl_free_all();
	return 0;
fail:
	fprintf(stderr, "%s.fcgi: fatal: %s\n", app->name, err);
	free(err);
	db_free(app->db);
	return 1;
}
