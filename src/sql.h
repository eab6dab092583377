/* sql.h: the names of every SQL statement; their text lives in sql.c and nowhere else. */
#ifndef SQL_H
#define SQL_H

enum sql {
	/* Migrations (deskctl). */
	SQL_MIGRATIONS_CREATE,
	SQL_MIGRATIONS_LIST,
	SQL_MIGRATION_RECORD,
	/* Users and logins. */
	SQL_USER_BY_LOGIN,
	SQL_USER_INSERT,
	SQL_USER_SET_HASH,
	SQL_SHOP_BY_NAME,
	SQL_LOGIN_FAILURES_COUNT,
	SQL_LOGIN_FAILURE_ADD,
	SQL_LOGIN_FAILURES_CLEAR,
	/* Sessions. */
	SQL_SESSION_INSERT,
	SQL_SESSION_GET,
	SQL_SESSION_TOUCH,
	SQL_SESSION_DELETE,
	SQL_SESSION_PURGE,
	/* Orders (buyer). */
	SQL_ORDERS_COUNT_BY_BUYER,
	SQL_ORDER_LINES_BY_BUYER_PAGE,
	/* Cases (seller queue). */
	SQL_QUEUE_BY_SHOP,
	SQL_SHOP_GET,
	/* Policy. */
	SQL_POLICY_CURRENT,
	SQL_POLICY_REASONS,
	/* Demo data (deskctl). */
	SQL_DEMO_SEEDED,
	SQL_DEMO_SET_HASH,
	/* Health. */
	SQL_CONNECTION_ID,
	SQL__MAX
};

struct sql_text {
	const char	*name;	/* for logs */
	const char	*text;	/* with ? markers only */
};

extern const struct sql_text sql_texts[SQL__MAX];

#endif /* SQL_H */
