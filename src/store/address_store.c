/* address_store.c: a shop's return addresses (shop_addresses), read and kept by the seller. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store/address_store.h"
#include "base/util.h"

/* The columns of SQL_SELLER_ADDRESSES. */
enum {
	AD_ID, AD_LABEL, AD_RECIPIENT, AD_PHONE, AD_ADDRESS, AD_DEFAULT,
	AD__MAX
};

/* The columns of SQL_SELLER_ADDRESS_COUNT. */
enum { AC_IN_USE, AC_IS_ONE, AC_IS_DEFAULT, AC__MAX };

enum rc
address_list(struct db *db, int64_t shop_id, struct address **list,
    size_t *listsz)
{
	struct db_res res;
	size_t i;
	enum rc rc;

	*list = NULL;
	*listsz = 0;
	if ((rc = db_query(db, SQL_SELLER_ADDRESSES, &res, "i", shop_id)) !=
	    RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == AD__MAX);
	*list = xcalloc(res.rowsz > 0 ? res.rowsz : 1, sizeof(**list));
	for (i = 0; i < res.rowsz; i++) {
		(*list)[i].id = db_int(&res, i, AD_ID);
		(*list)[i].label = xstrdup(db_str(&res, i, AD_LABEL));
		(*list)[i].recipient = xstrdup(db_str(&res, i, AD_RECIPIENT));
		(*list)[i].phone = xstrdup(db_str(&res, i, AD_PHONE));
		(*list)[i].address = xstrdup(db_str(&res, i, AD_ADDRESS));
		(*list)[i].is_default = db_int(&res, i, AD_DEFAULT) != 0;
	}
	*listsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
address_list_free(struct address *list, size_t listsz)
{
	size_t i;

	for (i = 0; i < listsz; i++) {
		free(list[i].label);
		free(list[i].recipient);
		free(list[i].phone);
		free(list[i].address);
	}
	free(list);
}

/*
 * Reads how many addresses shop_id has in use, and whether id is one of
 * them and the default.
 */
static enum rc
address_count(struct db *db, int64_t shop_id, int64_t id, int64_t *in_use,
    bool *is_one, bool *is_default)
{
	struct db_res res;
	enum rc rc;

	if ((rc = db_query(db, SQL_SELLER_ADDRESS_COUNT, &res, "iii", id, id,
	    shop_id)) == RC_OK) {
		assert(res.rowsz == 1 && res.colsz == AC__MAX);
		*in_use = db_int(&res, 0, AC_IN_USE);
		*is_one = db_int(&res, 0, AC_IS_ONE) != 0;
		*is_default = db_int(&res, 0, AC_IS_DEFAULT) != 0;
	}
	db_res_release(&res);
	return rc;
}

enum rc
address_add(struct db *db, int64_t shop_id, const struct address_input *in,
    time_t now, int64_t *id)
{
	int64_t in_use;
	bool is_one, is_default;
	enum rc rc;

	if ((rc = address_count(db, shop_id, 0, &in_use, &is_one,
	    &is_default)) != RC_OK)
		return rc;
	/* Two first addresses at once: the UNIQUE default key refuses one. */
	rc = db_exec(db, SQL_SELLER_ADDRESS_INSERT, NULL, "issssit", shop_id,
	    in->label, in->recipient, in->phone, in->address,
	    (int64_t)(in_use == 0), now);
	if (rc == RC_CONFLICT)
		rc = db_exec(db, SQL_SELLER_ADDRESS_INSERT, NULL, "issssit",
		    shop_id, in->label, in->recipient, in->phone, in->address,
		    (int64_t)0, now);
	if (rc == RC_OK)
		*id = db_last_id(db);
	return rc;
}

enum rc
address_edit(struct db *db, int64_t shop_id, int64_t id,
    const struct address_input *in)
{
	int64_t in_use;
	bool is_one, is_default;
	enum rc rc;

	if ((rc = address_count(db, shop_id, id, &in_use, &is_one,
	    &is_default)) != RC_OK)
		return rc;
	if (!is_one)
		return RC_NOTFOUND;
	return db_exec(db, SQL_SELLER_ADDRESS_UPDATE, NULL, "ssssii",
	    in->label, in->recipient, in->phone, in->address, id, shop_id);
}

enum rc
address_remove(struct db *db, int64_t shop_id, int64_t id, time_t now)
{
	int64_t in_use;
	uint64_t n = 0;
	bool is_one, is_default;
	enum rc rc;

	if ((rc = address_count(db, shop_id, id, &in_use, &is_one,
	    &is_default)) != RC_OK)
		return rc;
	if (!is_one)
		return RC_NOTFOUND;
	if (is_default)
		return RC_DENIED;
	if ((rc = db_exec(db, SQL_SELLER_ADDRESS_ARCHIVE, &n, "tii", now, id,
	    shop_id)) != RC_OK)
		return rc;
	/* Made the default in between: it stays. */
	return n == 1 ? RC_OK : RC_DENIED;
}

/* The default's change, in one transaction. */
struct set_default {
	int64_t	 shop_id;
	int64_t	 id;
};

/* Transaction body of address_set_default(). */
static enum rc
set_default_txn(struct db *db, void *arg)
{
	const struct set_default *t = arg;
	int64_t in_use;
	uint64_t n = 0;
	bool is_one, is_default;
	enum rc rc;

	if ((rc = address_count(db, t->shop_id, t->id, &in_use, &is_one,
	    &is_default)) != RC_OK)
		return rc;
	if (!is_one)
		return RC_NOTFOUND;
	if ((rc = db_exec(db, SQL_SELLER_ADDRESS_CLEAR_DEFAULT, NULL, "ii",
	    t->shop_id, t->id)) != RC_OK)
		return rc;
	if ((rc = db_exec(db, SQL_SELLER_ADDRESS_SET_DEFAULT, &n, "ii", t->id,
	    t->shop_id)) != RC_OK)
		return rc;
	return n <= 1 ? RC_OK : RC_DB;
}

enum rc
address_set_default(struct db *db, int64_t shop_id, int64_t id)
{
	struct set_default t = { shop_id, id };

	return db_txn(db, set_default_txn, &t);
}
