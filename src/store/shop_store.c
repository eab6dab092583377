/* shop_store.c: the shops (a seller's shop) as the pages read them. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/shop_store.h"

/* The columns of SQL_SHOP_GET. */
enum { SG_ID, SG_NAME, SG_CURRENCY, SG__MAX };

enum rc
shop_load(struct db *db, int64_t id, struct shop *s)
{
	struct db_res r;
	enum rc rc;

	memset(s, 0, sizeof(*s));
	if ((rc = db_query(db, SQL_SHOP_GET, &r, "i", id)) != RC_OK)
		goto out;
	if (r.rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r.colsz == SG__MAX);
	s->id = db_int(&r, 0, SG_ID);
	s->name = xstrdup(db_str(&r, 0, SG_NAME));
	snprintf(s->currency, sizeof(s->currency), "%s",
	    db_str(&r, 0, SG_CURRENCY));
out:
	db_res_release(&r);
	return rc;
}

void
shop_release(struct shop *s)
{
	free(s->name);
	memset(s, 0, sizeof(*s));
}
