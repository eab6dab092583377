/* seller-stats.c: the shop's refund statistics on seller.fcgi for a chosen period: tables, an SVG chart drawn on the server, and CSV downloads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seller.h"
#include "base/clock.h"
#include "base/util.h"
#include "store/stats_store.h"

/* The products the statistics page lists (a shop's period may hold 200). */
#define PAGE_SKUS	50

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
 * Whether the query names a shop that is not the seller's (shop=<id>, as
 * the page's links carry it): such statistics are answered 404, as any
 * other shop's page is.
 */
static bool
stats_other_shop(struct req *r)
{
	const char *v = fields_str(&r->query, "shop");
	char mine[32];

	if (v == NULL)
		return false;
	snprintf(mine, sizeof(mine), "%lld", (long long)r->sess.user.shop_id);
	return strcmp(v, mine) != 0;
}

/* Writes a duration of secs as "2 d 3 h", "4 h 10 min" or "12 min" to out. */
static const char *
stats_duration(struct req *r, int64_t secs, char *out, size_t outsz)
{
	int64_t d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;

	if (secs < 0)
		snprintf(out, outsz, "—");
	else if (d > 0)
		snprintf(out, outsz, "%lld %s %lld %s", (long long)d, tr(r, "d"),
		    (long long)h, tr(r, "h"));
	else if (h > 0)
		snprintf(out, outsz, "%lld %s %lld %s", (long long)h, tr(r, "h"),
		    (long long)m, tr(r, "min"));
	else
		snprintf(out, outsz, "%lld %s", (long long)m, tr(r, "min"));
	return out;
}

/*
 * Writes a median of secs as stats_duration() does, "about ..." when the
 * medians of s come from the kept histograms (a long period).
 */
static const char *
stats_median_words(struct req *r, const struct stats *s, int64_t secs,
    char *out, size_t outsz)
{
	char dur[64];

	stats_duration(r, secs, dur, sizeof(dur));
	if (s->medians_approx && secs >= 0)
		snprintf(out, outsz, tr(r, "about %s"), dur);
	else
		snprintf(out, outsz, "%s", dur);
	return out;
}

/* Whether the period is shown by week: asked for, or longer than 62 days. */
static bool
stats_by_week(struct req *r, time_t from, time_t to)
{
	const char *v = fields_str(&r->query, "by");

	if (v != NULL && strcmp(v, "day") == 0)
		return false;
	if (v != NULL && strcmp(v, "week") == 0)
		return true;
	return to - from > 62 * 86400;
}

/*
 * Folds the days of s into buckets (by ISO week, Monday first, when
 * week): returns a new array of *nb buckets, oldest first (free it).
 */
static struct stats_day *
stats_buckets(const struct stats *s, bool week, size_t *nb)
{
	struct stats_day *b = xcalloc(s->daysz + 1, sizeof(*b));
	struct tm tm;
	time_t t;
	size_t i, n = 0;

	for (i = 0; i < s->daysz; i++) {
		t = s->days[i].day;
		if (week) {
			gmtime_r(&t, &tm);
			t -= (time_t)((tm.tm_wday + 6) % 7) * 86400;
		}
		if (n == 0 || b[n - 1].day != t)
			b[n++].day = t;
		b[n - 1].orders += s->days[i].orders;
		b[n - 1].cases += s->days[i].cases;
		b[n - 1].refunded += s->days[i].refunded;
		b[n - 1].refunded_cents += s->days[i].refunded_cents;
	}
	*nb = n;
	return b;
}

/* The most buckets the chart over time draws (the latest ones). */
#define CHART_BUCKETS	120

/*
 * Draws the chart over time into d: one bar per bucket from the first
 * bucket with figures to the last (empty ones included), cases opened
 * with the refunded ones over them, scaled to the busiest bucket.
 */
static void
stats_time_chart(struct tmpl_dict *d, const struct stats_day *b, size_t nb,
    bool week)
{
	struct tmpl_dict *chart, *bar;
	time_t first, t, step = week ? 7 * 86400 : 86400;
	int64_t top = 1, n, w, x, h;
	char day[16], title[160];
	struct tm tm;
	size_t i, k;

	if (nb == 0)
		return;
	first = b[0].day;
	n = (b[nb - 1].day - first) / step + 1;
	if (n > CHART_BUCKETS) {
		first += (time_t)(n - CHART_BUCKETS) * step;
		n = CHART_BUCKETS;
	}
	for (i = 0; i < nb; i++)
		if (b[i].cases > top)
			top = b[i].cases;
	w = 600 / n;
	if (w > 40)
		w = 40;
	chart = tmpl_add_section(d, "TIME_CHART");
	tmpl_set_int(chart, "WIDTH", 40 + w * n + 10);
	tmpl_set_int(chart, "TOP", top);
	for (k = 0, i = 0; k < (size_t)n; k++) {
		t = first + (time_t)k * step;
		while (i < nb && b[i].day < t)
			i++;
		x = 40 + (int64_t)k * w;
		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		if (k == 0 || k + 1 == (size_t)n) {
			bar = tmpl_add_section(chart, "XLABEL");
			tmpl_set_int(bar, "X", k == 0 ? 40 : x + w);
			tmpl_set(bar, "ANCHOR", k == 0 ? "start" : "end");
			tmpl_set(bar, "TEXT", day);
		}
		if (i >= nb || b[i].day != t || b[i].cases == 0)
			continue;
		bar = tmpl_add_section(chart, "COL");
		h = 1 + 150 * b[i].cases / top;
		tmpl_set_int(bar, "X", x + 1);
		tmpl_set_int(bar, "W", w > 2 ? w - 2 : 1);
		tmpl_set_int(bar, "Y", 160 - h);
		tmpl_set_int(bar, "H", h);
		h = b[i].refunded == 0 ? 0 : 1 + 150 * b[i].refunded / top;
		tmpl_set_int(bar, "RY", 160 - h);
		tmpl_set_int(bar, "RH", h);
		snprintf(title, sizeof(title), "%s: %lld / %lld", day,
		    (long long)b[i].refunded, (long long)b[i].cases);
		tmpl_set(bar, "TITLE", title);
	}
}

/* The words of a ruling name ("" = not ruled yet). */
static const char *
stats_ruling_words(const char *ruling)
{
	if (strcmp(ruling, "rule_refund") == 0)
		return N_("Ruled: full refund");
	if (strcmp(ruling, "rule_partial") == 0)
		return N_("Ruled: partial refund");
	if (strcmp(ruling, "rule_reject") == 0)
		return N_("Ruled: request rejected");
	return N_("Waiting for the platform's ruling");
}

/*
 * stats (GET, seller): the shop's cases opened in a period (from, to,
 * UTC days; the last 30 by default; by=day or week): totals, the median
 * times to the first answer and to the end, requests approved by the
 * deadline, the cases over time (an SVG chart and a table), escalations
 * by ruling, cases by reason (an SVG chart), by product (refund rate:
 * lines asked about per line sold; the ones that stand out first) and
 * compensation given. 200, 404 for another shop (shop=), or 500.
 */
void
seller_stats(struct req *r)
{
	struct stats s;
	struct stats_day *b;
	struct tmpl_dict *d, *t, *chart = NULL;
	char fromday[11], today[11], rate[16], num[96], dur[64];
	time_t from, to;
	int64_t top = 1;
	size_t i, nb;
	bool week;

	if (stats_other_shop(r)) {
		page_error(r, 404, N_("Page not found"), N_("There are no "
		    "statistics at this address that you can see."));
		return;
	}
	stats_period(r, &from, &to, fromday, today);
	week = stats_by_week(r, from, to);
	if (stats_load(r->app->db, r->sess.user.shop_id, from, to, &s) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "FROM", fromday);
	tmpl_set(d, "TO", today);
	tmpl_show(d, week ? "BY_WEEK" : "BY_DAY");
	tmpl_set_int(d, "DEADLINE_APPROVALS", s.deadline_approvals);
	tmpl_set_int(d, "TOTAL_CASES", s.cases);
	tmpl_set_int(d, "TOTAL_REFUNDED", s.refunded);
	tmpl_set_cents(d, "TOTAL_REFUNDED_CENTS", s.refunded_cents);
	tmpl_set_int(d, "TOTAL_ESCALATED", s.escalated);
	tmpl_set_int(d, "TOTAL_FAST", s.fast_tracked);
	tmpl_set_int(d, "LINES_SOLD", s.lines_sold);
	tmpl_set_int(d, "LINES_CASED", s.lines_cased);
	tmpl_set(d, "SHOP_RATE", stats_rate(s.lines_cased, s.lines_sold, rate));
	tmpl_set(d, "MEDIAN_ANSWER", stats_median_words(r, &s, s.answer_secs,
	    dur, sizeof(dur)));
	tmpl_set_int(d, "MEDIAN_ANSWER_SECS", s.answer_secs);
	tmpl_set_int(d, "ANSWERED", s.answered);
	tmpl_set(d, "MEDIAN_CLOSE", stats_median_words(r, &s, s.close_secs,
	    dur, sizeof(dur)));
	tmpl_set_int(d, "MEDIAN_CLOSE_SECS", s.close_secs);
	tmpl_set_int(d, "CLOSED", s.closed);
	{
		int64_t comp = 0;

		for (i = 0; i < s.compsz; i++)
			comp += s.comps[i].accepted_cents;
		tmpl_set_cents(d, "TOTAL_COMP_CENTS", comp);
	}

	/* Over time. */
	b = stats_buckets(&s, week, &nb);
	tmpl_show(d, nb == 0 ? "NO_TIME" : "TIME_TABLE");
	stats_time_chart(d, b, nb, week);
	for (i = 0; i < nb; i++) {
		t = tmpl_add_section(d, "BUCKET");
		clock_format(b[i].day, NULL, "%Y-%m-%d", num, sizeof(num));
		tmpl_set(t, "DAY", num);
		tmpl_set_int(t, "ORDERS", b[i].orders);
		tmpl_set_int(t, "CASES", b[i].cases);
		tmpl_set_int(t, "REFUNDED", b[i].refunded);
		tmpl_set_cents(t, "AMOUNT", b[i].refunded_cents);
		tmpl_set(t, "RATE", stats_rate(b[i].cases, b[i].orders, rate));
	}
	free(b);

	/* Escalations. */
	tmpl_show(d, s.rulingsz == 0 ? "NO_RULINGS" : "RULING_TABLE");
	for (i = 0; i < s.rulingsz; i++) {
		t = tmpl_add_section(d, "RULING");
		tmpl_set(t, "CODE", *s.rulings[i].ruling != '\0' ?
		    s.rulings[i].ruling : "pending");
		tmpl_set(t, "LABEL", tr(r, stats_ruling_words(s.rulings[i].ruling)));
		tmpl_set_int(t, "CASES", s.rulings[i].cases);
		tmpl_set_cents(t, "AMOUNT", s.rulings[i].refunded_cents);
	}

	/* By reason. */
	for (i = 0; i < s.reasonsz; i++)
		if (s.reasons[i].cases > top)
			top = s.reasons[i].cases;
	if (s.reasonsz == 0)
		tmpl_show(d, "NO_REASONS");
	else {
		tmpl_show(d, "REASON_TABLE");
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
		tmpl_set(t, "SHARE", stats_rate(s.reasons[i].cases, s.cases,
		    rate));
		tmpl_set(t, "RATE", stats_rate(s.reasons[i].refunded,
		    s.reasons[i].cases, rate));
		t = tmpl_add_section(chart, "BAR");
		tmpl_set(t, "LABEL", r->lang == LANG_ZH ? s.reasons[i].label_zh :
		    s.reasons[i].label_en);
		tmpl_set_int(t, "CASES", s.reasons[i].cases);
		tmpl_set_int(t, "Y", (int64_t)i * 24 + 4);
		tmpl_set_int(t, "TY", (int64_t)i * 24 + 18);
		tmpl_set_int(t, "W", 1 + 300 * s.reasons[i].cases / top);
	}

	/*
	 * By product, the PAGE_SKUS most asked about (the CSV has them all);
	 * the ones that stand out, of all of them, also in their own list.
	 */
	tmpl_show(d, s.skusz == 0 ? "NO_SKUS" : "SKU_TABLE");
	nb = 0;
	for (i = 0; i < s.skusz; i++) {
		bool out = stats_sku_outlier(&s, &s.skus[i]);

		if (i < PAGE_SKUS) {
			t = tmpl_add_section(d, "SKU");
			tmpl_set(t, "SKU", s.skus[i].sku);
			tmpl_set(t, "TITLE", s.skus[i].title);
			tmpl_set_int(t, "SOLD", s.skus[i].sold);
			tmpl_set_int(t, "CASED", s.skus[i].cased);
			tmpl_set(t, "RATE", stats_rate(s.skus[i].cased,
			    s.skus[i].sold, rate));
			tmpl_set_cents(t, "AMOUNT", s.skus[i].refunded_cents);
			if (out)
				tmpl_show(t, "OUTLIER");
		}
		if (!out)
			continue;
		t = tmpl_add_section(d, "STANDOUT");
		tmpl_set(t, "SKU", s.skus[i].sku);
		tmpl_set(t, "TITLE", s.skus[i].title);
		tmpl_set_int(t, "CASED", s.skus[i].cased);
		tmpl_set(t, "RATE", stats_rate(s.skus[i].cased, s.skus[i].sold,
		    rate));
		nb++;
	}
	if (s.skusz > PAGE_SKUS) {
		char more[160];

		snprintf(more, sizeof(more), tr(r, "The %d products most asked "
		    "about; the CSV lists all %d."), PAGE_SKUS, (int)s.skusz);
		tmpl_set(tmpl_add_section(d, "SKUS_MORE"), "TEXT", more);
	}
	tmpl_show(d, nb == 0 ? "NO_STANDOUT" : "STANDOUTS");
	tmpl_show(d, s.compsz == 0 ? "NO_COMPS" : "COMP_TABLE");
	for (i = 0; i < s.compsz; i++) {
		t = tmpl_add_section(d, "COMP");
		tmpl_set(t, "KIND", s.comps[i].kind);
		tmpl_set_int(t, "OFFERED", s.comps[i].offered);
		tmpl_set_int(t, "ACCEPTED", s.comps[i].accepted);
		tmpl_set_cents(t, "AMOUNT", s.comps[i].accepted_cents);
	}
	snprintf(num, sizeof(num), "from=%s&to=%s&by=%s&shop=%lld", fromday,
	    today, week ? "week" : "day", (long long)r->sess.user.shop_id);
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

/* Appends a CSV row of n integers (after any cells already added). */
static void
csv_ints(struct buf *b, size_t n, const int64_t *v)
{
	char num[32];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%lld%s", (long long)v[i],
		    i + 1 < n ? "," : "\r\n");
		buf_puts(b, num);
	}
}

/* The tables of stats/csv. */
enum csv_table {
	CSV_REASONS,
	CSV_SKUS,
	CSV_COMPS,
	CSV_TIME,
	CSV_ESCALATIONS,
	CSV_OUTLIERS,
	CSV_SUMMARY,
	CSV__MAX
};

static const char *const csv_tables[CSV__MAX] = {
	"reasons", /* CSV_REASONS */
	"skus", /* CSV_SKUS */
	"comps", /* CSV_COMPS */
	"time", /* CSV_TIME */
	"escalations", /* CSV_ESCALATIONS */
	"outliers", /* CSV_OUTLIERS */
	"summary", /* CSV_SUMMARY */
};

/* Appends the rows of table k of s (by week when week) to b, with its header. */
static void
csv_fill(struct buf *b, enum csv_table k, const struct stats *s, bool week)
{
	struct stats_day *days;
	char day[16];
	size_t i, n;

	switch (k) {
	case CSV_REASONS:
		buf_puts(b, "reason,label_en,label_zh,cases,refunded,"
		    "refunded_cents\r\n");
		for (i = 0; i < s->reasonsz; i++) {
			csv_cell(b, s->reasons[i].code, ',');
			csv_cell(b, s->reasons[i].label_en, ',');
			csv_cell(b, s->reasons[i].label_zh, ',');
			csv_ints(b, 3, (int64_t[]){ s->reasons[i].cases,
			    s->reasons[i].refunded, s->reasons[i].refunded_cents });
		}
		break;
	case CSV_SKUS:
	case CSV_OUTLIERS:
		buf_puts(b, "sku,title,lines_sold,lines_in_cases,"
		    "refunded_cents\r\n");
		for (i = 0; i < s->skusz; i++) {
			if (k == CSV_OUTLIERS && !stats_sku_outlier(s, &s->skus[i]))
				continue;
			csv_cell(b, s->skus[i].sku, ',');
			csv_cell(b, s->skus[i].title, ',');
			csv_ints(b, 3, (int64_t[]){ s->skus[i].sold,
			    s->skus[i].cased, s->skus[i].refunded_cents });
		}
		break;
	case CSV_COMPS:
		buf_puts(b, "kind,offered,accepted,accepted_value_cents\r\n");
		for (i = 0; i < s->compsz; i++) {
			csv_cell(b, s->comps[i].kind, ',');
			csv_ints(b, 3, (int64_t[]){ s->comps[i].offered,
			    s->comps[i].accepted, s->comps[i].accepted_cents });
		}
		break;
	case CSV_TIME:
		buf_puts(b, week ? "week_from," : "day,");
		buf_puts(b, "orders_paid,cases_opened,refunded,"
		    "refunded_cents\r\n");
		days = stats_buckets(s, week, &n);
		for (i = 0; i < n; i++) {
			clock_format(days[i].day, NULL, "%Y-%m-%d", day,
			    sizeof(day));
			csv_cell(b, day, ',');
			csv_ints(b, 4, (int64_t[]){ days[i].orders, days[i].cases,
			    days[i].refunded, days[i].refunded_cents });
		}
		free(days);
		break;
	case CSV_ESCALATIONS:
		buf_puts(b, "ruling,cases,refunded_cents\r\n");
		for (i = 0; i < s->rulingsz; i++) {
			csv_cell(b, *s->rulings[i].ruling != '\0' ?
			    s->rulings[i].ruling : "pending", ',');
			csv_ints(b, 2, (int64_t[]){ s->rulings[i].cases,
			    s->rulings[i].refunded_cents });
		}
		break;
	default:
		buf_puts(b, "cases,refunded,refunded_cents,escalated,closed,"
		    "fast_tracked,approved_by_deadline,lines_sold,"
		    "lines_in_cases,median_first_answer_secs,answered,"
		    "median_close_secs,medians_approximate\r\n");
		csv_ints(b, 13, (int64_t[]){ s->cases, s->refunded,
		    s->refunded_cents, s->escalated, s->closed, s->fast_tracked,
		    s->deadline_approvals, s->lines_sold, s->lines_cased,
		    s->answer_secs, s->answered, s->close_secs,
		    s->medians_approx ? 1 : 0 });
		break;
	}
}

/*
 * stats/csv (GET, seller): table=reasons, skus, comps, time (by=day or
 * week), escalations, outliers or summary of the statistics page for the
 * same period, as CSV in UTF-8 with a byte order mark (so that
 * spreadsheet programs read the Chinese); amounts in cents, durations in
 * seconds (-1: none; the summary's medians_approximate 1 when the medians
 * come from the kept histograms, as the page's "about"). 200, 400 for another table, 404 for another shop
 * (shop=), or 500.
 */
void
seller_stats_csv(struct req *r)
{
	const char *table = fields_str(&r->query, "table");
	struct buf b = { 0 };
	struct stats s;
	char fromday[11], today[11], name[96];
	time_t from, to;
	size_t k;

	for (k = 0; table != NULL && k < CSV__MAX; k++)
		if (strcmp(table, csv_tables[k]) == 0)
			break;
	if (table == NULL || k == CSV__MAX) {
		page_error(r, 400, N_("Unknown table"), N_("Download one of the "
		    "tables of the statistics page."));
		return;
	}
	if (stats_other_shop(r)) {
		page_error(r, 404, N_("Page not found"), N_("There are no "
		    "statistics at this address that you can see."));
		return;
	}
	stats_period(r, &from, &to, fromday, today);
	if (stats_load(r->app->db, r->sess.user.shop_id, from, to, &s) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	buf_puts(&b, "\xEF\xBB\xBF");
	csv_fill(&b, (enum csv_table)k, &s, stats_by_week(r, from, to));
	/* A download with the pages' own headers (no-store, the CSP). */
	snprintf(name, sizeof(name), "attachment; filename=\"%s-%s-%s.csv\"",
	    csv_tables[k], fromday, today);
	http_header(&r->http, "Content-Disposition", name);
	http_send(&r->http, 200, "text/csv; charset=utf-8", b.data, b.len);
	buf_release(&b);
	stats_release(&s);
}
