/* login.c: the routes every program has besides its own: /login, /logout and /lang. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/cookies.h"
#include "app/login.h"

/* Tells whether next (from a login form) is a safe path below the prefix. */
static bool
safe_next(const char *next)
{
	size_t n = strspn(next, "abcdefghijklmnopqrstuvwxyz0123456789/_-");

	/* A path below the prefix, with a plain query string at most. */
	if (next[n] == '?')
		n += 1 + strspn(next + n + 1,
		    "abcdefghijklmnopqrstuvwxyz0123456789_-=&");
	return next[0] != '\0' && next[0] != '/' && next[n] == '\0' &&
	    strstr(next, "//") == NULL && strlen(next) < 200;
}

/*
 * Writes the client's address to out: the web server's REMOTE_ADDR, or,
 * only when the request comes from the configured trusted_proxy, the last
 * address of X-Forwarded-For (the one that proxy added; earlier ones are
 * whatever the client typed). Without trusted_proxy the header is ignored.
 */
static void
client_addr(const struct req *r, char *out, size_t outsz)
{
	const char *xff = r->http.forwarded_for, *last;
	size_t n;

	snprintf(out, outsz, "%s", r->http.remote_addr);
	if (*r->app->cfg.trusted_proxy == '\0' || *xff == '\0' ||
	    strcmp(r->http.remote_addr, r->app->cfg.trusted_proxy) != 0)
		return;
	last = strrchr(xff, ',');
	last = last != NULL ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strcspn(last, " \t");
	if (n > 0 && n < outsz)
		snprintf(out, outsz, "%.*s", (int)n, last);
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
	char heading[200];

	snprintf(heading, sizeof(heading), tr(r, N_("Sign in to the %s")),
	    tr(r, r->app->title));
	tmpl_set(d, "HEADING", heading);
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
 * or an account of another role; 429 with Retry-After while a delay after
 * failures from this address or for this login runs (login_check(): the
 * same for unknown and known logins); 503 with Retry-After when too many
 * passwords are being checked on the host at once.
 */
static void
send_login(struct req *r)
{
	struct form_value v[2];
	enum login_result result;
	enum role role;
	int64_t uid = 0, wait;
	char token[TOKEN_LEN + 1], msg[200], addr[64];
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
	client_addr(r, addr, sizeof(addr));
	if (login_check(r->app->db, &r->app->cfg, v[0].raw, v[1].raw, addr,
	    r->now, &result, &uid, &role, &wait) != RC_OK) {
		page_fail(r);
		return;
	}
	switch (result) {
	case LOGIN_BAD:
		login_show(r, 403, v, N_("The login name or the password is "
		    "wrong. Check them and try again."));
		return;
	case LOGIN_THROTTLED:
		/* The same words for every login, known or not. */
		snprintf(msg, sizeof(msg), i18n_ntr(r->lang, "Too many failed "
		    "attempts to sign in. Try again in %lld second.", "Too many "
		    "failed attempts to sign in. Try again in %lld seconds.",
		    (unsigned long)wait), (long long)wait);
		snprintf(token, sizeof(token), "%lld", (long long)wait);
		http_header(&r->http, "Retry-After", token);
		login_show(r, 429, v, msg);
		return;
	case LOGIN_BUSY:
		http_header(&r->http, "Retry-After", "1");
		login_show(r, 503, v, N_("Many people are signing in right now. "
		    "Try again in a moment."));
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
		    "at /%s/ instead."), req_role(r, role),
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
	if (r->signed_in) {
		session_cache_drop(&r->app->sessions,
		    fields_str(&r->cookies, COOKIE_SESSION));
		session_destroy(r->app->db,
		    fields_str(&r->cookies, COOKIE_SESSION));
	}
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
	/* Ended at once in this process, within a second everywhere. */
	session_cache_drop(&r->app->sessions,
	    fields_str(&r->cookies, COOKIE_SESSION));
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

const struct route login_routes[] = {
	{ "login", send_login, REQ_GET | REQ_POST | REQ_PUBLIC | REQ_ANYROLE },
	{ "logout", send_logout, REQ_POST | REQ_ANYROLE },
	{ "lang", send_lang, REQ_GET | REQ_PUBLIC },
};
const size_t login_routesz = sizeof(login_routes) / sizeof(login_routes[0]);
