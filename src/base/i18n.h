/* i18n.h: the languages of the pages (English, Simplified Chinese), the compiled message catalogue (.mo), and the choice of language per request. */
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
 * Opens the compiled catalogue (GNU .mo, from msgfmt --check) of every
 * language but English (the msgids are the English text): the installed
 * dir/zh_CN/LC_MESSAGES/refund-desk.mo ($(localedir)), else the build
 * tree's dir/zh_CN.mo (po/). Process-wide and read-only after this call.
 * Without a catalogue it logs a warning and the pages stay English.
 * Returns 0, or -1 with *err set (free it) when a file is there but
 * cannot be read or is not a .mo file.
 */
int	i18n_load(const char *dir, char **err);

/*
 * Returns the text of msgid in lang: the catalogue's translation, or
 * msgid itself for English and for a msgid without a translation (msgfmt
 * leaves out fuzzy and untranslated entries).
 */
const char *i18n_tr(enum lang lang, const char *msgid);

/* The same for the msgid of the context ctxt (a PO msgctxt entry). */
const char *i18n_ptr(enum lang lang, const char *ctxt, const char *msgid);

/*
 * Returns the text of msgid (singular) or msgid_plural for the number n
 * in lang: the catalogue's plural form that its Plural-Forms header
 * chooses for n (Chinese has one form), or, for English and a missing
 * translation, msgid when n == 1, else msgid_plural (like ngettext).
 */
const char *i18n_ntr(enum lang lang, const char *msgid,
	    const char *msgid_plural, unsigned long n);

/* One compiled catalogue, opened by i18n_cat_open(). */
struct i18n_cat;

/*
 * Reads the .mo file at path and checks its tables. Returns a catalogue
 * to give to i18n_cat_free(), or NULL: with *err NULL when there is no
 * such file, else with *err set (free it).
 */
struct i18n_cat *i18n_cat_open(const char *path, char **err);

/*
 * Finds msgid (in context ctxt, when not NULL) in c. For plural, returns
 * the form its Plural-Forms chooses for n. Returns the translation (owned
 * by c) or NULL when c is NULL or has none.
 */
const char *i18n_cat_find(const struct i18n_cat *c, const char *ctxt,
	    const char *msgid, unsigned long n, bool plural);

/* Frees c; accepts NULL. */
void	i18n_cat_free(struct i18n_cat *c);

/*
 * Evaluates the C expression of a Plural-Forms "plural=" (as in
 * "n%10==1 && n%100!=11 ? 0 : 1;") for n. Pure. Returns the form's index,
 * or -1 for a malformed expression.
 */
long	i18n_plural_eval(const char *expr, unsigned long n);

/*
 * Chooses the language of a request: the cookie's code when it names a
 * language, else the first language of Accept-Language (by q, then
 * order) that we speak, else English. Pure.
 */
enum lang i18n_pick(const char *cookie, const char *accept_language);

#endif /* I18N_H */
