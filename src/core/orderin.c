/* orderin.c: incoming orders of the shop platform: JSON (json-c) and CSV parsing, and the checks that need no database. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "base/util.h"
#include "core/orderin.h"

#define MAX_LINES	500	/* lines of one order */

static int
fail(struct orderin_err *e, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets e to code and the formatted words; returns -1. */
static int
fail(struct orderin_err *e, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* The number of UTF-8 characters of s, or -1 when s is not UTF-8 or holds a control character. */
static long
utf8_chars(const char *s, bool allow_lf)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	int k;

	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(allow_lf && *p == '\n')) ||
			    *p == 0x7f)
				return -1;
			k = 0;
		} else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			k = 1;
		else if ((*p & 0xf0) == 0xe0)
			k = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			k = 3;
		else
			return -1;
		for (p++; k > 0; k--, p++)
			if ((*p & 0xc0) != 0x80)
				return -1;
		n++;
	}
	return n;
}

/* Checks a text field: required or not, at most max characters. */
static int
text_ok(const char *v, const char *name, bool required, long max,
    bool allow_lf, struct orderin_err *e)
{
	long n;

	if (v == NULL || *v == '\0') {
		if (required)
			return fail(e, "missing_field", "%s is missing", name);
		return 0;
	}
	if ((n = utf8_chars(v, allow_lf)) < 0)
		return fail(e, "bad_field", "%s is not UTF-8 text without "
		    "control characters", name);
	if (n > max)
		return fail(e, "bad_field", "%s is longer than %ld characters",
		    name, max);
	return 0;
}

int
orderin_time(const char *s, time_t *t)
{
	struct tm tm;
	const char *p;
	int off = 0, sign, hh, mm;

	memset(&tm, 0, sizeof(tm));
	if ((p = strptime(s, "%Y-%m-%d", &tm)) == NULL)
		return -1;
	if (*p == 'T' || *p == ' ') {
		if ((p = strptime(p + 1, "%H:%M:%S", &tm)) == NULL)
			return -1;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (sscanf(p + 1, "%2d:%2d", &hh, &mm) != 2 || hh > 23 ||
		    mm > 59 || strlen(p) != 6)
			return -1;
		off = sign * (hh * 3600 + mm * 60);
		p += 6;
	}
	if (*p != '\0' || tm.tm_year < 100 || tm.tm_year > 1100)
		return -1;
	*t = timegm(&tm) - off;
	return 0;
}

int
orderin_check(const struct orderin *o, struct orderin_err *e)
{
	size_t i, j;
	const struct orderin_line *l;

	if (text_ok(o->order_no, "order_no", true, 32, false, e) != 0 ||
	    text_ok(o->shop, "shop", true, 100, false, e) != 0 ||
	    text_ok(o->buyer, "buyer", true, 64, false, e) != 0 ||
	    text_ok(o->buyer_name, "buyer_name", false, 100, false, e) != 0 ||
	    text_ok(o->carrier, "carrier", false, 64, false, e) != 0 ||
	    text_ok(o->waybill, "waybill", false, 64, false, e) != 0)
		return -1;
	if (isspace((unsigned char)o->buyer[0]) ||
	    isspace((unsigned char)o->buyer[strlen(o->buyer) - 1]))
		return fail(e, "bad_field", "buyer has spaces around it");
	if (strlen(o->currency) != 3 || !isupper((unsigned char)o->currency[0])
	    || !isupper((unsigned char)o->currency[1]) ||
	    !isupper((unsigned char)o->currency[2]))
		return fail(e, "bad_field", "currency is not a code such as CNY");
	if (o->paid_at == 0)
		return fail(e, "missing_field", "paid_at is missing");
	if (o->shipped_at != 0 && o->shipped_at < o->paid_at)
		return fail(e, "bad_times", "shipped_at is before paid_at");
	if (o->delivered_at != 0 && o->shipped_at == 0)
		return fail(e, "bad_times", "delivered_at without shipped_at");
	if (o->delivered_at != 0 && o->delivered_at < o->shipped_at)
		return fail(e, "bad_times", "delivered_at is before shipped_at");
	if (o->expected_at != 0 && o->expected_at < o->paid_at)
		return fail(e, "bad_times", "expected_delivery_at is before "
		    "paid_at");
	if (o->shipped_at == 0 && (o->carrier != NULL || o->waybill != NULL))
		return fail(e, "bad_times", "carrier or waybill without "
		    "shipped_at");
	if (o->linesz == 0)
		return fail(e, "missing_field", "the order has no lines");
	if (o->linesz > MAX_LINES)
		return fail(e, "bad_field", "more than %d lines", MAX_LINES);
	for (i = 0; i < o->linesz; i++) {
		l = &o->lines[i];
		if (text_ok(l->sku, "sku", true, 64, false, e) != 0 ||
		    text_ok(l->title, "title", true, 255, false, e) != 0 ||
		    text_ok(l->variant, "variant", false, 128, false, e) != 0 ||
		    text_ok(l->variant_options, "variant_options", false, 2048,
		    true, e) != 0 ||
		    text_ok(l->picture_url, "picture_url", false, 512, false,
		    e) != 0)
			goto line;
		if (l->picture_url != NULL && *l->picture_url != '\0' &&
		    strncmp(l->picture_url, "https://", 8) != 0 &&
		    strncmp(l->picture_url, "/static/", 8) != 0) {
			fail(e, "bad_field", "picture_url is neither https:// "
			    "nor /static/");
			goto line;
		}
		if (l->line_no < 1 || l->line_no > 100000) {
			fail(e, "bad_field", "line_no must be from 1");
			goto line;
		}
		if (l->quantity < 1 || l->quantity > 1000000) {
			fail(e, "bad_field", "quantity must be a whole number "
			    "from 1");
			goto line;
		}
		if (l->paid_cents < 0 || l->unit_price_cents < 0 ||
		    l->paid_cents > INT64_C(100000000000000)) {
			fail(e, "bad_field", "amounts must be whole cents, "
			    "not negative");
			goto line;
		}
		for (j = 0; j < i; j++)
			if (o->lines[j].line_no == l->line_no) {
				fail(e, "bad_field", "line_no %" PRId64
				    " appears twice", l->line_no);
				goto line;
			}
	}
	return 0;
line:
	/* Name the line in the words. */
	{
		char m[sizeof(e->msg)];

		snprintf(m, sizeof(m), "line %zu: %.200s", i + 1, e->msg);
		memcpy(e->msg, m, sizeof(m));
	}
	return -1;
}

void
orderin_release(struct orderin *o)
{
	size_t i;

	for (i = 0; i < o->linesz; i++) {
		free(o->lines[i].sku);
		free(o->lines[i].title);
		free(o->lines[i].variant);
		free(o->lines[i].variant_options);
		free(o->lines[i].picture_url);
	}
	free(o->lines);
	free(o->shop);
	free(o->buyer);
	free(o->buyer_name);
	free(o->order_no);
	free(o->carrier);
	free(o->waybill);
	memset(o, 0, sizeof(*o));
}

/* ---- JSON ---- */

/* Copies string member k of obj into *out (NULL when absent or null). */
static int
j_str(struct json_object *obj, const char *k, char **out,
    struct orderin_err *e)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(obj, k, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return fail(e, "bad_field", "%s is not a string", k);
	*out = xstrdup(json_object_get_string(v));
	return 0;
}

/* Reads whole-number member k of obj into *out (def when absent). */
static int
j_int(struct json_object *obj, const char *k, int64_t def, int64_t *out,
    struct orderin_err *e)
{
	struct json_object *v;

	*out = def;
	if (!json_object_object_get_ex(obj, k, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return fail(e, "bad_field", "%s is not a whole number (amounts "
		    "are in cents)", k);
	errno = 0;
	*out = json_object_get_int64(v);
	if (errno != 0)
		return fail(e, "bad_field", "%s is out of range", k);
	return 0;
}

/* Reads time member k of obj (a string, or null/absent = 0). */
static int
j_time(struct json_object *obj, const char *k, time_t *out,
    struct orderin_err *e)
{
	char *s;
	int rc = 0;

	*out = 0;
	if (j_str(obj, k, &s, e) != 0)
		return -1;
	if (s != NULL && *s != '\0' && orderin_time(s, out) != 0)
		rc = fail(e, "bad_field", "%s is not a time such as "
		    "2026-11-01T10:00:00Z", k);
	free(s);
	return rc;
}

int
orderin_from_json(struct orderin *o, const char *text, size_t len,
    struct orderin_err *e)
{
	static const char *const known[] = { "shop", "buyer", "buyer_name",
	    "order_no", "currency", "paid_at", "shipped_at", "delivered_at",
	    "expected_delivery_at", "carrier", "waybill", "lines", NULL };
	static const char *const lknown[] = { "line_no", "sku", "title",
	    "variant", "variant_options", "picture_url", "quantity",
	    "unit_price_cents", "paid_cents", NULL };
	struct json_tokener *tok;
	struct json_object *root = NULL, *lines, *lo, *v, *opt;
	enum json_tokener_error jerr;
	struct orderin_line *l;
	char *cur = NULL;
	struct buf b = { 0 };
	size_t i, k;
	int rc = -1;

	memset(o, 0, sizeof(*o));
	if ((tok = json_tokener_new()) == NULL)
		abort();
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	if (root == NULL || jerr != json_tokener_success ||
	    json_tokener_get_parse_end(tok) < len) {
		size_t end = json_tokener_get_parse_end(tok);

		while (root != NULL && end < len && isspace((unsigned char)text[end]))
			end++;
		if (root == NULL || jerr != json_tokener_success || end < len) {
			fail(e, "bad_json", "not one JSON object: %s",
			    root == NULL || jerr != json_tokener_success ?
			    json_tokener_error_desc(jerr) : "text after it");
			goto out;
		}
	}
	if (!json_object_is_type(root, json_type_object)) {
		fail(e, "bad_json", "not a JSON object");
		goto out;
	}
	json_object_object_foreach(root, key, val) {
		(void)val;
		for (k = 0; known[k] != NULL && strcmp(known[k], key) != 0; k++)
			;
		if (known[k] == NULL) {
			fail(e, "bad_field", "unknown field %s", key);
			goto out;
		}
	}
	if (j_str(root, "shop", &o->shop, e) != 0 ||
	    j_str(root, "buyer", &o->buyer, e) != 0 ||
	    j_str(root, "buyer_name", &o->buyer_name, e) != 0 ||
	    j_str(root, "order_no", &o->order_no, e) != 0 ||
	    j_str(root, "currency", &cur, e) != 0 ||
	    j_time(root, "paid_at", &o->paid_at, e) != 0 ||
	    j_time(root, "shipped_at", &o->shipped_at, e) != 0 ||
	    j_time(root, "delivered_at", &o->delivered_at, e) != 0 ||
	    j_time(root, "expected_delivery_at", &o->expected_at, e) != 0 ||
	    j_str(root, "carrier", &o->carrier, e) != 0 ||
	    j_str(root, "waybill", &o->waybill, e) != 0)
		goto out;
	if (cur != NULL && strlen(cur) == 3)
		memcpy(o->currency, cur, 4);
	if (!json_object_object_get_ex(root, "lines", &lines) ||
	    !json_object_is_type(lines, json_type_array)) {
		fail(e, "missing_field", "lines is missing or not a list");
		goto out;
	}
	o->linesz = json_object_array_length(lines);
	if (o->linesz > MAX_LINES) {
		o->linesz = 0;
		fail(e, "bad_field", "more than %d lines", MAX_LINES);
		goto out;
	}
	o->lines = xcalloc(o->linesz > 0 ? o->linesz : 1, sizeof(*o->lines));
	for (i = 0; i < o->linesz; i++) {
		l = &o->lines[i];
		lo = json_object_array_get_idx(lines, i);
		if (!json_object_is_type(lo, json_type_object)) {
			fail(e, "bad_field", "line %zu is not an object", i + 1);
			goto out;
		}
		json_object_object_foreach(lo, lkey, lval) {
			(void)lval;
			for (k = 0; lknown[k] != NULL &&
			    strcmp(lknown[k], lkey) != 0; k++)
				;
			if (lknown[k] == NULL) {
				fail(e, "bad_field", "line %zu: unknown field %s",
				    i + 1, lkey);
				goto out;
			}
		}
		if (j_int(lo, "line_no", (int64_t)i + 1, &l->line_no, e) != 0 ||
		    j_str(lo, "sku", &l->sku, e) != 0 ||
		    j_str(lo, "title", &l->title, e) != 0 ||
		    j_str(lo, "variant", &l->variant, e) != 0 ||
		    j_str(lo, "picture_url", &l->picture_url, e) != 0 ||
		    j_int(lo, "quantity", 0, &l->quantity, e) != 0 ||
		    j_int(lo, "paid_cents", -1, &l->paid_cents, e) != 0 ||
		    j_int(lo, "unit_price_cents", -1, &l->unit_price_cents,
		    e) != 0)
			goto out;
		if (l->paid_cents == -1) {
			fail(e, "missing_field", "line %zu: paid_cents is "
			    "missing", i + 1);
			goto out;
		}
		if (l->unit_price_cents == -1)
			l->unit_price_cents = l->quantity > 0 ?
			    l->paid_cents / l->quantity : l->paid_cents;
		/* variant_options: a list of strings, or one LF-separated. */
		if (json_object_object_get_ex(lo, "variant_options", &v) &&
		    v != NULL) {
			if (json_object_is_type(v, json_type_string))
				l->variant_options = xstrdup(
				    json_object_get_string(v));
			else if (json_object_is_type(v, json_type_array)) {
				b.len = 0;
				for (k = 0; k < json_object_array_length(v); k++) {
					opt = json_object_array_get_idx(v, k);
					if (!json_object_is_type(opt,
					    json_type_string) ||
					    strchr(json_object_get_string(opt),
					    '\n') != NULL) {
						fail(e, "bad_field", "line %zu: "
						    "variant_options holds a "
						    "bad entry", i + 1);
						goto out;
					}
					if (k > 0)
						buf_add(&b, "\n", 1);
					buf_puts(&b, json_object_get_string(opt));
				}
				buf_add(&b, "", 1);
				l->variant_options = xstrdup(b.data);
			} else {
				fail(e, "bad_field", "line %zu: variant_options "
				    "is not a list of strings", i + 1);
				goto out;
			}
		}
	}
	rc = orderin_check(o, e);
out:
	buf_release(&b);
	free(cur);
	json_object_put(root);
	json_tokener_free(tok);
	return rc;
}

/* ---- CSV ---- */

enum csv_col {
	C_SHOP, C_BUYER, C_BUYER_NAME, C_ORDER_NO, C_CURRENCY, C_PAID_AT,
	C_SHIPPED_AT, C_DELIVERED_AT, C_EXPECTED_AT, C_CARRIER, C_WAYBILL,
	C_LINE_NO, C_SKU, C_TITLE, C_VARIANT, C_VARIANT_OPTIONS,
	C_PICTURE_URL, C_QUANTITY, C_UNIT_PRICE_CENTS, C_PAID_CENTS, C__MAX
};

static const char *const csv_names[C__MAX] = {
	"shop", "buyer", "buyer_name", "order_no", "currency", "paid_at",
	"shipped_at", "delivered_at", "expected_delivery_at", "carrier",
	"waybill", "line_no", "sku", "title", "variant", "variant_options",
	"picture_url", "quantity", "unit_price_cents", "paid_cents",
};

/* Reads one CSV record into c->fields. Returns 1, 0 at the end, -1 on a bad quote. */
static int
csv_record(struct orderin_csv *c)
{
	struct buf f = { 0 };
	int ch;
	bool quoted = false, inq = false, any = false;
	size_t i;

	for (i = 0; i < c->fieldsz; i++)
		free(c->fields[i]);
	c->fieldsz = 0;
	c->rec_line = c->lineno + 1;
	for (;;) {
		ch = getc(c->f);
		if (ch == EOF && !any && c->fieldsz == 0) {
			buf_release(&f);
			return 0;
		}
		any = true;
		if (inq) {
			if (ch == EOF) {
				buf_release(&f);
				return -1;
			}
			if (ch == '"') {
				ch = getc(c->f);
				if (ch == '"') {
					buf_add(&f, "\"", 1);
					continue;
				}
				inq = false;
				if (ch != EOF)
					ungetc(ch, c->f);
				continue;
			}
			if (ch == '\n')
				c->lineno++;
			buf_add(&f, (char[]){ (char)ch }, 1);
			continue;
		}
		if (ch == '"' && f.len == 0 && !quoted) {
			inq = quoted = true;
			continue;
		}
		if (ch == ',' || ch == '\n' || ch == EOF) {
			if (f.len > 0 && f.data[f.len - 1] == '\r' && !quoted)
				f.len--;
			buf_add(&f, "", 1);
			if (c->fieldsz == c->fieldcap) {
				c->fieldcap = c->fieldcap ? c->fieldcap * 2 : 32;
				c->fields = xrealloc(c->fields, c->fieldcap *
				    sizeof(*c->fields));
			}
			c->fields[c->fieldsz++] = xstrdup(f.data);
			f.len = 0;
			quoted = false;
			if (ch == ',')
				continue;
			if (ch == '\n')
				c->lineno++;
			buf_release(&f);
			return 1;
		}
		if (ch == '\r' && quoted)
			continue;
		buf_add(&f, (char[]){ (char)ch }, 1);
	}
}

/* The field of column k in the record ahead, or NULL when absent or empty. */
static const char *
csv_get(const struct orderin_csv *c, enum csv_col k)
{
	int i = c->col[k];

	if (i < 0 || (size_t)i >= c->fieldsz || c->fields[i][0] == '\0')
		return NULL;
	return c->fields[i];
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

int
orderin_csv_open(struct orderin_csv *c, FILE *f, struct orderin_err *e)
{
	size_t i, k;
	const char *name;
	int rc;

	memset(c, 0, sizeof(*c));
	c->f = f;
	for (k = 0; k < 32; k++)
		c->col[k] = -1;
	if ((rc = csv_record(c)) <= 0)
		return fail(e, "bad_csv", "no header line");
	for (i = 0; i < c->fieldsz; i++) {
		name = c->fields[i];
		if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
			name += 3;	/* a byte order mark */
		for (k = 0; k < C__MAX && strcmp(csv_names[k], name) != 0; k++)
			;
		if (k == C__MAX)
			return fail(e, "bad_csv", "unknown column %s", name);
		c->col[k] = (int)i;
	}
	for (k = 0; k < C__MAX; k++)
		if (c->col[k] < 0 && k != C_BUYER_NAME && k != C_SHIPPED_AT &&
		    k != C_DELIVERED_AT && k != C_EXPECTED_AT &&
		    k != C_CARRIER && k != C_WAYBILL && k != C_VARIANT &&
		    k != C_VARIANT_OPTIONS && k != C_PICTURE_URL &&
		    k != C_UNIT_PRICE_CENTS && k != C_LINE_NO)
			return fail(e, "bad_csv", "column %s is missing",
			    csv_names[k]);
	rc = csv_record(c);
	if (rc < 0)
		return fail(e, "bad_csv", "line %zu: a quote is not closed",
		    c->rec_line);
	c->have = rc == 1;
	return 0;
}

/* Reads whole number s into *out; def when s is NULL. */
static int
csv_int(const char *s, const char *name, int64_t def, int64_t *out,
    struct orderin_err *e)
{
	char *end;

	*out = def;
	if (s == NULL)
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s)
		return fail(e, "bad_field", "%s is not a whole number (amounts "
		    "are in cents)", name);
	return 0;
}

static int
csv_time(const char *s, const char *name, time_t *out, struct orderin_err *e)
{
	*out = 0;
	if (s != NULL && orderin_time(s, out) != 0)
		return fail(e, "bad_field", "%s is not a time such as "
		    "2026-11-01T10:00:00Z", name);
	return 0;
}

int
orderin_csv_next(struct orderin_csv *c, struct orderin *o,
    struct orderin_err *e)
{
	struct orderin_line *l;
	const char *s;
	size_t cap = 0;
	int rc = -1, r;
	bool bad = false;
	char *p;

	memset(o, 0, sizeof(*o));
	if (!c->have)
		return 0;
	o->src_line = c->rec_line;
	o->order_no = dup_or_null(csv_get(c, C_ORDER_NO));
	o->shop = dup_or_null(csv_get(c, C_SHOP));
	o->buyer = dup_or_null(csv_get(c, C_BUYER));
	o->buyer_name = dup_or_null(csv_get(c, C_BUYER_NAME));
	o->carrier = dup_or_null(csv_get(c, C_CARRIER));
	o->waybill = dup_or_null(csv_get(c, C_WAYBILL));
	if ((s = csv_get(c, C_CURRENCY)) != NULL && strlen(s) == 3)
		memcpy(o->currency, s, 4);
	if (csv_time(csv_get(c, C_PAID_AT), "paid_at", &o->paid_at, e) != 0 ||
	    csv_time(csv_get(c, C_SHIPPED_AT), "shipped_at", &o->shipped_at,
	    e) != 0 ||
	    csv_time(csv_get(c, C_DELIVERED_AT), "delivered_at",
	    &o->delivered_at, e) != 0 ||
	    csv_time(csv_get(c, C_EXPECTED_AT), "expected_delivery_at",
	    &o->expected_at, e) != 0)
		bad = true;
	/* The lines: this record and those after it with the same order_no. */
	for (;;) {
		if (!bad) {
			if (o->linesz == cap) {
				cap = cap ? cap * 2 : 4;
				o->lines = xrealloc(o->lines, cap *
				    sizeof(*o->lines));
			}
			l = &o->lines[o->linesz++];
			memset(l, 0, sizeof(*l));
			l->sku = dup_or_null(csv_get(c, C_SKU));
			l->title = dup_or_null(csv_get(c, C_TITLE));
			l->variant = dup_or_null(csv_get(c, C_VARIANT));
			l->picture_url = dup_or_null(csv_get(c, C_PICTURE_URL));
			/* In CSV the options are separated by '|'. */
			if ((l->variant_options = dup_or_null(csv_get(c,
			    C_VARIANT_OPTIONS))) != NULL)
				for (p = l->variant_options; *p != '\0'; p++)
					if (*p == '|')
						*p = '\n';
			if (csv_int(csv_get(c, C_LINE_NO), "line_no",
			    (int64_t)o->linesz, &l->line_no, e) != 0 ||
			    csv_int(csv_get(c, C_QUANTITY), "quantity", 0,
			    &l->quantity, e) != 0 ||
			    csv_int(csv_get(c, C_PAID_CENTS), "paid_cents", -1,
			    &l->paid_cents, e) != 0 ||
			    csv_int(csv_get(c, C_UNIT_PRICE_CENTS),
			    "unit_price_cents", -1, &l->unit_price_cents, e) != 0)
				bad = true;
			else if (l->paid_cents < 0) {
				fail(e, "missing_field", "paid_cents is missing");
				bad = true;
			} else if (l->unit_price_cents == -1)
				l->unit_price_cents = l->quantity > 0 ?
				    l->paid_cents / l->quantity : l->paid_cents;
			if (bad) {
				char m[sizeof(e->msg)];

				snprintf(m, sizeof(m), "line %zu: %.200s",
				    c->rec_line, e->msg);
				memcpy(e->msg, m, sizeof(m));
			}
		}
		r = csv_record(c);
		if (r < 0) {
			c->have = false;
			if (!bad)
				fail(e, "bad_csv", "line %zu: a quote is not "
				    "closed", c->rec_line);
			return -1;
		}
		c->have = r == 1;
		if (!c->have || o->order_no == NULL ||
		    (s = csv_get(c, C_ORDER_NO)) == NULL ||
		    strcmp(s, o->order_no) != 0)
			break;
	}
	if (bad)
		return -1;
	rc = orderin_check(o, e);
	return rc == 0 ? 1 : -1;
}

void
orderin_csv_release(struct orderin_csv *c)
{
	size_t i;

	for (i = 0; i < c->fieldsz; i++)
		free(c->fields[i]);
	free(c->fields);
	memset(c, 0, sizeof(*c));
}
