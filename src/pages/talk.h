/* talk.h: the conversation part of the case page (unread marker and its mark-read form on every desk; the staff's internal notes and the assignment on the seller's and the admin's) and its POST routes. */
#ifndef TALK_PAGE_H
#define TALK_PAGE_H

#include "app/app.h"
#include "core/machine.h"
#include "store/talk_store.h"

/*
 * Reads what the viewer has not seen of case_id into u, before the case
 * page loads the timeline: marking read "up to" u->last_id never hides a
 * row that came after the page was drawn. Nothing is written.
 */
void	talk_peek(struct req *r, int64_t case_id, struct talk_unread *u);

/*
 * Fills the include marker TALK of d with parts/talk.tpl for case_id seen
 * by who: the unread marker and its mark-read form (from u); for a seller
 * or an admin the staff's notes with a form to add one, and for a seller
 * the assignment form. A buyer's page gets no note, ever. Returns 0, or
 * -1 on a database error or when no token could be made.
 */
int	talk_fill(struct req *r, struct tmpl_dict *d, int64_t case_id,
	    enum actor who, const struct talk_unread *u);

/*
 * case/#/seen (POST; buyer, seller): marks the case read up to timeline
 * id "upto" for the signed-in user. The case page's script sends it when
 * the page is shown; without script it is the "Mark as read" button.
 * 303 to the case page; 404 for a case the user may not see; 422 for a
 * bad upto; 500.
 */
void	talk_route_seen(struct req *r);

/*
 * case/#/note (POST; seller, admin): adds an internal note ("note", up to
 * 2000 characters) with a one-time "token". 303 to the case page (also
 * for a replay); 404 for a case of another shop; 422 for an empty note
 * or a forged, stale or other case's token; 500.
 */
void	talk_route_note(struct req *r);

/*
 * case/#/assign (POST; seller): assigns the case to "assignee" (a seller
 * id of the case's shop, or 0 for nobody) with a one-time "token". 303 to
 * the case page; 404 for a case of another shop; 422 for someone not of
 * the shop or a bad token; 500.
 */
void	talk_route_assign(struct req *r);

/*
 * Fills the include marker STAFF of d with seller/staff.tpl: the seller
 * accounts of the signed-in seller's shop, with how many open cases each
 * has assigned. Returns 0, or -1 on a database error.
 */
int	talk_staff_fill(struct req *r, struct tmpl_dict *d);

#endif /* TALK_PAGE_H */
