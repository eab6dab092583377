/* i18n.c: the message catalogue read from po/zh_CN.po and the choice of language per request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/util.h"

const char *const lang_codes[LANG__MAX] = {
	"en", /* LANG_EN */
	"zh-CN", /* LANG_ZH */
};

/* One translation. */
struct entry {
	char	*msgid;
	char	*msgstr;
};

/*
 * The catalogue: process-wide, filled once by i18n_load() before the
 * accept loop and only read after that (the same life as the loaded
 * templates).
 */
static struct entry *zh;
static size_t zhsz;

static int
by_msgid(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->msgid,
	    ((const struct entry *)b)->msgid);
}

/* Appends the C-escaped string literal at *p ("...") to out; advances *p. */
static int
po_string(const char **p, struct buf *out)
{
	const char *s = *p;

	if (*s++ != '"')
		return -1;
	while (*s != '"') {
		char c = *s++;

		if (c == '\0' || c == '\n')
			return -1;
		if (c == '\\') {
			switch (*s++) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default: return -1;
			}
		}
		buf_add(out, &c, 1);
	}
	*p = s + 1;
	return 0;
}

int
i18n_parse_po(const char *text, void (*add)(const char *, const char *,
    void *), void *arg, int *line)
{
	struct buf id = { 0 }, str = { 0 }, *cur = NULL;
	const char *p = text;
	int n = 0, rc = -1;

	for (;;) {
		const char *eol = strchr(p, '\n');
		const char *s = p;

		n++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n' || *s == '#' || strncmp(s,
		    "msgid ", 6) == 0) {
			/* An entry ends at a blank line, a comment or the next msgid. */
			if (id.len > 0 && str.len > 0)
				add(id.data, str.data, arg);
			if (cur != NULL) {
				buf_release(&id);
				buf_release(&str);
				cur = NULL;
			}
		}
		if (strncmp(s, "msgid ", 6) == 0) {
			s += 6;
			cur = &id;
			buf_add(&id, "", 0);
			buf_add(&str, "", 0);
		} else if (strncmp(s, "msgstr ", 7) == 0 && cur == &id) {
			s += 7;
			cur = &str;
		} else if (*s == '"' && cur != NULL) {
			/* A continuation line of the current string. */
		} else if (*s != '\0' && *s != '\n' && *s != '#') {
			goto out;
		}
		if (*s == '"') {
			while (*s == '"') {
				if (po_string(&s, cur) != 0)
					goto out;
				while (*s == ' ' || *s == '\t')
					s++;
			}
			if (*s != '\n' && *s != '\0')
				goto out;
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	if (id.len > 0 && str.len > 0)
		add(id.data, str.data, arg);
	rc = 0;
out:
	buf_release(&id);
	buf_release(&str);
	if (rc != 0 && line != NULL)
		*line = n;
	return rc;
}

/* i18n_parse_po() callback: keeps one translation. */
static void
keep(const char *msgid, const char *msgstr, void *arg)
{
	(void)arg;
	zh = xrealloc(zh, (zhsz + 1) * sizeof(*zh));
	zh[zhsz].msgid = xstrdup(msgid);
	zh[zhsz].msgstr = xstrdup(msgstr);
	zhsz++;
}

int
i18n_load(const char *dir, char **err)
{
	struct buf text = { 0 };
	char chunk[8192], *path = xasprintf("%s/zh_CN.po", dir);
	size_t n;
	FILE *f;
	int line = 0, rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		*err = xasprintf("cannot open the catalogue '%s'", path);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	fclose(f);
	buf_add(&text, "", 0);
	if (i18n_parse_po(text.data, keep, NULL, &line) != 0) {
		*err = xasprintf("'%s' line %d: not a PO entry", path, line);
		goto out;
	}
	qsort(zh, zhsz, sizeof(*zh), by_msgid);
	rc = 0;
out:
	buf_release(&text);
	free(path);
	return rc;
}

const char *
i18n_tr(enum lang lang, const char *msgid)
{
	struct entry key, *e;

	if (lang != LANG_ZH || zhsz == 0)
		return msgid;
	key.msgid = (char *)msgid;
	e = bsearch(&key, zh, zhsz, sizeof(*zh), by_msgid);
	return e != NULL ? e->msgstr : msgid;
}

const char *
i18n_ntr(enum lang lang, const char *msgid, const char *msgid_plural,
    unsigned long n)
{
	const char *t = i18n_tr(lang, msgid);

	if (t != msgid)
		return t;
	return n == 1 ? msgid : msgid_plural;
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
