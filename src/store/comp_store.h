/* comp_store.h: the compensations offered in a case (coupons, gifts, free shipping, return postage) as the case page shows them. */
#ifndef COMP_STORE_H
#define COMP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "core/machine.h"

struct comp_row {
	enum comp_kind	 kind;
	int64_t		 value_cents;	/* 0: none */
	char		 currency[4];
	char		*coupon_code;	/* NULL: none */
	char		*expires_on;	/* "yyyy-mm-dd", "" for none */
	char		*description;	/* NULL: none */
	char		*status;	/* of its offer: open, accepted, declined, expired */
};

/*
 * Loads the compensations of case case_id, oldest first (the caller has
 * checked the viewer may see the case). Returns RC_OK (free with
 * comp_rows_free()) or RC_DB.
 */
enum rc	comp_rows(struct db *db, int64_t case_id, struct comp_row **rows,
	    size_t *rowsz);

void	comp_rows_free(struct comp_row *rows, size_t rowsz);

#endif /* COMP_STORE_H */
