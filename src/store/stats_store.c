/* stats_store.c: a shop's refund statistics: by reason, by SKU, compensation, approvals by deadline. */
/*
 * What each figure reads (issue 12, at a million cases). The period's
 * figures come from shop_day_stats (sql/015): a shop's cases per opening
 * day and orders per paying day, by reason, product, ruling and
 * compensation, kept by the worker (engine/aggregates.c) and rebuilt by
 * deskctl recount; one range of its primary key per kind, merged here
 * (no grouping or sorting in the database). They are as of the worker's
 * last pass; the products of the default period (the 30 days to today)
 * from the 200 the worker keeps merged per shop (sql/020, shop_window_skus),
 * so that the default page reads no row per product and day. The medians
 * read the period's range of ix_cases_shop_stats (sql/008, sql/014), a
 * covering index, when the period has at most STATS_EXACT_MAX cases, and
 * else the histograms per day the worker keeps (sql/020).
 */
#include <assert.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/stats_store.h"
#include "store/kept_counts.h"
#include "base/util.h"

/* The columns of SQL_SELLER_STATS_REASONS, _SKUS and _COMPS. */
enum { SR_CODE, SR_EN, SR_ZH, SR_CASES, SR_REFUNDED, SR_CENTS, SR__MAX };
enum { SS_SKU, SS_TITLE, SS_SOLD, SS_CASED, SS_CENTS, SS__MAX };
enum { SC_KIND, SC_OFFERED, SC_ACCEPTED, SC_CENTS, SC__MAX };

/* The columns of SQL_SS_TOTALS, _DAYS, _ESCALATIONS, _BUYER_HISTORY, _CASE_FACTS. */
enum { ST_CASES, ST_REFUNDED, ST_CENTS, ST_ESCALATED, ST_CLOSED, ST_FAST,
	ST__MAX };
enum { SD_DAY, SD_ORDERS, SD_CASES, SD_REFUNDED, SD_CENTS, SD__MAX };
enum { SE_RULING, SE_CASES, SE_CENTS, SE__MAX };
enum { SF_BUYER, SF_SHOP, SF_PAID, SF_SHIPPED, SF_DELIVERED, SF_CARRIER,
	SF_WAYBILL, SF_REFUND_ONLY, SF_RETURN_REFUND, SF_EXCHANGE, SF_EVIDENCE,
	SF_PAYER, SF_WINDOW, SF_FAST, SF_RESPONSE, SF__MAX };

/* The columns of SQL_SDS_READ. */
enum { SK_KIND, SK_DAY, SK_KEY, SK_T, SK_U, SK_A, SK_B, SK_C, SK_D, SK_E,
	SK_F, SK__MAX };

/* The kinds of shop_day_stats (sql/015). */
enum { SDS_CASES = 1, SDS_LINES, SDS_REASONS, SDS_SKUS, SDS_RULINGS,
	SDS_COMPS, SDS_DEADLINE, SDS_ORDERS = 10, SDS_SOLD };

/* One keyed row of the period, before the rows of one key are merged. */
struct keyed {
	int		 kind;
	const char	*key, *t, *u;	/* point into the result */
	int64_t		 v[4];
};

/* Orders keyed rows by kind, then key (byte order), then label. */
static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->t, y->t);
}

/* Orders days by date. */
static int
day_cmp(const void *a, const void *b)
{
	const struct stats_day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* Orders reasons by cases (most first), then code. */
static int
reason_cmp(const void *a, const void *b)
{
	const struct stats_reason *x = a, *y = b;

	if (x->cases != y->cases)
		return x->cases > y->cases ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Orders products by SKU (byte order), for bsearch(). */
static int
stats_sku_key_cmp(const void *a, const void *b)
{
	const struct stats_sku *x = a, *y = b;

	return strcmp(x->sku, y->sku);
}

/* Orders products by case lines (most first), then SKU. */
static int
sku_cmp(const void *a, const void *b)
{
	const struct stats_sku *x = a, *y = b;

	if (x->cased != y->cased)
		return x->cased > y->cased ? -1 : 1;
	return strcmp(x->sku, y->sku);
}

/* The place of a compensation kind in its ENUM (sql/004), as ORDER BY kind. */
static int
comp_rank(const char *kind)
{
	static const char *const kinds[] = { "coupon", "gift",
	    "free_shipping", "postage_refund" };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return (int)i;
	return (int)i;
}

static int
comp_cmp(const void *a, const void *b)
{
	const struct stats_comp *x = a, *y = b;

	return comp_rank(x->kind) - comp_rank(y->kind);
}

/* The day of s->days for t, added when new (days has room for all). */
static struct stats_day *
stats_day_at(struct stats *s, time_t t)
{
	size_t i;

	for (i = s->daysz; i > 0; i--)
		if (s->days[i - 1].day == t)
			return &s->days[i - 1];
	s->days[s->daysz].day = t;
	return &s->days[s->daysz++];
}

/*
 * Folds the keyed rows k (sorted by keyed_cmp) into the reasons, products,
 * rulings and compensation of s, one entry per key.
 */
static void
stats_fold_keyed(struct stats *s, const struct keyed *k, size_t n)
{
	struct stats_sku *sku = NULL;
	size_t i, j, cased = SIZE_MAX;

	s->reasons = xcalloc(n + 1, sizeof(*s->reasons));
	s->skus = xcalloc(n + 1, sizeof(*s->skus));
	s->rulings = xcalloc(n + 1, sizeof(*s->rulings));
	s->comps = xcalloc(n + 1, sizeof(*s->comps));
	for (i = 0; i < n; i = j) {
		int64_t a = 0, b = 0, c = 0;
		const char *t = k[i].t, *u = k[i].u;

		/* the rows of one key: the largest labels, as MAX() did */
		for (j = i; j < n && k[j].kind == k[i].kind &&
		    strcmp(k[j].key, k[i].key) == 0; j++) {
			a += k[j].v[0];
			b += k[j].v[1];
			c += k[j].v[2];
			if (strcmp(k[j].t, t) > 0)
				t = k[j].t;
			if (strcmp(k[j].u, u) > 0)
				u = k[j].u;
		}
		switch (k[i].kind) {
		case SDS_REASONS:
			s->reasons[s->reasonsz].code = xstrdup(k[i].key);
			s->reasons[s->reasonsz].label_en = xstrdup(t);
			s->reasons[s->reasonsz].label_zh = xstrdup(u);
			s->reasons[s->reasonsz].cases = a;
			s->reasons[s->reasonsz].refunded = b;
			s->reasons[s->reasonsz++].refunded_cents = c;
			break;
		case SDS_SKUS:	/* sorted before SDS_SOLD */
			sku = &s->skus[s->skusz++];
			sku->sku = xstrdup(k[i].key);
			sku->title = xstrdup(t);
			sku->cased = a;
			sku->refunded_cents = b;
			break;
		case SDS_SOLD:
			/* the product's cased entry, if any: those came first,
			 * sorted by SKU */
			if (cased == SIZE_MAX)
				cased = s->skusz;
			sku = bsearch(&(struct stats_sku){ .sku = (char *)
			    k[i].key }, s->skus, cased, sizeof(*s->skus),
			    stats_sku_key_cmp);
			if (sku == NULL) {
				sku = &s->skus[s->skusz++];
				sku->sku = xstrdup(k[i].key);
				sku->title = xstrdup(t);
			} else if (strcmp(t, sku->title) > 0) {
				free(sku->title);
				sku->title = xstrdup(t);
			}
			sku->sold = a;
			break;
		case SDS_RULINGS:
			s->rulings[s->rulingsz].ruling = xstrdup(k[i].key);
			s->rulings[s->rulingsz].cases = a;
			s->rulings[s->rulingsz++].refunded_cents = b;
			break;
		case SDS_COMPS:
			s->comps[s->compsz].kind = xstrdup(k[i].key);
			s->comps[s->compsz].offered = a;
			s->comps[s->compsz].accepted = b;
			s->comps[s->compsz++].accepted_cents = c;
			break;
		}
	}
}

/* qsort() order of int64_t values. */
static int
stats_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The median of v[0..n-1] (sorted here) as MariaDB's MEDIAN() gives it
 * in whole seconds: the middle value, or the mean of the two middle ones
 * with a half second rounded down; -1 when n is 0.
 */
static int64_t
stats_median(int64_t *v, size_t n)
{
	int64_t a, b;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), stats_cmp);
	if (n % 2 == 1)
		return v[n / 2];
	a = v[n / 2 - 1];
	b = v[n / 2];
	return a + (b - a) / 2;	/* b >= a: rounds down */
}

/*
 * The most cases of a period whose durations are read one by one for
 * exact medians; beyond, the kept histograms (SQL_SS_DURATIONS reads at
 * most one more row, LIMIT 1001).
 */
#define STATS_EXACT_MAX	1000

/* Buckets of stats_bucket_of() a histogram holds (up to 2^62 seconds). */
#define STATS_BUCKETS	1024

int
stats_bucket_of(int64_t secs)
{
	int e;

	if (secs < 32)
		return secs < 0 ? 0 : (int)secs;
	for (e = 5; e < 62 && (secs >> (e + 1)) != 0; e++)
		continue;
	/* the highest bit e, then the 4 bits below it */
	return (e - 4) * 16 + (int)(secs >> (e - 4));
}

void
stats_bucket_range(int b, int64_t *lo, int64_t *hi)
{
	int e;

	if (b < 32) {
		*lo = b;
		*hi = b + 1;
		return;
	}
	e = b / 16 + 3;
	*lo = (int64_t)(b % 16 + 16) << (e - 4);
	*hi = (int64_t)(b % 16 + 17) << (e - 4);
}

/*
 * Adds the histogram text h ("bucket:count:seconds" by bucket, comma
 * separated, as sql/020 keeps them) to the counts hist and the sums of
 * seconds sum; malformed or out of range entries end or are skipped.
 */
static void
stats_hist_add(int64_t *hist, int64_t *sum, const char *h)
{
	char *end;
	long long v[3];
	int k;

	while (*h != '\0') {
		for (k = 0; k < 3; k++) {
			v[k] = strtoll(h, &end, 10);
			if (end == h || (k < 2 && *end != ':'))
				return;
			h = k < 2 ? end + 1 : end;
		}
		if (*h == ',')
			h++;
		else if (*h != '\0')
			return;
		if (v[0] >= 0 && v[0] < STATS_BUCKETS && v[1] > 0) {
			hist[v[0]] += v[1];
			sum[v[0]] += v[2];
		}
	}
}

/*
 * The value of rank r (0-based, in order) of the durations of hist: the
 * mean of its bucket's durations (sum), which lies within the bucket.
 */
static double
stats_hist_rank(const int64_t *hist, const int64_t *sum, int64_t r)
{
	int64_t cum = 0;
	int b;

	for (b = 0; b < STATS_BUCKETS; b++) {
		if (hist[b] == 0 || cum + hist[b] <= r) {
			cum += hist[b];
			continue;
		}
		return (double)sum[b] / (double)hist[b];
	}
	return -1;
}

/*
 * The median of the n durations of hist (sums of seconds sum) as
 * stats_median() gives it (the middle one, or the mean of the two middle
 * ones, rounded down), each taken as its bucket's mean: within its
 * bucket's width of the exact one; -1 when n is 0.
 */
static int64_t
stats_hist_median(const int64_t *hist, const int64_t *sum, int64_t n)
{
	if (n <= 0)
		return -1;
	if (n % 2 == 1)
		return (int64_t)stats_hist_rank(hist, sum, n / 2);
	return (int64_t)((stats_hist_rank(hist, sum, n / 2 - 1) +
	    stats_hist_rank(hist, sum, n / 2)) / 2);
}

/*
 * Loads the medians of a long period into s from the histograms the
 * worker keeps per day (sql/020): at most two rows a day of the period,
 * whatever the number of cases.
 */
static enum rc
stats_load_buckets(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	int64_t *hist, *sum, n[2] = { 0, 0 };
	struct db_res d;
	size_t i;
	int k;
	enum rc rc;

	hist = xcalloc(2 * STATS_BUCKETS, sizeof(*hist));
	sum = xcalloc(2 * STATS_BUCKETS, sizeof(*sum));
	if ((rc = db_query(db, SQL_SDD_READ, &d, "itt", shop_id, from, to)) !=
	    RC_OK)
		goto out;
	assert(d.rowsz == 0 || d.colsz == 3);
	for (i = 0; i < d.rowsz; i++) {
		k = (int)db_int(&d, i, 0) - 1;
		if (k < 0 || k > 1)
			continue;
		n[k] += db_int(&d, i, 1);
		stats_hist_add(hist + k * STATS_BUCKETS, sum + k * STATS_BUCKETS,
		    db_str(&d, i, 2));
	}
	s->answer_secs = stats_hist_median(hist, sum, n[0]);
	s->answered = n[0];
	s->close_secs = stats_hist_median(hist + STATS_BUCKETS,
	    sum + STATS_BUCKETS, n[1]);
	s->medians_approx = true;
out:
	free(hist);
	free(sum);
	db_res_release(&d);
	return rc;
}

/*
 * Loads the medians of stats_load() into s. A period of at most
 * STATS_EXACT_MAX cases (as the worker's figures count them, and as the
 * read finds them): its durations read from its range of the covering
 * ix_cases_shop_stats and sorted here, exact. A longer one: from the
 * histograms of its days (stats_load_buckets()), each median within its
 * bucket (s->medians_approx), so that the page's cost does not grow with
 * the shop's cases.
 */
static enum rc
stats_load_medians(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	int64_t *answer = NULL, *close = NULL;
	size_t i, na = 0, nc = 0;
	struct db_res d;
	enum rc rc;

	if (s->cases > STATS_EXACT_MAX)
		return stats_load_buckets(db, shop_id, from, to, s);
	if ((rc = db_query(db, SQL_SS_DURATIONS, &d, "itt", shop_id, from,
	    to)) != RC_OK)
		goto out;
	assert(d.rowsz == 0 || d.colsz == 2);
	if (d.rowsz > STATS_EXACT_MAX) {
		db_res_release(&d);
		return stats_load_buckets(db, shop_id, from, to, s);
	}
	answer = xcalloc(d.rowsz + 1, sizeof(*answer));
	close = xcalloc(d.rowsz + 1, sizeof(*close));
	for (i = 0; i < d.rowsz; i++) {
		if (!db_null(&d, i, 0))
			answer[na++] = db_int(&d, i, 0);
		if (!db_null(&d, i, 1))
			close[nc++] = db_int(&d, i, 1);
	}
	s->answer_secs = stats_median(answer, na);
	s->answered = (int64_t)na;
	s->close_secs = stats_median(close, nc);
out:
	free(answer);
	free(close);
	db_res_release(&d);
	return rc;
}

/* The rows of the days read beyond which stats_load() trims the heap. */
#define STATS_TRIM_ROWS	5000

/* The columns of SQL_SWS_READ. */
enum { SW_FROM, SW_TO, SW_SKU, SW_TITLE, SW_SOLD, SW_CASED, SW_CENTS,
	SW__MAX };

/*
 * Sets *skus (*skusz of them) to the products of the period [from, to)
 * from the worker's window of shop_id (sql/020: the 200 most asked about
 * of the 30 days to today, merged as stats_fold_keyed() merges the days)
 * when it holds that period. Else (another period, a window of another
 * day: the worker has not moved it yet, or one without products) *skus
 * is NULL. Returns RC_OK or RC_DB.
 */
static enum rc
stats_load_window(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats_sku **skus, size_t *skusz)
{
	struct stats_sku *k;
	struct db_res w;
	size_t i;
	enum rc rc;

	*skus = NULL;
	*skusz = 0;
	if ((rc = db_query(db, SQL_SWS_READ, &w, "i", shop_id)) != RC_OK)
		goto out;
	if (w.rowsz == 0 || w.colsz != SW__MAX ||
	    db_int(&w, 0, SW_FROM) != (int64_t)from ||
	    db_int(&w, 0, SW_TO) != (int64_t)to)
		goto out;
	*skus = k = xcalloc(w.rowsz + 1, sizeof(*k));
	for (i = 0; i < w.rowsz; i++) {
		k[i].sku = xstrdup(db_str(&w, i, SW_SKU));
		k[i].title = xstrdup(db_str(&w, i, SW_TITLE));
		k[i].sold = db_int(&w, i, SW_SOLD);
		k[i].cased = db_int(&w, i, SW_CASED);
		k[i].refunded_cents = db_int(&w, i, SW_CENTS);
	}
	*skusz = w.rowsz;
out:
	db_res_release(&w);
	return rc;
}

enum rc
stats_load(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	struct stats_sku *window = NULL;
	struct stats_day *day;
	struct keyed *k = NULL;
	struct db_res a = { 0 };
	size_t i, kz = 0, windowsz = 0;
	size_t rows = 0;
	enum rc rc;

	memset(s, 0, sizeof(*s));
	/* The products of the default period, kept whole by the worker
	 * (grow-b, sql/020); then the days without them. */
	if ((rc = stats_load_window(db, shop_id, from, to, &window,
	    &windowsz)) != RC_OK)
		goto out;
	/* The period's days of the shop, kept by the worker (sql/015). */
	if ((rc = db_query(db, window != NULL ? SQL_SDS_READ_DAYS :
	    SQL_SDS_READ, &a, "itt", shop_id, from, to)) != RC_OK)
		goto out;
	assert(a.rowsz == 0 || a.colsz == SK__MAX);
	rows = a.rowsz;
	s->days = xcalloc(a.rowsz + 1, sizeof(*s->days));
	k = xcalloc(a.rowsz + 1, sizeof(*k));
	for (i = 0; i < a.rowsz; i++) {
		int kind = (int)db_int(&a, i, SK_KIND);

		switch (kind) {
		case SDS_CASES:
			day = stats_day_at(s, (time_t)db_int(&a, i, SK_DAY));
			day->cases += db_int(&a, i, SK_A);
			day->refunded += db_int(&a, i, SK_B);
			day->refunded_cents += db_int(&a, i, SK_C);
			s->cases += db_int(&a, i, SK_A);
			s->refunded += db_int(&a, i, SK_B);
			s->refunded_cents += db_int(&a, i, SK_C);
			s->escalated += db_int(&a, i, SK_D);
			s->closed += db_int(&a, i, SK_E);
			s->fast_tracked += db_int(&a, i, SK_F);
			break;
		case SDS_LINES:
			s->lines_cased += db_int(&a, i, SK_A);
			break;
		case SDS_DEADLINE:
			s->deadline_approvals += db_int(&a, i, SK_A);
			break;
		case SDS_ORDERS:
			day = stats_day_at(s, (time_t)db_int(&a, i, SK_DAY));
			day->orders += db_int(&a, i, SK_A);
			s->lines_sold += db_int(&a, i, SK_B);
			break;
		default:
			k[kz].kind = kind;
			k[kz].key = db_str(&a, i, SK_KEY);
			k[kz].t = db_str(&a, i, SK_T);
			k[kz].u = db_str(&a, i, SK_U);
			k[kz].v[0] = db_int(&a, i, SK_A);
			k[kz].v[1] = db_int(&a, i, SK_B);
			k[kz++].v[2] = db_int(&a, i, SK_C);
			break;
		}
	}
	qsort(s->days, s->daysz, sizeof(*s->days), day_cmp);
	qsort(k, kz, sizeof(*k), keyed_cmp);
	stats_fold_keyed(s, k, kz);
	if (window != NULL) {	/* the days held none: the window's, 200 at most */
		free(s->skus);
		s->skus = window;
		s->skusz = windowsz;
		window = NULL;
		windowsz = 0;
	}
	qsort(s->reasons, s->reasonsz, sizeof(*s->reasons), reason_cmp);
	qsort(s->skus, s->skusz, sizeof(*s->skus), sku_cmp);
	qsort(s->comps, s->compsz, sizeof(*s->comps), comp_cmp);
	/* The 200 most asked about, as before. */
	while (s->skusz > 200) {
		s->skusz--;
		free(s->skus[s->skusz].sku);
		free(s->skus[s->skusz].title);
	}
	rc = stats_load_medians(db, shop_id, from, to, s);
out:
	for (i = 0; i < windowsz; i++) {
		free(window[i].sku);
		free(window[i].title);
	}
	free(window);
	free(k);
	db_res_release(&a);
	/*
	 * A long period read from the days (a row per product and day: tens
	 * of thousands for a busy shop) left the heap full of small free
	 * chunks that the trim threshold (http_init()) does not give back: 75 MB
	 * resident after 90 days of the heavy shop at 1M cases, 9.5 MB with
	 * this.
	 */
	if (rows > STATS_TRIM_ROWS)
		malloc_trim(0);
	if (rc != RC_OK)
		stats_release(s);
	return rc;
}

void
stats_release(struct stats *s)
{
	size_t i;

	for (i = 0; i < s->reasonsz; i++) {
		free(s->reasons[i].code);
		free(s->reasons[i].label_en);
		free(s->reasons[i].label_zh);
	}
	for (i = 0; i < s->skusz; i++) {
		free(s->skus[i].sku);
		free(s->skus[i].title);
	}
	for (i = 0; i < s->compsz; i++)
		free(s->comps[i].kind);
	for (i = 0; i < s->rulingsz; i++)
		free(s->rulings[i].ruling);
	free(s->days);
	free(s->rulings);
	free(s->reasons);
	free(s->skus);
	free(s->comps);
	memset(s, 0, sizeof(*s));
}

bool
stats_sku_outlier(const struct stats *s, const struct stats_sku *k)
{
	if (k->cased < 3)
		return false;
	if (k->sold == 0 || s->lines_cased == 0)
		return true;
	/* cased / sold >= 2 * lines_cased / lines_sold, in integers */
	return k->cased * s->lines_sold >= 2 * s->lines_cased * k->sold;
}

enum rc
stats_buyer_load(struct db *db, int64_t buyer_id, int64_t shop_id,
    struct stats_buyer *h)
{
	struct db_res a;
	size_t i;
	enum rc rc;

	memset(h, 0, sizeof(*h));
	/* Kept by the engine (engine/counts.c, sql/015): kinds 3..7 of the
	 * buyer with the shop, five primary key lookups. */
	if ((rc = db_query(db, SQL_COUNTS_BUYER_SHOP, &a, "ii", buyer_id,
	    shop_id)) != RC_OK)
		goto out;
	for (i = 0; i < a.rowsz; i++)
		switch (db_int(&a, i, 0)) {
		case COUNT_BUYER_CASES:
			h->cases = db_int(&a, i, 1);
			break;
		case COUNT_BUYER_REFUNDED:
			h->refunded = db_int(&a, i, 1);
			break;
		case COUNT_BUYER_OPEN:
			h->open = db_int(&a, i, 1);
			break;
		case COUNT_BUYER_CENTS:
			h->refunded_cents = db_int(&a, i, 1);
			break;
		case COUNT_BUYER_ORDERS:
			h->orders = db_int(&a, i, 1);
			break;
		}
out:
	db_res_release(&a);
	return rc;
}

enum rc
stats_case_facts_load(struct db *db, int64_t case_id,
    struct stats_case_facts *f)
{
	struct db_res a;
	enum rc rc;

	memset(f, 0, sizeof(*f));
	if ((rc = db_query(db, SQL_SS_CASE_FACTS, &a, "i", case_id)) != RC_OK)
		goto out;
	if (a.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(a.colsz == SF__MAX);
	f->buyer_id = db_int(&a, 0, SF_BUYER);
	f->shop_id = db_int(&a, 0, SF_SHOP);
	f->paid_at = (time_t)db_int(&a, 0, SF_PAID);
	f->shipped_at = (time_t)db_int(&a, 0, SF_SHIPPED);
	f->delivered_at = (time_t)db_int(&a, 0, SF_DELIVERED);
	f->carrier = xstrdup(db_str(&a, 0, SF_CARRIER));
	f->waybill = xstrdup(db_str(&a, 0, SF_WAYBILL));
	f->allow_refund_only = db_int(&a, 0, SF_REFUND_ONLY) != 0;
	f->allow_return_refund = db_int(&a, 0, SF_RETURN_REFUND) != 0;
	f->allow_exchange = db_int(&a, 0, SF_EXCHANGE) != 0;
	f->evidence_required = db_int(&a, 0, SF_EVIDENCE) != 0;
	f->seller_pays_shipping = strcmp(db_str(&a, 0, SF_PAYER), "seller") == 0;
	f->window_days = db_int(&a, 0, SF_WINDOW);
	f->fast_track = db_int(&a, 0, SF_FAST) != 0;
	f->seller_response_hours = db_int(&a, 0, SF_RESPONSE);
out:
	db_res_release(&a);
	return rc;
}

void
stats_case_facts_release(struct stats_case_facts *f)
{
	free(f->carrier);
	free(f->waybill);
	memset(f, 0, sizeof(*f));
}
