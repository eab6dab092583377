/* cookies.h: the names of the cookies the programs set, for app.c, page.c and login.c. */
#ifndef COOKIES_H
#define COOKIES_H

/* Cookies: the session, the pre-login CSRF token, a flash key. */
#define COOKIE_SESSION	"rd_sid"
#define COOKIE_PRE	"rd_pre"
#define COOKIE_FLASH	"rd_flash"
#define COOKIE_LANG	"rd_lang"	/* the language chosen in the footer */

#endif /* COOKIES_H */
