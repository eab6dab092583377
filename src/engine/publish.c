/* publish.c: the return policy's changes: an admin's draft saved, and published in one guarded transaction. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "base/stale.h"
#include "engine/publish.h"
#include "store/admin_store.h"

/* What save_txn() needs. */
struct save {
	int64_t			 admin;
	int64_t			 based_on;
	const struct policy	*p;
	time_t			 now;
	int64_t			 id;
};

/* The columns of SQL_ADMIN_DRAFT_LOCK. */
enum { DL_ID, DL_BASED_ON, DL__MAX };

/* db_txn() body of policy_draft_save(). */
static enum rc
save_txn(struct db *db, void *arg)
{
	struct save *s = arg;
	const struct policy *p = s->p;
	struct db_res r;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, SQL_ADMIN_DRAFT_LOCK, &r, "i", s->admin)) !=
	    RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == DL__MAX);
	s->id = r.rowsz > 0 ? db_int(&r, 0, DL_ID) : 0;
	if (s->id == 0) {
		rc = db_exec(db, SQL_ADMIN_DRAFT_INSERT, NULL,
		    "Iiiiiiiiiiiiisiiiisst" "ii", s->based_on,
		    p->return_window_days, p->seller_response_hours,
		    p->buyer_response_hours, p->buyer_ship_days,
		    p->seller_receive_days, p->seller_reship_days,
		    p->buyer_confirm_days, p->platform_ruling_days,
		    p->escalation_days, p->max_attempts,
		    p->evidence_max_files, p->evidence_max_bytes,
		    p->evidence_types, (int64_t)p->fast_track_enabled,
		    p->fast_track_max_cents, p->fast_track_max_recent_refunds,
		    p->fast_track_recent_days, p->text_en, p->text_zh, s->now,
		    s->admin, p->evidence_request_hours);
		if (rc != RC_OK)
			goto out;
		s->id = db_last_id(db);
	} else {
		rc = db_exec(db, SQL_ADMIN_DRAFT_UPDATE, NULL,
		    "iiiiiiiiiiiisiiiisst" "ii",
		    p->return_window_days, p->seller_response_hours,
		    p->buyer_response_hours, p->buyer_ship_days,
		    p->seller_receive_days, p->seller_reship_days,
		    p->buyer_confirm_days, p->platform_ruling_days,
		    p->escalation_days, p->max_attempts,
		    p->evidence_max_files, p->evidence_max_bytes,
		    p->evidence_types, (int64_t)p->fast_track_enabled,
		    p->fast_track_max_cents, p->fast_track_max_recent_refunds,
		    p->fast_track_recent_days, p->text_en, p->text_zh, s->now,
		    p->evidence_request_hours, s->id);
		if (rc != RC_OK ||
		    (rc = db_exec(db, SQL_ADMIN_DRAFT_REASONS_CLEAR, NULL, "i",
		    s->id)) != RC_OK)
			goto out;
	}
	for (i = 0; i < p->reasonsz; i++) {
		const struct policy_reason *pr = &p->reasons[i];

		rc = db_exec(db, SQL_ADMIN_DRAFT_REASON_ADD, NULL,
		    "isssssiiiisIiiiiis", s->id, pr->code, pr->label_en,
		    pr->label_zh, pr->explain_en, pr->explain_zh,
		    (int64_t)pr->allow_refund_only,
		    (int64_t)pr->allow_return_refund,
		    (int64_t)pr->allow_exchange,
		    (int64_t)pr->evidence_required,
		    pr->shipping_payer == PAYER_SELLER ? "seller" : "buyer",
		    pr->window_days, (int64_t)pr->needs_received,
		    (int64_t)pr->needs_not_received,
		    (int64_t)pr->needs_unshipped, (int64_t)pr->fast_track,
		    (int64_t)i, policy_window_from_name(pr->window_from));
		if (rc != RC_OK)
			goto out;
	}
out:
	db_res_release(&r);
	return rc;
}

enum rc
policy_draft_save(struct db *db, int64_t admin, int64_t based_on,
    const struct policy *p, time_t now, int64_t *id)
{
	struct save s = { admin, based_on, p, now, 0 };
	enum rc rc;

	rc = db_txn(db, save_txn, &s);
	*id = rc == RC_OK ? s.id : 0;
	return rc;
}

/* What publish_txn() found besides its answer. */
struct publish_run {
	struct publish	*pb;
	int64_t		 based_on;
};

/* db_txn() body of policy_publish(). */
static enum rc
publish_txn(struct db *db, void *arg)
{
	struct publish_run *run = arg;
	struct publish *pb = run->pb;
	struct db_res r, v;
	uint64_t changed;
	char subject[64];
	enum rc rc;

	memset(&v, 0, sizeof(v));
	if ((rc = db_query(db, SQL_ADMIN_DRAFT_LOCK, &r, "i", pb->admin)) !=
	    RC_OK)
		goto out;
	if (r.rowsz == 0 || db_int(&r, 0, DL_ID) != pb->draft) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == DL__MAX);
	run->based_on = db_int(&r, 0, DL_BASED_ON);
	/* The guard: only while the version it was copied from is current. */
	if ((rc = db_exec(db, SQL_ADMIN_POLICY_RETIRE, &changed, "ti",
	    pb->now, run->based_on)) != RC_OK)
		goto out;
	if (changed == 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	if ((rc = db_query(db, SQL_ADMIN_POLICY_NEXT_VERSION, &v, "")) != RC_OK)
		goto out;
	pb->version = db_int(&v, 0, 0);
	if ((rc = db_exec(db, SQL_ADMIN_POLICY_PUBLISH, &changed, "itisii",
	    pb->version, pb->now, pb->admin, pb->note, pb->draft,
	    pb->admin)) != RC_OK)
		goto out;
	if (changed == 0) {
		rc = RC_CONFLICT;
		goto out;
	}
	snprintf(subject, sizeof(subject), "policy version %lld",
	    (long long)pb->version);
	rc = audit_add(db, pb->admin, "policy_publish", subject, pb->note,
	    pb->remote_addr, pb->now);
out:
	db_res_release(&r);
	db_res_release(&v);
	return rc;
}

enum rc
policy_publish(struct db *db, struct publish *pb)
{
	struct publish_run run = { pb, 0 };
	struct db_res r;
	enum rc rc;

	pb->version = 0;
	rc = db_txn(db, publish_txn, &run);
	/* The node's processes read the current version again (stale.h). */
	if (rc == RC_OK)
		stale_bump();
	if (rc != RC_CONFLICT)
		return rc;
	/* Someone else published first: review the draft against theirs. */
	if (db_query(db, SQL_POLICY_CURRENT_ID, &r, "") == RC_OK &&
	    r.rowsz == 1)
		(void)db_exec(db, SQL_ADMIN_DRAFT_REBASE, NULL, "ii",
		    db_int(&r, 0, 0), pb->draft);
	db_res_release(&r);
	return RC_CONFLICT;
}
