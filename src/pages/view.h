/* view.h: dictionary fillers that more than one program's pages share. */
#ifndef VIEW_H
#define VIEW_H

#include "app/app.h"
#include "core/policy.h"

/*
 * Fills the include {{>POLICY}} of d with shared/policy.tpl showing p
 * (texts in English, times in the user's zone).
 */
void	view_policy(struct req *r, struct tmpl_dict *d, const struct policy *p);

/*
 * Sets LABEL (the reason in the page's language), the section OTHER's
 * TEXT (the Chinese label on an English page; nothing on
 * a Chinese page, which shows no English) and EXPLAIN in s for reason pr.
 */
void	view_reason(struct req *r, struct tmpl_dict *s,
	    const struct policy_reason *pr);

/*
 * Adds one section called section per paragraph of text (paragraphs are
 * separated by blank lines), each with the variable TEXT.
 */
void	view_paragraphs(struct tmpl_dict *d, const char *section,
	    const char *text);

/*
 * Adds one CHANGE section to d (LABEL, BEFORE, AFTER, in the request's
 * language) per difference from old to new; returns how many.
 */
size_t	view_diff(struct req *r, struct tmpl_dict *d, const struct policy *old,
	    const struct policy *new);

/* A desk's words on its policy page: msgids, translated when shown. */
struct view_policy_words {
	const char	*title;		/* the page's title */
	const char	*heading;	/* its heading */
	const char	*lead;		/* the sentence below the heading */
	const char	*none;		/* shown when no policy is published */
};

/*
 * Answers a GET with the current policy, or ?version=N, rendered by
 * shared/policy_page.tpl in the words w, with every published version and
 * what changed since the previous one. 200, 404 (no such version), or 500.
 */
void	view_send_policy(struct req *r, const struct view_policy_words *w);

#endif /* VIEW_H */
