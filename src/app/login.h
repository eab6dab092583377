/* login.h: the routes every program has besides its own: /login, /logout and /lang. */
#ifndef LOGIN_H
#define LOGIN_H

#include <stddef.h>

#include "web/route.h"

/*
 * The routes of signing in (/login), signing out (/logout) and choosing
 * the language (/lang), which dispatch matches before the program's own;
 * each handler's comment in login.c gives its fields and statuses.
 * /login and /logout carry REQ_ANYROLE: a user signed in with an account
 * of another role can still sign out, or sign in with the right account.
 */
extern const struct route login_routes[];
extern const size_t login_routesz;

#endif /* LOGIN_H */
