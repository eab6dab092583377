/* orders.c: a buyer's orders and their lines, as imported from the shop platform. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/orders.h"
#include "base/util.h"

/* The columns of SQL_BUYER_ORDERS_PAGE and of SQL_BUYER_ORDER_LINES. */
enum {
	BO_ID, BO_ORDER_NO, BO_SHOP, BO_CURRENCY, BO_TOTAL, BO_PAID_AT,
	BO_SHIPPED_AT, BO_DELIVERED_AT, BO_EXPECTED_AT, BO_KEY, BO__MAX
};
enum {
	BL_ORDER_ID, BL_ID, BL_TITLE, BL_SKU, BL_QUANTITY, BL_PAID,
	BL_REFUNDED, BL_PENDING, BL_OPEN_CASE, BL_CASES_EVER, BL_LAST_CASE,
	BL_VARIANT, BL_PICTURE, BL__MAX
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

/* Adds row i of SQL_BUYER_ORDER_LINES to its order in o (n orders). */
static void
orders_add_line(struct order *o, size_t n, const struct db_res *res,
    size_t i)
{
	struct order_line *l;
	size_t k;

	for (k = 0; k < n; k++)
		if (o[k].id == db_int(res, i, BL_ORDER_ID))
			break;
	if (k == n)
		return;
	o[k].lines = xrealloc(o[k].lines,
	    (o[k].linesz + 1) * sizeof(*o[k].lines));
	l = &o[k].lines[o[k].linesz++];
	memset(l, 0, sizeof(*l));
	l->id = db_int(res, i, BL_ID);
	l->title = xstrdup(db_str(res, i, BL_TITLE));
	l->sku = xstrdup(db_str(res, i, BL_SKU));
	l->quantity = db_int(res, i, BL_QUANTITY);
	l->paid_cents = db_int(res, i, BL_PAID);
	l->refunded_cents = db_int(res, i, BL_REFUNDED);
	l->pending_cents = db_int(res, i, BL_PENDING);
	l->open_case_id = db_int(res, i, BL_OPEN_CASE);
	l->cases_ever = db_int(res, i, BL_CASES_EVER);
	l->last_case_id = db_int(res, i, BL_LAST_CASE);
	l->variant = str_or_null(res, i, BL_VARIANT);
	l->picture_url = str_or_null(res, i, BL_PICTURE);
}

enum rc
orders_for_buyer(struct db *db, int64_t buyer_id, const struct cursor *after,
    struct order **orders, size_t *ordersz, bool *more, struct cursor *last)
{
	struct db_res res, lines;
	struct order *o = NULL;
	int64_t ids[ORDERS_PAGE], after_id = after->id;
	const char *key = after->key;
	size_t i, n;
	enum rc rc;

	_Static_assert(ORDERS_PAGE == 20, "SQL_BUYER_ORDER_LINES takes 20 ids");
	*orders = NULL;
	*ordersz = 0;
	*more = false;
	memset(&lines, 0, sizeof(lines));
	memset(last, 0, sizeof(*last));
	if (cursor_first(after)) {
		key = "99991231235959";
		after_id = INT64_MAX;
	} else if (*key == '\0')
		key = "99991231235959";
	rc = db_query(db, SQL_BUYER_ORDERS_PAGE, &res, "issii", buyer_id, key,
	    key, after_id, (int64_t)ORDERS_PAGE + 1);
	if (rc != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == BO__MAX);
	n = res.rowsz;
	if (n > ORDERS_PAGE) {
		n = ORDERS_PAGE;
		*more = true;
	}
	o = xcalloc(n + 1, sizeof(*o));
	memset(ids, 0, sizeof(ids));
	for (i = 0; i < n; i++) {
		o[i].id = ids[i] = db_int(&res, i, BO_ID);
		o[i].order_no = xstrdup(db_str(&res, i, BO_ORDER_NO));
		o[i].shop_name = xstrdup(db_str(&res, i, BO_SHOP));
		snprintf(o[i].currency, sizeof(o[i].currency), "%s",
		    db_str(&res, i, BO_CURRENCY));
		o[i].total_paid_cents = db_int(&res, i, BO_TOTAL);
		o[i].paid_at = db_int(&res, i, BO_PAID_AT);
		o[i].shipped_at = db_int(&res, i, BO_SHIPPED_AT);
		o[i].delivered_at = db_int(&res, i, BO_DELIVERED_AT);
		o[i].expected_at = db_int(&res, i, BO_EXPECTED_AT);
	}
	if (n > 0) {
		snprintf(last->key, sizeof(last->key), "%s",
		    db_str(&res, n - 1, BO_KEY));
		last->id = o[n - 1].id;
		rc = db_query(db, SQL_BUYER_ORDER_LINES, &lines,
		    "iiiiiiiiiiiiiiiiiiii", ids[0], ids[1], ids[2], ids[3],
		    ids[4], ids[5], ids[6], ids[7], ids[8], ids[9], ids[10],
		    ids[11], ids[12], ids[13], ids[14], ids[15], ids[16],
		    ids[17], ids[18], ids[19]);
		if (rc != RC_OK)
			goto out;
		assert(lines.rowsz == 0 || lines.colsz == BL__MAX);
		for (i = 0; i < lines.rowsz; i++)
			orders_add_line(o, n, &lines, i);
	}
	*orders = o;
	*ordersz = n;
	o = NULL;
out:
	if (o != NULL)
		orders_free(o, n);
	db_res_release(&res);
	db_res_release(&lines);
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
	if ((rc = db_query(db, SQL_CASE_PICTURES, &r, "ii", case_id,
	    case_id)) != RC_OK)
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
