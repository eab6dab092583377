/* orders.c: a buyer's orders and their lines, as imported from the shop platform. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/orders.h"
#include "base/util.h"

/* The columns of SQL_ORDER_LINES_BY_BUYER_PAGE, one row per line. */
enum {
	OBP_ORDER_ID, OBP_ORDER_NO, OBP_SHOP, OBP_CURRENCY, OBP_TOTAL,
	OBP_PAID_AT, OBP_SHIPPED_AT, OBP_DELIVERED_AT, OBP_LINE_ID, OBP_TITLE,
	OBP_SKU, OBP_QUANTITY, OBP_PAID, OBP_REFUNDED, OBP_PENDING,
	OBP_OPEN_CASE, OBP_CASES_EVER, OBP_LAST_CASE, OBP_EXPECTED_AT,
	OBP_VARIANT, OBP_PICTURE, OBP__MAX
};

/* The columns of SQL_ORDER_SUMMARY and of SQL_ORDER_LINES_STATUS. */
enum {
	OS_ORDER_NO, OS_SHOP, OS_CURRENCY, OS_TOTAL, OS_PAID_AT,
	OS_SHIPPED_AT, OS_DELIVERED_AT, OS_EXPECTED_AT, OS__MAX
};
enum {
	OLS_ID, OLS_QUANTITY, OLS_PAID, OLS_REFUNDED, OLS_PENDING,
	OLS_CASES_EVER, OLS_OPEN_CASE, OLS_TITLE, OLS_SKU, OLS_VARIANT,
	OLS_OPTIONS, OLS_PICTURE, OLS__MAX
};

/* Returns a copy of column col of row i (free it), or NULL for NULL or "". */
static char *
str_or_null(const struct db_res *res, size_t i, size_t col)
{
	if (db_null(res, i, col) || *db_str(res, i, col) == '\0')
		return NULL;
	return xstrdup(db_str(res, i, col));
}

enum rc
orders_for_buyer(struct db *db, int64_t buyer_id, int64_t page,
    struct order **orders, size_t *ordersz, int64_t *total)
{
	struct db_res res, count;
	struct order *o = NULL;
	size_t i, n = 0;
	enum rc rc;

	*orders = NULL;
	*ordersz = 0;
	memset(&res, 0, sizeof(res));
	rc = db_query(db, SQL_ORDERS_COUNT_BY_BUYER, &count, "i", buyer_id);
	if (rc != RC_OK)
		goto out;
	*total = db_int(&count, 0, 0);
	rc = db_query(db, SQL_ORDER_LINES_BY_BUYER_PAGE, &res, "iiiii",
	    buyer_id, buyer_id, buyer_id, (int64_t)ORDERS_PAGE,
	    page * (int64_t)ORDERS_PAGE);
	if (rc != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == OBP__MAX);
	o = xcalloc(res.rowsz, sizeof(*o));
	for (i = 0; i < res.rowsz; i++) {
		struct order *cur;
		struct order_line *l;

		if (n == 0 || o[n - 1].id != db_int(&res, i, OBP_ORDER_ID)) {
			cur = &o[n++];
			cur->id = db_int(&res, i, OBP_ORDER_ID);
			cur->order_no = xstrdup(db_str(&res, i, OBP_ORDER_NO));
			cur->shop_name = xstrdup(db_str(&res, i, OBP_SHOP));
			snprintf(cur->currency, sizeof(cur->currency), "%s",
			    db_str(&res, i, OBP_CURRENCY));
			cur->total_paid_cents = db_int(&res, i, OBP_TOTAL);
			cur->paid_at = db_int(&res, i, OBP_PAID_AT);
			cur->shipped_at = db_int(&res, i, OBP_SHIPPED_AT);
			cur->delivered_at = db_int(&res, i, OBP_DELIVERED_AT);
			cur->expected_at = db_int(&res, i, OBP_EXPECTED_AT);
		}
		cur = &o[n - 1];
		cur->lines = xrealloc(cur->lines,
		    (cur->linesz + 1) * sizeof(*cur->lines));
		l = &cur->lines[cur->linesz++];
		memset(l, 0, sizeof(*l));
		l->id = db_int(&res, i, OBP_LINE_ID);
		l->title = xstrdup(db_str(&res, i, OBP_TITLE));
		l->sku = xstrdup(db_str(&res, i, OBP_SKU));
		l->quantity = db_int(&res, i, OBP_QUANTITY);
		l->paid_cents = db_int(&res, i, OBP_PAID);
		l->refunded_cents = db_int(&res, i, OBP_REFUNDED);
		l->pending_cents = db_int(&res, i, OBP_PENDING);
		l->open_case_id = db_int(&res, i, OBP_OPEN_CASE);
		l->cases_ever = db_int(&res, i, OBP_CASES_EVER);
		l->last_case_id = db_int(&res, i, OBP_LAST_CASE);
		l->variant = str_or_null(&res, i, OBP_VARIANT);
		l->picture_url = str_or_null(&res, i, OBP_PICTURE);
	}
	*orders = o;
	*ordersz = n;
out:
	db_res_release(&count);
	db_res_release(&res);
	return rc;
}

void
orders_free(struct order *orders, size_t ordersz)
{
	size_t i;

	for (i = 0; i < ordersz; i++)
		order_release(&orders[i]);
	free(orders);
}

enum rc
order_load(struct db *db, int64_t order_id, int64_t buyer_id, struct order *o)
{
	struct db_res r, l;
	size_t i;
	enum rc rc;

	memset(o, 0, sizeof(*o));
	memset(&l, 0, sizeof(l));
	if ((rc = db_query(db, SQL_ORDER_SUMMARY, &r, "ii", order_id,
	    buyer_id)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == OS__MAX);
	o->id = order_id;
	o->order_no = xstrdup(db_str(&r, 0, OS_ORDER_NO));
	o->shop_name = xstrdup(db_str(&r, 0, OS_SHOP));
	snprintf(o->currency, sizeof(o->currency), "%s",
	    db_str(&r, 0, OS_CURRENCY));
	o->total_paid_cents = db_int(&r, 0, OS_TOTAL);
	o->paid_at = db_int(&r, 0, OS_PAID_AT);
	o->shipped_at = db_int(&r, 0, OS_SHIPPED_AT);
	o->delivered_at = db_int(&r, 0, OS_DELIVERED_AT);
	o->expected_at = db_int(&r, 0, OS_EXPECTED_AT);
	if ((rc = db_query(db, SQL_ORDER_LINES_STATUS, &l, "i", order_id)) !=
	    RC_OK)
		goto out;
	assert(l.rowsz == 0 || l.colsz == OLS__MAX);
	o->lines = xcalloc(l.rowsz + 1, sizeof(*o->lines));
	for (i = 0; i < l.rowsz; i++) {
		struct order_line *ol = &o->lines[o->linesz++];

		ol->id = db_int(&l, i, OLS_ID);
		ol->quantity = db_int(&l, i, OLS_QUANTITY);
		ol->paid_cents = db_int(&l, i, OLS_PAID);
		ol->refunded_cents = db_int(&l, i, OLS_REFUNDED);
		ol->pending_cents = db_int(&l, i, OLS_PENDING);
		ol->cases_ever = db_int(&l, i, OLS_CASES_EVER);
		ol->open_case_id = db_int(&l, i, OLS_OPEN_CASE);
		ol->title = xstrdup(db_str(&l, i, OLS_TITLE));
		ol->sku = xstrdup(db_str(&l, i, OLS_SKU));
		ol->variant = str_or_null(&l, i, OLS_VARIANT);
		ol->variant_options = str_or_null(&l, i, OLS_OPTIONS);
		ol->picture_url = str_or_null(&l, i, OLS_PICTURE);
	}
out:
	if (rc != RC_OK)
		order_release(o);
	db_res_release(&r);
	db_res_release(&l);
	return rc;
}

void
order_release(struct order *o)
{
	size_t j;

	for (j = 0; j < o->linesz; j++) {
		free(o->lines[j].title);
		free(o->lines[j].sku);
		free(o->lines[j].variant);
		free(o->lines[j].variant_options);
		free(o->lines[j].picture_url);
	}
	free(o->lines);
	free(o->order_no);
	free(o->shop_name);
	memset(o, 0, sizeof(*o));
}

void
order_rules(const struct order *o, struct rules_order *out)
{
	out->paid_at = o->paid_at;
	out->shipped_at = o->shipped_at;
	out->delivered_at = o->delivered_at;
	out->expected_at = o->expected_at;
}

void
order_line_rules(const struct order_line *l, struct rules_line *out)
{
	memset(out, 0, sizeof(*out));
	out->order_line_id = l->id;
	out->line_quantity = l->quantity;
	out->paid_cents = l->paid_cents;
	out->refunded_cents = l->refunded_cents;
	out->pending_cents = l->pending_cents;
	out->in_open_case = l->open_case_id != 0;
	out->cases_ever = l->cases_ever;
	out->quantity = l->quantity;
}

/* The columns of SQL_CASE_EXTRA. */
enum { CX_VARIANT, CX_POSTAGE, CX_POSTAGE_MAX, CX_PAYER, CX__MAX };

enum rc
case_extra_load(struct db *db, int64_t case_id, struct case_extra *x)
{
	struct db_res r;
	enum rc rc;

	memset(x, 0, sizeof(*x));
	if ((rc = db_query(db, SQL_CASE_EXTRA, &r, "i", case_id)) != RC_OK)
		return rc;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == CX__MAX);
	x->variant = str_or_null(&r, 0, CX_VARIANT);
	x->postage_cents = db_int(&r, 0, CX_POSTAGE);
	x->postage_max_cents = db_int(&r, 0, CX_POSTAGE_MAX);
	x->seller_pays = strcmp(db_str(&r, 0, CX_PAYER), "seller") == 0;
out:
	db_res_release(&r);
	return rc;
}

void
case_extra_release(struct case_extra *x)
{
	free(x->variant);
	memset(x, 0, sizeof(*x));
}

bool
variant_listed(const char *options, const char *want)
{
	const char *p = options, *end;
	size_t n, wn;

	if (options == NULL || want == NULL || *want == '\0')
		return false;
	wn = strlen(want);
	while (*p != '\0') {
		end = strchr(p, '\n');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == wn && memcmp(p, want, n) == 0)
			return true;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return false;
}

bool
picture_safe(const char *url)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%";
	size_t n;

	if (url == NULL)
		return false;
	if (strncmp(url, "https://", 8) == 0)
		n = 8;
	else if (strncmp(url, "/static/", 8) == 0)
		n = 8;
	else
		return false;
	if (url[n] == '\0' || url[n] == '/' || strstr(url, "..") != NULL)
		return false;
	return strspn(url, ok) == strlen(url) && strlen(url) < 512;
}

enum rc
case_pictures(struct db *db, int64_t case_id, struct case_picture **pics,
    size_t *picsz)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*pics = NULL;
	*picsz = 0;
	if ((rc = db_query(db, SQL_CASE_PICTURES, &r, "i", case_id)) != RC_OK)
		return rc;
	*pics = xcalloc(r.rowsz + 1, sizeof(**pics));
	for (i = 0; i < r.rowsz; i++) {
		if (!picture_safe(db_str(&r, i, 1)))
			continue;
		(*pics)[*picsz].order_line_id = db_int(&r, i, 0);
		(*pics)[(*picsz)++].url = xstrdup(db_str(&r, i, 1));
	}
	db_res_release(&r);
	return RC_OK;
}

void
case_pictures_free(struct case_picture *pics, size_t picsz)
{
	size_t i;

	for (i = 0; i < picsz; i++)
		free(pics[i].url);
	free(pics);
}
