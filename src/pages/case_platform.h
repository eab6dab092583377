/* case_platform.h: what the platform adds to the case page: the evidence it asked one side for, its ruling with the explanation, and (for admins) both sides' history. */
#ifndef CASE_PLATFORM_H
#define CASE_PLATFORM_H

#include "app/app.h"
#include "store/caseview.h"

/*
 * Fills into d, for viewer who: EVIDENCE_ASK (while the platform waits
 * for one side: what it asked, of whom, until when), RULING (the
 * platform's last ruling and its explanation, for every viewer) and, for
 * an admin, HISTORY (the buyer's and the shop's orders, cases, refunds
 * and refund rate). Returns 0, or -1 on a database error.
 */
int	case_platform_fill(struct req *r, struct tmpl_dict *d,
	    const struct caseview *v, enum actor who);

/*
 * The timeline's words for e when the platform's evidence request lapsed
 * (a deadline out of an evidence state), else NULL.
 */
const char *case_platform_lapsed(const struct caseview_event *e);

#endif /* CASE_PLATFORM_H */
