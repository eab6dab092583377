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

/*
 * Sends the list page tpl with title: the rows of statement st for key
 * (see caseview_rows()) at CASE_ROWS. 200, or 500.
 */
void	caselist_send(struct req *r, enum sql st, int64_t key,
	    const char *title, const char *tpl);

#endif /* CASELIST_H */
