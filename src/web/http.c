/* http.c: the request/response loop over fcgi2 (fcgiapp.h); no other module touches FastCGI. */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <fastcgi.h>
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
	/*
	 * Fixed malloc thresholds (setting them turns glibc's adjustment
	 * off): a block of 128 KiB or more (a long list's result set, a
	 * large page, a decoded photo) is mapped on its own and given back
	 * when freed, and the heap's free top is given back from 128 KiB.
	 * Left dynamic, glibc raises both to the largest block ever freed
	 * (up to 32 and 64 MiB), and a process keeps what its biggest
	 * request took for good (issue 12: at most 10 MB per process).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 128 * 1024);
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

/* How long without a request makes a process idle (http_accept()). */
#define HTTP_IDLE_MS	100

/*
 * Waits at most ms for the web server's next connection on that socket
 * without taking it; returns whether none came (the process is idle).
 * False at once when stdin is not a listening socket (a CGI run).
 */
static bool
http_idle(int ms)
{
	struct pollfd p = { .fd = FCGI_LISTENSOCK_FILENO, .events = POLLIN };

	if (FCGX_IsCGI())
		return false;
	return poll(&p, 1, ms) == 0;
}

int
http_accept(struct http_req *r)
{
	FCGX_Request *f;
	const char *m;

	/*
	 * The heap's free top goes back at 128 KiB (http_init()), but what a
	 * long page freed below something that lasts (a page kept for the
	 * cache, a statement prepared on first use) stays resident: after
	 * the statistics of a busy shop, 1.5 MB. Giving it all back
	 * (malloc_trim) costs faulting those pages in again, so it is done
	 * only when no request came for HTTP_IDLE_MS: under load the next
	 * one is already waiting and nothing is done.
	 */
	if (http_idle(HTTP_IDLE_MS))
		malloc_trim(0);
	f = xcalloc(1, sizeof(*f));
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

/*
 * Reads what is left of the request's stdin and throws it away; returns
 * whether its end was reached (false: the connection failed first).
 */
static bool
drain_stdin(FCGX_Request *f)
{
	char sink[65536];

	while (FCGX_GetStr(sink, sizeof(sink), f->in) > 0)
		;
	return FCGX_HasSeenEOF(f->in) == EOF;
}

enum rc
http_read_body(struct http_req *r, size_t max)
{
	FCGX_Request *f = r->fcgi;
	int n;

	if (r->content_length > max) {
		/* Drain it, so the web server is not cut off mid-send. */
		(void)drain_stdin(f);
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

/*
 * An answer larger than this goes out by send_stdout(); a smaller one
 * through fcgi2's stream, which holds it until the request ends and then
 * writes it in one go.
 */
#define HTTP_RAW_MIN	8000

/* The largest content of one FastCGI record, a multiple of 8. */
#define RECORD_MAX	65528

/* Fills h as the header of a stdout record of n bytes of request id. */
static void
stdout_header(FCGI_Header *h, int id, size_t n)
{
	memset(h, 0, sizeof(*h));
	h->version = FCGI_VERSION_1;
	h->type = FCGI_STDOUT;
	h->requestIdB1 = (unsigned char)((id >> 8) & 0xff);
	h->requestIdB0 = (unsigned char)(id & 0xff);
	h->contentLengthB1 = (unsigned char)((n >> 8) & 0xff);
	h->contentLengthB0 = (unsigned char)(n & 0xff);
}

/* Writes every byte of iov (cnt entries, changed on the way); -1 when the connection is gone. */
static int
writev_all(int fd, struct iovec *iov, int cnt)
{
	ssize_t w;

	while (cnt > 0) {
		if ((w = writev(fd, iov, cnt > IOV_MAX ? IOV_MAX : cnt)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (cnt > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/*
 * Writes the header lines and the body as the request's stdout records,
 * in one writev() where the socket takes it all. Written by hand because
 * fcgi2's stream has a fixed 8 KiB buffer and writes a record each time it
 * fills: a 50 KB page cost seven write() calls, each waking the web
 * server (a third of a cached page's time under perf). Records of the
 * FastCGI specification (fastcgi.h); fcgi2 still ends the stream and the
 * request (FCGX_Finish_r). Returns 0, or -1 when the connection is gone.
 */
static int
send_stdout(FCGX_Request *f, const struct buf *head, const void *body,
    size_t n)
{
	FCGI_Header *hdrs;
	struct iovec *iov;
	size_t records = 1 + (n + RECORD_MAX - 1) / RECORD_MAX, i, off;
	int cnt = 0, rc;

	assert(head->len <= RECORD_MAX);
	if (FCGX_FFlush(f->out) != 0)
		return -1;
	hdrs = xcalloc(records, sizeof(*hdrs));
	iov = xcalloc(records * 2, sizeof(*iov));
	stdout_header(&hdrs[0], f->requestId, head->len);
	iov[cnt++] = (struct iovec){ &hdrs[0], sizeof(hdrs[0]) };
	iov[cnt++] = (struct iovec){ head->data, head->len };
	for (i = 1, off = 0; off < n; i++, off += RECORD_MAX) {
		size_t len = n - off < RECORD_MAX ? n - off : RECORD_MAX;

		stdout_header(&hdrs[i], f->requestId, len);
		iov[cnt++] = (struct iovec){ &hdrs[i], sizeof(hdrs[i]) };
		iov[cnt++] = (struct iovec){ (char *)body + off, len };
	}
	rc = writev_all(f->ipcFd, iov, cnt);
	free(iov);
	free(hdrs);
	return rc;
}

void
http_send(struct http_req *r, int status, const char *ctype,
    const void *body, size_t n)
{
	FCGX_Request *f = r->fcgi;
	const char *text = "Unknown";
	char head[256];
	size_t i, sendn;

	if (r->sent)
		return;
	r->sent = true;
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == status)
			text = statuses[i].text;
	/* fcgi2's own printf knows no %zu: format here. */
	snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n", status, text, ctype, n);
	sendn = r->head ? 0 : n;
	if (sendn + r->headers.len >= HTTP_RAW_MIN && r->headers.len < 4096) {
		struct buf all = { 0 };

		buf_puts(&all, head);
		buf_puts(&all, http_secure_headers);
		buf_add(&all, r->headers.data != NULL ? r->headers.data : "",
		    r->headers.len);
		buf_puts(&all, "\r\n");
		if (send_stdout(f, &all, body, sendn) != 0)
			log_warn("the web server closed the connection");
		buf_release(&all);
	} else {
		FCGX_PutS(head, f->out);
		FCGX_PutStr(http_secure_headers,
		    (int)strlen(http_secure_headers), f->out);
		if (r->headers.len > 0)
			FCGX_PutStr(r->headers.data, (int)r->headers.len,
			    f->out);
		FCGX_PutS("\r\n", f->out);
		if (sendn > 0)
			FCGX_PutStr(body, (int)sendn, f->out);
	}
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
		/*
		 * fcgi2 closes a connection by shutting down its side and
		 * waiting up to two seconds for the web server to close the
		 * other (against a TCP reset eating the answer): the process
		 * blocks in poll() until the server has read the answer, and a
		 * server that keeps its end open holds the process. Once the
		 * request's stdin has been read to its end, nothing the server
		 * sent is left unread, so a plain close loses nothing: marking
		 * the request detached makes FCGX_Finish_r() close without the
		 * wait (fcgi2's os_unix.c, OS_Close()).
		 */
		if (drain_stdin(f))
			(void)FCGX_Detach(f);
		FCGX_Finish_r(f);
		free(f);
	}
	free(r->path);
	free(r->body);
	buf_release(&r->headers);
	buf_release(&r->kept);
	memset(r, 0, sizeof(*r));
}
