/* i18n.c: the compiled message catalogue (a small GNU .mo reader, plural forms, contexts) and the choice of language per request. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/util.h"

const char *const lang_codes[LANG__MAX] = {
	"en", /* LANG_EN */
	"zh-CN", /* LANG_ZH */
};

/*
 * A compiled catalogue (GNU .mo file, made by msgfmt --check): the whole
 * file in memory, checked once when opened. Layout: a header of 32-bit
 * words (magic 0x950412de in the writer's byte order, revision, count N,
 * offset of the originals' table, offset of the translations' table),
 * then two tables of N (length, offset) pairs pointing at NUL-terminated
 * strings; msgfmt sorts the originals by strcmp(). An original is
 * "msgid", "context\004msgid", or, for a plural entry, "msgid\0plural";
 * a plural translation is its forms one after the other, NUL between.
 */
struct i18n_cat {
	unsigned char	*data;
	size_t		 size;
	uint32_t	 n;	/* entries */
	uint32_t	 orig;	/* offset of the originals' table */
	uint32_t	 trans;	/* offset of the translations' table */
	bool		 swap;	/* written in the other byte order */
	unsigned long	 nplurals;	/* from the header's Plural-Forms */
	char		*plural;	/* its plural= expression; NULL: n != 1 */
};

/*
 * The zh_CN catalogue: process-wide, opened once by i18n_load() before
 * the accept loop and only read after that (the same life as the loaded
 * templates); NULL when there is none (English only).
 */
static struct i18n_cat *zh;

/* The 32-bit word at offset off of the file, in the host's order. */
static uint32_t
word(const struct i18n_cat *c, size_t off)
{
	uint32_t w;

	memcpy(&w, c->data + off, 4);
	return c->swap ? __builtin_bswap32(w) : w;
}

/*
 * The string of entry i of the table at off (length and offset checked
 * by i18n_cat_open()); *len gets its length without the final NUL.
 */
static const char *
entry(const struct i18n_cat *c, uint32_t off, uint32_t i, size_t *len)
{
	if (len != NULL)
		*len = word(c, off + 8 * (size_t)i);
	return (const char *)c->data + word(c, off + 8 * (size_t)i + 4);
}

/*
 * A tiny evaluator of the C expression of Plural-Forms' plural= for n:
 * ?:, ||, &&, == !=, < > <= >=, + -, * / %, !, parentheses, n and
 * numbers, by precedence climbing. Sets *bad on a syntax error.
 */
struct pexpr {
	const char	*p;
	unsigned long	 n;
	bool		 bad;
};

static unsigned long pe_cond(struct pexpr *);

static void
pe_space(struct pexpr *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n')
		e->p++;
}

static bool
pe_eat(struct pexpr *e, const char *op)
{
	size_t n = strlen(op);

	pe_space(e);
	if (strncmp(e->p, op, n) != 0)
		return false;
	/* "<" must not take the start of "<=", "!" of "!=", "=" alone is bad. */
	if (n == 1 && (op[0] == '<' || op[0] == '>' || op[0] == '!') &&
	    e->p[1] == '=')
		return false;
	e->p += n;
	return true;
}

static unsigned long
pe_unary(struct pexpr *e)
{
	unsigned long v;
	char *end;

	pe_space(e);
	if (pe_eat(e, "!"))
		return !pe_unary(e);
	if (pe_eat(e, "(")) {
		v = pe_cond(e);
		if (!pe_eat(e, ")"))
			e->bad = true;
		return v;
	}
	if (*e->p == 'n') {
		e->p++;
		return e->n;
	}
	if (*e->p >= '0' && *e->p <= '9') {
		v = strtoul(e->p, &end, 10);
		e->p = end;
		return v;
	}
	e->bad = true;
	return 0;
}

static unsigned long
pe_mul(struct pexpr *e)
{
	unsigned long v = pe_unary(e), r;

	for (;;) {
		if (pe_eat(e, "*"))
			v *= pe_unary(e);
		else if (pe_eat(e, "/"))
			v = (r = pe_unary(e)) != 0 ? v / r : (e->bad = true, 0);
		else if (pe_eat(e, "%"))
			v = (r = pe_unary(e)) != 0 ? v % r : (e->bad = true, 0);
		else
			return v;
	}
}

static unsigned long
pe_add(struct pexpr *e)
{
	unsigned long v = pe_mul(e);

	for (;;) {
		if (pe_eat(e, "+"))
			v += pe_mul(e);
		else if (pe_eat(e, "-"))
			v -= pe_mul(e);
		else
			return v;
	}
}

static unsigned long
pe_rel(struct pexpr *e)
{
	unsigned long v = pe_add(e);

	for (;;) {
		if (pe_eat(e, "<="))
			v = v <= pe_add(e);
		else if (pe_eat(e, ">="))
			v = v >= pe_add(e);
		else if (pe_eat(e, "<"))
			v = v < pe_add(e);
		else if (pe_eat(e, ">"))
			v = v > pe_add(e);
		else
			return v;
	}
}

static unsigned long
pe_eq(struct pexpr *e)
{
	unsigned long v = pe_rel(e);

	for (;;) {
		if (pe_eat(e, "=="))
			v = v == pe_rel(e);
		else if (pe_eat(e, "!="))
			v = v != pe_rel(e);
		else
			return v;
	}
}

static unsigned long
pe_and(struct pexpr *e)
{
	unsigned long v = pe_eq(e);

	while (pe_eat(e, "&&"))
		v = pe_eq(e) && v;
	return v;
}

static unsigned long
pe_or(struct pexpr *e)
{
	unsigned long v = pe_and(e);

	while (pe_eat(e, "||"))
		v = pe_and(e) || v;
	return v;
}

static unsigned long
pe_cond(struct pexpr *e)
{
	unsigned long c = pe_or(e), a, b;

	if (!pe_eat(e, "?"))
		return c;
	a = pe_cond(e);
	if (!pe_eat(e, ":"))
		e->bad = true;
	b = pe_cond(e);
	return c ? a : b;
}

long
i18n_plural_eval(const char *expr, unsigned long n)
{
	struct pexpr e = { expr, n, false };
	unsigned long v = pe_cond(&e);

	pe_space(&e);
	if (e.bad || (*e.p != '\0' && *e.p != ';'))
		return -1;
	return v > LONG_MAX ? -1 : (long)v;
}

/* Reads the Plural-Forms of the header (the translation of "") into c. */
static void
read_plural_forms(struct i18n_cat *c, const char *header)
{
	const char *pf = strstr(header, "Plural-Forms:"), *np, *pl;
	size_t len;

	c->nplurals = 2;
	if (pf == NULL)
		return;
	len = strcspn(pf, "\n");
	if ((np = strstr(pf, "nplurals=")) != NULL && np < pf + len)
		c->nplurals = strtoul(np + 9, NULL, 10);
	if ((pl = strstr(pf, "plural=")) != NULL && pl < pf + len) {
		pl += 7;
		c->plural = xstrndup(pl, (size_t)(pf + len - pl));
	}
	if (c->nplurals == 0)
		c->nplurals = 1;
}

void
i18n_cat_free(struct i18n_cat *c)
{
	if (c == NULL)
		return;
	free(c->data);
	free(c->plural);
	free(c);
}

/* Checks that the n pairs of the table at off point inside the file at NULs. */
static bool
table_ok(const struct i18n_cat *c, uint32_t off)
{
	uint32_t i;

	if (off % 4 != 0 || off > c->size || (c->size - off) / 8 < c->n)
		return false;
	for (i = 0; i < c->n; i++) {
		uint32_t len = word(c, off + 8 * (size_t)i);
		uint32_t at = word(c, off + 8 * (size_t)i + 4);

		if (at >= c->size || len >= c->size - at ||
		    c->data[at + len] != '\0')
			return false;
	}
	return true;
}

struct i18n_cat *
i18n_cat_open(const char *path, char **err)
{
	struct i18n_cat *c = xcalloc(1, sizeof(*c));
	struct buf text = { 0 };
	char chunk[8192];
	const char *header;
	uint32_t magic;
	size_t n;
	FILE *f;

	*err = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		if (errno != ENOENT)
			*err = xasprintf("cannot open the catalogue '%s': %s",
			    path, strerror(errno));
		goto fail;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	fclose(f);
	c->data = (unsigned char *)text.data;
	c->size = text.len;
	text.data = NULL;
	if (c->size < 28 || c->size > UINT32_MAX)
		goto bad;
	memcpy(&magic, c->data, 4);
	if (magic == 0x950412de)
		c->swap = false;
	else if (magic == 0xde120495)
		c->swap = true;
	else
		goto bad;
	if (word(c, 4) >> 16 != 0)	/* major revision 0 only */
		goto bad;
	c->n = word(c, 8);
	c->orig = word(c, 12);
	c->trans = word(c, 16);
	if (!table_ok(c, c->orig) || !table_ok(c, c->trans))
		goto bad;
	/* The header is the translation of "", sorted first. */
	header = c->n > 0 && *entry(c, c->orig, 0, NULL) == '\0' ?
	    entry(c, c->trans, 0, NULL) : "";
	read_plural_forms(c, header);
	return c;
bad:
	*err = xasprintf("'%s' is not a compiled catalogue (GNU .mo file, "
	    "made by msgfmt)", path);
fail:
	buf_release(&text);
	i18n_cat_free(c);
	return NULL;
}

const char *
i18n_cat_find(const struct i18n_cat *c, const char *ctxt, const char *msgid,
    unsigned long n, bool plural)
{
	char small[512], *key = small;
	const char *found = NULL, *s;
	uint32_t lo = 0, hi, mid;
	size_t len, klen;
	long form = 0;
	int cmp;

	if (c == NULL || *msgid == '\0')
		return NULL;
	klen = (ctxt != NULL ? strlen(ctxt) + 1 : 0) + strlen(msgid) + 1;
	if (ctxt != NULL) {
		if (klen > sizeof(small))
			key = xmalloc(klen);
		snprintf(key, klen, "%s\004%s", ctxt, msgid);
	} else
		key = (char *)msgid;
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		/* strcmp stops at the NUL before a plural original's second half. */
		cmp = strcmp(key, entry(c, c->orig, mid, NULL));
		if (cmp == 0) {
			found = entry(c, c->trans, mid, &len);
			break;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (key != small && key != msgid)
		free(key);
	if (found == NULL || len == 0)
		return NULL;
	if (plural) {
		form = c->plural != NULL ? i18n_plural_eval(c->plural, n) :
		    (long)(n != 1);
		if (form < 0 || (unsigned long)form >= c->nplurals)
			form = 0;
		/* Walk to the form'th of the NUL-separated forms. */
		for (s = found; form > 0; form--) {
			s += strlen(s) + 1;
			if (s >= found + len)
				return found;
		}
		return s;
	}
	return found;
}

int
i18n_load(const char *dir, char **err)
{
	static const char *const where[] = {
		"%s/zh_CN/LC_MESSAGES/refund-desk.mo",	/* make install */
		"%s/zh_CN.mo",	/* the build tree: po/zh_CN.mo */
	};
	size_t i;
	char *path;

	i18n_cat_free(zh);
	zh = NULL;
	*err = NULL;
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		path = xasprintf(where[i], dir);
		zh = i18n_cat_open(path, err);
		free(path);
		if (zh != NULL)
			return 0;
		if (*err != NULL)
			return -1;
	}
	log_warn("no compiled catalogue for zh_CN in '%s' (run make); pages "
	    "are shown in English", dir);
	return 0;
}

const char *
i18n_tr(enum lang lang, const char *msgid)
{
	const char *t;

	if (lang != LANG_ZH)
		return msgid;
	t = i18n_cat_find(zh, NULL, msgid, 1, false);
	return t != NULL ? t : msgid;
}

const char *
i18n_ptr(enum lang lang, const char *ctxt, const char *msgid)
{
	const char *t;

	if (lang != LANG_ZH)
		return msgid;
	t = i18n_cat_find(zh, ctxt, msgid, 1, false);
	return t != NULL ? t : msgid;
}

const char *
i18n_ntr(enum lang lang, const char *msgid, const char *msgid_plural,
    unsigned long n)
{
	const char *t = NULL;

	if (lang == LANG_ZH)
		t = i18n_cat_find(zh, NULL, msgid, n, true);
	if (t != NULL)
		return t;
	return n == 1 ? msgid : msgid_plural;	/* English: n != 1 */
}

/* Returns the language a tag like "zh-TW" or "en-GB" falls under, or LANG__MAX. */
static enum lang
tag_lang(const char *tag, size_t n)
{
	if (n >= 2 && strncasecmp(tag, "zh", 2) == 0 && (n == 2 || tag[2] == '-'))
		return LANG_ZH;
	if (n >= 2 && strncasecmp(tag, "en", 2) == 0 && (n == 2 || tag[2] == '-'))
		return LANG_EN;
	return LANG__MAX;
}

enum lang
i18n_pick(const char *cookie, const char *accept)
{
	enum lang best = LANG_EN, l;
	double bestq = -1;
	const char *p = accept;
	size_t i;

	for (i = 0; cookie != NULL && i < LANG__MAX; i++)
		if (strcmp(cookie, lang_codes[i]) == 0)
			return (enum lang)i;
	while (p != NULL && *p != '\0') {
		size_t n;
		double q = 1.0;
		const char *semi, *end = strchr(p, ',');

		while (*p == ' ')
			p++;
		n = strcspn(p, ";, ");
		semi = p + n;
		while (*semi == ' ')
			semi++;
		if (*semi == ';' && strncmp(semi + 1, "q=", 2) == 0)
			q = strtod(semi + 3, NULL);
		else if (*semi == ';') {
			const char *qs = strstr(semi, "q=");

			if (qs != NULL && (end == NULL || qs < end))
				q = strtod(qs + 2, NULL);
		}
		l = tag_lang(p, n);
		if (l != LANG__MAX && q > bestq && q > 0) {
			best = l;
			bestq = q;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return best;
}
