/* policy_store.h: loads a return policy version and its reasons from the database. */
#ifndef POLICY_STORE_H
#define POLICY_STORE_H

#include "core/policy.h"
#include "store/db.h"

/*
 * Loads the current published policy with its reasons into p. Returns
 * RC_OK (release p with policy_release()), RC_NOTFOUND when nothing is
 * published yet, or RC_DB.
 */
enum rc	policy_load_current(struct db *db, struct policy *p);

/*
 * Loads policy version id (any status: a case stays governed by the
 * version it was opened under) with its reasons. The same contract.
 */
enum rc	policy_load(struct db *db, int64_t id, struct policy *p);

/* One published (or retired) version, for the list of versions. */
struct policy_version {
	int64_t	 id;
	int64_t	 version;
	bool	 current;	/* the published one; else retired */
	time_t	 published_at;
};

/*
 * Loads every version that is not a draft, newest first. Returns RC_OK
 * (free *rows) or RC_DB.
 */
enum rc	policy_versions(struct db *db, struct policy_version **rows,
	    size_t *rowsz);

/*
 * Stores in *id the id of published (or retired) version number version,
 * or of the current one when version is 0. Returns RC_OK, RC_NOTFOUND
 * or RC_DB.
 */
enum rc	policy_id_of(struct db *db, int64_t version, int64_t *id);

#endif /* POLICY_STORE_H */
