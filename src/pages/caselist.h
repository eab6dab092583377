/* caselist.h: the lists of cases of every desk (the buyer's cases, the seller's queue, the platform's escalations), drawn by one partial. */
#ifndef CASELIST_H
#define CASELIST_H

#include "app/app.h"
#include "store/caseview.h"

/*
 * Fills the include marker name of d with parts/case_rows.tpl: one row
 * per case (RMA, order, the shop or the buyer, type, state in words,
 * amount, deadline in the viewer's zone, whose move it is), the columns
 * chosen for the desk; or shows EMPTY when there are none.
 */
void	caselist_rows(struct req *r, struct tmpl_dict *d, const char *name,
	    const struct caseview_row *rows, size_t rowsz);

/* Cases on one page of the buyer's list. */
#define CASELIST_PAGE	20

/*
 * Sends the buyer's list page tpl with title: CASELIST_PAGE of the
 * signed-in buyer's cases at CASE_ROWS, open ones first, then finished
 * ones (query part=done), each newest first, paged by keyset (query
 * after=<cursor>, ignored when malformed), with their unread markers; a
 * NEXT section (QUERY) when more follow, FIRST after the first page.
 * 200, or 500.
 */
void	caselist_send(struct req *r, const char *title, const char *tpl);

#endif /* CASELIST_H */
