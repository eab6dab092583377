/* accounts.h: shops with their return address, seller and admin accounts, passwords and disabled accounts, as the platform manages them (the admin desk and deskctl). */
#ifndef ACCOUNTS_H
#define ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/cursor.h"
#include "base/rc.h"
#include "store/db.h"

/* Who acts, for the audit list: an admin from an address, or deskctl. */
struct actor_who {
	int64_t		 admin;	/* 0: deskctl on the server */
	const char	*remote_addr;	/* "deskctl" for the command line */
	time_t		 now;
};

/* One account as the accounts page lists it. */
struct account {
	int64_t	 id;
	char	*login;
	char	*name;
	char	*role;	/* "buyer", "seller", "admin" */
	char	*shop;	/* "" but for sellers */
	bool	 disabled;
	time_t	 created_at;
	int64_t	 sessions;	/* live or not yet purged */
};

#define ACCOUNTS_PAGE	50
/* The accounts and shops a list page shows (the search shows ACCOUNTS_PAGE). */
#define ACCOUNTS_LIST_PAGE	20

/* Which accounts a page lists (sql/016: users.staff, role). */
enum account_filter {
	ACCOUNTS_STAFF,	/* sellers and admins */
	ACCOUNTS_ALL,
	ACCOUNTS__UNUSED,
	ACCOUNTS_BUYERS,
	ACCOUNTS_SELLERS,
	ACCOUNTS_ADMINS,
};

/*
 * Loads one keyset page of the accounts of f, newest first: at most
 * ACCOUNTS_LIST_PAGE below after's id (cursor_first() for the first page),
 * *more set when there are others. RC_OK (free with accounts_free()) or
 * RC_DB.
 */
enum rc	accounts_page(struct db *db, enum account_filter f,
	    const struct cursor *after, struct account **rows, size_t *rowsz,
	    bool *more);

/*
 * Finds the account of login (the unique index), or else the first
 * ACCOUNTS_PAGE logins that start with it, in login order (*more set when
 * there are others). RC_OK (free with accounts_free()) or RC_DB.
 */
enum rc	accounts_find(struct db *db, const char *login,
	    struct account **rows, size_t *rowsz, bool *more);
void	accounts_free(struct account *rows, size_t rowsz);

/* One shop as the accounts page lists it. */
struct shop_row {
	int64_t	 id;
	char	*name;
	char	 currency[4];
	int64_t	 addresses;	/* in use */
	int64_t	 sellers;
};

/* Frees what shops_page() loaded. */
void	shop_rows_free(struct shop_row *rows, size_t rowsz);

/*
 * Loads one keyset page of the shops, newest first: at most ACCOUNTS_LIST_PAGE
 * below after's id, *more set when there are others. RC_OK (free with
 * shop_rows_free()) or RC_DB.
 */
enum rc	shops_page(struct db *db, const struct cursor *after,
	    struct shop_row **rows, size_t *rowsz, bool *more);

/* A new shop and its default return address. */
struct new_shop {
	const char	*name;
	const char	*currency;	/* ISO 4217, upper case */
	const char	*label;
	const char	*recipient;
	const char	*phone;
	const char	*address;
};

/*
 * Adds shop s with its default return address in one transaction, with an
 * audit row. Stores its id in *id. Returns RC_OK, RC_CONFLICT (the name is
 * taken), RC_INVALID (the database refused a value) or RC_DB.
 */
enum rc	account_shop_add(struct db *db, const struct actor_who *w,
	    const struct new_shop *s, int64_t *id);

/*
 * Adds an account of role ("seller" with shop_id, or "admin") with a
 * password hash (auth_hash_password()), with an audit row. Returns RC_OK,
 * RC_CONFLICT (the login is taken), RC_INVALID or RC_DB.
 */
enum rc	account_user_add(struct db *db, const struct actor_who *w,
	    const char *role, const char *login, const char *name,
	    const char *hash, int64_t shop_id);

/*
 * Finds the account whose id is id or, when id is 0, whose login is
 * login; stores its id in *id_out and its login in login_out (n bytes).
 * Returns RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	account_find(struct db *db, int64_t id, const char *login,
	    int64_t *id_out, char *login_out, size_t n);

/*
 * Disables (or enables) account id; disabling ends every session of it
 * at once, in the same transaction, with an audit row. Returns RC_OK or
 * RC_DB.
 */
enum rc	account_set_disabled(struct db *db, const struct actor_who *w,
	    int64_t id, bool disabled);

/*
 * Sets account id's password hash and ends its sessions, with an audit
 * row. Returns RC_OK or RC_DB.
 */
enum rc	account_set_password(struct db *db, const struct actor_who *w,
	    int64_t id, const char *hash);

#endif /* ACCOUNTS_H */
