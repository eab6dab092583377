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

/*
 * Per-process caching (issue 12; base/stale.h). Which version is current,
 * and the content of published versions (which do not change: a new one
 * is published instead), are read again at most once a second, or at
 * once after a publication on this node.
 */

/*
 * Stores in *id the id of the current published version, from the
 * database at most once a second. Returns RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	policy_current_id(struct db *db, int64_t *id);

/*
 * As policy_load(), for a version id known to be published or retired
 * (the current one, a case's, one of policy_versions()): answered from
 * the process's copy when it has one younger than a second; never for a
 * draft, which changes.
 * Release p with policy_release().
 */
enum rc	policy_load_published(struct db *db, int64_t id, struct policy *p);

/*
 * Loads the current published policy into p as policy_load_current()
 * does, through policy_current_id() and policy_load_published(): no
 * statement when cached. The same contract.
 */
enum rc	policy_current(struct db *db, struct policy *p);

#endif /* POLICY_STORE_H */
