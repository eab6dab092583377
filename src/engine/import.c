/* import.c: orders of the shop platform into the desk, idempotent by order number, one transaction per batch. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/log.h"
#include "base/util.h"
#include "engine/counts.h"
#include "engine/import.h"

const char *const import_outcome_names[IMPORT__MAX] = {
	"created",	/* IMPORT_CREATED */
	"updated",	/* IMPORT_UPDATED */
	"unchanged",	/* IMPORT_UNCHANGED */
	"refused",	/* IMPORT_REFUSED */
};

#define FRESH	0x100	/* a buyer created in the running transaction */

void
importer_init(struct importer *im, int64_t only_shop_id)
{
	memset(im, 0, sizeof(*im));
	im->only_shop_id = only_shop_id;
}

static void
names_free(struct import_name *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
importer_release(struct importer *im)
{
	names_free(im->shops, im->shopsz);
	names_free(im->buyers, im->buyercap);
	memset(im, 0, sizeof(*im));
}

static uint64_t
name_hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603);

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

/* The slot of name in the buyer table (its entry, or the empty slot for it). */
static struct import_name *
buyer_slot(struct importer *im, const char *name)
{
	size_t i = (size_t)name_hash(name) & (im->buyercap - 1);

	while (im->buyers[i].name != NULL && strcmp(im->buyers[i].name, name))
		i = (i + 1) & (im->buyercap - 1);
	return &im->buyers[i];
}

/*
 * Rebuilds the buyer table at cap slots, dropping FRESH entries when drop
 * (else making them old). Returns how many FRESH entries it met.
 */
static size_t
buyers_rebuild(struct importer *im, size_t cap, bool drop)
{
	struct import_name *old = im->buyers, *s;
	size_t oldcap = im->buyercap, i, fresh = 0;

	im->buyers = xcalloc(cap, sizeof(*im->buyers));
	im->buyercap = cap;
	im->buyersz = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i].name == NULL)
			continue;
		if (old[i].flag & FRESH)
			fresh++;
		if (drop && (old[i].flag & FRESH)) {
			free(old[i].name);
			continue;
		}
		if (!drop)
			old[i].flag &= ~FRESH;
		s = buyer_slot(im, old[i].name);
		*s = old[i];
		im->buyersz++;
	}
	free(old);
	return fresh;
}

/* Adds name = id to the buyer table. */
static void
buyer_put(struct importer *im, const char *name, int64_t id, int flag)
{
	struct import_name *s;

	if (im->buyercap == 0 || (im->buyersz + 1) * 2 > im->buyercap)
		buyers_rebuild(im, im->buyercap ? im->buyercap * 2 : 1024, false);
	s = buyer_slot(im, name);
	if (s->name == NULL) {
		s->name = xstrdup(name);
		im->buyersz++;
	}
	s->id = id;
	s->flag = flag;
}

static void
refuse(struct import_result *r, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
refuse(struct import_result *r, const char *code, const char *fmt, ...)
{
	va_list ap;

	r->outcome = IMPORT_REFUSED;
	r->order_id = 0;
	r->code = code;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

/* Appends words to r->msg, separated by "; ". */
static void
note(struct import_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct import_result *r, const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(r->msg);

	if (n > 0 && n + 2 < sizeof(r->msg)) {
		memcpy(r->msg + n, "; ", 3);
		n += 2;
	}
	va_start(ap, fmt);
	vsnprintf(r->msg + n, sizeof(r->msg) - n, fmt, ap);
	va_end(ap);
}

/* Finds shop name (cached). Returns RC_OK with *s, RC_NOTFOUND or RC_DB. */
static enum rc
shop_find(struct db *db, struct importer *im, const char *name,
    const struct import_name **out)
{
	struct db_res res = { 0 };
	struct import_name *s;
	size_t i;
	enum rc rc;

	for (i = 0; i < im->shopsz; i++)
		if (strcmp(im->shops[i].name, name) == 0) {
			*out = &im->shops[i];
			return RC_OK;
		}
	if ((rc = db_query(db, SQL_IMPORT_SHOP, &res, "s", name)) != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	if (im->shopsz == im->shopcap) {
		im->shopcap = im->shopcap ? im->shopcap * 2 : 8;
		im->shops = xrealloc(im->shops, im->shopcap * sizeof(*s));
	}
	s = &im->shops[im->shopsz++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->id = db_int(&res, 0, 0);
	snprintf(s->currency, sizeof(s->currency), "%s", db_str(&res, 0, 1));
	s->flag = (int)db_int(&res, 0, 2);
	*out = s;
out:
	db_res_release(&res);
	return rc;
}

/*
 * Finds the buyer of o, creating the account when the login is unknown.
 * Returns RC_OK with *id, RC_DENIED (the login is not a buyer's) or RC_DB.
 */
static enum rc
buyer_find(struct db *db, struct importer *im, const struct orderin *o,
    time_t now, int64_t *id)
{
	struct db_res res = { 0 };
	struct import_name *s;
	enum rc rc;

	if (im->buyercap > 0 && (s = buyer_slot(im, o->buyer))->name != NULL) {
		*id = s->id;
		return (s->flag & 1) ? RC_DENIED : RC_OK;
	}
	if ((rc = db_query(db, SQL_IMPORT_BUYER, &res, "s", o->buyer)) != RC_OK)
		goto out;
	if (res.rowsz > 0) {
		*id = db_int(&res, 0, 0);
		buyer_put(im, o->buyer, *id,
		    strcmp(db_str(&res, 0, 1), "buyer") != 0);
		rc = strcmp(db_str(&res, 0, 1), "buyer") != 0 ? RC_DENIED : RC_OK;
		goto out;
	}
	if ((rc = db_exec(db, SQL_IMPORT_BUYER_ADD, NULL, "sst", o->buyer,
	    o->buyer_name != NULL && *o->buyer_name != '\0' ? o->buyer_name :
	    o->buyer, now)) != RC_OK)
		goto out;
	*id = db_last_id(db);
	buyer_put(im, o->buyer, *id, FRESH);
out:
	db_res_release(&res);
	return rc;
}

/* Appends line l of order order_id to the batch's JSON array. */
static void
line_json(struct buf *b, int64_t order_id, const struct orderin_line *l)
{
	int first = 1;

	buf_add(b, b->len == 0 ? "[" : ",", 1);
	buf_add(b, "{", 1);
	jsonw_key(b, "o", &first);
	buf_printf(b, "%" PRId64, order_id);
	jsonw_key(b, "n", &first);
	buf_printf(b, "%" PRId64, l->line_no);
	jsonw_key(b, "s", &first);
	jsonw_str(b, l->sku);
	jsonw_key(b, "t", &first);
	jsonw_str(b, l->title);
	if (l->variant != NULL && *l->variant != '\0') {
		jsonw_key(b, "v", &first);
		jsonw_str(b, l->variant);
	}
	if (l->variant_options != NULL && *l->variant_options != '\0') {
		jsonw_key(b, "vo", &first);
		jsonw_str(b, l->variant_options);
	}
	if (l->picture_url != NULL && *l->picture_url != '\0') {
		jsonw_key(b, "p", &first);
		jsonw_str(b, l->picture_url);
	}
	jsonw_key(b, "q", &first);
	buf_printf(b, "%" PRId64, l->quantity);
	jsonw_key(b, "u", &first);
	buf_printf(b, "%" PRId64, l->unit_price_cents);
	jsonw_key(b, "c", &first);
	buf_printf(b, "%" PRId64, l->paid_cents);
	buf_add(b, "}", 1);
}

/* Inserts the lines gathered in b (one statement) and empties b. */
static enum rc
lines_flush(struct db *db, struct buf *b)
{
	enum rc rc;

	if (b->len == 0)
		return RC_OK;
	buf_add(b, "]", 2);	/* and its NUL */
	rc = db_exec(db, SQL_IMPORT_LINES_INSERT_JSON, NULL, "s", b->data);
	b->len = 0;
	return rc;
}

/* NULL for NULL or "", else s: the database stores "not given" as NULL. */
static const char *
nz(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

static bool
same(const char *a, const char *b)
{
	return strcmp(a == NULL ? "" : a, b == NULL ? "" : b) == 0;
}

/* Updates known order id from o. Returns RC_OK with r filled, or an error. */
static enum rc
order_update(struct db *db, const struct orderin *o, int64_t id,
    const struct db_res *ord, struct import_result *r, struct buf *pending)
{
	struct db_res lines = { 0 };
	const struct orderin_line *l;
	bool changed = false, totals = false, cased;
	size_t i, j;
	int64_t qty, unit, paid;
	const char *sku;
	enum rc rc;

	(void)pending;
	if (o->shipped_at != 0 && o->shipped_at < (time_t)db_int(ord, 0, 4)) {
		refuse(r, "bad_times", "shipped_at is before the stored paid_at");
		return RC_OK;
	}
	if (o->expected_at != 0 && o->expected_at < (time_t)db_int(ord, 0, 4)) {
		refuse(r, "bad_times", "expected_delivery_at is before the "
		    "stored paid_at");
		return RC_OK;
	}
	r->outcome = IMPORT_UNCHANGED;
	r->order_id = id;
	if ((time_t)db_int(ord, 0, 4) != o->paid_at)
		note(r, "paid_at kept");
	if ((time_t)db_int(ord, 0, 5) != o->shipped_at ||
	    (time_t)db_int(ord, 0, 6) != o->delivered_at ||
	    (time_t)db_int(ord, 0, 7) != o->expected_at ||
	    !same(db_str(ord, 0, 8), o->carrier) ||
	    !same(db_str(ord, 0, 9), o->waybill)) {
		if ((rc = db_exec(db, SQL_IMPORT_ORDER_UPDATE, NULL, "TTTssi",
		    o->shipped_at, o->delivered_at, o->expected_at,
		    nz(o->carrier), nz(o->waybill), id)) != RC_OK)
			return rc;
		changed = true;
	}
	if ((rc = db_query(db, SQL_IMPORT_LINES_GET, &lines, "i", id)) != RC_OK)
		goto out;
	for (i = 0; i < o->linesz; i++) {
		l = &o->lines[i];
		for (j = 0; j < lines.rowsz && db_int(&lines, j, 1) != l->line_no;
		    j++)
			;
		if (j == lines.rowsz) {
			if ((rc = db_exec(db, SQL_IMPORT_LINE_INSERT, NULL,
			    "iisssssiii", id, l->line_no, l->sku, l->title,
			    nz(l->variant), nz(l->variant_options),
			    nz(l->picture_url), l->quantity, l->unit_price_cents,
			    l->paid_cents)) != RC_OK)
				goto out;
			changed = totals = true;
			continue;
		}
		cased = db_int(&lines, j, 10) != 0;
		sku = l->sku;
		qty = l->quantity;
		unit = l->unit_price_cents;
		paid = l->paid_cents;
		if (cased && (strcmp(sku, db_str(&lines, j, 2)) != 0 ||
		    qty != db_int(&lines, j, 7) || unit != db_int(&lines, j, 8)
		    || paid != db_int(&lines, j, 9))) {
			note(r, "line %" PRId64 ": sku, quantity and amounts "
			    "kept (the line has cases)", l->line_no);
			sku = db_str(&lines, j, 2);
			qty = db_int(&lines, j, 7);
			unit = db_int(&lines, j, 8);
			paid = db_int(&lines, j, 9);
		}
		if (strcmp(sku, db_str(&lines, j, 2)) == 0 &&
		    same(l->title, db_str(&lines, j, 3)) &&
		    same(l->variant, db_str(&lines, j, 4)) &&
		    same(l->variant_options, db_str(&lines, j, 5)) &&
		    same(l->picture_url, db_str(&lines, j, 6)) &&
		    qty == db_int(&lines, j, 7) && unit == db_int(&lines, j, 8)
		    && paid == db_int(&lines, j, 9))
			continue;
		if (paid != db_int(&lines, j, 9))
			totals = true;
		if ((rc = db_exec(db, SQL_IMPORT_LINE_UPDATE, NULL, "sssssiiii",
		    sku, l->title, nz(l->variant), nz(l->variant_options),
		    nz(l->picture_url), qty, unit, paid,
		    db_int(&lines, j, 0))) != RC_OK)
			goto out;
		changed = true;
	}
	if (lines.rowsz > o->linesz)
		note(r, "lines not in the file kept");
	if (totals && (rc = db_exec(db, SQL_IMPORT_ORDER_TOTAL, NULL, "i",
	    id)) != RC_OK)
		goto out;
	if (changed)
		r->outcome = IMPORT_UPDATED;
	rc = RC_OK;
out:
	db_res_release(&lines);
	return rc;
}

struct batch {
	struct importer		*im;
	const struct orderin	*orders;
	size_t			 n;
	struct import_result	*res;
	time_t			 now;
};

/* One try of a batch (db_txn); safe to run again. */
static enum rc
batch_txn(struct db *db, void *arg)
{
	struct batch *bt = arg;
	struct importer *im = bt->im;
	const struct import_name *shop;
	const struct orderin *o;
	struct import_result *r;
	struct db_res ord = { 0 };
	struct buf pending = { 0 };
	int64_t buyer_id, total, id;
	size_t i, k;
	enum rc rc = RC_OK;

	buyers_rebuild(im, im->buyercap ? im->buyercap : 1024, true);
	for (i = 0; i < bt->n; i++) {
		o = &bt->orders[i];
		r = &bt->res[i];
		memset(r, 0, sizeof(*r));
		db_res_release(&ord);
		if ((rc = shop_find(db, im, o->shop, &shop)) == RC_NOTFOUND) {
			refuse(r, "unknown_shop", "no shop named '%s'", o->shop);
			continue;
		} else if (rc != RC_OK)
			goto out;
		if (im->only_shop_id != 0 && shop->id != im->only_shop_id) {
			refuse(r, "wrong_shop", "the order is for another shop");
			continue;
		}
		if (shop->flag) {
			refuse(r, "shop_disabled", "shop '%s' is suspended",
			    o->shop);
			continue;
		}
		if (strcmp(shop->currency, o->currency) != 0) {
			refuse(r, "currency_mismatch", "shop '%s' sells in %s, "
			    "not %s", o->shop, shop->currency, o->currency);
			continue;
		}
		if ((rc = db_query(db, SQL_IMPORT_ORDER_GET, &ord, "s",
		    o->order_no)) != RC_OK)
			goto out;
		if (ord.rowsz > 0) {
			id = db_int(&ord, 0, 0);
			if (db_int(&ord, 0, 1) != shop->id) {
				refuse(r, "order_no_taken", "order number %s "
				    "belongs to another shop", o->order_no);
				continue;
			}
			rc = buyer_find(db, im, o, bt->now, &buyer_id);
			if (rc == RC_DENIED || (rc == RC_OK &&
			    buyer_id != db_int(&ord, 0, 2))) {
				refuse(r, "buyer_changed", "order %s was bought by "
				    "another buyer", o->order_no);
				continue;
			} else if (rc != RC_OK)
				goto out;
			if (strcmp(db_str(&ord, 0, 3), o->currency) != 0) {
				refuse(r, "currency_changed", "order %s is in %s",
				    o->order_no, db_str(&ord, 0, 3));
				continue;
			}
			/* Its lines may be among those gathered. */
			if ((rc = lines_flush(db, &pending)) != RC_OK ||
			    (rc = order_update(db, o, id, &ord, r, &pending)) !=
			    RC_OK)
				goto out;
			continue;
		}
		rc = buyer_find(db, im, o, bt->now, &buyer_id);
		if (rc == RC_DENIED) {
			refuse(r, "not_a_buyer", "login '%s' is not a buyer's",
			    o->buyer);
			continue;
		} else if (rc != RC_OK)
			goto out;
		for (total = 0, k = 0; k < o->linesz; k++)
			total += o->lines[k].paid_cents;
		if ((rc = db_exec(db, SQL_IMPORT_ORDER_INSERT, NULL,
		    "siisitTTTsst", o->order_no, shop->id, buyer_id, o->currency,
		    total, o->paid_at, o->shipped_at, o->delivered_at,
		    o->expected_at, nz(o->carrier), nz(o->waybill), bt->now)) !=
		    RC_OK)
			goto out;
		r->outcome = IMPORT_CREATED;
		r->order_id = db_last_id(db);
		/* The buyer's orders with the shop and both sides' totals,
		 * kept (engine/counts.c). */
		if ((rc = counts_order_added(db, buyer_id, shop->id)) != RC_OK)
			goto out;
		for (k = 0; k < o->linesz; k++)
			line_json(&pending, r->order_id, &o->lines[k]);
		/* Keep one statement's parameter well under max_allowed_packet. */
		if (pending.len > 4 * 1024 * 1024 &&
		    (rc = lines_flush(db, &pending)) != RC_OK)
			goto out;
	}
	rc = lines_flush(db, &pending);
out:
	db_res_release(&ord);
	buf_release(&pending);
	return rc;
}

enum rc
import_batch(struct db *db, struct importer *im, const struct orderin *orders,
    size_t n, struct import_result *res, time_t now)
{
	struct batch bt = { im, orders, n, res, now };
	size_t fresh;
	enum rc rc;

	rc = db_txn(db, batch_txn, &bt);
	/* Buyers created by a rolled-back try are gone; the others stay. */
	fresh = buyers_rebuild(im, im->buyercap ? im->buyercap : 1024,
	    rc != RC_OK);
	if (rc == RC_OK)
		im->buyers_added += fresh;
	return rc == RC_OK ? RC_OK : RC_DB;
}

enum rc
import_orders(struct db *db, struct importer *im, const struct orderin *orders,
    size_t n, struct import_result *res, time_t now)
{
	size_t i;

	if (import_batch(db, im, orders, n, res, now) == RC_OK)
		return RC_OK;
	if (db_unavailable(db))
		return RC_DB;
	for (i = 0; i < n; i++) {
		if (import_batch(db, im, &orders[i], 1, &res[i], now) == RC_OK)
			continue;
		if (db_unavailable(db))
			return RC_DB;
		refuse(&res[i], "db_refused", "the database refused the order "
		    "(see the log)");
	}
	return RC_OK;
}
