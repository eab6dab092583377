/* stats_store.c: a shop's refund statistics: by reason, by SKU, compensation, approvals by deadline. */
/*
 * What each figure reads (issue 9, at a million cases). The period's cases
 * of the shop are a range of ix_cases_shop_stats (sql/008, sql/014), which
 * holds every column these count, so they need no row lookups:
 *   totals, over time (SQL_SS_TOTALS, _DAYS), median time to close, by
 *   reason (SQL_SELLER_STATS_REASONS, labels by key from policy_reasons),
 *   median time to the first answer (cases.first_answer_at, kept by the
 *   engine with the shop's first timeline row: no timeline probe).
 * Orders paid in the period: a range of ix_orders_shop_paid. These still
 * reach other rows per case, by key: by SKU and lines (case_lines,
 * order_lines), compensations, escalations (the ruling in the timeline),
 * approvals by deadline (the timeline). They are read directly rather than
 * from the worker's daily_case_stats, which counts a case under one SKU and
 * lags until the worker's next pass.
 */
#include <assert.h>
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

/* Orders days by date. */
static int
day_cmp(const void *a, const void *b)
{
	const struct stats_day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/*
 * Loads the totals, medians, days and rulings of stats_load() into s.
 * Returns RC_OK or RC_DB (s then holds what was loaded, for
 * stats_release()).
 */
static enum rc
stats_load_totals(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	struct db_res a, b, c, d, e, f;
	struct tm tm;
	const char *end;
	size_t i;
	enum rc rc;

	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	memset(&e, 0, sizeof(e));
	memset(&f, 0, sizeof(f));
	if ((rc = db_query(db, SQL_SS_TOTALS, &a, "itt", shop_id, from,
	    to)) != RC_OK ||
	    (rc = db_query(db, SQL_SS_DAYS, &b, "ittitt", shop_id, from, to,
	    shop_id, from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SS_LINES, &c, "ittitt", shop_id, from, to,
	    shop_id, from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SS_MEDIAN_ANSWER, &d, "itt", shop_id, from,
	    to)) != RC_OK ||
	    (rc = db_query(db, SQL_SS_MEDIAN_CLOSE, &e, "itt", shop_id, from,
	    to)) != RC_OK ||
	    (rc = db_query(db, SQL_SS_ESCALATIONS, &f, "itt", shop_id, from,
	    to)) != RC_OK)
		goto out;
	assert(a.rowsz == 1 && a.colsz == ST__MAX);
	assert(b.rowsz == 0 || b.colsz == SD__MAX);
	assert(c.rowsz == 1 && d.rowsz == 1 && e.rowsz == 1);
	assert(f.rowsz == 0 || f.colsz == SE__MAX);
	s->cases = db_int(&a, 0, ST_CASES);
	s->refunded = db_int(&a, 0, ST_REFUNDED);
	s->refunded_cents = db_int(&a, 0, ST_CENTS);
	s->escalated = db_int(&a, 0, ST_ESCALATED);
	s->closed = db_int(&a, 0, ST_CLOSED);
	s->fast_tracked = db_int(&a, 0, ST_FAST);
	s->lines_sold = db_int(&c, 0, 0);
	s->lines_cased = db_int(&c, 0, 1);
	/* MEDIAN() interpolates: halves of a second round down. */
	s->answer_secs = db_int(&d, 0, 0);
	s->answered = db_int(&d, 0, 1);
	s->close_secs = db_int(&e, 0, 0);
	s->days = xcalloc(b.rowsz + 1, sizeof(*s->days));
	for (i = 0; i < b.rowsz; i++) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(db_str(&b, i, SD_DAY), "%Y-%m-%d", &tm);
		assert(end != NULL && *end == '\0');
		s->days[i].day = timegm(&tm);
		s->days[i].orders = db_int(&b, i, SD_ORDERS);
		s->days[i].cases = db_int(&b, i, SD_CASES);
		s->days[i].refunded = db_int(&b, i, SD_REFUNDED);
		s->days[i].refunded_cents = db_int(&b, i, SD_CENTS);
	}
	s->daysz = b.rowsz;
	qsort(s->days, s->daysz, sizeof(*s->days), day_cmp);
	s->rulings = xcalloc(f.rowsz + 1, sizeof(*s->rulings));
	for (i = 0; i < f.rowsz; i++) {
		s->rulings[i].ruling = xstrdup(db_str(&f, i, SE_RULING));
		s->rulings[i].cases = db_int(&f, i, SE_CASES);
		s->rulings[i].refunded_cents = db_int(&f, i, SE_CENTS);
	}
	s->rulingsz = f.rowsz;
out:
	db_res_release(&a);
	db_res_release(&b);
	db_res_release(&c);
	db_res_release(&d);
	db_res_release(&e);
	db_res_release(&f);
	return rc;
}

enum rc
stats_load(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	struct db_res a, b, c, d;
	size_t i;
	enum rc rc;

	memset(s, 0, sizeof(*s));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	if ((rc = db_query(db, SQL_SELLER_STATS_REASONS, &a, "itt", shop_id,
	    from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_SKUS, &b, "ittitt", shop_id,
	    from, to, shop_id, from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_COMPS, &c, "itt", shop_id,
	    from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_DEADLINE, &d, "itt", shop_id,
	    from, to)) != RC_OK)
		goto out;
	assert(a.rowsz == 0 || a.colsz == SR__MAX);
	assert(b.rowsz == 0 || b.colsz == SS__MAX);
	assert(c.rowsz == 0 || c.colsz == SC__MAX);
	s->reasons = xcalloc(a.rowsz + 1, sizeof(*s->reasons));
	for (i = 0; i < a.rowsz; i++) {
		s->reasons[i].code = xstrdup(db_str(&a, i, SR_CODE));
		s->reasons[i].label_en = xstrdup(db_str(&a, i, SR_EN));
		s->reasons[i].label_zh = xstrdup(db_str(&a, i, SR_ZH));
		s->reasons[i].cases = db_int(&a, i, SR_CASES);
		s->reasons[i].refunded = db_int(&a, i, SR_REFUNDED);
		s->reasons[i].refunded_cents = db_int(&a, i, SR_CENTS);
	}
	s->reasonsz = a.rowsz;
	s->skus = xcalloc(b.rowsz + 1, sizeof(*s->skus));
	for (i = 0; i < b.rowsz; i++) {
		s->skus[i].sku = xstrdup(db_str(&b, i, SS_SKU));
		s->skus[i].title = xstrdup(db_str(&b, i, SS_TITLE));
		s->skus[i].sold = db_int(&b, i, SS_SOLD);
		s->skus[i].cased = db_int(&b, i, SS_CASED);
		s->skus[i].refunded_cents = db_int(&b, i, SS_CENTS);
	}
	s->skusz = b.rowsz;
	s->comps = xcalloc(c.rowsz + 1, sizeof(*s->comps));
	for (i = 0; i < c.rowsz; i++) {
		s->comps[i].kind = xstrdup(db_str(&c, i, SC_KIND));
		s->comps[i].offered = db_int(&c, i, SC_OFFERED);
		s->comps[i].accepted = db_int(&c, i, SC_ACCEPTED);
		s->comps[i].accepted_cents = db_int(&c, i, SC_CENTS);
	}
	s->compsz = c.rowsz;
	s->deadline_approvals = d.rowsz > 0 ? db_int(&d, 0, 0) : 0;
	rc = stats_load_totals(db, shop_id, from, to, s);
out:
	db_res_release(&a);
	db_res_release(&b);
	db_res_release(&c);
	db_res_release(&d);
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
