/* stats_store.c: a shop's refund statistics: by reason, by SKU, compensation, approvals by deadline. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store/stats_store.h"
#include "base/util.h"

/* The columns of SQL_SELLER_STATS_REASONS, _SKUS and _COMPS. */
enum { SR_CODE, SR_EN, SR_ZH, SR_CASES, SR_REFUNDED, SR_CENTS, SR__MAX };
enum { SS_SKU, SS_TITLE, SS_SOLD, SS_CASED, SS_CENTS, SS__MAX };
enum { SC_KIND, SC_OFFERED, SC_ACCEPTED, SC_CENTS, SC__MAX };

enum rc
stats_load(struct db *db, int64_t shop_id, time_t from, time_t to,
    struct stats *s)
{
	struct db_res a, b, c, d;
	size_t i;
	enum rc rc;

	memset(s, 0, sizeof(*s));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	if ((rc = db_query(db, SQL_SELLER_STATS_REASONS, &a, "itt", shop_id,
	    from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_SKUS, &b, "ittitt", shop_id,
	    from, to, shop_id, from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_COMPS, &c, "itt", shop_id,
	    from, to)) != RC_OK ||
	    (rc = db_query(db, SQL_SELLER_STATS_DEADLINE, &d, "itt", shop_id,
	    from, to)) != RC_OK)
		goto out;
	assert(a.rowsz == 0 || a.colsz == SR__MAX);
	assert(b.rowsz == 0 || b.colsz == SS__MAX);
	assert(c.rowsz == 0 || c.colsz == SC__MAX);
	s->reasons = xcalloc(a.rowsz + 1, sizeof(*s->reasons));
	for (i = 0; i < a.rowsz; i++) {
		s->reasons[i].code = xstrdup(db_str(&a, i, SR_CODE));
		s->reasons[i].label_en = xstrdup(db_str(&a, i, SR_EN));
		s->reasons[i].label_zh = xstrdup(db_str(&a, i, SR_ZH));
		s->reasons[i].cases = db_int(&a, i, SR_CASES);
		s->reasons[i].refunded = db_int(&a, i, SR_REFUNDED);
		s->reasons[i].refunded_cents = db_int(&a, i, SR_CENTS);
	}
	s->reasonsz = a.rowsz;
	s->skus = xcalloc(b.rowsz + 1, sizeof(*s->skus));
	for (i = 0; i < b.rowsz; i++) {
		s->skus[i].sku = xstrdup(db_str(&b, i, SS_SKU));
		s->skus[i].title = xstrdup(db_str(&b, i, SS_TITLE));
		s->skus[i].sold = db_int(&b, i, SS_SOLD);
		s->skus[i].cased = db_int(&b, i, SS_CASED);
		s->skus[i].refunded_cents = db_int(&b, i, SS_CENTS);
	}
	s->skusz = b.rowsz;
	s->comps = xcalloc(c.rowsz + 1, sizeof(*s->comps));
	for (i = 0; i < c.rowsz; i++) {
		s->comps[i].kind = xstrdup(db_str(&c, i, SC_KIND));
		s->comps[i].offered = db_int(&c, i, SC_OFFERED);
		s->comps[i].accepted = db_int(&c, i, SC_ACCEPTED);
		s->comps[i].accepted_cents = db_int(&c, i, SC_CENTS);
	}
	s->compsz = c.rowsz;
	s->deadline_approvals = d.rowsz > 0 ? db_int(&d, 0, 0) : 0;
out:
	db_res_release(&a);
	db_res_release(&b);
	db_res_release(&c);
	db_res_release(&d);
	if (rc != RC_OK)
		stats_release(s);
	return rc;
}

void
stats_release(struct stats *s)
{
	size_t i;

	for (i = 0; i < s->reasonsz; i++) {
		free(s->reasons[i].code);
		free(s->reasons[i].label_en);
		free(s->reasons[i].label_zh);
	}
	for (i = 0; i < s->skusz; i++) {
		free(s->skus[i].sku);
		free(s->skus[i].title);
	}
	for (i = 0; i < s->compsz; i++)
		free(s->comps[i].kind);
	free(s->reasons);
	free(s->skus);
	free(s->comps);
	memset(s, 0, sizeof(*s));
}
