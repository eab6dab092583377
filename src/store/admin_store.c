/* admin_store.c: what the platform's desk reads: an admin's policy draft, the versions with who published them, the audit list. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/admin_store.h"
#include "store/kept_counts.h"

/* The columns of SQL_ADMIN_DRAFT_OF. */
enum { DO_ID, DO_BASED_ON, DO__MAX };

enum rc
admin_draft_of(struct db *db, int64_t admin, int64_t *id, int64_t *based_on)
{
	struct db_res r;
	enum rc rc;

	*id = *based_on = 0;
	rc = db_query(db, SQL_ADMIN_DRAFT_OF, &r, "i", admin);
	if (rc == RC_OK && r.rowsz == 0)
		rc = RC_NOTFOUND;
	if (rc == RC_OK) {
		assert(r.colsz == DO__MAX);
		*id = db_int(&r, 0, DO_ID);
		*based_on = db_int(&r, 0, DO_BASED_ON);
	}
	db_res_release(&r);
	return rc;
}

/* The columns of SQL_ADMINL_VERSIONS. */
enum {
	AV_ID, AV_VERSION, AV_STATUS, AV_PUBLISHED, AV_LOGIN, AV_NAME, AV_NOTE,
	AV_OPEN, AV__MAX
};

enum rc
admin_versions(struct db *db, int64_t below, struct admin_version **rows,
    size_t *rowsz, bool *more)
{
	struct db_res r;
	size_t i, n = 0;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if ((rc = db_query(db, SQL_ADMINL_VERSIONS, &r, "i", below > 0 ? below :
	    INT64_MAX)) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == AV__MAX);
	*more = r.rowsz > VERSIONS_PAGE;
	n = *more ? VERSIONS_PAGE : r.rowsz;
	*rows = xcalloc(n + 1, sizeof(**rows));
	for (i = 0; i < n; i++) {
		struct admin_version *v = &(*rows)[i];

		v->id = db_int(&r, i, AV_ID);
		v->version = db_int(&r, i, AV_VERSION);
		v->current = strcmp(db_str(&r, i, AV_STATUS), "published") == 0;
		v->published_at = db_int(&r, i, AV_PUBLISHED);
		v->login = xstrdup(db_str(&r, i, AV_LOGIN));
		v->name = xstrdup(db_str(&r, i, AV_NAME));
		v->note = xstrdup(db_str(&r, i, AV_NOTE));
		v->open_cases = db_int(&r, i, AV_OPEN);
	}
	*rowsz = n;
out:
	db_res_release(&r);
	return rc;
}

void
admin_versions_free(struct admin_version *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].login);
		free(rows[i].name);
		free(rows[i].note);
	}
	free(rows);
}

enum rc
audit_add(struct db *db, int64_t admin, const char *action,
    const char *subject, const char *detail, const char *remote_addr,
    time_t now)
{
	return db_exec(db, SQL_ADMIN_AUDIT_ADD, NULL, "Issss" "t", admin,
	    action, subject, detail, remote_addr != NULL ? remote_addr : "",
	    now);
}

/* The columns of SQL_ADMINL_AUDIT. */
enum {
	AU_ID, AU_AT, AU_LOGIN, AU_ACTION, AU_SUBJECT, AU_DETAIL, AU_ADDR,
	AU_POS, AU__MAX
};

enum rc
audit_rows(struct db *db, const struct cursor *after, struct audit_row **rows,
    size_t *rowsz, bool *more)
{
	const char *key = cursor_first(after) ? "99991231235959" : after->key;
	int64_t id = cursor_first(after) ? INT64_MAX : after->id;
	struct db_res r;
	size_t i, n = 0;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if ((rc = db_query(db, SQL_ADMINL_AUDIT, &r, "ssi", key, key, id)) !=
	    RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == AU__MAX);
	*more = r.rowsz > AUDIT_PAGE;
	n = *more ? AUDIT_PAGE : r.rowsz;
	*rows = xcalloc(n + 1, sizeof(**rows));
	for (i = 0; i < n; i++) {
		struct audit_row *a = &(*rows)[i];

		a->id = db_int(&r, i, AU_ID);
		a->at = db_int(&r, i, AU_AT);
		a->login = xstrdup(db_str(&r, i, AU_LOGIN));
		a->action = xstrdup(db_str(&r, i, AU_ACTION));
		a->subject = xstrdup(db_str(&r, i, AU_SUBJECT));
		a->detail = xstrdup(db_str(&r, i, AU_DETAIL));
		a->remote_addr = xstrdup(db_str(&r, i, AU_ADDR));
		snprintf(a->pos.key, sizeof(a->pos.key), "%s",
		    db_str(&r, i, AU_POS));
		a->pos.id = a->id;
	}
	*rowsz = n;
out:
	db_res_release(&r);
	return rc;
}

void
audit_rows_free(struct audit_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].login);
		free(rows[i].action);
		free(rows[i].subject);
		free(rows[i].detail);
		free(rows[i].remote_addr);
	}
	free(rows);
}

enum rc
admin_case_history(struct db *db, int64_t case_id,
    struct admin_side_history *buyer, struct admin_side_history *shop)
{
	struct admin_side_history *h;
	struct db_res r;
	int64_t n;
	size_t i;
	enum rc rc;

	memset(buyer, 0, sizeof(*buyer));
	memset(shop, 0, sizeof(*shop));
	/* The all-time totals kept for both sides (sql/019), not a count
	 * over their histories. */
	if ((rc = db_query(db, SQL_GROWA_CASE_HISTORY, &r, "i", case_id)) !=
	    RC_OK)
		return rc;
	if (r.rowsz == 0)
		rc = RC_NOTFOUND;	/* no such case (or never counted) */
	for (i = 0; i < r.rowsz && rc == RC_OK; i++) {
		h = db_int(&r, i, 0) == COUNT_SHOP_TOTAL ? shop : buyer;
		n = db_int(&r, i, 2);
		switch (db_int(&r, i, 1)) {
		case TOTAL_CASES:
			h->cases = n;
			break;
		case TOTAL_REFUNDED:
			h->refunded = n;
			break;
		case TOTAL_ESCALATED:
			h->escalated = n;
			break;
		case TOTAL_CENTS:
			h->refunded_cents = n;
			break;
		case TOTAL_ORDERS:
			h->orders = n;
			break;
		default:
			break;
		}
	}
	db_res_release(&r);
	return rc;
}

enum rc
admin_open_cases(struct db *db, int64_t *n)
{
	struct db_res r;
	enum rc rc;

	*n = 0;
	if ((rc = db_query(db, SQL_ADMINL_OPEN_CASES, &r, "")) == RC_OK &&
	    r.rowsz > 0)
		*n = db_int(&r, 0, 0);
	db_res_release(&r);
	return rc;
}
