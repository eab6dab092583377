/* i18n.h: the languages of the pages (English, Simplified Chinese), the message catalogue read from po/, and the choice of language per request. */
#ifndef I18N_H
#define I18N_H

#include <stdbool.h>
#include <stddef.h>

enum lang {
	LANG_EN,
	LANG_ZH,
	LANG__MAX
};

/* "en" and "zh-CN": cookie values, <html lang>; indexed by enum lang. */
extern const char *const lang_codes[LANG__MAX];

/* Marks a string for the catalogue where it cannot be translated yet (tables). */
#define N_(s)	s

/*
 * Reads the catalogue of every language but English (the msgids are the
 * English text) from dir/zh_CN.po, a GNU gettext PO file. Process-wide
 * and read-only after this call. Returns 0, or -1 with *err set (free it).
 */
int	i18n_load(const char *dir, char **err);

/*
 * Returns the text of msgid in lang: the catalogue's translation, or
 * msgid itself for English and for a msgid without a translation.
 */
const char *i18n_tr(enum lang lang, const char *msgid);

/*
 * Returns the text of msgid (singular) or msgid_plural for the number n
 * in lang: the catalogue's plural form that its Plural-Forms header
 * chooses for n (Chinese has one form), or for English and a missing
 * translation msgid when n == 1, else msgid_plural.
 */
const char *i18n_ntr(enum lang lang, const char *msgid,
	    const char *msgid_plural, unsigned long n);

/*
 * Parses the text of a PO file and calls add(msgid, msgstr, arg) for
 * every entry with a non-empty msgid and msgstr (the strings are
 * unescaped; they live until add returns). Pure. Returns 0, or -1 with
 * *line set to the line of a syntax error.
 */
int	i18n_parse_po(const char *text, void (*add)(const char *msgid,
	    const char *msgstr, void *arg), void *arg, int *line);

/*
 * Chooses the language of a request: the cookie's code when it names a
 * language, else the first language of Accept-Language (by q, then
 * order) that we speak, else English. Pure.
 */
enum lang i18n_pick(const char *cookie, const char *accept_language);

#endif /* I18N_H */
