/* http.c: the request/response loop over fcgi2 (fcgiapp.h); no other module touches FastCGI. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "web/http.h"
#include "base/log.h"

/*
 * img-src allows https: for the items' pictures, which the shop platform
 * hosts (order_lines.picture_url; the pages emit only https URLs or
 * /static/ paths, see picture_safe()); nothing else loads from elsewhere.
 */
const char http_secure_headers[] =
    "Content-Security-Policy: default-src 'none'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cache-Control: no-store\r\n";

static const struct {
	int		 code;
	const char	*text;
} statuses[] = {
	{ 200, "OK" }, { 201, "Created" }, { 303, "See Other" }, { 304, "Not Modified" },
	{ 400, "Bad Request" }, { 401, "Unauthorized" },
	{ 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 409, "Conflict" },
	{ 413, "Content Too Large" }, { 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

int
http_init(void)
{
	if (FCGX_Init() != 0) {
		log_err("FCGX_Init failed");
		return -1;
	}
	return 0;
}

static const char *
param(FCGX_Request *f, const char *name)
{
	const char *v = FCGX_GetParam(name, f->envp);

	return v != NULL ? v : "";
}

const char *
http_param(const struct http_req *r, const char *name)
{
	return param(r->fcgi, name);
}

/* Copies the path part of a request URI, %-decoded; a bad escape or NUL stays as typed. */
static char *
uri_path(const char *uri)
{
	size_t n = strcspn(uri, "?#"), i, o = 0;
	char *p = xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (uri[i] == '%' && i + 2 < n &&
		    (hi = hex_digit(uri[i + 1])) >= 0 &&
		    (lo = hex_digit(uri[i + 2])) >= 0 && (hi | lo) != 0) {
			p[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			p[o++] = uri[i];
	}
	p[o] = '\0';
	return p;
}

int
http_accept(struct http_req *r)
{
	FCGX_Request *f = xcalloc(1, sizeof(*f));
	const char *m;

	memset(r, 0, sizeof(*r));
	if (FCGX_InitRequest(f, 0, 0) != 0 || FCGX_Accept_r(f) < 0) {
		free(f);
		return -1;
	}
	r->fcgi = f;
	m = param(f, "REQUEST_METHOD");
	r->head = strcmp(m, "HEAD") == 0;
	if (strcmp(m, "GET") == 0 || r->head)
		r->method = HTTP_GET;
	else if (strcmp(m, "POST") == 0)
		r->method = HTTP_POST;
	else
		r->method = HTTP_OTHER;
	r->path = uri_path(param(f, "REQUEST_URI"));
	r->query = param(f, "QUERY_STRING");
	r->content_type = param(f, "CONTENT_TYPE");
	r->content_length = (size_t)strtoull(param(f, "CONTENT_LENGTH"),
	    NULL, 10);
	r->cookie = param(f, "HTTP_COOKIE");
	r->user_agent = param(f, "HTTP_USER_AGENT");
	r->accept_language = param(f, "HTTP_ACCEPT_LANGUAGE");
	r->remote_addr = param(f, "REMOTE_ADDR");
	r->forwarded_for = param(f, "HTTP_X_FORWARDED_FOR");
	r->https = strcmp(param(f, "HTTPS"), "on") == 0 ||
	    strcmp(param(f, "REQUEST_SCHEME"), "https") == 0;
	return 0;
}

enum rc
http_read_body(struct http_req *r, size_t max)
{
	FCGX_Request *f = r->fcgi;
	char sink[65536];
	int n;

	if (r->content_length > max) {
		/* Drain it, so the web server is not cut off mid-send. */
		while (FCGX_GetStr(sink, sizeof(sink), f->in) > 0)
			;
		return RC_TOOBIG;
	}
	r->body = xmalloc(r->content_length + 1);
	n = FCGX_GetStr(r->body, (int)r->content_length, f->in);
	if (n < 0 || (size_t)n != r->content_length) {
		log_err("request body ended after %d of %zu bytes", n,
		    r->content_length);
		return RC_SYS;
	}
	r->body[n] = '\0';
	r->bodysz = (size_t)n;
	return RC_OK;
}

void
http_header(struct http_req *r, const char *name, const char *value)
{
	assert(strpbrk(name, "\r\n") == NULL && strpbrk(value, "\r\n") == NULL);
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
http_cookie(struct http_req *r, const char *name, const char *value,
    const char *path, long maxage)
{
	assert(strpbrk(value, ";\r\n ") == NULL);
	buf_printf(&r->headers, "Set-Cookie: %s=%s; Path=%s; HttpOnly; "
	    "SameSite=Lax%s", name, value, path, r->https ? "; Secure" : "");
	if (maxage >= 0)
		buf_printf(&r->headers, "; Max-Age=%ld", maxage);
	buf_puts(&r->headers, "\r\n");
}

void
http_send(struct http_req *r, int status, const char *ctype,
    const void *body, size_t n)
{
	FCGX_Request *f = r->fcgi;
	const char *text = "Unknown";
	char head[256];
	size_t i;

	if (r->sent)
		return;
	r->sent = true;
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == status)
			text = statuses[i].text;
	/* fcgi2's own printf knows no %zu: format here. */
	snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n", status, text, ctype, n);
	FCGX_PutS(head, f->out);
	FCGX_PutStr(http_secure_headers, (int)strlen(http_secure_headers),
	    f->out);
	if (r->headers.len > 0)
		FCGX_PutStr(r->headers.data, (int)r->headers.len, f->out);
	FCGX_PutS("\r\n", f->out);
	if (!r->head && n > 0)
		FCGX_PutStr(body, (int)n, f->out);
	if (r->keep && strlen(ctype) < sizeof(r->kept_ctype)) {
		r->kept_status = status;
		memcpy(r->kept_ctype, ctype, strlen(ctype) + 1);
		buf_add(&r->kept, body, n);
	}
}

void
http_send_file(struct http_req *r, const char *ctype, const void *data,
    size_t n, const char *filename)
{
	FCGX_Request *f = r->fcgi;
	char head[512];

	if (r->sent)
		return;
	r->sent = true;
	assert(strpbrk(filename, "\"\\\r\n;") == NULL);
	snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Content-Disposition: inline; filename=\"%s\"\r\n"
	    "Content-Security-Policy: default-src 'none'; img-src 'self'; "
	    "style-src 'unsafe-inline'; sandbox\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Cross-Origin-Resource-Policy: same-origin\r\n"
	    "Cache-Control: private, max-age=3600\r\n", ctype, n, filename);
	FCGX_PutS(head, f->out);
	if (r->headers.len > 0)
		FCGX_PutStr(r->headers.data, (int)r->headers.len, f->out);
	FCGX_PutS("\r\n", f->out);
	if (!r->head && n > 0)
		FCGX_PutStr(data, (int)n, f->out);
}

void
http_redirect(struct http_req *r, const char *location)
{
	static const char body[] = "See Other\n";

	http_header(r, "Location", location);
	http_send(r, 303, "text/plain; charset=utf-8", body, sizeof(body) - 1);
}

void
http_finish(struct http_req *r)
{
	FCGX_Request *f = r->fcgi;

	if (f != NULL) {
		FCGX_Finish_r(f);
		free(f);
	}
	free(r->path);
	free(r->body);
	buf_release(&r->headers);
	buf_release(&r->kept);
	memset(r, 0, sizeof(*r));
}
