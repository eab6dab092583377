/* notify.h: the page where a buyer or a seller sets their e-mail address and turns e-mail notifications on or off. */
#ifndef NOTIFY_H
#define NOTIFY_H

#include "app/app.h"

/*
 * /notifications (GET, POST; signed in): GET shows the user's address and
 * whether notifications are on; POST (email: empty or an address,
 * notify: present = on) saves them and answers 303 to the page, or 422
 * with the input and a message. 500 on a database error.
 */
void	notify_route(struct req *r);

#endif /* NOTIFY_H */
