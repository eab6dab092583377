/* evidence_store.h: the photos of a case as the pages read them: the list of a case, and one file with the ids its access rule needs. */
#ifndef EVIDENCE_STORE_H
#define EVIDENCE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

/* One photo of a case, without its bytes. */
struct evidence_item {
	int64_t	 id;
	char	*role;	/* who added it: "buyer", "seller", "admin" */
	char	*media_type;
	char	*name;	/* as the browser named it */
	int64_t	 width;
	int64_t	 height;
	time_t	 at;
	int64_t	 bytes;
};

/*
 * Loads the photos of case case_id, oldest first. Returns RC_OK (free
 * with evidence_items_free()) or RC_DB. The caller has checked the
 * viewer may see the case.
 */
enum rc	evidence_items(struct db *db, int64_t case_id,
	    struct evidence_item **items, size_t *itemsz);

void	evidence_items_free(struct evidence_item *items, size_t itemsz);

/*
 * One photo's bytes, with what its access rule needs. The strings and
 * bytes point into the result it holds (no copy of a photo is made).
 */
struct evidence_file {
	int64_t		 case_id;
	int64_t		 buyer_id;	/* of the case */
	int64_t		 shop_id;	/* of the case */
	const char	*media_type;
	const char	*data;
	size_t		 datasz;
	const char	*thumb;	/* NULL: none */
	size_t		 thumbsz;
	struct db_res	 res;	/* private: what the pointers point into */
};

/*
 * Loads photo id into f: the caller must check case_visible() before
 * sending any of it. Returns RC_OK (release f with
 * evidence_file_release()), RC_NOTFOUND or RC_DB.
 */
enum rc	evidence_file_load(struct db *db, int64_t id,
	    struct evidence_file *f);

void	evidence_file_release(struct evidence_file *f);

#endif /* EVIDENCE_STORE_H */
