/* policy_store.c: loads a return policy version and its reasons from the database. */
#include <assert.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stale.h"
#include "base/util.h"
#include "store/policy_store.h"

/* The columns of SQL_POLICY_CURRENT and SQL_POLICY_BY_ID. */
enum {
	PO_ID, PO_VERSION, PO_PUBLISHED, PO_WINDOW, PO_SELLER_RESPONSE,
	PO_BUYER_RESPONSE, PO_BUYER_SHIP, PO_SELLER_RECEIVE, PO_SELLER_RESHIP,
	PO_BUYER_CONFIRM, PO_PLATFORM_RULING, PO_ESCALATION, PO_MAX_ATTEMPTS,
	PO_EVIDENCE_FILES, PO_EVIDENCE_BYTES, PO_EVIDENCE_TYPES, PO_FAST_TRACK,
	PO_FAST_TRACK_MAX, PO_FAST_TRACK_RECENT, PO_FAST_TRACK_DAYS, PO_TEXT_EN,
	PO_TEXT_ZH, PO_EVIDENCE_REQUEST, PO__MAX
};

/* The columns of SQL_POLICY_REASONS. */
enum {
	PR_CODE, PR_LABEL_EN, PR_LABEL_ZH, PR_EXPLAIN_EN, PR_EXPLAIN_ZH,
	PR_REFUND_ONLY, PR_RETURN_REFUND, PR_EXCHANGE, PR_EVIDENCE, PR_PAYER,
	PR_WINDOW, PR_NOT_RECEIVED, PR_FAST_TRACK, PR_RECEIVED, PR_UNSHIPPED,
	PR_WINDOW_FROM, PR__MAX
};

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
	assert(res.colsz == PO__MAX);
	p->id = db_int(&res, 0, PO_ID);
	p->version = db_int(&res, 0, PO_VERSION);
	p->published_at = db_int(&res, 0, PO_PUBLISHED);
	p->return_window_days = db_int(&res, 0, PO_WINDOW);
	p->seller_response_hours = db_int(&res, 0, PO_SELLER_RESPONSE);
	p->buyer_response_hours = db_int(&res, 0, PO_BUYER_RESPONSE);
	p->buyer_ship_days = db_int(&res, 0, PO_BUYER_SHIP);
	p->seller_receive_days = db_int(&res, 0, PO_SELLER_RECEIVE);
	p->seller_reship_days = db_int(&res, 0, PO_SELLER_RESHIP);
	p->buyer_confirm_days = db_int(&res, 0, PO_BUYER_CONFIRM);
	p->platform_ruling_days = db_int(&res, 0, PO_PLATFORM_RULING);
	p->escalation_days = db_int(&res, 0, PO_ESCALATION);
	p->max_attempts = db_int(&res, 0, PO_MAX_ATTEMPTS);
	p->evidence_max_files = db_int(&res, 0, PO_EVIDENCE_FILES);
	p->evidence_max_bytes = db_int(&res, 0, PO_EVIDENCE_BYTES);
	p->evidence_types = xstrdup(db_str(&res, 0, PO_EVIDENCE_TYPES));
	p->fast_track_enabled = db_int(&res, 0, PO_FAST_TRACK) != 0;
	p->fast_track_max_cents = db_int(&res, 0, PO_FAST_TRACK_MAX);
	p->fast_track_max_recent_refunds = db_int(&res, 0, PO_FAST_TRACK_RECENT);
	p->fast_track_recent_days = db_int(&res, 0, PO_FAST_TRACK_DAYS);
	p->text_en = xstrdup(db_str(&res, 0, PO_TEXT_EN));
	p->text_zh = xstrdup(db_str(&res, 0, PO_TEXT_ZH));
	p->evidence_request_hours = db_int(&res, 0, PO_EVIDENCE_REQUEST);
	rc = db_query(db, SQL_POLICY_REASONS, &rs, "i", p->id);
	if (rc != RC_OK)
		goto out;
	assert(rs.rowsz == 0 || rs.colsz == PR__MAX);
	p->reasons = xcalloc(rs.rowsz, sizeof(*p->reasons));
	p->reasonsz = rs.rowsz;
	for (i = 0; i < rs.rowsz; i++) {
		struct policy_reason *r = &p->reasons[i];

		r->code = xstrdup(db_str(&rs, i, PR_CODE));
		r->label_en = xstrdup(db_str(&rs, i, PR_LABEL_EN));
		r->label_zh = xstrdup(db_str(&rs, i, PR_LABEL_ZH));
		r->explain_en = xstrdup(db_str(&rs, i, PR_EXPLAIN_EN));
		r->explain_zh = xstrdup(db_str(&rs, i, PR_EXPLAIN_ZH));
		r->allow_refund_only = db_int(&rs, i, PR_REFUND_ONLY) != 0;
		r->allow_return_refund = db_int(&rs, i, PR_RETURN_REFUND) != 0;
		r->allow_exchange = db_int(&rs, i, PR_EXCHANGE) != 0;
		r->evidence_required = db_int(&rs, i, PR_EVIDENCE) != 0;
		r->shipping_payer = strcmp(db_str(&rs, i, PR_PAYER), "seller") == 0 ?
		    PAYER_SELLER : PAYER_BUYER;
		r->window_days = db_int(&rs, i, PR_WINDOW);
		r->needs_not_received = db_int(&rs, i, PR_NOT_RECEIVED) != 0;
		r->fast_track = db_int(&rs, i, PR_FAST_TRACK) != 0;
		r->needs_received = db_int(&rs, i, PR_RECEIVED) != 0;
		r->needs_unshipped = db_int(&rs, i, PR_UNSHIPPED) != 0;
		r->window_from = policy_window_from(db_str(&rs, i,
		    PR_WINDOW_FROM));
		if (r->window_from >= WINDOW_FROM__MAX)
			r->window_from = WINDOW_FROM_DELIVERY;
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

/*
 * The process's cache (issue 12): which version is current, and the
 * versions known to be published or retired, by id, each read again at
 * most once a second (base/stale.h). A published version does not change,
 * but one changed in place anyway (by hand, or a test) is seen within the
 * second too; re-reading it costs two statements a second. Process state, like the
 * connection; one slot per id modulo the size. The programs have one
 * thread, but the engine's tests race several: a lock, never held over a
 * statement.
 */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
#define POLICY_KEPT_SLOTS	8
static struct {
	int64_t		id;	/* 0: not known */
	int64_t		checked_ms;
	uint64_t	gen;
} current;
static struct {
	struct policy	p;	/* p.id 0: empty */
	int64_t		checked_ms;
	uint64_t	gen;
} kept[POLICY_KEPT_SLOTS];

/* Copies in into out with strings and reasons of its own. */
static void
policy_copy(struct policy *out, const struct policy *in)
{
	size_t i;

	*out = *in;
	out->evidence_types = xstrdup(in->evidence_types);
	out->text_en = xstrdup(in->text_en);
	out->text_zh = xstrdup(in->text_zh);
	out->reasons = xcalloc(in->reasonsz + 1, sizeof(*out->reasons));
	for (i = 0; i < in->reasonsz; i++) {
		struct policy_reason *r = &out->reasons[i];

		*r = in->reasons[i];
		r->code = xstrdup(in->reasons[i].code);
		r->label_en = xstrdup(in->reasons[i].label_en);
		r->label_zh = xstrdup(in->reasons[i].label_zh);
		r->explain_en = xstrdup(in->reasons[i].explain_en);
		r->explain_zh = xstrdup(in->reasons[i].explain_zh);
	}
}

enum rc
policy_current_id(struct db *db, int64_t *id)
{
	int64_t now_ms = stale_mono_ms();
	uint64_t gen = stale_gen();
	enum rc rc;

	pthread_mutex_lock(&kept_lock);
	if (current.id != 0 && stale_fresh(current.checked_ms, current.gen,
	    now_ms)) {
		*id = current.id;
		pthread_mutex_unlock(&kept_lock);
		return RC_OK;
	}
	pthread_mutex_unlock(&kept_lock);
	if ((rc = policy_id_of(db, 0, id)) != RC_OK)
		return rc;
	pthread_mutex_lock(&kept_lock);
	current.id = *id;
	current.checked_ms = now_ms;
	current.gen = gen;
	pthread_mutex_unlock(&kept_lock);
	return RC_OK;
}

enum rc
policy_load_published(struct db *db, int64_t id, struct policy *p)
{
	size_t slot = (size_t)((uint64_t)id % POLICY_KEPT_SLOTS);
	struct policy *k = &kept[slot].p;
	int64_t now_ms = stale_mono_ms();
	uint64_t gen = stale_gen();
	enum rc rc;

	pthread_mutex_lock(&kept_lock);
	if (id > 0 && k->id == id && stale_fresh(kept[slot].checked_ms,
	    kept[slot].gen, now_ms)) {
		policy_copy(p, k);
		pthread_mutex_unlock(&kept_lock);
		return RC_OK;
	}
	pthread_mutex_unlock(&kept_lock);
	if ((rc = policy_load(db, id, p)) != RC_OK)
		return rc;
	pthread_mutex_lock(&kept_lock);
	policy_release(k);
	policy_copy(k, p);
	kept[slot].checked_ms = now_ms;
	kept[slot].gen = gen;
	pthread_mutex_unlock(&kept_lock);
	return RC_OK;
}

enum rc
policy_current(struct db *db, struct policy *p)
{
	int64_t id;
	enum rc rc;

	memset(p, 0, sizeof(*p));
	if ((rc = policy_current_id(db, &id)) != RC_OK)
		return rc;
	return policy_load_published(db, id, p);
}
