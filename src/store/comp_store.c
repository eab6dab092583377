/* comp_store.c: the compensations of a case, read from compensations and their offers. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/comp_store.h"
#include "base/util.h"

/* The columns of SQL_SELLER_COMPS_OF_CASE. */
enum {
	KR_KIND, KR_VALUE, KR_CURRENCY, KR_CODE, KR_EXPIRES, KR_TEXT,
	KR_STATUS, KR__MAX
};

enum rc
comp_rows(struct db *db, int64_t case_id, struct comp_row **rows,
    size_t *rowsz)
{
	struct db_res res;
	struct comp_row *k;
	size_t i;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	if ((rc = db_query(db, SQL_SELLER_COMPS_OF_CASE, &res, "i", case_id)) !=
	    RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == KR__MAX);
	*rows = xcalloc(res.rowsz > 0 ? res.rowsz : 1, sizeof(**rows));
	for (i = 0; i < res.rowsz; i++) {
		k = &(*rows)[i];
		if (!comp_kind_from_name(db_str(&res, i, KR_KIND), &k->kind))
			k->kind = COMP_GIFT;
		k->value_cents = db_int(&res, i, KR_VALUE);
		snprintf(k->currency, sizeof(k->currency), "%s",
		    db_str(&res, i, KR_CURRENCY));
		k->coupon_code = db_null(&res, i, KR_CODE) ? NULL :
		    xstrdup(db_str(&res, i, KR_CODE));
		k->expires_on = xstrdup(db_str(&res, i, KR_EXPIRES));
		k->description = db_null(&res, i, KR_TEXT) ? NULL :
		    xstrdup(db_str(&res, i, KR_TEXT));
		k->status = xstrdup(db_str(&res, i, KR_STATUS));
	}
	*rowsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
comp_rows_free(struct comp_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].coupon_code);
		free(rows[i].expires_on);
		free(rows[i].description);
		free(rows[i].status);
	}
	free(rows);
}
