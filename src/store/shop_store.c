/* shop_store.c: the shops (a seller's shop) as the pages read them. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stale.h"
#include "base/util.h"
#include "store/shop_store.h"

/* The columns of SQL_SHOP_GET. */
enum { SG_ID, SG_NAME, SG_CURRENCY, SG__MAX };

/*
 * The shops this process read in the last second (base/stale.h), a slot
 * per id modulo the size: the seller's desk shows the shop's name on
 * every page. Process state, like the connection; a lock for the
 * tests that run the library in several threads.
 */
static pthread_mutex_t shop_lock = PTHREAD_MUTEX_INITIALIZER;
#define SHOP_CACHE_SLOTS	64
static struct {
	struct shop	s;	/* s.id 0: empty */
	int64_t		checked_ms;
	uint64_t	gen;
} shop_cache[SHOP_CACHE_SLOTS];

enum rc
shop_load(struct db *db, int64_t id, struct shop *s)
{
	struct db_res r;
	int64_t now_ms = stale_mono_ms();
	uint64_t gen = stale_gen();
	size_t slot = (size_t)((uint64_t)id % SHOP_CACHE_SLOTS);
	enum rc rc;

	memset(s, 0, sizeof(*s));
	pthread_mutex_lock(&shop_lock);
	if (id > 0 && shop_cache[slot].s.id == id &&
	    stale_fresh(shop_cache[slot].checked_ms, shop_cache[slot].gen,
	    now_ms)) {
		*s = shop_cache[slot].s;
		s->name = xstrdup(shop_cache[slot].s.name);
		pthread_mutex_unlock(&shop_lock);
		return RC_OK;
	}
	pthread_mutex_unlock(&shop_lock);
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
	pthread_mutex_lock(&shop_lock);
	shop_release(&shop_cache[slot].s);
	shop_cache[slot].s = *s;
	shop_cache[slot].s.name = xstrdup(s->name);
	shop_cache[slot].checked_ms = now_ms;
	shop_cache[slot].gen = gen;
	pthread_mutex_unlock(&shop_lock);
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
