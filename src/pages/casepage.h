/* casepage.h: the case page (GET case/#) and its actions (POST case/#), shared by the buyer, seller and admin programs. */
#ifndef CASEPAGE_H
#define CASEPAGE_H

#include "app/app.h"
#include "core/machine.h"

/*
 * The case page: GET case/# for the signed-in viewer acting as who, as
 * stored: a passed deadline the worker has not applied yet shows as being
 * applied, with no action offered; nothing is written. Each action form
 * carries a signed one-time token. 200; 404 for a case the viewer may
 * not see (the same as for one that does not exist); 500.
 */
void	casepage_send(struct req *r, enum actor who);

/*
 * An action on a case: POST case/# with the fields of act_form: event,
 * state (the state the form was drawn in), token (signed, one-time), and
 * those of note, amount, carrier and waybill, photos that the event's
 * form contract offers (others are not read; the engine refuses them).
 * The cheap fields are checked before any photo is decoded. Answers 303
 * to the case page when it worked (or when the same form was sent
 * before); 404 as above; 409 with the case page when someone (or a
 * deadline) acted first; 422 with the case page, the input kept and the
 * message next to the form when the form or the engine refused; 500.
 */
void	casepage_act(struct req *r, enum actor who);

/* Route handler of case/# for every desk: GET casepage_send, POST casepage_act, as the desk's actor. */
void	casepage_route_case(struct req *r);

#endif /* CASEPAGE_H */
