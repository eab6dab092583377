/* policy.c: loads the published return policy and its reasons. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "policy.h"
#include "util.h"

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

const struct policy_reason *
policy_reason(const struct policy *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->reasonsz; i++)
		if (strcmp(p->reasons[i].code, code) == 0)
			return &p->reasons[i];
	return NULL;
}

void
policy_release(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->reasonsz; i++) {
		free(p->reasons[i].code);
		free(p->reasons[i].label_en);
		free(p->reasons[i].label_zh);
		free(p->reasons[i].explain_en);
		free(p->reasons[i].explain_zh);
	}
	free(p->reasons);
	free(p->evidence_types);
	free(p->text_en);
	free(p->text_zh);
	memset(p, 0, sizeof(*p));
}

/* The numeric settings compared by policy_diff(), with their labels. */
static const struct {
	const char	*label;
	size_t		 off;
} settings[] = {
	{ N_("Return window (days)"), offsetof(struct policy, return_window_days) },
	{ N_("Seller answers within (hours)"), offsetof(struct policy, seller_response_hours) },
	{ N_("Buyer answers within (hours)"), offsetof(struct policy, buyer_response_hours) },
	{ N_("Buyer ships back within (days)"), offsetof(struct policy, buyer_ship_days) },
	{ N_("Seller confirms receipt within (days)"), offsetof(struct policy, seller_receive_days) },
	{ N_("Seller ships a replacement within (days)"), offsetof(struct policy, seller_reship_days) },
	{ N_("Buyer confirms a replacement within (days)"), offsetof(struct policy, buyer_confirm_days) },
	{ N_("Platform rules within (days)"), offsetof(struct policy, platform_ruling_days) },
	{ N_("Escalation allowed within (days)"), offsetof(struct policy, escalation_days) },
	{ N_("Requests per item"), offsetof(struct policy, max_attempts) },
	{ N_("Photos per case"), offsetof(struct policy, evidence_max_files) },
	{ N_("Bytes per photo"), offsetof(struct policy, evidence_max_bytes) },
	{ N_("Fast refund up to (cents)"), offsetof(struct policy, fast_track_max_cents) },
	{ N_("Fast refund: refunds allowed before"), offsetof(struct policy, fast_track_max_recent_refunds) },
	{ N_("Fast refund: days counted"), offsetof(struct policy, fast_track_recent_days) },
};

/* A reason in a few words, for the diff. */
static char *
reason_words(const struct policy_reason *r)
{
	return xasprintf("%s: %s%s%s; photos %s; shipping paid by %s; "
	    "window %lld days", r->label_en,
	    r->allow_refund_only ? "refund " : "",
	    r->allow_return_refund ? "return " : "",
	    r->allow_exchange ? "exchange" : "",
	    r->evidence_required ? "required" : "optional",
	    r->shipping_payer == PAYER_SELLER ? "seller" : "buyer",
	    (long long)r->window_days);
}

void
policy_diff(const struct policy *old, const struct policy *new,
    void (*change)(const char *, const char *, const char *, void *),
    void *arg)
{
	char a[32], b[32], *x, *y;
	const struct policy_reason *o;
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		int64_t va = *(const int64_t *)((const char *)old +
		    settings[i].off);
		int64_t vb = *(const int64_t *)((const char *)new +
		    settings[i].off);

		if (va == vb)
			continue;
		snprintf(a, sizeof(a), "%lld", (long long)va);
		snprintf(b, sizeof(b), "%lld", (long long)vb);
		change(settings[i].label, a, b, arg);
	}
	if (old->fast_track_enabled != new->fast_track_enabled)
		change(N_("Fast refund"), old->fast_track_enabled ? N_("on") :
		    N_("off"), new->fast_track_enabled ? N_("on") : N_("off"),
		    arg);
	for (i = 0; i < new->reasonsz; i++) {
		y = reason_words(&new->reasons[i]);
		o = policy_reason(old, new->reasons[i].code);
		x = o != NULL ? reason_words(o) : xstrdup("");
		if (strcmp(x, y) != 0)
			change(N_("Reason"), x, y, arg);
		free(x);
		free(y);
	}
	for (i = 0; i < old->reasonsz; i++)
		if (policy_reason(new, old->reasons[i].code) == NULL) {
			x = reason_words(&old->reasons[i]);
			change(N_("Reason"), x, "", arg);
			free(x);
		}
	if (strcmp(old->text_en, new->text_en) != 0)
		change(N_("Text for buyers"), N_("(earlier text)"), N_("(new text)"),
		    arg);
}
