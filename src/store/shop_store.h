/* shop_store.h: the shops (a seller's shop) as the pages read them. */
#ifndef SHOP_STORE_H
#define SHOP_STORE_H

#include <stdint.h>

#include "store/db.h"

struct shop {
	int64_t	 id;
	char	*name;
	char	 currency[4];
};

/*
 * Loads shop id into s, without a statement when this process read it
 * less than a second ago (base/stale.h). Returns RC_OK (release s with shop_release()),
 * RC_NOTFOUND or RC_DB.
 */
enum rc	shop_load(struct db *db, int64_t id, struct shop *s);

void	shop_release(struct shop *s);

#endif /* SHOP_STORE_H */
