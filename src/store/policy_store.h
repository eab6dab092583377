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

#endif /* POLICY_STORE_H */
