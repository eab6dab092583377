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
 * Sets LABEL (the reason in the page's language), LABEL_OTHER (in the
 * other language) and EXPLAIN in s for reason pr.
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
 * Answers a GET with the current policy rendered by tpl (which includes
 * {{>POLICY}} and shows NO_POLICY when none is published). 200, or 500.
 */
void	view_send_policy(struct req *r, const char *tpl, const char *title);

#endif /* VIEW_H */
