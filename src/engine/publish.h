/* publish.h: the return policy's changes: an admin's draft saved, and published in one guarded transaction. */
#ifndef PUBLISH_H
#define PUBLISH_H

#include <stdint.h>
#include <time.h>

#include "base/rc.h"
#include "core/policy.h"
#include "store/db.h"

/*
 * Saves p (checked by the caller: policy_check() and the form) as the
 * draft of admin, replacing the draft's settings and reasons, or as a new
 * draft copied from version based_on (the current one) when admin has
 * none. Stores the draft's id in *id. Returns RC_OK, RC_INVALID when the
 * database refused a value, or RC_DB.
 */
enum rc	policy_draft_save(struct db *db, int64_t admin, int64_t based_on,
	    const struct policy *p, time_t now, int64_t *id);

/* Who publishes, and why. */
struct publish {
	int64_t		 admin;
	int64_t		 draft;		/* the admin's draft */
	const char	*note;
	const char	*remote_addr;
	time_t		 now;
	int64_t		 version;	/* out: the number it got */
};

/*
 * Publishes draft pb->draft of pb->admin in one transaction: the version
 * it was copied from is retired with a guarded update, the draft becomes
 * the next version with who, when and the note, and an audit row is
 * written. Returns RC_OK, RC_CONFLICT when the version the draft was
 * copied from is no longer the current one (another admin published
 * first: the draft is then based on the new current version, to be
 * reviewed again), RC_NOTFOUND when admin has no such draft, or RC_DB.
 */
enum rc	policy_publish(struct db *db, struct publish *pb);

#endif /* PUBLISH_H */
