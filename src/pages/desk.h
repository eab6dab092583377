/* desk.h: which actor the signed-in user of a desk acts as. */
#ifndef DESK_H
#define DESK_H

#include "app/app.h"
#include "core/machine.h"

/*
 * The actor a desk's user acts as: the buyer, the seller, or the
 * platform. Aborts on a desk of no known role: a new desk must say.
 */
enum actor page_actor(const struct req *r);

#endif /* DESK_H */
