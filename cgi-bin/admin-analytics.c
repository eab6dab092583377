/* admin-analytics.c: admin.fcgi's analytics: refund figures by shop, reason, product and month, compensation, the outcomes of fast-tracked and escalated cases, the actions deadlines took and the median times to decide and to close (from the worker's daily aggregates), as tables with server-side SVG bars and as CSV (UTF-8 with a BOM). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/util.h"
#include "pages/words.h"
#include "base/cursor.h"
#include "store/analytics.h"
#include "store/refund_store.h"

/* The names of the tables in URLs and CSV file names, by enum stats_table. */
static const char *const table_names[STATS__MAX] = {
	"shops", /* STATS_SHOPS */
	"reasons", /* STATS_REASONS */
	"months", /* STATS_MONTHS */
	"outcomes", /* STATS_OUTCOMES */
	"skus", /* STATS_SKUS */
	"compensation", /* STATS_COMP */
};

/* The header line of each table's CSV. */
static const char *const csv_heads[STATS__MAX] = {
	"shop,currency,orders,cases,refunded,refund_rate_percent,"
	    "refunded_amount", /* STATS_SHOPS */
	"reason,currency,cases,refunded,refunded_amount", /* STATS_REASONS */
	"month,currency,cases,refunded,refunded_amount", /* STATS_MONTHS */
	"group,state,cases,refunded,refunded_amount", /* STATS_OUTCOMES */
	"sku,currency,cases,refunded,refunded_amount", /* STATS_SKUS */
	"month,currency,cases,compensations,compensation_value",
	    /* STATS_COMP */
};

/* The widest bar of a chart, in SVG units. */
#define BAR_MAX	360

/* The months the analytics look back. */
#define MONTHS_BACK	(400 * 86400)

/* Writes refunded per thousand orders as "12.3" to out (0 orders: "0.0"). */
static char *
rate(int64_t refunded, int64_t orders, char out[32])
{
	int64_t permille = orders > 0 ? (refunded * 1000 + orders / 2) /
	    orders : 0;

	snprintf(out, 32, "%lld.%lld", (long long)(permille / 10),
	    (long long)(permille % 10));
	return out;
}

/* The value a table's bar shows. */
static int64_t
bar_value(enum stats_table t, const struct stats_row *s)
{
	switch (t) {
	case STATS_SHOPS:
		return s->orders > 0 ? s->refunded * 1000 / s->orders : 0;
	case STATS_MONTHS:
		return s->refunded_cents;
	case STATS_COMP:
		return s->comp_cents;
	default:
		return s->cases;
	}
}

/* The rows a table shows on the page (and in its CSV: the same figures; shops: all, by pages). */
static const size_t table_limits[STATS__MAX] = {
	50, /* STATS_SHOPS, a page; the CSV reads them all */
	100, /* STATS_REASONS: the 100 with the most cases */
	1000, /* STATS_MONTHS */
	100, /* STATS_OUTCOMES */
	50, /* STATS_SKUS: the 50 with the most cases */
	1000, /* STATS_COMP */
};

/* Fills section sec of d with the rows of table t and their bars; shops from rank after on. */
static enum rc
table(struct req *r, struct tmpl_dict *d, enum stats_table t, const char *sec,
    int64_t after)
{
	struct stats_row *rows;
	struct tmpl_dict *s, *x;
	enum case_state st;
	int64_t max = 0, v;
	char text[32];
	size_t i, n;
	bool more;
	enum rc rc;

	if ((rc = stats_rows(r->app->db, t, r->now - MONTHS_BACK, after,
	    table_limits[t], &rows, &n, &more)) != RC_OK)
		return rc;
	if (more)
		tmpl_set_int(tmpl_add_section(d, "SHOPS_NEXT"), "AFTER",
		    rows[n - 1].rank);
	if (t == STATS_SHOPS && after > 0)
		tmpl_show(d, "SHOPS_FIRST");
	if (n == 0) {
		/* No rows (no compensation given yet): no empty table. */
		stats_rows_free(rows, n);
		return RC_OK;
	}
	for (i = 0; i < n; i++)
		if ((v = bar_value(t, &rows[i])) > max)
			max = v;
	x = tmpl_add_section(d, sec);
	tmpl_set(x, "CSV", table_names[t]);
	tmpl_set_int(x, "HEIGHT", (int64_t)n * 24 + 4);
	for (i = 0; i < n; i++) {
		s = tmpl_add_section(x, "ROW");
		if (t == STATS_OUTCOMES) {
			tmpl_set(s, "KEY", tr(r, strcmp(rows[i].key,
			    "fast_track") == 0 ? N_("fast refund") :
			    strcmp(rows[i].key, "escalated") == 0 ?
			    N_("escalated") : strcmp(rows[i].key, "deadline") ==
			    0 ? N_("acted on by a deadline, in") :
			    N_("all cases")));
			tmpl_set(s, "KEY2", case_state_from_name(rows[i].key2,
			    &st) ? tr(r, words_state(st)) : "");
		} else {
			tmpl_set(s, "KEY", rows[i].key);
			tmpl_set(s, "KEY2", req_currency(r, rows[i].key2));
		}
		tmpl_set_int(s, "ORDERS", rows[i].orders);
		tmpl_set_int(s, "CASES", rows[i].cases);
		tmpl_set_int(s, "REFUNDED", rows[i].refunded);
		tmpl_set(s, "RATE", rate(rows[i].refunded, rows[i].orders,
		    text));
		tmpl_set_cents(s, "AMOUNT", rows[i].refunded_cents);
		tmpl_set(s, "CASE_RATE", rate(rows[i].refunded, rows[i].cases,
		    text));
		/* The refund rate over time: bars of refunded per case. */
		tmpl_set_int(s, "RW", rows[i].cases > 0 ? rows[i].refunded *
		    BAR_MAX / rows[i].cases : 0);
		tmpl_set_int(s, "RTX", (rows[i].cases > 0 ? rows[i].refunded *
		    BAR_MAX / rows[i].cases : 0) + 6);
		tmpl_set_int(s, "COMP_GIVEN", rows[i].comp_given);
		tmpl_set_cents(s, "COMP_AMOUNT", rows[i].comp_cents);
		tmpl_set_int(s, "Y", (int64_t)i * 24 + 2);
		tmpl_set_int(s, "TY", (int64_t)i * 24 + 16);
		v = bar_value(t, &rows[i]);
		tmpl_set_int(s, "W", max > 0 ? v * BAR_MAX / max : 0);
		tmpl_set_int(s, "TX", (max > 0 ? v * BAR_MAX / max : 0) + 6);
	}
	stats_rows_free(rows, n);
	return RC_OK;
}

/*
 * /analytics (GET, admin): refund rate and amounts by shop, cases by
 * reason, refunds by month (the last 13 months), how fast-tracked and
 * escalated cases ended, the actions deadlines took, and the median time
 * to close; each table also as CSV. 200, or 500.
 */
void
admin_analytics(struct req *r)
{
	static const char *const secs[STATS__MAX] = { "SHOPS", "REASONS",
	    "MONTHS", "OUTCOMES", "SKUS", "COMP" };
	struct stats_row *all;
	struct tmpl_dict *d;
	struct cursor after;
	int64_t median, decide, closed, decided;
	const char *v;
	char text[128];
	size_t i, n;
	time_t as_of;
	bool more;

	memset(&after, 0, sizeof(after));
	if ((v = fields_str(&r->query, "shops_after")) != NULL && *v != '\0' &&
	    (!cursor_parse(v, &after) || after.key[0] != '\0')) {
		page_error(r, 400, N_("Not a page of the shops"), N_("This link "
		    "does not lead to a page of the shops. Start again from "
		    "the first page."));
		return;
	}
	if (admin_stats_as_of(r->app->db, "analytics", &as_of) != RC_OK ||
	    stats_median_kept(r->app->db, false, &median, &closed) != RC_OK ||
	    stats_median_kept(r->app->db, true, &decide, &decided) != RC_OK ||
	    stats_rows(r->app->db, STATS_OUTCOMES, 0, 0, 100, &all, &n,
	    &more) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "AS_OF", admin_as_of(r, as_of, N_("not counted yet: the "
	    "worker counts every ten minutes"), text, sizeof(text)));
	snprintf(text, sizeof(text), tr(r, N_("%1$d hours %2$d minutes")),
	    (int)(median / 3600), (int)(median % 3600 / 60));
	tmpl_set(d, "MEDIAN_CLOSE", text);
	tmpl_set_int(d, "CLOSED", closed);
	snprintf(text, sizeof(text), tr(r, N_("%1$d hours %2$d minutes")),
	    (int)(decide / 3600), (int)(decide % 3600 / 60));
	tmpl_set(d, "MEDIAN_DECIDE", text);
	tmpl_set_int(d, "DECIDED", decided);
	/* The fast-track share: of all cases, those the rule approved. */
	for (i = 0; i < n; i++)
		if (strcmp(all[i].key, "all") == 0) {
			tmpl_set_int(d, "FAST", all[i].fast);
			tmpl_set_int(d, "ALL", all[i].cases);
			tmpl_set(d, "FAST_SHARE", rate(all[i].fast,
			    all[i].cases, text));
		}
	stats_rows_free(all, n);
	for (i = 0; i < STATS__MAX; i++)
		if (table(r, d, (enum stats_table)i, secs[i], after.id) !=
		    RC_OK) {
			page_fail(r);
			return;
		}
	page_send(r, 200, N_("Analytics"), "admin/analytics.tpl", d);
}

/* Appends s to b as one CSV field: quoted when it must be, and never read as a formula. */
static void
csv_field(struct buf *b, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL && strchr("=+-@", *s) == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_puts(b, "\"");
	if (*s != '\0' && strchr("=+-@", *s) != NULL)
		buf_puts(b, "'");
	for (p = s; *p != '\0'; p++) {
		buf_add(b, p, 1);
		if (*p == '"')
			buf_add(b, "\"", 1);	/* a quote is doubled */
	}
	buf_puts(b, "\"");
}

/* Sends CSV body b as the download refunds-name.csv, and releases it. */
static void
send_csv(struct req *r, const char *name, struct buf *b)
{
	char disp[96];

	snprintf(disp, sizeof(disp), "attachment; filename=\"refunds-%s.csv\"",
	    name);
	http_header(&r->http, "Content-Disposition", disp);
	http_send(&r->http, 200, "text/csv; charset=utf-8", b->data, b->len);
	buf_release(b);
}

/*
 * /analytics.csv?table=times: the median times to decide and to close,
 * in seconds, with how many cases each is over. 200, or 500.
 */
static void
send_times(struct req *r)
{
	struct buf b = { 0 };
	int64_t secs, n;

	buf_puts(&b, "\xef\xbb\xbf" "measure,cases,median_seconds\r\n");
	if (stats_median_kept(r->app->db, true, &secs, &n) != RC_OK) {
		buf_release(&b);
		page_fail(r);
		return;
	}
	buf_printf(&b, "decide,%lld,%lld\r\n", (long long)n, (long long)secs);
	if (stats_median_kept(r->app->db, false, &secs, &n) != RC_OK) {
		buf_release(&b);
		page_fail(r);
		return;
	}
	buf_printf(&b, "close,%lld,%lld\r\n", (long long)n, (long long)secs);
	send_csv(r, "times", &b);
}

/*
 * /analytics.csv?table=shops|reasons|months|outcomes|skus|compensation|
 * times (GET, admin): one
 * table of the analytics as CSV, UTF-8 with a BOM (so spreadsheets read
 * the Chinese names), amounts in major units. 200, 404, or 500.
 */
void
admin_analytics_csv(struct req *r)
{
	const char *want = fields_str(&r->query, "table");
	struct stats_row *rows;
	struct buf b = { 0 };
	char money[32], text[32];
	size_t i, n, t;
	int64_t after = 0;
	bool more;

	for (t = 0; t < STATS__MAX; t++)
		if (want != NULL && strcmp(want, table_names[t]) == 0)
			break;
	if (t == STATS__MAX && want != NULL && strcmp(want, "times") == 0) {
		send_times(r);
		return;
	}
	if (t == STATS__MAX) {
		page_error(r, 404, N_("No such table"), N_("Download a table "
		    "from the analytics page."));
		return;
	}
	buf_puts(&b, "\xef\xbb\xbf");
	buf_printf(&b, "%s\r\n", csv_heads[t]);
	/* The shops in keyset chunks of 500, the other tables as shown. */
next:
	if (stats_rows(r->app->db, (enum stats_table)t, r->now - MONTHS_BACK,
	    after, t == STATS_SHOPS ? 500 : table_limits[t], &rows, &n,
	    &more) != RC_OK) {
		buf_release(&b);
		page_fail(r);
		return;
	}
	for (i = 0; i < n; i++) {
		csv_field(&b, rows[i].key);
		buf_puts(&b, ",");
		csv_field(&b, rows[i].key2);
		if (t == STATS_SHOPS)
			buf_printf(&b, ",%lld", (long long)rows[i].orders);
		if (t == STATS_COMP) {
			buf_printf(&b, ",%lld,%lld,%s\r\n",
			    (long long)rows[i].cases,
			    (long long)rows[i].comp_given,
			    cents_format(rows[i].comp_cents, money));
			continue;
		}
		buf_printf(&b, ",%lld,%lld", (long long)rows[i].cases,
		    (long long)rows[i].refunded);
		if (t == STATS_SHOPS)
			buf_printf(&b, ",%s", rate(rows[i].refunded,
			    rows[i].orders, text));
		buf_printf(&b, ",%s\r\n", cents_format(rows[i].refunded_cents,
		    money));
	}
	if (more)
		after = rows[n - 1].rank;
	stats_rows_free(rows, n);
	if (more)
		goto next;
	send_csv(r, table_names[t], &b);
}
