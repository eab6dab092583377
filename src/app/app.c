/* app.c: the accept loop and the dispatch guards (404, 405, session, role, CSRF), login and logout, and page rendering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "app/app.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/token.h"
#include "base/util.h"
#include "store/policy_store.h"

/* Cookies: the session, the pre-login CSRF token, a flash key. */
#define COOKIE_SESSION	"rd_sid"
#define COOKIE_PRE	"rd_pre"
#define COOKIE_FLASH	"rd_flash"
#define COOKIE_LANG	"rd_lang"	/* the language chosen in the footer */

/* Each role in words, for messages; indexed by enum role. */
static const char *const role_words[ROLE__MAX] = {
	N_("buyer"), /* ROLE_BUYER */
	N_("seller"), /* ROLE_SELLER */
	N_("platform admin"), /* ROLE_ADMIN */
};

/* Messages carried over a redirect, by key; only keys travel in the cookie. */
static const struct {
	const char	*key;
	const char	*kind;	/* "ok", "info" or "warn" */
	const char	*text;
} flashes[] = {
	{ "signed_out", "ok", N_("You have signed out.") },
	{ "expired", "warn", N_("Your session has expired. Please sign in "
	    "again; a form you were sending was not saved.") },
	{ "signin", "info", N_("Please sign in to continue.") },
	{ "case_updated", "ok", N_("Done. The case is up to date below.") },
	{ "case_opened", "ok", N_("Your request was sent. Follow it here.") },
};

static void send_login(struct req *);
static void send_logout(struct req *);
static void send_lang(struct req *);

static const struct route builtin[] = {
	{ "login", send_login, REQ_GET | REQ_POST | REQ_PUBLIC | REQ_ANYROLE },
	{ "logout", send_logout, REQ_POST | REQ_ANYROLE },
	{ "lang", send_lang, REQ_GET | REQ_PUBLIC },
};

const char *
req_form_message(const struct req *r, const struct form_value *v, char *buf,
    size_t n)
{
	size_t max = r->app->cfg.max_file_bytes;
	char limit[32];

	if (v->error == NULL)
		return NULL;
	if (v->file == NULL) {
		snprintf(buf, n, "%s", tr(r, v->error));
		return buf;
	}
	if (max >= 1 << 20)
		snprintf(limit, sizeof(limit), "%zu MB", max >> 20);
	else
		snprintf(limit, sizeof(limit), "%zu KB", max >> 10);
	snprintf(buf, n, tr(r, v->error), v->file->filename != NULL &&
	    *v->file->filename != '\0' ? v->file->filename :
	    tr(r, N_("the photo")), limit);
	return buf;
}

const char *
req_field(const struct req *r, const char *name)
{
	return fields_str(&r->form, name);
}

enum rc
app_policy(struct req *r, const struct policy **p)
{
	struct app *app = r->app;
	struct db_res id;
	enum rc rc;

	*p = NULL;
	if ((rc = db_query(app->db, SQL_POLICY_CURRENT_ID, &id, "")) != RC_OK)
		goto out;
	if (id.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if (!app->have_policy || app->policy.id != db_int(&id, 0, 0)) {
		if (app->have_policy)
			policy_release(&app->policy);
		app->have_policy = false;
		if ((rc = policy_load(app->db, db_int(&id, 0, 0),
		    &app->policy)) != RC_OK)
			goto out;
		app->have_policy = true;
	}
	*p = &app->policy;
out:
	db_res_release(&id);
	return rc;
}

const char *
tr(const struct req *r, const char *msgid)
{
	return i18n_tr(r->lang, msgid);
}

char *
req_time(const struct req *r, time_t t, char out[32])
{
	return clock_format(t, r->signed_in ? r->sess.user.timezone :
	    "Asia/Shanghai", r->lang == LANG_ZH ? "%Y年%m月%d日 %H:%M" :
	    "%d %b %Y %H:%M", out, 32);
}

const char *
req_currency(const struct req *r, const char *code)
{
	return r->lang == LANG_ZH && strcmp(code, "CNY") == 0 ? "¥" : code;
}

struct tmpl_dict *
page_new(struct req *r)
{
	struct tmpl_dict *d, *s;
	size_t i;

	tmpl_dict_free(r->page);
	r->page = d = tmpl_dict_new();
	tmpl_set_global(d, "PREFIX", r->app->prefix);
	tmpl_set_global(d, "APP_TITLE", tr(r, r->app->title));
	tmpl_set_global(d, "APP_NAME", r->app->name);
	tmpl_set_global(d, "CSRF", r->csrf != NULL ? r->csrf : "");
	tmpl_set_global(d, "LANG", lang_codes[r->lang]);
	tmpl_set(d, "HERE", r->path != NULL ? r->path : "");
	if (r->signed_in) {
		s = tmpl_add_section(d, "USER");
		tmpl_set(s, "DISPLAY_NAME", r->sess.user.display_name);
		tmpl_set(s, "LOGIN", r->sess.user.login);
		tmpl_set(s, "ROLE", tr(r, role_words[r->sess.user.role]));
		if (r->sess.user.role == r->app->role && r->app->navsz > 0)
			tmpl_show(d, "HAS_NAV");
		if (r->sess.user.role == r->app->role)
			for (i = 0; i < r->app->navsz; i++) {
				const struct nav_item *n = &r->app->nav[i];

				s = tmpl_add_section(d, "NAV");
				tmpl_set(s, "HREF", n->path);
				tmpl_set(s, "LABEL", tr(r, n->label));
				if (r->route != NULL &&
				    strcmp(r->route->pattern, n->path) == 0)
					tmpl_show(s, "CURRENT");
			}
	}
	for (i = 0; r->flash != NULL && i < sizeof(flashes) / sizeof(flashes[0]);
	    i++)
		if (strcmp(r->flash, flashes[i].key) == 0) {
			s = tmpl_add_section(d, "FLASH");
			tmpl_set(s, "KIND", flashes[i].kind);
			tmpl_set(s, "TEXT", tr(r, flashes[i].text));
		}
	return tmpl_add_include(d, "BODY", NULL);
}

void
page_send(struct req *r, int status, const char *title, const char *tpl,
    struct tmpl_dict *body)
{
	struct buf out = { 0 };
	int rc;

	tmpl_set(r->page, "TITLE", tr(r, title));
	tmpl_set_file(body, tpl);
	rc = tmpl_expand(r->lang, "layout.tpl", r->page, &out);
	tmpl_dict_free(r->page);
	r->page = NULL;
	if (rc != 0) {
		buf_release(&out);
		page_fail(r);
		return;
	}
	http_send(&r->http, status, "text/html; charset=utf-8", out.data,
	    out.len);
	buf_release(&out);
}

void
page_error(struct req *r, int status, const char *heading, const char *text)
{
	struct tmpl_dict *d = page_new(r);

	tmpl_set(d, "HEADING", tr(r, heading));
	tmpl_set(d, "TEXT", tr(r, text));
	tmpl_set_int(d, "STATUS", status);
	page_send(r, status, heading, "error.tpl", d);
}

void
page_fail(struct req *r)
{
	static const char plain[] = "Internal error.\n";
	struct tmpl_dict *d;
	struct buf out = { 0 };
	bool outage = r->app->db != NULL && db_unavailable(r->app->db);
	int status = outage ? 503 : 500;

	/* Built without page_send(), so a broken layout cannot loop. */
	d = page_new(r);
	if (outage) {
		/* The next request re-opens the connection by itself. */
		http_header(&r->http, "Retry-After", "5");
		tmpl_set(r->page, "TITLE", tr(r, "Briefly unavailable"));
		tmpl_set(d, "HEADING", tr(r, "The desk is briefly unavailable"));
		tmpl_set(d, "TEXT", tr(r, "The desk is briefly unavailable. "
		    "Nothing was changed by the failed request. Please try "
		    "again in a few seconds; if it keeps happening, give "
		    "support the incident id below."));
	} else {
		tmpl_set(r->page, "TITLE", tr(r, "Something went wrong"));
		tmpl_set(d, "HEADING", tr(r, "Something went wrong on our "
		    "side"));
		tmpl_set(d, "TEXT", tr(r, "Nothing was changed by the failed "
		    "request. Please try again in a minute; if it keeps "
		    "happening, give support the incident id below."));
	}
	tmpl_set(d, "INCIDENT", r->incident);
	tmpl_show(d, "HAS_INCIDENT");
	tmpl_set_int(d, "STATUS", status);
	tmpl_set_file(d, "error.tpl");
	if (tmpl_expand(r->lang, "layout.tpl", r->page, &out) == 0)
		http_send(&r->http, status, "text/html; charset=utf-8",
		    out.data, out.len);
	else
		http_send(&r->http, status, "text/plain; charset=utf-8", plain,
		    sizeof(plain) - 1);
	tmpl_dict_free(r->page);
	r->page = NULL;
	buf_release(&out);
}

void
page_redirect(struct req *r, const char *path, const char *flash)
{
	char *loc = xasprintf("%s%s", r->app->prefix, path);

	if (flash != NULL)
		http_cookie(&r->http, COOKIE_FLASH, flash, r->app->prefix, 60);
	http_redirect(&r->http, loc);
	free(loc);
}

/* Tells whether next (from a login form) is a safe path below the prefix. */
static bool
safe_next(const char *next)
{
	size_t n = strspn(next, "abcdefghijklmnopqrstuvwxyz0123456789/_-");

	return next[0] != '\0' && next[0] != '/' && next[n] == '\0' &&
	    strstr(next, "//") == NULL && strlen(next) < 200;
}

/* Field specs of the login form. */
static const struct form_spec login_form[] = {
	{ "login", FORM_TEXT, true, 1, 64, false, NULL, 0,
	  N_("Enter your login name.") },
	{ "password", FORM_TEXT, true, 1, 256, false, NULL, 0,
	  N_("Enter your password.") },
};

/* Shows the login form with the user's login name kept and a message. */
static void
login_show(struct req *r, int status, const struct form_value *v,
    const char *error)
{
	struct tmpl_dict *d = page_new(r);
	const char *next = fields_str(&r->query, "next");

	if (next == NULL)
		next = req_field(r, "next");
	if (next != NULL && safe_next(next))
		tmpl_set(d, "NEXT", next);
	if (v != NULL) {
		tmpl_set(d, "LOGIN_VALUE", v[0].raw);
		if (v[0].error != NULL) {
			tmpl_show(d, "LOGIN_INVALID");
			tmpl_set(d, "LOGIN_ERROR", tr(r, v[0].error));
		}
		if (v[1].error != NULL) {
			tmpl_show(d, "PASSWORD_INVALID");
			tmpl_set(d, "PASSWORD_ERROR", tr(r, v[1].error));
		}
	}
	if (error != NULL) {
		struct tmpl_dict *s = tmpl_add_section(d, "FORM_ERROR");

		tmpl_set(s, "TEXT", tr(r, error));
	}
	page_send(r, status, N_("Sign in"), "login.tpl", d);
}

/*
 * /login: GET shows the sign-in form (a signed-in user goes home); POST
 * with login, password, csrf and an optional next signs in: 303 to next
 * or home; 422 when a field is empty, 403 for a wrong login or password
 * or an account of another role, 429 after too many failures.
 */
static void
send_login(struct req *r)
{
	struct form_value v[2];
	enum login_result result;
	enum role role;
	int64_t uid = 0, wait;
	char token[TOKEN_LEN + 1], msg[200];
	const char *next;

	if (r->http.method == HTTP_GET) {
		if (r->signed_in && r->sess.user.role == r->app->role)
			page_redirect(r, r->app->routes[0].pattern, NULL);
		else
			login_show(r, 200, NULL, NULL);
		return;
	}
	if (!form_check(&r->form, login_form, 2, v)) {
		login_show(r, 422, v, NULL);
		return;
	}
	if (login_check(r->app->db, &r->app->cfg, v[0].raw, v[1].raw, r->now,
	    &result, &uid, &role, &wait) != RC_OK) {
		page_fail(r);
		return;
	}
	switch (result) {
	case LOGIN_BAD:
		login_show(r, 403, v, N_("The login name or the password is "
		    "wrong. Check them and try again."));
		return;
	case LOGIN_LOCKED:
		snprintf(msg, sizeof(msg), tr(r, "Too many failed attempts for "
		    "this account. Try again in %lld minutes."),
		    (long long)(wait + 59) / 60);
		snprintf(token, sizeof(token), "%lld", (long long)wait);
		http_header(&r->http, "Retry-After", token);
		login_show(r, 429, v, msg);
		return;
	case LOGIN_DISABLED:
		login_show(r, 403, v, N_("This account has been switched off. "
		    "Contact the platform's support."));
		return;
	default:
		break;
	}
	if (role != r->app->role) {
		snprintf(msg, sizeof(msg), tr(r, "This is a %s account; sign in "
		    "at /%s/ instead."), tr(r, role_words[role]),
		    role_names[role]);
		login_show(r, 403, v, msg);
		return;
	}
	/* A new session id at every sign-in: no fixation. */
	if (session_create(r->app->db, uid, r->http.user_agent, r->now,
	    token) != RC_OK) {
		page_fail(r);
		return;
	}
	if (r->signed_in)
		session_destroy(r->app->db,
		    fields_str(&r->cookies, COOKIE_SESSION));
	http_cookie(&r->http, COOKIE_SESSION, token, r->app->prefix, -1);
	http_cookie(&r->http, COOKIE_PRE, "", r->app->prefix, 0);
	next = req_field(r, "next");
	page_redirect(r, next != NULL && safe_next(next) ? next :
	    r->app->routes[0].pattern, NULL);
}

/* /logout: POST ends the session; 303 to the sign-in page. */
static void
send_logout(struct req *r)
{
	if (session_destroy(r->app->db,
	    fields_str(&r->cookies, COOKIE_SESSION)) != RC_OK) {
		page_fail(r);
		return;
	}
	http_cookie(&r->http, COOKIE_SESSION, "", r->app->prefix, 0);
	page_redirect(r, "login", "signed_out");
}

/*
 * /lang?to=CODE&back=PATH (GET, public): remembers the language in a
 * cookie for the whole site and answers 303 to back (a path below the
 * prefix) or the start page; an unknown code changes nothing.
 */
static void
send_lang(struct req *r)
{
	const char *to = fields_str(&r->query, "to");
	const char *back = fields_str(&r->query, "back");
	size_t i;

	for (i = 0; to != NULL && i < LANG__MAX; i++)
		if (strcmp(to, lang_codes[i]) == 0)
			http_cookie(&r->http, COOKIE_LANG, lang_codes[i], "/",
			    365L * 86400);
	page_redirect(r, back != NULL && safe_next(back) ? back :
	    r->app->routes[0].pattern, NULL);
}

/* Finds the route for path; sets r->route and r->ids. */
static const struct route *
find_route(struct req *r)
{
	size_t i;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (route_match(builtin[i].pattern, r->path, r->ids))
			return &builtin[i];
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

/* Loads the session from its cookie; returns -1 after answering 500. */
static int
load_session(struct req *r, bool *expired)
{
	const char *token = fields_str(&r->cookies, COOKIE_SESSION);
	const char *pre = fields_str(&r->cookies, COOKIE_PRE);
	enum rc rc;

	*expired = false;
	if (token != NULL) {
		rc = session_load(r->app->db, &r->app->cfg, token, r->now,
		    &r->sess, expired);
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

/* tmpl_load_all() callback: the catalogue's translation. */
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
	if (i18n_load(app->cfg.locale_dir, &err) != 0 ||
	    tmpl_load_all(app->cfg.template_dir, LANG__MAX, translate, &err) !=
	    0)
		goto fail;
	if (!form_secret_ok(app->cfg.form_secret)) {
		err = xasprintf("form_secret must be set to at least %d "
		    "characters (the key that signs the forms)", FORM_SECRET_MIN);
		goto fail;
	}
	if ((app->db = db_open(&app->cfg, 0, &err)) == NULL)
		goto fail;
	if (db_prepare_all(app->db, &err) != 0)
		goto fail;
	if (http_init() != 0)
		return 1;
	memset(&r, 0, sizeof(r));
	while (http_accept(&r.http) == 0) {
		r.app = app;
		clock_load_offset(app->cfg.clock_offset_file);
		r.now = clock_now();
		if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
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
