/* held_store.h: the photos of a refused request form, held as sent under its signed token for the retry. */
#ifndef HELD_STORE_H
#define HELD_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

/* One held file; its strings and bytes point into the result it came with. */
struct held_file {
	int64_t		 id;
	const char	*name;
	const void	*data;
	size_t		 datasz;
};

/* The files held for one form; release with held_release(). */
struct held {
	struct db_res	 res;
	struct held_file *files;
	size_t		 filesz;
};

/*
 * Holds a file of n bytes named name, sent by user_id with the form whose
 * signed token is token, and purges what was held before now minus a
 * day. Returns RC_OK or RC_DB.
 */
enum rc	held_put(struct db *db, const char *token, int64_t user_id,
	    const char *name, const void *data, size_t n, time_t now);

/* Loads what is held for token and user_id, oldest first. Returns RC_OK or RC_DB. */
enum rc	held_get(struct db *db, const char *token, int64_t user_id,
	    struct held *h);

/* Forgets what is held for token and user_id (the request was opened). */
enum rc	held_drop(struct db *db, const char *token, int64_t user_id);

void	held_release(struct held *h);

#endif /* HELD_STORE_H */
