/* app.h: what the three programs share: struct app and struct req, and the accept loop with dispatch and its guards (app_main). */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/*
 * The types of struct app and struct req, and what every handler uses,
 * so that a program or page includes this header alone.
 */
#include "base/config.h"	/* struct config */
#include "base/i18n.h"		/* enum lang; N_() and lang_codes */
#include "base/token.h"		/* FORM_TOKEN_SIZE */
#include "core/policy.h"	/* struct policy */
#include "store/db.h"		/* struct db; the queries handlers run */
#include "web/form.h"		/* struct fields; the form layer */
#include "web/http.h"		/* struct http_req; headers and cookies */
#include "web/route.h"		/* struct route, REQ_*, ROUTE_IDS */
#include "web/tmpl.h"		/* struct tmpl_dict; the dictionaries */
#include "store/session.h"	/* struct session, enum role */
#include "app/page.h"		/* page_*(), req_*(), tr(): the answers */

struct policy_version;
struct pagecache;	/* app/pagecache.h */

/* A user's count of cases with news, as the header showed it (page.c). */
struct unread_cached {
	int64_t		 user_id;	/* 0: empty */
	int64_t		 n;
	int64_t		 made_ms;	/* stale_mono_ms() before the statement */
	uint64_t	 gen;	/* stale_data_gen() before it */
};

#define UNREAD_SLOTS	64

/* The most form tokens one page may carry and still be cached. */
#define PAGE_TOKENS_MAX	64

/* A form token a page carries (page_form_token()). */
struct page_token {
	int64_t		 case_id;
	char		 purpose[32];
	char		 token[FORM_TOKEN_SIZE];
};

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
	/* Per-process caches, at most a second old (base/stale.h). */
	int64_t			 policy_ms;	/* when policy was copied */
	uint64_t		 policy_gen;
	struct policy_version	*versions;	/* app_policy_versions() */
	size_t			 versionsz;
	int64_t			 versions_of;	/* the current id they were read with */
	struct session_cache	 sessions;
	struct pagecache	*pages;	/* app/pagecache.h */
	struct unread_cached	 unread[UNREAD_SLOTS];	/* by user id */
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
	/* The form tokens of the page, so that a cached copy gets new ones. */
	struct page_token	 tokens[PAGE_TOKENS_MAX];
	size_t			 tokensz;
	bool			 uncacheable;	/* more tokens than that */
};

/*
 * Runs the program: loads the configuration, opens the database and
 * prepares every statement, loads every template (exits 1 with a message
 * on stderr if any of that fails), then serves requests until the web
 * server stops it. Returns the exit status.
 */
int	app_main(struct app *app);

#endif /* APP_H */
