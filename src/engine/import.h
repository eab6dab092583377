/* import.h: orders of the shop platform into the desk, a batch per transaction (deskctl import orders, POST /api/v1/orders). */
#ifndef IMPORT_H
#define IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/orderin.h"
#include "store/db.h"

enum import_outcome {
	IMPORT_CREATED,
	IMPORT_UPDATED,
	IMPORT_UNCHANGED,
	IMPORT_REFUSED,
	IMPORT__MAX
};

extern const char *const import_outcome_names[IMPORT__MAX];

/* What happened to one order of a batch. */
struct import_result {
	enum import_outcome	 outcome;
	int64_t			 order_id;	/* 0 when refused */
	const char		*code;	/* refused: a stable code; else NULL */
	char			 msg[256];	/* why, or what was kept */
};

/* Caches of shops and buyers by name across the batches of one import. */
struct import_name {
	char	*name;
	int64_t	 id;
	char	 currency[4];	/* shops */
	int	 flag;	/* shops: disabled; buyers: 1 = not a buyer */
};

struct importer {
	int64_t			 only_shop_id;	/* the API key's shop; 0 = any */
	struct import_name	*shops;
	size_t			 shopsz;
	size_t			 shopcap;
	struct import_name	*buyers;	/* open addressing by name */
	size_t			 buyercap;
	size_t			 buyersz;
	size_t			 buyers_added;	/* accounts created */
};

void	importer_init(struct importer *im, int64_t only_shop_id);
void	importer_release(struct importer *im);

/*
 * Imports orders[0..n) in one transaction (retried on deadlock): a new
 * order_no is created with its lines (the lines of all new orders in one
 * statement); a known one, when it is the same shop, buyer and currency,
 * gets its shipping and delivery facts and its lines' words updated, and
 * a line's quantity and amounts too unless the line has ever been in a
 * case (those are kept, and res says so). An unknown shop is refused; an
 * unknown buyer login is created as a buyer account that cannot sign in
 * until given a password. res[i] says what happened to orders[i].
 * Returns RC_OK, or RC_DB when the batch failed as a whole (nothing of
 * it was kept; import_orders() then runs it again order by order).
 */
enum rc	import_batch(struct db *db, struct importer *im,
	    const struct orderin *orders, size_t n, struct import_result *res,
	    time_t now);

/*
 * import_batch(), and when the batch fails and the database is still
 * reachable, each order in a transaction of its own, so that only the
 * order the database refuses is refused ("db_refused"). Returns RC_OK,
 * or RC_DB when the database is out of reach.
 */
enum rc	import_orders(struct db *db, struct importer *im,
	    const struct orderin *orders, size_t n, struct import_result *res,
	    time_t now);

#endif /* IMPORT_H */
