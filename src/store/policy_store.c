/* policy_store.c: loads a return policy version and its reasons from the database. */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/policy_store.h"

/* Loads the policy that statement st (with id when not 0) finds. */
static enum rc
policy_fetch(struct db *db, enum sql st, int64_t id, struct policy *p)
{
	struct db_res res, rs;
	size_t i;
	enum rc rc;

	memset(p, 0, sizeof(*p));
	memset(&rs, 0, sizeof(rs));
	if (id != 0)
		rc = db_query(db, st, &res, "i", id);
	else
		rc = db_query(db, st, &res, "");
	if (rc != RC_OK)
		goto out;
	if (res.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	p->id = db_int(&res, 0, 0);
	p->version = db_int(&res, 0, 1);
	p->published_at = db_int(&res, 0, 2);
	p->return_window_days = db_int(&res, 0, 3);
	p->seller_response_hours = db_int(&res, 0, 4);
	p->buyer_response_hours = db_int(&res, 0, 5);
	p->buyer_ship_days = db_int(&res, 0, 6);
	p->seller_receive_days = db_int(&res, 0, 7);
	p->seller_reship_days = db_int(&res, 0, 8);
	p->buyer_confirm_days = db_int(&res, 0, 9);
	p->platform_ruling_days = db_int(&res, 0, 10);
	p->escalation_days = db_int(&res, 0, 11);
	p->max_attempts = db_int(&res, 0, 12);
	p->evidence_max_files = db_int(&res, 0, 13);
	p->evidence_max_bytes = db_int(&res, 0, 14);
	p->evidence_types = xstrdup(db_str(&res, 0, 15));
	p->fast_track_enabled = db_int(&res, 0, 16) != 0;
	p->fast_track_max_cents = db_int(&res, 0, 17);
	p->fast_track_max_recent_refunds = db_int(&res, 0, 18);
	p->fast_track_recent_days = db_int(&res, 0, 19);
	p->text_en = xstrdup(db_str(&res, 0, 20));
	p->text_zh = xstrdup(db_str(&res, 0, 21));
	rc = db_query(db, SQL_POLICY_REASONS, &rs, "i", p->id);
	if (rc != RC_OK)
		goto out;
	p->reasons = xcalloc(rs.rowsz, sizeof(*p->reasons));
	p->reasonsz = rs.rowsz;
	for (i = 0; i < rs.rowsz; i++) {
		struct policy_reason *r = &p->reasons[i];

		r->code = xstrdup(db_str(&rs, i, 0));
		r->label_en = xstrdup(db_str(&rs, i, 1));
		r->label_zh = xstrdup(db_str(&rs, i, 2));
		r->explain_en = xstrdup(db_str(&rs, i, 3));
		r->explain_zh = xstrdup(db_str(&rs, i, 4));
		r->allow_refund_only = db_int(&rs, i, 5) != 0;
		r->allow_return_refund = db_int(&rs, i, 6) != 0;
		r->allow_exchange = db_int(&rs, i, 7) != 0;
		r->evidence_required = db_int(&rs, i, 8) != 0;
		r->shipping_payer = strcmp(db_str(&rs, i, 9), "seller") == 0 ?
		    PAYER_SELLER : PAYER_BUYER;
		r->window_days = db_int(&rs, i, 10);
		r->needs_not_received = db_int(&rs, i, 11) != 0;
		r->fast_track = db_int(&rs, i, 12) != 0;
		r->needs_received = db_int(&rs, i, 13) != 0;
		r->needs_unshipped = db_int(&rs, i, 14) != 0;
	}
out:
	db_res_release(&res);
	db_res_release(&rs);
	if (rc != RC_OK)
		policy_release(p);
	return rc;
}

enum rc
policy_load_current(struct db *db, struct policy *p)
{
	return policy_fetch(db, SQL_POLICY_CURRENT, 0, p);
}

enum rc
policy_load(struct db *db, int64_t id, struct policy *p)
{
	return policy_fetch(db, SQL_POLICY_BY_ID, id, p);
}

/* The columns of SQL_POLICY_VERSIONS. */
enum { PV_ID, PV_VERSION, PV_STATUS, PV_PUBLISHED, PV__MAX };

enum rc
policy_versions(struct db *db, struct policy_version **rows, size_t *rowsz)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = db_query(db, SQL_POLICY_VERSIONS, &r, "")) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == PV__MAX);
	*rows = xcalloc(r.rowsz + 1, sizeof(**rows));
	for (i = 0; i < r.rowsz; i++) {
		(*rows)[i].id = db_int(&r, i, PV_ID);
		(*rows)[i].version = db_int(&r, i, PV_VERSION);
		(*rows)[i].current = strcmp(db_str(&r, i, PV_STATUS),
		    "published") == 0;
		(*rows)[i].published_at = db_int(&r, i, PV_PUBLISHED);
	}
	*rowsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

enum rc
policy_id_of(struct db *db, int64_t version, int64_t *id)
{
	struct db_res r;
	enum rc rc;

	*id = 0;
	if (version != 0)
		rc = db_query(db, SQL_POLICY_ID_BY_VERSION, &r, "i", version);
	else
		rc = db_query(db, SQL_POLICY_CURRENT_ID, &r, "");
	if (rc == RC_OK && r.rowsz == 0)
		rc = RC_NOTFOUND;
	if (rc == RC_OK)
		*id = db_int(&r, 0, 0);
	db_res_release(&r);
	return rc;
}
