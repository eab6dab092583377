/* talk_store.c: the staff's notes and assignments, the shop's staff and the unread markers (sql/009_talk.sql) as typed rows. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store/talk_store.h"
#include "base/util.h"

/* The columns of SQL_TALK_NOTES. */
enum {
	TN_ID, TN_AT, TN_ROLE, TN_AUTHOR, TN_KIND, TN_ASSIGNEE, TN_ASSIGNEE_ID,
	TN_BODY, TN__MAX
};

/* The columns of SQL_TALK_STAFF. */
enum { TS_ID, TS_LOGIN, TS_NAME, TS_DISABLED, TS_OPEN, TS__MAX };

enum rc
talk_notes(struct db *db, int64_t case_id, struct talk_note **notes,
    size_t *notesz)
{
	struct db_res res;
	struct talk_note *n;
	size_t i;
	enum rc rc;

	*notes = NULL;
	*notesz = 0;
	if ((rc = db_query(db, SQL_TALK_NOTES, &res, "i", case_id)) != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == TN__MAX);
	*notes = xcalloc(res.rowsz > 0 ? res.rowsz : 1, sizeof(**notes));
	for (i = 0; i < res.rowsz; i++) {
		n = &(*notes)[i];
		n->id = db_int(&res, i, TN_ID);
		n->at = db_int(&res, i, TN_AT);
		n->author_role = xstrdup(db_str(&res, i, TN_ROLE));
		n->author = xstrdup(db_str(&res, i, TN_AUTHOR));
		n->assign = strcmp(db_str(&res, i, TN_KIND), "assign") == 0;
		n->assignee = xstrdup(db_str(&res, i, TN_ASSIGNEE));
		n->assignee_id = db_int(&res, i, TN_ASSIGNEE_ID);
		n->body = xstrdup(db_str(&res, i, TN_BODY));
	}
	*notesz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
talk_notes_free(struct talk_note *notes, size_t notesz)
{
	size_t i;

	for (i = 0; i < notesz; i++) {
		free(notes[i].author_role);
		free(notes[i].author);
		free(notes[i].assignee);
		free(notes[i].body);
	}
	free(notes);
}

enum rc
talk_note_insert(struct db *db, int64_t case_id, time_t now,
    int64_t author_id, const char *author_role, bool assign,
    int64_t assignee_id, const char *body)
{
	return db_exec(db, SQL_TALK_NOTE_ADD, NULL, "itissIs", case_id, now,
	    author_id, author_role, assign ? "assign" : "note",
	    assign ? assignee_id : (int64_t)0, assign ? NULL : body);
}

enum rc
talk_staff_list(struct db *db, int64_t shop_id, struct talk_staff **staff,
    size_t *staffsz)
{
	struct db_res res;
	size_t i;
	enum rc rc;

	*staff = NULL;
	*staffsz = 0;
	if ((rc = db_query(db, SQL_TALK_STAFF, &res, "i", shop_id)) != RC_OK)
		goto out;
	assert(res.rowsz == 0 || res.colsz == TS__MAX);
	*staff = xcalloc(res.rowsz > 0 ? res.rowsz : 1, sizeof(**staff));
	for (i = 0; i < res.rowsz; i++) {
		(*staff)[i].id = db_int(&res, i, TS_ID);
		(*staff)[i].login = xstrdup(db_str(&res, i, TS_LOGIN));
		(*staff)[i].name = xstrdup(db_str(&res, i, TS_NAME));
		(*staff)[i].disabled = db_int(&res, i, TS_DISABLED) != 0;
		(*staff)[i].open_assigned = db_int(&res, i, TS_OPEN);
	}
	*staffsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

void
talk_staff_free(struct talk_staff *staff, size_t staffsz)
{
	size_t i;

	for (i = 0; i < staffsz; i++) {
		free(staff[i].login);
		free(staff[i].name);
	}
	free(staff);
}

enum rc
talk_staff_member(struct db *db, int64_t user_id, int64_t shop_id)
{
	struct db_res res;
	enum rc rc;

	rc = db_query(db, SQL_TALK_STAFF_MEMBER, &res, "ii", user_id, shop_id);
	if (rc == RC_OK && res.rowsz == 0)
		rc = RC_NOTFOUND;
	db_res_release(&res);
	return rc;
}

/* Runs a statement of one count with the arguments of fmt into *n. */
static enum rc
talk_count(struct db *db, enum sql st, int64_t *n, int64_t a, int64_t b)
{
	struct db_res res;
	enum rc rc;

	*n = 0;
	rc = db_query(db, st, &res, "ii", a, b);
	if (rc == RC_OK && res.rowsz == 1)
		*n = db_int(&res, 0, 0);
	db_res_release(&res);
	return rc;
}

enum rc
talk_assigned_count(struct db *db, int64_t user_id, int64_t shop_id,
    int64_t *n)
{
	return talk_count(db, SQL_TALK_ASSIGNED_COUNT, n, user_id, shop_id);
}

/* ---- grow-b: begin ---- */
/* Appends a change of user's unread count of bucket (0 open, 1 all) to *d. */
static void
unread_delta_push(struct unread_deltas *d, int64_t user_id, int bucket,
    int64_t n)
{
	if (d->dz == d->cap) {
		d->cap = d->cap == 0 ? 8 : 2 * d->cap;
		d->d = xrealloc(d->d, d->cap * sizeof(*d->d));
	}
	d->d[d->dz].user_id = user_id;
	d->d[d->dz].bucket = bucket;
	d->d[d->dz++].n = n;
}

/*
 * Writes the marker of timeline row tl for each user of the rows of st
 * (user ids; bound the case id) and counts the new ones into d (and into
 * the counts of open cases when open).
 */
static enum rc
unread_mark(struct db *db, enum sql st, int64_t case_id, int64_t tl,
    bool message, bool open, struct unread_deltas *d)
{
	struct db_res r;
	uint64_t changed;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, st, &r, "i", case_id)) != RC_OK)
		goto out;
	for (i = 0; i < r.rowsz && rc == RC_OK; i++) {
		changed = 0;
		rc = db_exec(db, SQL_GBU_MARK, &changed, "iiiii",
		    db_int(&r, i, 0), case_id, tl, tl, (int64_t)message);
		if (rc != RC_OK || changed != 1)
			continue;	/* 2: a marker there already */
		unread_delta_push(d, db_int(&r, i, 0), 1, 1);
		if (open)
			unread_delta_push(d, db_int(&r, i, 0), 0, 1);
	}
out:
	db_res_release(&r);
	return rc;
}

enum rc
talk_unread_add(struct db *db, int64_t case_id, int64_t timeline_id,
    const char *actor_role, bool message, bool open,
    struct unread_deltas *d)
{
	enum rc rc = RC_OK;

	if (strcmp(actor_role, "seller") != 0)
		rc = unread_mark(db, SQL_GBU_SELLERS, case_id, timeline_id,
		    message, open, d);
	if (rc == RC_OK && strcmp(actor_role, "buyer") != 0)
		rc = unread_mark(db, SQL_GBU_BUYER, case_id, timeline_id,
		    message, open, d);
	return rc;
}

enum rc
talk_unread_closing(struct db *db, int64_t case_id, struct unread_deltas *d)
{
	struct db_res r;
	size_t i;
	enum rc rc;

	if ((rc = db_query(db, SQL_GBU_MARKERS, &r, "i", case_id)) == RC_OK)
		for (i = 0; i < r.rowsz; i++)
			unread_delta_push(d, db_int(&r, i, 0), 0, -1);
	db_res_release(&r);
	return rc;
}

enum rc
talk_read(struct db *db, int64_t user_id, int64_t case_id, int64_t upto,
    struct unread_deltas *d)
{
	struct db_res r;
	uint64_t gone = 0;
	enum rc rc;

	if ((rc = db_exec(db, SQL_TALK_READ, &gone, "iii", user_id, case_id,
	    upto)) != RC_OK || gone == 0)
		return rc;
	if ((rc = db_query(db, SQL_GBU_OPEN, &r, "i", case_id)) == RC_OK) {
		unread_delta_push(d, user_id, 1, -1);
		if (r.rowsz > 0 && db_int(&r, 0, 0) != 0)
			unread_delta_push(d, user_id, 0, -1);
	}
	db_res_release(&r);
	return rc;
}

enum rc
talk_unread_count(struct db *db, int64_t user_id, bool open_only, int64_t *n)
{
	return talk_count(db, SQL_GBU_COUNT, n, user_id, open_only ? 0 : 1);
}
/* ---- grow-b: end ---- */

enum rc
talk_unread_case(struct db *db, int64_t user_id, int64_t case_id,
    struct talk_unread *u)
{
	struct db_res res;
	enum rc rc;

	memset(u, 0, sizeof(*u));
	rc = db_query(db, SQL_TALK_UNREAD_CASE, &res, "ii", user_id, case_id);
	if (rc == RC_OK && res.rowsz == 1) {
		u->last_id = db_int(&res, 0, 0);
		u->message = db_int(&res, 0, 1) != 0;
	}
	db_res_release(&res);
	return rc;
}

/* The TALK_MARKS ids of a, for SQL_TALK_UNREAD_MARKS. */
#define M10(a, k) (a)[k], (a)[k + 1], (a)[k + 2], (a)[k + 3], (a)[k + 4], \
	(a)[k + 5], (a)[k + 6], (a)[k + 7], (a)[k + 8], (a)[k + 9]

enum rc
talk_unread_marks(struct db *db, int64_t user_id, const int64_t *ids,
    size_t idsz, int *marks)
{
	int64_t a[TALK_MARKS];
	struct db_res res;
	size_t i, k;
	enum rc rc;

	assert(idsz <= TALK_MARKS);
	memset(a, 0, sizeof(a));
	memcpy(a, ids, idsz * sizeof(*ids));
	for (i = 0; i < idsz; i++)
		marks[i] = 0;
	rc = db_query(db, SQL_TALK_UNREAD_MARKS, &res,
	    "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii", user_id,
	    M10(a, 0), M10(a, 10), M10(a, 20), M10(a, 30), M10(a, 40));
	if (rc != RC_OK)
		goto out;
	for (k = 0; k < res.rowsz; k++)
		for (i = 0; i < idsz; i++)
			if (ids[i] == db_int(&res, k, 0))
				marks[i] = db_int(&res, k, 1) != 0 ? 2 : 1;
out:
	db_res_release(&res);
	return rc;
}

enum rc
talk_unread_ids(struct db *db, int64_t user_id, int64_t **ids,
    bool **messages, size_t *idsz)
{
	struct db_res res;
	size_t i;
	enum rc rc;

	*ids = NULL;
	*messages = NULL;
	*idsz = 0;
	if ((rc = db_query(db, SQL_TALK_UNREAD_OF_USER, &res, "i", user_id)) !=
	    RC_OK)
		goto out;
	*ids = xcalloc(res.rowsz + 1, sizeof(**ids));
	*messages = xcalloc(res.rowsz + 1, sizeof(**messages));
	for (i = 0; i < res.rowsz; i++) {
		(*ids)[i] = db_int(&res, i, 0);
		(*messages)[i] = db_int(&res, i, 1) != 0;
	}
	*idsz = res.rowsz;
out:
	db_res_release(&res);
	return rc;
}

enum rc
talk_case_lock(struct db *db, int64_t case_id, struct talk_case *c)
{
	struct db_res res;
	enum rc rc;

	memset(c, 0, sizeof(*c));
	rc = db_query(db, SQL_TALK_CASE_LOCK, &res, "i", case_id);
	if (rc == RC_OK && res.rowsz == 0)
		rc = RC_NOTFOUND;
	else if (rc == RC_OK) {
		c->shop_id = db_int(&res, 0, 0);
		c->buyer_id = db_int(&res, 0, 1);
		c->assigned_to = db_int(&res, 0, 2);
	}
	db_res_release(&res);
	return rc;
}

enum rc
talk_case_assign(struct db *db, int64_t case_id, int64_t assignee_id)
{
	return db_exec(db, SQL_TALK_ASSIGN, NULL, "Ii", assignee_id, case_id);
}
