/* address_store.h: a shop's return addresses as the seller keeps them: list, add, edit, remove (archived, since cases refer to them) and the default. */
#ifndef ADDRESS_STORE_H
#define ADDRESS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

struct address {
	int64_t	 id;
	char	*label;
	char	*recipient;
	char	*phone;
	char	*address;
	bool	 is_default;
};

/* What a seller types in; every field is required. */
struct address_input {
	const char	*label;	/* 1..64 characters */
	const char	*recipient;	/* 1..100 */
	const char	*phone;	/* 1..32 */
	const char	*address;	/* 1..1000 */
};

/*
 * Loads the addresses in use of shop_id, the default first. Returns RC_OK
 * (free with address_list_free()) or RC_DB.
 */
enum rc	address_list(struct db *db, int64_t shop_id, struct address **list,
	    size_t *listsz);

void	address_list_free(struct address *list, size_t listsz);

/*
 * Adds an address to shop_id; the shop's first address becomes its
 * default. Returns RC_OK with *id, or RC_DB.
 */
enum rc	address_add(struct db *db, int64_t shop_id,
	    const struct address_input *in, time_t now, int64_t *id);

/* Edits address id of shop_id. Returns RC_OK, RC_NOTFOUND or RC_DB. */
enum rc	address_edit(struct db *db, int64_t shop_id, int64_t id,
	    const struct address_input *in);

/*
 * Removes address id of shop_id from use (cases keep their copy). The
 * default cannot be removed: RC_DENIED (make another the default first).
 * Returns RC_OK, RC_NOTFOUND, RC_DENIED or RC_DB.
 */
enum rc	address_remove(struct db *db, int64_t shop_id, int64_t id, time_t now);

/*
 * Makes address id the default of shop_id, in one transaction. Returns
 * RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	address_set_default(struct db *db, int64_t shop_id, int64_t id);

#endif /* ADDRESS_STORE_H */
