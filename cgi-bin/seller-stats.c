/* seller-stats.c: the shop's refund statistics on seller.fcgi for a chosen period: tables, an SVG chart drawn on the server, and CSV downloads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seller.h"
#include "base/util.h"
#include "store/stats_store.h"

/* The default period: the 30 days before now. */
#define STATS_DAYS	30

/*
 * Reads the period of the query (from, to: "yyyy-mm-dd", to included) as
 * UTC days into *from and *to (to exclusive), the last STATS_DAYS days by
 * default; the days shown go to fromday and today (11 bytes each).
 */
static void
stats_period(struct req *r, time_t *from, time_t *to, char fromday[11],
    char today[11])
{
	const char *v, *end;
	struct tm tm;
	time_t last;

	*to = r->now - r->now % 86400 + 86400;
	*from = *to - STATS_DAYS * 86400;
	if ((v = fields_str(&r->query, "from")) != NULL) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(v, "%Y-%m-%d", &tm);
		if (end != NULL && *end == '\0')
			*from = timegm(&tm);
	}
	if ((v = fields_str(&r->query, "to")) != NULL) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(v, "%Y-%m-%d", &tm);
		if (end != NULL && *end == '\0')
			*to = timegm(&tm) + 86400;
	}
	gmtime_r(from, &tm);
	strftime(fromday, 11, "%Y-%m-%d", &tm);
	last = *to - 86400;
	gmtime_r(&last, &tm);
	strftime(today, 11, "%Y-%m-%d", &tm);
}

/* Writes a rate of part in whole as "12.5%" (or "—") to out (16 bytes). */
static const char *
stats_rate(int64_t part, int64_t whole, char out[16])
{
	if (whole <= 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%.1f%%", 100.0 * (double)part / (double)whole);
	return out;
}

/*
 * stats (GET, seller): the shop's cases opened in a period (from, to,
 * UTC days; the last 30 by default) by reason (with a bar chart in SVG),
 * by SKU (refund rate: lines asked about per line sold), compensation
 * given, and requests approved by the deadline. 200 or 500.
 */
void
seller_stats(struct req *r)
{
	struct stats s;
	struct tmpl_dict *d, *t, *chart = NULL;
	char fromday[11], today[11], rate[16], num[32];
	time_t from, to;
	int64_t top = 1;
	size_t i;

	stats_period(r, &from, &to, fromday, today);
	if (stats_load(r->app->db, r->sess.user.shop_id, from, to, &s) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "FROM", fromday);
	tmpl_set(d, "TO", today);
	tmpl_set_int(d, "DEADLINE_APPROVALS", s.deadline_approvals);
	for (i = 0; i < s.reasonsz; i++)
		if (s.reasons[i].cases > top)
			top = s.reasons[i].cases;
	if (s.reasonsz == 0)
		tmpl_show(d, "NO_REASONS");
	else {
		chart = tmpl_add_section(d, "CHART");
		tmpl_set_int(chart, "CHART_HEIGHT", (int64_t)s.reasonsz * 24 + 8);
	}
	for (i = 0; i < s.reasonsz; i++) {
		t = tmpl_add_section(d, "REASON");
		tmpl_set(t, "CODE", s.reasons[i].code);
		tmpl_set(t, "LABEL", r->lang == LANG_ZH ? s.reasons[i].label_zh :
		    s.reasons[i].label_en);
		tmpl_set_int(t, "CASES", s.reasons[i].cases);
		tmpl_set_int(t, "REFUNDED", s.reasons[i].refunded);
		tmpl_set_cents(t, "AMOUNT", s.reasons[i].refunded_cents);
		t = tmpl_add_section(chart, "BAR");
		tmpl_set(t, "LABEL", r->lang == LANG_ZH ? s.reasons[i].label_zh :
		    s.reasons[i].label_en);
		tmpl_set_int(t, "CASES", s.reasons[i].cases);
		tmpl_set_int(t, "Y", (int64_t)i * 24 + 4);
		tmpl_set_int(t, "TY", (int64_t)i * 24 + 18);
		tmpl_set_int(t, "W", 1 + 300 * s.reasons[i].cases / top);
	}
	if (s.skusz == 0)
		tmpl_show(d, "NO_SKUS");
	for (i = 0; i < s.skusz; i++) {
		t = tmpl_add_section(d, "SKU");
		tmpl_set(t, "SKU", s.skus[i].sku);
		tmpl_set(t, "TITLE", s.skus[i].title);
		tmpl_set_int(t, "SOLD", s.skus[i].sold);
		tmpl_set_int(t, "CASED", s.skus[i].cased);
		tmpl_set(t, "RATE", stats_rate(s.skus[i].cased, s.skus[i].sold,
		    rate));
		tmpl_set_cents(t, "AMOUNT", s.skus[i].refunded_cents);
		/* Stands out: at least 3 cases and a third of what was sold. */
		if (s.skus[i].cased >= 3 && 3 * s.skus[i].cased >= s.skus[i].sold)
			tmpl_show(t, "OUTLIER");
	}
	if (s.compsz == 0)
		tmpl_show(d, "NO_COMPS");
	for (i = 0; i < s.compsz; i++) {
		t = tmpl_add_section(d, "COMP");
		tmpl_set(t, "KIND", s.comps[i].kind);
		tmpl_set_int(t, "OFFERED", s.comps[i].offered);
		tmpl_set_int(t, "ACCEPTED", s.comps[i].accepted);
		tmpl_set_cents(t, "AMOUNT", s.comps[i].accepted_cents);
	}
	snprintf(num, sizeof(num), "from=%s&to=%s", fromday, today);
	tmpl_set(d, "PERIOD", num);
	stats_release(&s);
	page_send(r, 200, N_("Statistics"), "seller/stats.tpl", d);
}

/* Appends field to buf as one CSV cell (quoted, quotes doubled), then sep. */
static void
csv_cell(struct buf *b, const char *field, char sep)
{
	const char *p;

	buf_add(b, "\"", 1);
	for (p = field; *p != '\0'; p++)
		if (*p == '"')
			buf_add(b, "\"\"", 2);
		else
			buf_add(b, p, 1);
	buf_add(b, "\"", 1);
	buf_add(b, &sep, 1);
}

/*
 * stats/csv (GET, seller): table=reasons, skus or comps of the statistics
 * page for the same period, as CSV in UTF-8 with a byte order mark (so
 * that spreadsheet programs read the Chinese). 200, 400 for another
 * table, or 500.
 */
void
seller_stats_csv(struct req *r)
{
	const char *table = fields_str(&r->query, "table");
	struct buf b = { 0 };
	struct stats s;
	char fromday[11], today[11], n[32], name[96];
	time_t from, to;
	size_t i;

	if (table == NULL || (strcmp(table, "reasons") != 0 &&
	    strcmp(table, "skus") != 0 && strcmp(table, "comps") != 0)) {
		page_error(r, 400, N_("Unknown table"), N_("Download one of the "
		    "tables of the statistics page."));
		return;
	}
	stats_period(r, &from, &to, fromday, today);
	if (stats_load(r->app->db, r->sess.user.shop_id, from, to, &s) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	buf_puts(&b, "\xEF\xBB\xBF");
	if (strcmp(table, "reasons") == 0) {
		buf_puts(&b, "reason,label_en,label_zh,cases,refunded,"
		    "refunded_cents\r\n");
		for (i = 0; i < s.reasonsz; i++) {
			csv_cell(&b, s.reasons[i].code, ',');
			csv_cell(&b, s.reasons[i].label_en, ',');
			csv_cell(&b, s.reasons[i].label_zh, ',');
			snprintf(n, sizeof(n), "%lld,%lld,%lld\r\n",
			    (long long)s.reasons[i].cases,
			    (long long)s.reasons[i].refunded,
			    (long long)s.reasons[i].refunded_cents);
			buf_add(&b, n, strlen(n));
		}
	} else if (strcmp(table, "skus") == 0) {
		buf_puts(&b, "sku,title,lines_sold,lines_in_cases,"
		    "refunded_cents\r\n");
		for (i = 0; i < s.skusz; i++) {
			csv_cell(&b, s.skus[i].sku, ',');
			csv_cell(&b, s.skus[i].title, ',');
			snprintf(n, sizeof(n), "%lld,%lld,%lld\r\n",
			    (long long)s.skus[i].sold, (long long)s.skus[i].cased,
			    (long long)s.skus[i].refunded_cents);
			buf_add(&b, n, strlen(n));
		}
	} else {
		buf_puts(&b, "kind,offered,accepted,accepted_value_cents\r\n");
		for (i = 0; i < s.compsz; i++) {
			csv_cell(&b, s.comps[i].kind, ',');
			snprintf(n, sizeof(n), "%lld,%lld,%lld\r\n",
			    (long long)s.comps[i].offered,
			    (long long)s.comps[i].accepted,
			    (long long)s.comps[i].accepted_cents);
			buf_add(&b, n, strlen(n));
		}
	}
	/* A download with the pages' own headers (no-store, the CSP). */
	snprintf(name, sizeof(name), "attachment; filename=\"%s-%s-%s.csv\"",
	    table, fromday, today);
	http_header(&r->http, "Content-Disposition", name);
	http_send(&r->http, 200, "text/csv; charset=utf-8", b.data, b.len);
	buf_release(&b);
	stats_release(&s);
}
