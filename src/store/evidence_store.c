/* evidence_store.c: the photos of a case as the pages read them: the list of a case, and one file with the ids its access rule needs. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/evidence_store.h"

/* The columns of SQL_EVIDENCE_OF_CASE and of SQL_EVIDENCE_FILE. */
enum {
	EI_ID, EI_ROLE, EI_MEDIA_TYPE, EI_NAME, EI_WIDTH, EI_HEIGHT, EI_AT,
	EI_BYTES, EI__MAX
};
enum {
	EF_CASE_ID, EF_BUYER_ID, EF_SHOP_ID, EF_MEDIA_TYPE, EF_DATA, EF_THUMB,
	EF__MAX
};

enum rc
evidence_items(struct db *db, int64_t case_id, struct evidence_item **items,
    size_t *itemsz)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	*items = NULL;
	*itemsz = 0;
	if ((rc = db_query(db, SQL_EVIDENCE_OF_CASE, &r, "i", case_id)) !=
	    RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == EI__MAX);
	*items = xcalloc(r.rowsz + 1, sizeof(**items));
	for (i = 0; i < r.rowsz; i++) {
		struct evidence_item *e = &(*items)[i];

		e->id = db_int(&r, i, EI_ID);
		e->role = xstrdup(db_str(&r, i, EI_ROLE));
		e->media_type = xstrdup(db_str(&r, i, EI_MEDIA_TYPE));
		e->name = xstrdup(db_str(&r, i, EI_NAME));
		e->width = db_int(&r, i, EI_WIDTH);
		e->height = db_int(&r, i, EI_HEIGHT);
		e->at = db_int(&r, i, EI_AT);
		e->bytes = db_int(&r, i, EI_BYTES);
	}
	*itemsz = r.rowsz;
out:
	db_res_release(&r);
	return rc;
}

void
evidence_items_free(struct evidence_item *items, size_t itemsz)
{
	size_t i;

	for (i = 0; i < itemsz; i++) {
		free(items[i].role);
		free(items[i].media_type);
		free(items[i].name);
	}
	free(items);
}

enum rc
evidence_file_load(struct db *db, int64_t id, struct evidence_file *f)
{
	struct db_res *r = &f->res;
	enum rc rc;

	memset(f, 0, sizeof(*f));
	if ((rc = db_query(db, SQL_EVIDENCE_FILE, r, "i", id)) != RC_OK)
		goto out;
	if (r->rowsz == 0) {
		rc = RC_NOTFOUND;
		goto out;
	}
	assert(r->colsz == EF__MAX);
	f->case_id = db_int(r, 0, EF_CASE_ID);
	f->buyer_id = db_int(r, 0, EF_BUYER_ID);
	f->shop_id = db_int(r, 0, EF_SHOP_ID);
	f->media_type = db_str(r, 0, EF_MEDIA_TYPE);
	f->data = db_bytes(r, 0, EF_DATA, &f->datasz);
	if (!db_null(r, 0, EF_THUMB))
		f->thumb = db_bytes(r, 0, EF_THUMB, &f->thumbsz);
	return RC_OK;
out:
	evidence_file_release(f);
	return rc;
}

void
evidence_file_release(struct evidence_file *f)
{
	db_res_release(&f->res);
	memset(f, 0, sizeof(*f));
}
