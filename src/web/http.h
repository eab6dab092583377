/* http.h: one HTTP request and its response over FastCGI; the only module that knows fcgiapp.h. */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rc.h"
#include "base/util.h"

enum http_method {
	HTTP_GET,	/* GET and HEAD */
	HTTP_POST,
	HTTP_OTHER,
	HTTP__MAX
};

/*
 * One request as the web server handed it over, and the response being
 * built. Strings point into the FastCGI parameters and live until
 * http_finish(); body and the response buffers are owned here.
 */
struct http_req {
	void			*fcgi;	/* FCGX_Request */
	enum http_method	 method;
	bool			 head;	/* HEAD: send headers only */
	char			*path;	/* the URI's path, %-decoded; owned */
	const char		*query;	/* raw query string, "" when none */
	const char		*content_type;	/* "" when none */
	size_t			 content_length;
	const char		*cookie;	/* Cookie header, "" when none */
	const char		*user_agent;
	const char		*accept_language;
	const char		*remote_addr;
	const char		*forwarded_for;	/* X-Forwarded-For, "" when none */
	bool			 https;
	char			*body;	/* request body after http_read_body */
	size_t			 bodysz;
	struct buf		 headers;	/* extra response header lines */
	bool			 sent;
	/* Set by the caller before the answer: http_send() keeps a copy. */
	bool			 keep;
	int			 kept_status;	/* 0: nothing kept */
	char			 kept_ctype[64];
	struct buf		 kept;	/* the body */
};

/*
 * Prepares the FastCGI library; call once before the first accept.
 * Returns 0 or -1 (logged).
 */
int	http_init(void);

/*
 * Waits for the next request on the FastCGI socket the web server gave us
 * (stdin) and fills r. Returns 0, or -1 when the program should exit
 * (the server closed the socket or asked us to stop). A process that
 * waits longer than 100 ms first gives the free pages of its heap back.
 */
int	http_accept(struct http_req *r);

/*
 * Reads the request body into r->body when it is at most max bytes.
 * Returns RC_OK, RC_TOOBIG (the body is drained and dropped) or RC_SYS
 * when the body ended early (logged).
 */
enum rc	http_read_body(struct http_req *r, size_t max);

/*
 * The FastCGI parameter name of the request, e.g. "HTTP_AUTHORIZATION"
 * for a request header; "" when absent. Lives until http_finish().
 */
const char *http_param(const struct http_req *r, const char *name);

/* Adds a response header line; name and value must not hold CR or LF. */
void	http_header(struct http_req *r, const char *name, const char *value);

/*
 * Adds a Set-Cookie header: HttpOnly, SameSite=Lax, the given Path, and
 * Secure when the request came over HTTPS. maxage < 0 makes a session
 * cookie, 0 deletes it.
 */
void	http_cookie(struct http_req *r, const char *name, const char *value,
	    const char *path, long maxage);

/*
 * Sends the status line, the common security headers (http_secure()),
 * the extra headers, and n bytes of body with Content-Type ctype. Only
 * the first call per request sends anything. With r->keep set, also
 * copies status, ctype (when it fits kept_ctype) and body to the kept_
 * fields, for the pages' cache (app/pagecache.h).
 */
void	http_send(struct http_req *r, int status, const char *ctype,
	    const void *body, size_t n);

/*
 * Sends a stored file (evidence) with status 200: its detected type, a
 * fixed file name for saving, nosniff, and a CSP that sandboxes it, so
 * that nothing in it can run or reach this site even if opened directly.
 */
void	http_send_file(struct http_req *r, const char *ctype, const void *data,
	    size_t n, const char *filename);

/*
 * Sends a 303 See Other to location (a path on this server) with a short
 * body, for answering POSTs and for redirects to the login page.
 */
void	http_redirect(struct http_req *r, const char *location);

/* Ends the request and frees what it holds; r can be reused. */
void	http_finish(struct http_req *r);

/* The security headers every response carries, as header lines. */
extern const char http_secure_headers[];

#endif /* HTTP_H */
