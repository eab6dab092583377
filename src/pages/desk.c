/* desk.c: which actor the signed-in user of a desk acts as. */
#include <stdlib.h>

#include "pages/desk.h"

enum actor
page_actor(const struct req *r)
{
	switch (r->app->role) {
	case ROLE_BUYER:
		return ACTOR_BUYER;
	case ROLE_SELLER:
		return ACTOR_SELLER;
	case ROLE_ADMIN:
		return ACTOR_ADMIN;
	default:
		abort();
	}
}
