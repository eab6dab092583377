/* casepage.h: the case page and its actions, shared by the buyer, seller and admin programs. */
#ifndef CASEPAGE_H
#define CASEPAGE_H

#include "app/app.h"
#include "engine/cases.h"
#include "store/caseview.h"
#include "engine/image.h"

/*
 * The case page: GET case/# for the signed-in viewer acting as who.
 * Settles an overdue deadline first. 200; 404 for a case the viewer may
 * not see (the same as for one that does not exist); 500.
 */
void	casepage_send(struct req *r, enum actor who);

/*
 * An action on a case: POST case/# with fields event, state (the state
 * the form was drawn in), token (one-time), and as the event needs: note,
 * amount, carrier, waybill. Answers 303 to the case page when it worked
 * (or when the same form was sent before); 404 as above; 409 with the
 * case page when someone acted first; 422 with the case page, the input
 * kept and the message next to the form when the engine refused; 500.
 */
void	casepage_act(struct req *r, enum actor who);

/*
 * Evidence of a case: GET evidence/# (the photo) or evidence/#/thumb
 * (its thumbnail), for a viewer who may see the case; 404 otherwise,
 * exactly as for a photo that does not exist. Sent with http_send_file().
 */
void	casepage_evidence(struct req *r, enum actor who, bool thumb);

/*
 * Fills the include marker name of d with parts/case_rows.tpl, one row
 * per case (RMA, order, type, state in words, amount, deadline in the
 * viewer's zone, link), its columns chosen by the desk: the shop for a
 * buyer, order and buyer for the others, no state for the platform (every
 * case it lists waits for its ruling). With no rows, shows section EMPTY
 * of d instead.
 */
void	casepage_rows(struct req *r, struct tmpl_dict *d, const char *name,
	    const struct caseview_row *rows, size_t rowsz);

/*
 * Route handlers for every desk, acting as the desk's role (buyer, seller
 * or platform): case/# (GET: casepage_send, POST: casepage_act),
 * evidence/# and evidence/#/thumb (casepage_evidence), and a list of
 * cases (casepage_list with the desk's statement).
 */
void	casepage_route_case(struct req *r);
void	casepage_route_photo(struct req *r);
void	casepage_route_thumb(struct req *r);

/*
 * Sends the list page tpl with title: the rows of statement st for key
 * (see caseview_rows()) in include CASE_ROWS (see casepage_rows()).
 * 200, or 500.
 */
void	casepage_list(struct req *r, enum sql st, int64_t key,
	    const char *title, const char *tpl);

/* Returns the words for a case state ("Waiting for the seller"). */
const char *casepage_state_words(enum case_state s);

/* Returns the words for a case type ("Return and refund"). */
const char *casepage_type_words(enum case_type t);

#endif /* CASEPAGE_H */
