/* evidence.h: stores the photos of a case in the database, within the limits of the case's frozen policy. */
#ifndef EVIDENCE_H
#define EVIDENCE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/util.h"
#include "core/machine.h"
#include "core/policy.h"
#include "engine/image.h"
#include "store/db.h"

/* A photo attached to a request or an action, already processed. */
struct case_photo {
	const struct image	*img;
	const char		*name;	/* as the browser named it; display only */
};

/*
 * Stores photos (uploaded by who, actor_id 0 for the system) on case
 * case_id within pol's count, size and types, inside the caller's
 * transaction, and writes their ids to ids ("4,5"; empty when none). The
 * same file twice on one case is stored once. Returns RC_OK, RC_INVALID
 * with *why (a msgid), or RC_DB.
 */
enum rc	evidence_add(struct db *db, int64_t case_id, enum actor who,
	    int64_t actor_id, const struct case_photo *photos, size_t photosz,
	    const struct policy *pol, time_t now, struct buf *ids,
	    const char **why);

#endif /* EVIDENCE_H */
