/* tmpl.h: the C face of the ctemplate bridge (tmpl.cc): dictionaries, sections, includes, expansion. */
#ifndef TMPL_H
#define TMPL_H

#include <stdint.h>

#include "base/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A ctemplate dictionary; sections and includes belong to their parent. */
struct tmpl_dict;

/* Translates msgid into language lang (0 .. langs-1) for tmpl_load_all(). */
typedef const char *(*tmpl_translate)(int lang, const char *msgid);

/*
 * Readies the templates below root for langs languages without parsing
 * any: checks that every "*.tpl" file can be read, begins with
 * {{%AUTOESCAPE context="HTML"}} and closes each [[ with ]], so that such
 * a template stops the program at start. Each template is then
 * translated and parsed in a language the first time tmpl_expand() needs
 * it there (a syntax error is then logged and that page fails; deskctl
 * check-config parses them all with tmpl_load_all()). Text written [[like
 * this]] in a template is its English wording; each language's copy has
 * it replaced by tr(lang, "like this"), HTML-escaped. Returns 0, or -1
 * with *err set to a message naming the file (free it).
 */
int	tmpl_init(const char *root, int langs, tmpl_translate tr, char **err);

/*
 * Like tmpl_init(), but also translates and parses every template in
 * every language now, so that a syntax error is reported here.
 */
int	tmpl_load_all(const char *root, int langs, tmpl_translate tr,
	    char **err);

/* Frees every loaded template (at exit, so leak checkers see nothing); safe to call again. */
void	tmpl_free_all(void);

/* A new top-level dictionary; free it with tmpl_dict_free(). */
struct tmpl_dict *tmpl_dict_new(void);
void	tmpl_dict_free(struct tmpl_dict *d);

/* Sets a variable; the value is copied and escaped at expansion. */
void	tmpl_set(struct tmpl_dict *d, const char *var, const char *value);
void	tmpl_set_int(struct tmpl_dict *d, const char *var, int64_t value);
/* Sets a variable to cents formatted as major units ("12.30"). */
void	tmpl_set_cents(struct tmpl_dict *d, const char *var, int64_t cents);

/*
 * Sets a variable visible in d, its sections and every template included
 * below it (ctemplate's template-global values); use it on the top-level
 * dictionary for what the layout and the page both show.
 */
void	tmpl_set_global(struct tmpl_dict *d, const char *var, const char *value);

/* Shows a section once, with the parent's variables. */
void	tmpl_show(struct tmpl_dict *d, const char *section);

/* Adds one more expansion of a section; the result belongs to d. */
struct tmpl_dict *tmpl_add_section(struct tmpl_dict *d, const char *section);

/*
 * Fills the include marker {{>name}} with the template file (relative to
 * the root; NULL to name it later with tmpl_set_file()); the result
 * belongs to d. An include sees only its own variables and the
 * template-global ones, not its parent's.
 */
struct tmpl_dict *tmpl_add_include(struct tmpl_dict *d, const char *name,
	    const char *file);
void	tmpl_set_file(struct tmpl_dict *include, const char *file);

/*
 * Expands the template file (relative to the root) in language lang with
 * d and appends the text to out; includes come from the same language.
 * Returns 0, or -1 (logged) when the template is unknown or fails to
 * expand.
 */
int	tmpl_expand(int lang, const char *file, const struct tmpl_dict *d,
	    struct buf *out);

#ifdef __cplusplus
}
#endif

#endif /* TMPL_H */
