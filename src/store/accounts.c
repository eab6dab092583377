/* accounts.c: shops with their return address, seller and admin accounts, passwords and disabled accounts, as the platform manages them (the admin desk and deskctl). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stale.h"
#include "base/util.h"
#include "store/accounts.h"
#include "store/admin_store.h"

/* The columns of the SQL_ADMINL_USERS_* statements. */
enum {
	AC_ID, AC_LOGIN, AC_NAME, AC_ROLE, AC_SHOP, AC_DISABLED, AC_CREATED,
	AC_SESSIONS, AC__MAX
};

/* Reads at most page rows of r into *rows; *more when r has another. */
static void
accounts_read(struct db_res *r, size_t page, struct account **rows,
    size_t *rowsz, bool *more)
{
	size_t i, n;

	assert(r->rowsz == 0 || r->colsz == AC__MAX);
	*more = r->rowsz > page;
	n = *more ? page : r->rowsz;
	*rows = xcalloc(n + 1, sizeof(**rows));
	for (i = 0; i < n; i++) {
		struct account *a = &(*rows)[i];

		a->id = db_int(r, i, AC_ID);
		a->login = xstrdup(db_str(r, i, AC_LOGIN));
		a->name = xstrdup(db_str(r, i, AC_NAME));
		a->role = xstrdup(db_str(r, i, AC_ROLE));
		a->shop = xstrdup(db_str(r, i, AC_SHOP));
		a->disabled = db_int(r, i, AC_DISABLED) != 0;
		a->created_at = db_int(r, i, AC_CREATED);
		a->sessions = db_int(r, i, AC_SESSIONS);
	}
	*rowsz = n;
}

enum rc
accounts_page(struct db *db, enum account_filter f, const struct cursor *after,
    struct account **rows, size_t *rowsz, bool *more)
{
	static const char *const roles[] = { NULL, NULL, NULL, "buyer",
	    "seller", "admin" };
	int64_t below = cursor_first(after) ? INT64_MAX : after->id;
	struct db_res r;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if (f == ACCOUNTS_ALL)
		rc = db_query(db, SQL_ADMINL_USERS_ALL, &r, "i", below);
	else if (f == ACCOUNTS_STAFF)
		rc = db_query(db, SQL_ADMINL_USERS_STAFF, &r, "ii", (int64_t)1,
		    below);
	else
		rc = db_query(db, SQL_ADMINL_USERS_ROLE, &r, "si", roles[f],
		    below);
	if (rc == RC_OK)
		accounts_read(&r, ACCOUNTS_LIST_PAGE, rows, rowsz, more);
	db_res_release(&r);
	return rc;
}

enum rc
accounts_find(struct db *db, const char *login, struct account **rows,
    size_t *rowsz, bool *more)
{
	struct db_res r;
	char like[64 * 2 + 2], *o = like;
	const char *p;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if ((rc = db_query(db, SQL_ADMINL_USERS_LOGIN, &r, "s", login)) ==
	    RC_OK && r.rowsz > 0) {
		accounts_read(&r, ACCOUNTS_PAGE, rows, rowsz, more);
		db_res_release(&r);
		return RC_OK;
	}
	db_res_release(&r);
	if (rc != RC_OK)
		return rc;
	for (p = login; *p != '\0' && o < like + sizeof(like) - 3; p++) {
		if (*p == '!' || *p == '%' || *p == '_')
			*o++ = '!';
		*o++ = *p;
	}
	*o++ = '%';
	*o = '\0';
	if ((rc = db_query(db, SQL_ADMINL_USERS_PREFIX, &r, "s", like)) ==
	    RC_OK)
		accounts_read(&r, ACCOUNTS_PAGE, rows, rowsz, more);
	db_res_release(&r);
	return rc;
}

void
accounts_free(struct account *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++) {
		free(rows[i].login);
		free(rows[i].name);
		free(rows[i].role);
		free(rows[i].shop);
	}
	free(rows);
}

/* The columns of SQL_ADMINL_SHOPS. */
enum { SH_ID, SH_NAME, SH_CURRENCY, SH_ADDRESSES, SH_SELLERS, SH__MAX };

enum rc
shops_page(struct db *db, const struct cursor *after, struct shop_row **rows,
    size_t *rowsz, bool *more)
{
	int64_t below = cursor_first(after) ? INT64_MAX : after->id;
	struct db_res r;
	size_t i, n;
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*more = false;
	if ((rc = db_query(db, SQL_ADMINL_SHOPS, &r, "i", below)) != RC_OK)
		goto out;
	assert(r.rowsz == 0 || r.colsz == SH__MAX);
	*more = r.rowsz > ACCOUNTS_LIST_PAGE;
	n = *more ? ACCOUNTS_LIST_PAGE : r.rowsz;
	*rows = xcalloc(n + 1, sizeof(**rows));
	for (i = 0; i < n; i++) {
		struct shop_row *s = &(*rows)[i];

		s->id = db_int(&r, i, SH_ID);
		s->name = xstrdup(db_str(&r, i, SH_NAME));
		snprintf(s->currency, sizeof(s->currency), "%s",
		    db_str(&r, i, SH_CURRENCY));
		s->addresses = db_int(&r, i, SH_ADDRESSES);
		s->sellers = db_int(&r, i, SH_SELLERS);
	}
	*rowsz = n;
out:
	db_res_release(&r);
	return rc;
}

void
shop_rows_free(struct shop_row *rows, size_t rowsz)
{
	size_t i;

	for (i = 0; i < rowsz; i++)
		free(rows[i].name);
	free(rows);
}

/* What shop_txn() needs. */
struct shop_add {
	const struct actor_who	*w;
	const struct new_shop	*s;
	int64_t			 id;
};

static enum rc
shop_txn(struct db *db, void *arg)
{
	struct shop_add *t = arg;
	const struct new_shop *s = t->s;
	enum rc rc;

	if ((rc = db_exec(db, SQL_ADMIN_SHOP_INSERT, NULL, "sst", s->name,
	    s->currency, t->w->now)) != RC_OK)
		return rc;
	t->id = db_last_id(db);
	if ((rc = db_exec(db, SQL_ADMIN_ADDRESS_INSERT, NULL, "issss" "t",
	    t->id, s->label, s->recipient, s->phone, s->address,
	    t->w->now)) != RC_OK)
		return rc;
	return audit_add(db, t->w->admin, "shop_add", s->name, s->currency,
	    t->w->remote_addr, t->w->now);
}

enum rc
account_shop_add(struct db *db, const struct actor_who *w,
    const struct new_shop *s, int64_t *id)
{
	struct shop_add t = { w, s, 0 };
	enum rc rc;

	rc = db_txn(db, shop_txn, &t);
	*id = rc == RC_OK ? t.id : 0;
	return rc;
}

/* What user_txn() needs. */
struct user_add {
	const struct actor_who	*w;
	const char		*role, *login, *name, *hash;
	int64_t			 shop_id;
};

static enum rc
user_txn(struct db *db, void *arg)
{
	struct user_add *t = arg;
	char detail[64];
	enum rc rc;

	if ((rc = db_exec(db, SQL_USER_INSERT, NULL, "ssssIt", t->role,
	    t->login, t->name, t->hash, t->shop_id, t->w->now)) != RC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "%s", t->role);
	return audit_add(db, t->w->admin, "user_add", t->login, detail,
	    t->w->remote_addr, t->w->now);
}

enum rc
account_user_add(struct db *db, const struct actor_who *w, const char *role,
    const char *login, const char *name, const char *hash, int64_t shop_id)
{
	struct user_add t = { w, role, login, name, hash, shop_id };

	return db_txn(db, user_txn, &t);
}

/* The columns of SQL_ADMIN_USER_ID. */
enum { UI_ID, UI_LOGIN, UI__MAX };

enum rc
account_find(struct db *db, int64_t id, const char *login, int64_t *id_out,
    char *login_out, size_t n)
{
	struct db_res r;
	enum rc rc;

	*id_out = 0;
	rc = db_query(db, SQL_ADMIN_USER_ID, &r, "isi", id,
	    login != NULL ? login : "", id);
	if (rc == RC_OK && r.rowsz == 0)
		rc = RC_NOTFOUND;
	if (rc == RC_OK) {
		assert(r.colsz == UI__MAX);
		*id_out = db_int(&r, 0, UI_ID);
		snprintf(login_out, n, "%s", db_str(&r, 0, UI_LOGIN));
	}
	db_res_release(&r);
	return rc;
}

/* One change of an account: what it is, and its audit words. */
struct change {
	const struct actor_who	*w;
	int64_t			 id;
	bool			 disabled;
	const char		*hash;	/* NULL: enable or disable */
};

static enum rc
change_txn(struct db *db, void *arg)
{
	struct change *t = arg;
	char login[80];
	int64_t id;
	enum rc rc;

	if ((rc = account_find(db, t->id, NULL, &id, login, sizeof(login))) !=
	    RC_OK)
		return rc;
	if (t->hash != NULL)
		rc = db_exec(db, SQL_ADMIN_USER_PASSWORD, NULL, "si", t->hash,
		    t->id);
	else
		rc = db_exec(db, SQL_ADMIN_USER_DISABLE, NULL, "ii",
		    (int64_t)t->disabled, t->id);
	if (rc != RC_OK)
		return rc;
	/* A disabled account, or one with a new password, is signed out now. */
	if ((t->hash != NULL || t->disabled) &&
	    (rc = db_exec(db, SQL_ADMIN_USER_SESSIONS_END, NULL, "i", t->id)) !=
	    RC_OK)
		return rc;
	return audit_add(db, t->w->admin, t->hash != NULL ? "user_reset" :
	    t->disabled ? "user_disable" : "user_enable", login, "",
	    t->w->remote_addr, t->w->now);
}

enum rc
account_set_disabled(struct db *db, const struct actor_who *w, int64_t id,
    bool disabled)
{
	struct change t = { w, id, disabled, NULL };
	enum rc rc;

	/* The node's processes drop the sessions they cached (stale.h). */
	if ((rc = db_txn(db, change_txn, &t)) == RC_OK)
		stale_bump();
	return rc;
}

enum rc
account_set_password(struct db *db, const struct actor_who *w, int64_t id,
    const char *hash)
{
	struct change t = { w, id, false, hash };
	enum rc rc;

	/* The node's processes drop the sessions they cached (stale.h). */
	if ((rc = db_txn(db, change_txn, &t)) == RC_OK)
		stale_bump();
	return rc;
}
