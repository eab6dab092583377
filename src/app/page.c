/* page.c: what handlers answer with: pages in the shared layout, error and failure pages, redirects with a flash message, and the request's words, times and published policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/cookies.h"
#include "app/page.h"
#include "base/clock.h"
#include "base/stale.h"
#include "base/util.h"
#include "store/policy_store.h"
#include "store/talk_store.h"

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
	int64_t id, now_ms = stale_mono_ms();
	uint64_t gen = stale_gen();
	enum rc rc;

	*p = NULL;
	/*
	 * Which version is current, and its content, come from the store's
	 * process cache (at most a second old, or until a publication on
	 * this node); the copy here is taken again at most once a second.
	 */
	if ((rc = policy_current_id(app->db, &id)) != RC_OK)
		return rc;
	if (!app->have_policy || app->policy.id != id ||
	    !stale_fresh(app->policy_ms, app->policy_gen, now_ms)) {
		if (app->have_policy)
			policy_release(&app->policy);
		app->have_policy = false;
		if ((rc = policy_load_published(app->db, id, &app->policy)) !=
		    RC_OK)
			return rc;
		app->have_policy = true;
		app->policy_ms = now_ms;
		app->policy_gen = gen;
	}
	*p = &app->policy;
	return RC_OK;
}

enum rc
app_policy_versions(struct req *r, const struct policy_version **rows,
    size_t *rowsz)
{
	struct app *app = r->app;
	const struct policy *cur;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = app_policy(r, &cur)) != RC_OK && rc != RC_NOTFOUND)
		return rc;
	/* The list changes only when another version becomes current. */
	if (app->versions == NULL || rc == RC_NOTFOUND ||
	    app->versions_of != cur->id) {
		free(app->versions);
		app->versions = NULL;
		app->versionsz = 0;
		if ((rc = policy_versions(app->db, &app->versions,
		    &app->versionsz)) != RC_OK)
			return rc;
		app->versions_of = cur != NULL ? cur->id : 0;
	}
	*rows = app->versions;
	*rowsz = app->versionsz;
	return RC_OK;
}

const char *
tr(const struct req *r, const char *msgid)
{
	return i18n_tr(r->lang, msgid);
}

const char *
req_role(const struct req *r, enum role role)
{
	return tr(r, role_words[role]);
}

char *
req_time(const struct req *r, time_t t, char out[32])
{
	const char *tz = r->signed_in ? r->sess.user.timezone :
	    "Asia/Shanghai";
	char day[32], off[8] = "", zone[12];
	unsigned h, m;
	size_t n;

	clock_format(t, tz, r->lang == LANG_ZH ? "%Y年%-m月%-d日 %H:%M" :
	    "%d %b %Y %H:%M", day, sizeof(day));
	/* The zone as its offset from UTC ("UTC+8"), the same in both languages. */
	clock_format(t, tz, "%z", off, sizeof(off));
	h = ((unsigned)(off[1] - '0') * 10 + (unsigned)(off[2] - '0')) % 24;
	m = ((unsigned)(off[3] - '0') * 10 + (unsigned)(off[4] - '0')) % 60;
	if (strlen(off) != 5 || (h == 0 && m == 0))
		snprintf(zone, sizeof(zone), "UTC");
	else if (m != 0)
		snprintf(zone, sizeof(zone), "UTC%c%u:%02u", off[0], h, m);
	else
		snprintf(zone, sizeof(zone), "UTC%c%u", off[0], h);
	/* 31 bytes hold the longest: "2026年12月31日 21:00 UTC+5:30" but its space. */
	n = strlen(day);
	if (n + 1 + strlen(zone) < 32)
		day[n++] = ' ';
	day[n] = '\0';
	snprintf(out, 32, "%s", day);
	n = strlen(out);
	snprintf(out + n, 32 - n, "%s", zone);
	return out;
}

const char *
req_currency(const struct req *r, const char *code)
{
	return r->lang == LANG_ZH && strcmp(code, "CNY") == 0 ? "¥" : code;
}

/*
 * Sets HERE, where the language switch comes back to: the page's path and
 * its query string (so the request form keeps its order), encoded for a
 * query parameter; a query with other characters than login.c's
 * safe_next() takes is left out.
 */
static void
here_fill(const struct req *r, struct tmpl_dict *d)
{
	const char *q = r->http.query != NULL ? r->http.query : "";
	char here[512];
	size_t n = 0, i;

	snprintf(here, sizeof(here), "%s", r->path != NULL ? r->path : "");
	n = strlen(here);
	if (*q != '\0' && strspn(q, "abcdefghijklmnopqrstuvwxyz0123456789_-=&") ==
	    strlen(q) && n + 3 * strlen(q) + 4 < sizeof(here)) {
		n += (size_t)snprintf(here + n, sizeof(here) - n, "%%3F");
		for (i = 0; q[i] != '\0'; i++)
			n += (size_t)snprintf(here + n, sizeof(here) - n,
			    q[i] == '&' ? "%%26" : q[i] == '=' ? "%%3D" : "%c",
			    q[i]);
	}
	tmpl_set(d, "HERE", here);
}

/*
 * Sets *n to the user's count of cases with news: the one the process
 * read less than a second ago while no process of the node wrote since
 * (base/stale.h; a new message or a read marker is a write), else read
 * now. Returns RC_OK or RC_DB.
 */
static enum rc
unread_count(struct req *r, int64_t *n)
{
	struct unread_cached *c = &r->app->unread[(uint64_t)r->sess.user.id %
	    UNREAD_SLOTS];
	int64_t now_ms = stale_mono_ms();
	uint64_t gen = stale_data_gen();
	enum rc rc;

	if (c->user_id == r->sess.user.id &&
	    stale_data_fresh(c->made_ms, c->gen, now_ms)) {
		*n = c->n;
		return RC_OK;
	}
	rc = talk_unread_count(r->app->db, r->sess.user.id,
	    r->sess.user.role == ROLE_SELLER, n);
	if (rc == RC_OK)
		*c = (struct unread_cached){ r->sess.user.id, *n, now_ms, gen };
	return rc;
}

/*
 * Shows UNREAD in the header of the buyer's and the seller's desk: how
 * many cases have news for the signed-in user (a seller: open ones), with
 * a link to their list. Read only; a failure shows no count.
 */
static void
unread_fill(struct req *r, struct tmpl_dict *d)
{
	struct tmpl_dict *s;
	char text[64];
	int64_t n;

	if (!r->signed_in || r->sess.user.role != r->app->role ||
	    r->sess.user.role == ROLE_ADMIN || r->app->db == NULL ||
	    db_unavailable(r->app->db) || unread_count(r, &n) != RC_OK ||
	    n == 0)
		return;
	s = tmpl_add_section(d, "UNREAD");
	tmpl_set_int(s, "COUNT", n);
	snprintf(text, sizeof(text), i18n_ntr(r->lang, "%d case with news",
	    "%d cases with news", (unsigned long)n), (int)n);
	tmpl_set(s, "TEXT", text);
	tmpl_set(s, "HREF", r->sess.user.role == ROLE_SELLER ?
	    "cases?tab=open" : "cases");
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
	here_fill(r, d);
	if (r->signed_in) {
		s = tmpl_add_section(d, "USER");
		tmpl_set(s, "DISPLAY_NAME", r->sess.user.display_name);
		tmpl_set(s, "LOGIN", r->sess.user.login);
		tmpl_set(s, "ROLE", req_role(r, r->sess.user.role));
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
	unread_fill(r, d);
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

int
page_form_token(struct req *r, int64_t case_id, const char *purpose,
    char out[FORM_TOKEN_SIZE])
{
	struct page_token *t;

	if (form_token_make(r->app->cfg.form_secret, r->sess.user.id, case_id,
	    purpose, r->now, out) != 0)
		return -1;
	if (r->tokensz == PAGE_TOKENS_MAX || strlen(purpose) >=
	    sizeof(t->purpose)) {
		r->uncacheable = true;
		return 0;
	}
	t = &r->tokens[r->tokensz++];
	t->case_id = case_id;
	memcpy(t->purpose, purpose, strlen(purpose) + 1);
	memcpy(t->token, out, strlen(out) + 1);
	return 0;
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
