/* dbtest.c: helpers for the cmocka tests that run against the private MariaDB of the harness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/clock.h"
#include "base/stale.h"
#include "dbtest.h"
#include "base/util.h"
#include "engine/aggregates.h"
#include "executor/worker.h"

/* The engine stores what it is given: these bytes stand for a processed photo. */
static unsigned char photo_bytes[] = "\x89PNG\r\n\x1a\n(a processed test photo)";
static unsigned char thumb_bytes[] = "\xff\xd8\xff(a test thumbnail)";
static const struct image photo = {
	IMAGE_PNG, photo_bytes, sizeof(photo_bytes) - 1, thumb_bytes,
	sizeof(thumb_bytes) - 1, 4, 3,
};
const struct case_photo dbtest_photo = { &photo, "photo.png" };

struct config cfg;
struct db *db;
time_t t0;

/*
 * Runs query q through the mariadb client as root; returns its exit
 * status and, in *out, what it printed (also its errors when errors).
 */
static int
run_client(const char *q, bool errors, char **out)
{
	struct buf b = { 0 };
	char *cmd, chunk[4096];
	size_t n;
	FILE *p;
	int st;

	cmd = xasprintf("mariadb --no-defaults --socket='%s' -u root -N -B "
	    "%s %s<<'SQL'\n%s\nSQL\n", cfg.db_socket, cfg.db_name,
	    errors ? "2>&1 " : "", q);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&b, chunk, n);
	st = pclose(p);
	/* A change behind the library's back: its caches must see it now. */
	stale_bump();
	buf_add(&b, "", 1);
	free(cmd);
	*out = b.data;
	return st;
}

/* Runs SQL through the mariadb client as root; returns the first field of the output (free it). */
char *
sql(const char *fmt, ...)
{
	char *q, *out;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&q, fmt, ap) < 0)
		abort();
	va_end(ap);
	assert_int_equal(run_client(q, false, &out), 0);
	out[strcspn(out, "\t\n")] = '\0';
	free(q);
	return out;
}

int
sql_status(char **out, const char *fmt, ...)
{
	char *q;
	va_list ap;
	int st;

	va_start(ap, fmt);
	if (vasprintf(&q, fmt, ap) < 0)
		abort();
	va_end(ap);
	st = run_client(q, true, out);
	free(q);
	return st;
}

int64_t
sqlint(const char *fmt, ...)
{
	char *q, *v;
	va_list ap;
	int64_t n;

	va_start(ap, fmt);
	if (vasprintf(&q, fmt, ap) < 0)
		abort();
	va_end(ap);
	v = sql("%s", q);
	n = strtoll(v, NULL, 10);
	free(v);
	free(q);
	return n;
}

/*
 * Makes an order of buyer (login) with shop 1 and one line per price,
 * paid 3 days before t0, shipped 2 days before (when shipped), delivered
 * 1 day before (when delivered). Returns the order id; line ids in
 * lines[].
 */
int64_t
fixture(const char *buyer, bool shipped, bool delivered, const int64_t *prices,
    size_t n, int64_t *lines)
{
	static int seq;
	int64_t order, total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += prices[i];
	seq++;
	order = sqlint("INSERT INTO orders (order_no, shop_id, buyer_id, "
	    "currency, total_paid_cents, paid_at, shipped_at, delivered_at, "
	    "created_at) SELECT 'TEST%d-%lld', 1, id, 'CNY', %lld, "
	    "FROM_UNIXTIME(%lld), %s, %s, FROM_UNIXTIME(%lld) FROM users "
	    "WHERE login = '%s'; SELECT LAST_INSERT_ID();", seq,
	    (long long)t0, (long long)total, (long long)(t0 - 3 * 86400),
	    shipped ? xasprintf("FROM_UNIXTIME(%lld)",
	    (long long)(t0 - 2 * 86400)) : "NULL",
	    delivered ? xasprintf("FROM_UNIXTIME(%lld)",
	    (long long)(t0 - 86400)) : "NULL", (long long)(t0 - 3 * 86400),
	    buyer);
	for (i = 0; i < n; i++)
		lines[i] = sqlint("INSERT INTO order_lines (order_id, line_no, "
		    "sku, title, quantity, unit_price_cents, paid_cents) VALUES "
		    "(%lld, %zu, 'SKU-%zu', 'Test item %zu', 2, %lld, %lld); "
		    "SELECT LAST_INSERT_ID();", (long long)order, i + 1, i, i,
		    (long long)prices[i] / 2, (long long)prices[i]);
	return order;
}

int64_t
user_id(const char *login)
{
	return sqlint("SELECT id FROM users WHERE login = '%s'", login);
}

/* Opens a case on all of each given line; asserts it worked. */
int64_t
open_case(const char *buyer, int64_t order, const int64_t *lines, size_t n,
    enum case_type type, const char *reason, bool received, int64_t amount)
{
	struct case_line_req req[8];
	struct case_request rq;
	enum rules_field field;
	const char *why = NULL;
	int64_t id = 0;
	size_t i;

	memset(&rq, 0, sizeof(rq));
	for (i = 0; i < n; i++) {
		req[i].order_line_id = lines[i];
		req[i].quantity = 2;
	}
	rq.buyer_id = user_id(buyer);
	rq.order_id = order;
	rq.type = type;
	rq.reason_code = reason;
	rq.goods_received = received;
	rq.amount_cents = amount;
	rq.photos = &dbtest_photo;
	rq.photosz = 1;
	rq.lines = req;
	rq.linesz = n;
	rq.description = "test";
	if (case_open(db, &cfg, &rq, t0, &id, &field, &why) != RC_OK)
		fail_msg("case_open: %s", why != NULL ? why : "(no reason)");
	return id;
}

char *
state_of(int64_t case_id)
{
	return sql("SELECT state FROM cases WHERE id = %lld", (long long)case_id);
}

/* Applies an event; returns its rc. */
enum rc
act(int64_t case_id, enum case_event ev, enum actor who, const char *login,
    int64_t amount, const char *note, time_t now)
{
	struct case_action a;
	const char *why;

	memset(&a, 0, sizeof(a));
	a.ev = ev;
	a.who = who;
	if (login != NULL) {
		a.actor_id = user_id(login);
		a.actor_shop_id = sqlint("SELECT COALESCE(shop_id, 0) FROM "
		    "users WHERE login = '%s'", login);
	}
	a.amount_cents = amount;
	a.note = note;
	if (machine_event_needs(ev, EVF_SHIPPING) != NEED_NONE) {
		a.carrier = "SF Express";
		a.waybill = "SF1234567890";
	}
	return case_act(db, &cfg, case_id, &a, now, &why);
}

int
dbtest_sweep(struct db *d, time_t at, int *acted, int *settled)
{
	struct worker_stats st;
	bool more;

	memset(&st, 0, sizeof(st));
	do {
		if (worker_pass(d, &cfg, at, NULL, &st, &more) != RC_OK)
			return -1;
	} while (more);
	*acted = st.deadlines;
	*settled = st.paid;
	return 0;
}

int
dbtest_setup(void **state)
{
	char *err = NULL;

	(void)state;
	if (config_load(NULL, &cfg, &err) != 0 ||
	    (db = db_open(&cfg, 0, &err)) == NULL ||
	    db_prepare_all(db, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	t0 = clock_now();
	/* So that sql() can tell the process caches (base/stale.h). */
	(void)stale_open(cfg.run_dir, true);
	return 0;
}

int
dbtest_teardown(void **state)
{
	(void)state;
	db_free(db);
	config_release(&cfg);
	return 0;
}

void
dbtest_fold(void)
{
	bool more = true;
	int guard = 0;

	while (more && guard++ < 100)
		assert_int_equal(aggregates_pass(db, &more), RC_OK);
	assert_false(more);
}
