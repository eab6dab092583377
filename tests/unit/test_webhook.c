/* test_webhook.c: tests of the webhook call against a scripted HTTP server that runs on a thread of the test process, on 127.0.0.1 only. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "executor/webhook.h"

/* What webhook.c promises to read of an answer at most. */
#define ANSWER_MAX	(64 * 1024)

/* Most requests one test may record, and most bytes of one request. */
#define SEEN_MAX	8
#define REQUEST_MAX	(256 * 1024)

/* One scripted answer of the server. */
struct step {
	int		 status;
	const char	*headers;	/* extra header lines, each ending "\r\n" */
	const char	*body;		/* the body; NULL: fill bytes of 'x' */
	size_t		 fill;
	size_t		 declared;	/* Content-Length to claim; 0: the real one */
	int		 delay_ms;	/* sleep after reading, before answering */
	int		 stall_ms;	/* sleep after the body, before closing */
	bool		 silent;	/* close without answering */
};

/* One request as the server read it. */
struct seen {
	char	 method[16];
	char	 path[256];
	char	 head[8192];	/* the header lines, "\r\n"-separated */
	char	*body;		/* NUL-terminated; free() */
	size_t	 bodysz;
};

/* The server: a listening socket, its thread, its script and its record. */
struct server {
	int			 fd;
	int			 port;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;
	bool			 busy;	/* serving a connection */
	const struct step	*steps;
	size_t			 stepsz;
	size_t			 next;	/* steps used */
	struct seen		 seen[SEEN_MAX];
	size_t			 seensz;
	size_t			 answered;	/* connections done with */
};

static struct server srv = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
};

/* The answer when the script has run out. */
static const struct step step_unscripted = { .status = 599, .body = "" };

/* Sleeps ms milliseconds. */
static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* Returns the monotonic clock in milliseconds. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sets ts to the wall clock ms milliseconds from now, for timed waits. */
static void
deadline(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Sends all n bytes of p; returns 0, or -1 when the peer went away. */
static int
send_all(int fd, const void *p, size_t n)
{
	const char *q = p;
	ssize_t k;

	while (n > 0) {
		if ((k = send(fd, q, n, MSG_NOSIGNAL)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		q += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Returns the reason phrase of an HTTP status the script uses. */
static const char *
reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 302:
		return "Found";
	case 500:
		return "Internal Server Error";
	default:
		return "Whatever";
	}
}

/*
 * Copies the value of header name in head (a "\r\n"-separated block of
 * header lines) into out; returns out, or NULL when there is none.
 */
static char *
header_get(const char *head, const char *name, char *out, size_t outsz)
{
	size_t namesz = strlen(name), n;
	const char *line, *end, *v;

	for (line = head; *line != '\0'; line = end + 2) {
		if ((end = strstr(line, "\r\n")) == NULL)
			end = line + strlen(line);
		if ((size_t)(end - line) > namesz && line[namesz] == ':' &&
		    strncasecmp(line, name, namesz) == 0) {
			for (v = line + namesz + 1; *v == ' '; v++)
				continue;
			n = (size_t)(end - v);
			if (n >= outsz)
				n = outsz - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return out;
		}
		if (*end == '\0')
			break;
	}
	return NULL;
}

/*
 * Reads one request from fd into s (body allocated); returns 0, or -1 on
 * a malformed or truncated request.
 */
static int
request_read(int fd, struct seen *s)
{
	char *req = malloc(REQUEST_MAX + 1), *eoh = NULL, *line, *sp;
	size_t len = 0, headsz = 0, bodysz = 0;
	char cl[32];
	ssize_t k;
	int rv = -1;

	if (req == NULL)
		goto out;
	for (;;) {
		req[len] = '\0';
		if (eoh == NULL && (eoh = strstr(req, "\r\n\r\n")) != NULL) {
			*eoh = '\0';
			if ((line = strstr(req, "\r\n")) == NULL)
				goto out;
			headsz = (size_t)(eoh - req) + 4;
			bodysz = header_get(line + 2, "Content-Length", cl,
			    sizeof(cl)) != NULL ? strtoul(cl, NULL, 10) : 0;
			if (headsz + bodysz > REQUEST_MAX)
				goto out;
		}
		if (eoh != NULL && len >= headsz + bodysz)
			break;
		if (len == REQUEST_MAX)
			goto out;
		if ((k = recv(fd, req + len, REQUEST_MAX - len, 0)) <= 0) {
			if (k == -1 && errno == EINTR)
				continue;
			goto out;
		}
		len += (size_t)k;
	}
	line = strstr(req, "\r\n");
	*line = '\0';
	if ((sp = strchr(req, ' ')) == NULL)
		goto out;
	snprintf(s->method, sizeof(s->method), "%.*s", (int)(sp - req), req);
	snprintf(s->path, sizeof(s->path), "%.*s", (int)strcspn(sp + 1, " "),
	    sp + 1);
	snprintf(s->head, sizeof(s->head), "%s", line + 2);
	if ((s->body = malloc(bodysz + 1)) == NULL)
		goto out;
	memcpy(s->body, req + headsz, bodysz);
	s->body[bodysz] = '\0';
	s->bodysz = bodysz;
	rv = 0;
out:
	free(req);
	return rv;
}

/* Sends the answer st on fd, as the script says, and stalls if asked. */
static void
answer_send(int fd, const struct step *st)
{
	size_t bodysz = st->body != NULL ? strlen(st->body) : st->fill;
	char head[1024], *fill = NULL;
	int n;

	n = snprintf(head, sizeof(head),
	    "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: close\r\n"
	    "%s\r\n", st->status, reason(st->status),
	    st->declared != 0 ? st->declared : bodysz,
	    st->headers != NULL ? st->headers : "");
	if (send_all(fd, head, (size_t)n) == -1)
		return;
	if (st->body != NULL) {
		send_all(fd, st->body, bodysz);
	} else if ((fill = malloc(bodysz)) != NULL) {
		memset(fill, 'x', bodysz);
		send_all(fd, fill, bodysz);
		free(fill);
	}
	if (st->stall_ms > 0)
		sleep_ms(st->stall_ms);
}

/*
 * Serves one connection: reads a request, records it, takes the next
 * step of the script, sleeps if the step says so, answers and closes.
 */
static void
serve(int fd)
{
	struct timeval tv = { 2, 0 };
	struct seen s;
	const struct step *st = &step_unscripted;

	memset(&s, 0, sizeof(s));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (request_read(fd, &s) == -1) {
		free(s.body);
		return;
	}
	pthread_mutex_lock(&srv.mu);
	if (srv.seensz < SEEN_MAX)
		srv.seen[srv.seensz++] = s;
	else
		free(s.body);
	if (srv.next < srv.stepsz)
		st = &srv.steps[srv.next++];
	pthread_cond_broadcast(&srv.cv);
	pthread_mutex_unlock(&srv.mu);
	if (st->delay_ms > 0)
		sleep_ms(st->delay_ms);
	if (!st->silent)
		answer_send(fd, st);
}

/* The server thread: accepts and serves connections one at a time. */
static void *
server_main(void *arg)
{
	struct pollfd pfd;
	int fd;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&srv.mu);
		if (srv.stop) {
			pthread_mutex_unlock(&srv.mu);
			break;
		}
		pthread_mutex_unlock(&srv.mu);
		pfd.fd = srv.fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		if ((fd = accept(srv.fd, NULL, NULL)) == -1)
			continue;
		pthread_mutex_lock(&srv.mu);
		srv.busy = true;
		pthread_mutex_unlock(&srv.mu);
		serve(fd);
		close(fd);
		pthread_mutex_lock(&srv.mu);
		srv.busy = false;
		srv.answered++;
		pthread_cond_broadcast(&srv.cv);
		pthread_mutex_unlock(&srv.mu);
	}
	return NULL;
}

/*
 * Opens a TCP socket on 127.0.0.1 and an ephemeral port; returns it and
 * sets *port, or returns -1. It listens when listening is true.
 */
static int
loopback_socket(bool listening, int *port)
{
	struct sockaddr_in sin;
	socklen_t sinsz = sizeof(sin);
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    (listening && listen(fd, 8) == -1) ||
	    getsockname(fd, (struct sockaddr *)&sin, &sinsz) == -1) {
		close(fd);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return fd;
}

/* Group setup: starts the server. */
static int
server_start(void **state)
{
	(void)state;
	if ((srv.fd = loopback_socket(true, &srv.port)) == -1)
		return -1;
	if (pthread_create(&srv.thread, NULL, server_main, NULL) != 0) {
		close(srv.fd);
		return -1;
	}
	return 0;
}

/* Frees the recorded requests; the caller holds srv.mu. */
static void
seen_clear(void)
{
	size_t i;

	for (i = 0; i < srv.seensz; i++)
		free(srv.seen[i].body);
	memset(srv.seen, 0, sizeof(srv.seen));
	srv.seensz = 0;
}

/* Group teardown: stops the server. */
static int
server_stop(void **state)
{
	(void)state;
	pthread_mutex_lock(&srv.mu);
	srv.stop = true;
	pthread_mutex_unlock(&srv.mu);
	pthread_join(srv.thread, NULL);
	close(srv.fd);
	seen_clear();
	return 0;
}

/*
 * Gives the server a new script once it is idle (a failed test may have
 * left it busy) and forgets what it saw.
 */
static void
script(const struct step *steps, size_t stepsz)
{
	struct timespec ts;

	deadline(&ts, 5000);
	pthread_mutex_lock(&srv.mu);
	while (srv.busy &&
	    pthread_cond_timedwait(&srv.cv, &srv.mu, &ts) == 0)
		continue;
	seen_clear();
	srv.steps = steps;
	srv.stepsz = stepsz;
	srv.next = srv.answered = 0;
	pthread_mutex_unlock(&srv.mu);
}

/* Waits up to 5 s until the server has seen at least n requests. */
static void
wait_seen(size_t n)
{
	struct timespec ts;

	deadline(&ts, 5000);
	pthread_mutex_lock(&srv.mu);
	while (srv.seensz < n &&
	    pthread_cond_timedwait(&srv.cv, &srv.mu, &ts) == 0)
		continue;
	pthread_mutex_unlock(&srv.mu);
	assert_true(srv.seensz >= n);
}

/* Waits up to 5 s until the server is done with n connections. */
static void
wait_answered(size_t n)
{
	struct timespec ts;

	deadline(&ts, 5000);
	pthread_mutex_lock(&srv.mu);
	while (srv.answered < n &&
	    pthread_cond_timedwait(&srv.cv, &srv.mu, &ts) == 0)
		continue;
	pthread_mutex_unlock(&srv.mu);
	assert_true(srv.answered >= n);
}

/* Returns the URL of path on the server; a static buffer, for tests. */
static const char *
url(const char *path)
{
	static char u[128];

	snprintf(u, sizeof(u), "http://127.0.0.1:%d%s", srv.port, path);
	return u;
}

/* Returns an ordinary refund with the given key. */
static struct webhook_refund
refund(const char *key)
{
	struct webhook_refund w = {
		.idempotency_key = key,
		.refund_id = 41,
		.case_id = 42,
		.rma_no = "RMA-2024-0001",
		.amount_cents = 1234,
		.currency = "CNY",
		.order_id = 43,
	};

	return w;
}

/*
 * A valid receipt for refund(key) (1234 CNY) with reference ref, with
 * extra members (text ending in a comma, or "") in front.
 */
#define RECEIPT_X(key, extra, ref)	"{" extra "\"idempotency_key\":\"" key \
	"\",\"amount_cents\":1234,\"currency\":\"CNY\",\"reference\":\"" \
	ref "\"}"
#define RECEIPT(key, ref)	RECEIPT_X(key, "", ref)

/* Asserts that the JSON object o has member k equal to the integer v. */
static void
assert_json_int(struct json_object *o, const char *k, int64_t v)
{
	struct json_object *m;

	assert_true(json_object_object_get_ex(o, k, &m));
	assert_true(json_object_is_type(m, json_type_int));
	assert_int_equal(json_object_get_int64(m), v);
}

/* Asserts that the JSON object o has member k equal to the string v. */
static void
assert_json_str(struct json_object *o, const char *k, const char *v)
{
	struct json_object *m;

	assert_true(json_object_object_get_ex(o, k, &m));
	assert_true(json_object_is_type(m, json_type_string));
	assert_string_equal(json_object_get_string(m), v);
}

/*
 * A 200 with a reference settles: the server saw a POST of JSON with the
 * key in a header, every field right and the awkward rma_no escaped.
 */
static void
test_success(void **state)
{
	static const struct step steps[] = {
		{ .status = 200,
		  .headers = "Content-Type: application/json\r\n",
		  .body = RECEIPT_X("key-success-1",
		      "\"other\":[1,{\"reference\":\"NO\"}],", "R1") },
	};
	struct webhook_refund w = refund("key-success-1");
	struct webhook_result res;
	struct json_object *o;
	struct seen *s;
	char v[256];

	(void)state;
	script(steps, 1);
	w.rma_no = "RMA \"7\\8\n\x01/\xc3\xa9";
	w.order_id = INT64_MAX;
	assert_int_equal(webhook_refund_post(url("/refund?x=1"), &w, 2000,
	    &res), RC_OK);
	assert_int_equal(res.status, 200);
	assert_string_equal(res.error, "");
	assert_string_equal(res.reference, "R1");
	wait_answered(1);
	assert_int_equal(srv.seensz, 1);
	s = &srv.seen[0];
	assert_string_equal(s->method, "POST");
	assert_string_equal(s->path, "/refund?x=1");
	assert_non_null(header_get(s->head, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "application/json");
	assert_non_null(header_get(s->head, "Idempotency-Key", v, sizeof(v)));
	assert_string_equal(v, "key-success-1");
	assert_null(header_get(s->head, "Expect", v, sizeof(v)));
	assert_int_equal(strlen(s->body), s->bodysz);
	assert_non_null(strstr(s->body,
	    "\"rma_no\":\"RMA \\\"7\\\\8\\n\\u0001/\xc3\xa9\""));
	assert_non_null(strstr(s->body, "\"amount\":\"12.34\""));
	assert_non_null(strstr(s->body, "\"amount_cents\":1234,"));
	assert_non_null(o = json_tokener_parse(s->body));
	assert_int_equal(json_object_object_length(o), 8);
	assert_json_str(o, "idempotency_key", "key-success-1");
	assert_json_int(o, "refund_id", 41);
	assert_json_int(o, "case_id", 42);
	assert_json_str(o, "rma_no", w.rma_no);
	assert_json_int(o, "amount_cents", 1234);
	assert_json_str(o, "amount", "12.34");
	assert_json_str(o, "currency", "CNY");
	assert_json_int(o, "order_id", INT64_MAX);
	json_object_put(o);
}

/* Small and negative amounts keep two decimals. */
static void
test_amount_format(void **state)
{
	static const struct step steps[] = {
		{ .status = 200, .body = "{\"idempotency_key\":\"key-amount\","
		  "\"amount_cents\":5,\"reference\":\"A5\"}" },
		{ .status = 200, .body = "{\"idempotency_key\":\"key-amount\","
		  "\"amount_cents\":-100,\"reference\":\"A-100\"}" },
	};
	struct webhook_refund w = refund("key-amount");
	struct webhook_result res;

	(void)state;
	script(steps, 2);
	w.amount_cents = 5;
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res), RC_OK);
	w.amount_cents = -100;
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res), RC_OK);
	wait_answered(2);
	assert_non_null(strstr(srv.seen[0].body,
	    "\"amount_cents\":5,\"amount\":\"0.05\""));
	assert_non_null(strstr(srv.seen[1].body,
	    "\"amount_cents\":-100,\"amount\":\"-1.00\""));
}

/* 128 characters: the longest reference a receipt may carry. */
#define REF128	"0123456789012345678901234567890123456789" \
	"0123456789012345678901234567890123456789" \
	"0123456789012345678901234567890123456789" "01234567"

/*
 * Only a 2xx whose body is a receipt for what was sent settles. Each
 * refused body differs from a valid receipt in one thing, so each line
 * fails if that one check is removed.
 */
static void
test_receipts(void **state)
{
	static const struct {
		int		 status;
		const char	*body;
		const char	*reference;	/* NULL: not settled */
		const char	*why;	/* words of res.error when not */
	} cases[] = {
		{ 201, RECEIPT("key-2xx", "R201"), "R201", NULL },
		{ 200, RECEIPT("key-2xx", "R\\\"q"), "R\"q", NULL },
		{ 200, RECEIPT("key-2xx", REF128), REF128, NULL },
		{ 200, " \r\n" RECEIPT("key-2xx", "RWS") "\n", "RWS", NULL },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"reference\":\"NOCUR\"}", "NOCUR", NULL },
		{ 204, "", NULL, "not JSON" },
		{ 200, "not json", NULL, "not JSON" },
		{ 200, "<html>OK</html>", NULL, "not JSON" },
		{ 200, RECEIPT("key-2xx", "R") " x", NULL, "not JSON" },
		{ 200, RECEIPT("key-2xx", "R") RECEIPT("key-2xx", "R"), NULL,
		  "not JSON" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"reference\":\"R\",}", NULL, "not JSON" },
		{ 200, "[\"reference\",\"R\"]", NULL, "not a JSON object" },
		{ 200, "{}", NULL, "no key" },
		{ 200, "{\"amount_cents\":1234,\"currency\":\"CNY\","
		  "\"reference\":\"R\"}", NULL, "no key" },
		{ 200, RECEIPT("key-other", "R"), NULL, "key differs" },
		{ 200, RECEIPT("key-2x", "R"), NULL, "key differs" },
		{ 200, RECEIPT("key-2xxx", "R"), NULL, "key differs" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"currency\":\"CNY\","
		  "\"reference\":\"R\"}", NULL, "no amount_cents" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":"
		  "\"1234\",\"reference\":\"R\"}", NULL, "no amount_cents" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":"
		  "1234.0,\"reference\":\"R\"}", NULL, "no amount_cents" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1235,"
		  "\"reference\":\"R\"}", NULL, "amount differs" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":123400,"
		  "\"reference\":\"R\"}", NULL, "amount differs" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"currency\":\"USD\",\"reference\":\"R\"}", NULL,
		  "currency differs" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"currency\":null,\"reference\":\"R\"}", NULL,
		  "currency differs" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"currency\":\"CNY\"}", NULL, "no reference" },
		{ 200, "{\"idempotency_key\":\"key-2xx\",\"amount_cents\":1234,"
		  "\"currency\":\"CNY\",\"reference\":42}", NULL,
		  "no reference" },
		{ 200, RECEIPT("key-2xx", ""), NULL, "no reference" },
		{ 200, RECEIPT("key-2xx", "R 1"), NULL, "visible ASCII" },
		{ 200, RECEIPT("key-2xx", "R\\u0001"), NULL, "visible ASCII" },
		{ 200, RECEIPT("key-2xx", "R\xc3\xa9"), NULL, "visible ASCII" },
		{ 200, RECEIPT("key-2xx", REF128 "8"), NULL, "visible ASCII" },
	};
	struct step steps[sizeof(cases) / sizeof(cases[0])];
	struct webhook_refund w = refund("key-2xx");
	struct webhook_result res;
	char want[128];
	size_t i;
	enum rc rc;

	(void)state;
	memset(steps, 0, sizeof(steps));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		steps[i].status = cases[i].status;
		steps[i].body = cases[i].body;
	}
	script(steps, i);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = webhook_refund_post(url("/"), &w, 2000, &res);
		if ((rc == RC_OK) != (cases[i].reference != NULL))
			print_message("# case %zu: %s: %s\n", i, cases[i].body,
			    res.error);
		assert_int_equal(res.status, cases[i].status);
		if (cases[i].reference != NULL) {
			assert_int_equal(rc, RC_OK);
			assert_string_equal(res.error, "");
			assert_string_equal(res.reference, cases[i].reference);
			continue;
		}
		assert_int_equal(rc, RC_CONFLICT);
		snprintf(want, sizeof(want), "%d without a valid receipt: ",
		    cases[i].status);
		assert_memory_equal(res.error, want, strlen(want));
		assert_non_null(strstr(res.error, cases[i].why));
		assert_string_equal(res.reference, "");
	}
	wait_answered(i);
	/* The server must not keep a pointer to this stack array. */
	script(NULL, 0);
}

/* A 500 does not settle, even with a valid receipt in its body. */
static void
test_500(void **state)
{
	static const struct step steps[] = {
		{ .status = 500, .body = RECEIPT("key-500", "NOPE") },
	};
	struct webhook_refund w = refund("key-500");
	struct webhook_result res;

	(void)state;
	script(steps, 1);
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res),
	    RC_CONFLICT);
	assert_int_equal(res.status, 500);
	assert_string_equal(res.error, "HTTP 500");
	assert_string_equal(res.reference, "");
	wait_answered(1);
}

/*
 * The payment system reads the request and closes without a word: no
 * answer, no settlement.
 */
static void
test_no_answer(void **state)
{
	static const struct step steps[] = {
		{ .silent = true },
	};
	struct webhook_refund w = refund("key-silent");
	struct webhook_result res;

	(void)state;
	script(steps, 1);
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res),
	    RC_CONFLICT);
	assert_int_equal(res.status, 0);
	assert_string_not_equal(res.error, "");
	assert_null(strstr(res.error, "receipt"));
	assert_string_equal(res.reference, "");
	wait_answered(1);
}

/*
 * The payment system acts but answers after the timeout: the call does
 * not settle and says "timeout", though the server did get the request;
 * the retry sends the same key and the same body, which is what keeps
 * the payment system from paying twice.
 */
static void
test_timeout_then_retry(void **state)
{
	static const struct step steps[] = {
		{ .status = 200, .body = RECEIPT("key-timeout", "LATE"),
		  .delay_ms = 800 },
		{ .status = 200, .body = RECEIPT("key-timeout", "R2") },
	};
	struct webhook_refund w = refund("key-timeout");
	struct webhook_result res;
	char v[256];
	long t0;

	(void)state;
	script(steps, 2);
	t0 = now_ms();
	assert_int_equal(webhook_refund_post(url("/"), &w, 300, &res),
	    RC_CONFLICT);
	assert_in_range(now_ms() - t0, 250, 2000);
	assert_int_equal(res.status, 0);
	assert_non_null(strstr(res.error, "timeout"));
	assert_string_equal(res.reference, "");
	wait_seen(1);
	assert_non_null(header_get(srv.seen[0].head, "Idempotency-Key", v,
	    sizeof(v)));
	assert_string_equal(v, "key-timeout");
	wait_answered(1);

	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res), RC_OK);
	assert_string_equal(res.reference, "R2");
	wait_answered(2);
	assert_non_null(header_get(srv.seen[1].head, "Idempotency-Key", v,
	    sizeof(v)));
	assert_string_equal(v, "key-timeout");
	assert_int_equal(srv.seen[1].bodysz, srv.seen[0].bodysz);
	assert_memory_equal(srv.seen[1].body, srv.seen[0].body,
	    srv.seen[0].bodysz);
}

/* Nobody listening: no answer, no settlement. */
static void
test_refused(void **state)
{
	struct webhook_refund w = refund("key-refused");
	struct webhook_result res;
	char u[128];
	int fd, port;

	(void)state;
	/* Bound but not listening: a connection is refused at once. */
	assert_int_not_equal(fd = loopback_socket(false, &port), -1);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/", port);
	assert_int_equal(webhook_refund_post(u, &w, 2000, &res), RC_CONFLICT);
	close(fd);
	assert_int_equal(res.status, 0);
	assert_string_not_equal(res.error, "");
	assert_null(strstr(res.error, "timeout"));
	assert_string_equal(res.reference, "");
}

/* A 302 is not followed and does not settle. */
static void
test_redirect(void **state)
{
	static const struct step steps[] = {
		{ .status = 302, .headers = "Location: /elsewhere\r\n",
		  .body = RECEIPT("key-redirect", "NOPE") },
		{ .status = 200, .body = RECEIPT("key-redirect", "FOLLOWED") },
	};
	struct webhook_refund w = refund("key-redirect");
	struct webhook_result res;

	(void)state;
	script(steps, 2);
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res),
	    RC_CONFLICT);
	assert_int_equal(res.status, 302);
	assert_non_null(strstr(res.error, "302"));
	assert_string_equal(res.reference, "");
	wait_answered(1);
	sleep_ms(100);
	pthread_mutex_lock(&srv.mu);
	assert_int_equal(srv.next, 1);
	assert_int_equal(srv.seensz, 1);
	pthread_mutex_unlock(&srv.mu);
}

/*
 * A receipt of exactly ANSWER_MAX bytes is read whole and settles; one
 * byte more and it is cut, which is no receipt.
 */
static void
test_body_cap(void **state)
{
	static char exact[ANSWER_MAX + 1], over[ANSWER_MAX + 2];
	static struct step steps[] = {
		{ .status = 200, .body = exact },
		{ .status = 200, .body = over },
	};
	static const char head[] = RECEIPT_X("key-cap", "", "BIG");
	struct webhook_refund w = refund("key-cap");
	struct webhook_result res;
	size_t n = sizeof(head) - 2;	/* without the closing brace */

	(void)state;
	/* {"idempotency_key":...,"reference":"BIG","pad":"xxx...x"} */
	memset(exact, 'x', ANSWER_MAX);
	memcpy(exact, head, n);
	memcpy(exact + n, ",\"pad\":\"", 8);
	memcpy(exact + ANSWER_MAX - 2, "\"}", 2);
	exact[ANSWER_MAX] = '\0';
	memcpy(over, exact, ANSWER_MAX);
	memcpy(over + ANSWER_MAX - 2, "x\"}", 3);
	over[ANSWER_MAX + 1] = '\0';
	assert_int_equal(strlen(over), ANSWER_MAX + 1);
	script(steps, 2);
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res), RC_OK);
	assert_string_equal(res.reference, "BIG");
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res),
	    RC_CONFLICT);
	assert_int_equal(res.status, 200);
	assert_string_equal(res.error,
	    "200 without a valid receipt: body over 64 KiB");
	assert_string_equal(res.reference, "");
	wait_answered(2);
}

/*
 * A 2xx that promises 10 MiB, sends 100 KiB and stalls: the call stops
 * reading at the cap and gives up at once (no receipt) instead of
 * waiting for a timeout.
 */
static void
test_huge_body(void **state)
{
	static const struct step steps[] = {
		{ .status = 200, .fill = 100 * 1024,
		  .declared = 10 * 1024 * 1024, .stall_ms = 800 },
	};
	struct webhook_refund w = refund("key-huge");
	struct webhook_result res;
	(void)state;
	script(steps, 1);
	assert_int_equal(webhook_refund_post(url("/"), &w, 500, &res),
	    RC_CONFLICT);
	assert_int_equal(res.status, 200);
	assert_string_equal(res.error,
	    "200 without a valid receipt: body over 64 KiB");
	assert_string_equal(res.reference, "");
	wait_answered(1);
}

/* Arguments of the FIFO watcher. */
struct fifo_watch {
	const char	*path;
	atomic_bool	 done;
	atomic_bool	 opened;
};

/*
 * Watches a FIFO until done: opening its write end without blocking only
 * works once someone opened it for reading; then writes a body and
 * closes, so the reader is not stuck.
 */
static void *
fifo_watch(void *arg)
{
	static const char body[] = "{\"reference\":\"LEAK\"}";
	struct fifo_watch *fw = arg;
	ssize_t k;
	int fd;

	while (!atomic_load(&fw->done)) {
		if ((fd = open(fw->path, O_WRONLY | O_NONBLOCK)) != -1) {
			atomic_store(&fw->opened, true);
			k = write(fd, body, sizeof(body) - 1);
			(void)k;
			close(fd);
		}
		sleep_ms(2);
	}
	return NULL;
}

/*
 * A URL with a scheme other than http or https fails and opens nothing:
 * the "file" is a FIFO whose opening for reading the watcher would see.
 */
static void
test_bad_scheme(void **state)
{
	struct webhook_refund w = refund("key-scheme");
	struct webhook_result res;
	struct fifo_watch fw;
	char dir[] = "/tmp/test_webhook.XXXXXX", path[64], u[96];
	pthread_t t;
	enum rc rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	fw.path = path;
	atomic_init(&fw.done, false);
	atomic_init(&fw.opened, false);
	assert_int_equal(pthread_create(&t, NULL, fifo_watch, &fw), 0);
	snprintf(u, sizeof(u), "file://%s", path);
	rc = webhook_refund_post(u, &w, 300, &res);
	atomic_store(&fw.done, true);
	pthread_join(t, NULL);
	unlink(path);
	rmdir(dir);
	assert_false(atomic_load(&fw.opened));
	assert_int_equal(rc, RC_CONFLICT);
	assert_int_equal(res.status, 0);
	assert_non_null(strcasestr(res.error, "protocol"));
	assert_string_equal(res.reference, "");

	rc = webhook_refund_post("ftp://127.0.0.1/x", &w, 300, &res);
	assert_int_equal(rc, RC_CONFLICT);
	assert_non_null(strcasestr(res.error, "protocol"));
}

/* A key that would break the header line is refused and nothing is sent. */
static void
test_bad_key(void **state)
{
	static char receipt[512];
	static const struct step steps[] = {
		{ .status = 200, .body = receipt },
	};
	static const char *const keys[] = {
		"", "k\r\nX-Evil: 1", "k y", "k\x7f", "\xc3\xa9",
	};
	struct webhook_refund w;
	struct webhook_result res;
	char longkey[257];
	size_t i;

	(void)state;
	script(steps, 1);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		w = refund(keys[i]);
		assert_int_equal(webhook_refund_post(url("/"), &w, 300, &res),
		    RC_INVALID);
		assert_string_not_equal(res.error, "");
	}
	memset(longkey, 'k', 256);
	longkey[256] = '\0';
	w = refund(longkey);
	assert_int_equal(webhook_refund_post(url("/"), &w, 300, &res),
	    RC_INVALID);
	longkey[255] = '\0';
	snprintf(receipt, sizeof(receipt), "{\"idempotency_key\":\"%s\","
	    "\"amount_cents\":1234,\"reference\":\"K255\"}", longkey);
	assert_int_equal(webhook_refund_post(url("/"), &w, 2000, &res), RC_OK);
	assert_string_equal(res.reference, "K255");
	wait_answered(1);
	assert_int_equal(srv.seensz, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_amount_format),
		cmocka_unit_test(test_receipts),
		cmocka_unit_test(test_500),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test(test_timeout_then_retry),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_redirect),
		cmocka_unit_test(test_body_cap),
		cmocka_unit_test(test_huge_body),
		cmocka_unit_test(test_bad_scheme),
		cmocka_unit_test(test_bad_key),
	};

	/* The server is on loopback: no proxy may stand in between. */
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	return cmocka_run_group_tests_name("webhook", tests, server_start,
	    server_stop);
}
