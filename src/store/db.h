/* db.h: the database layer: one connection per process, prepared statements from sql.c only, transactions. */
#ifndef DB_H
#define DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "base/rc.h"
#include "store/sql.h"

/* MariaDB error numbers that callers act on. */
#define DB_ER_DUP_ENTRY		1062
#define DB_ER_LOCK_WAIT_TIMEOUT	1205
#define DB_ER_LOCK_DEADLOCK	1213
#define DB_ER_CONSTRAINT_FAILED	4025

struct db;

/*
 * A result set: every cell copied out as bytes with a NUL after them,
 * all of them in one buffer (data). A malloc per cell left a list of
 * thousands of rows as as many small free chunks, which the heap's trim
 * does not give back (the resident size of a program process); one
 * buffer is one chunk, or above the mmap threshold (http_init()) pages that
 * go back to the system when released.
 */
struct db_res {
	size_t	  rowsz;
	size_t	  colsz;
	char	**cells;	/* rowsz * colsz, into data; NULL for SQL NULL */
	size_t	 *lens;
	char	 *data;
};

/* Flags for db_open(). */
#define DB_MULTI_STATEMENTS	0x1	/* allow db_script() (deskctl only) */

/*
 * Connects to the database of cfg over its unix socket with utf8mb4, the
 * UTC time zone and automatic reconnection off, waiting at most
 * db_connect_timeout_secs to connect and, per network read or write of a
 * statement, db_read_timeout_secs and db_write_timeout_secs (not with
 * DB_MULTI_STATEMENTS: deskctl's migrations may run long). Statements are prepared
 * on first use; db_prepare_all() prepares them all at once. Returns a
 * connection to close with db_free(), or NULL with *err set (free it).
 */
struct db *db_open(const struct config *cfg, int flags, char **err);
void	db_free(struct db *db);

/*
 * Prepares every statement of sql.c, so that a program whose SQL does not
 * match the schema stops at start. Returns 0, or -1 with *err set.
 */
int	db_prepare_all(struct db *db, char **err);

/*
 * Runs statement st with the arguments described by fmt, one character
 * each: 'i' int64_t; 'I' int64_t id where 0 binds NULL; 's' const char *
 * (NULL binds NULL); 'b' const void * then size_t (bytes); 't' time_t as
 * a UTC DATETIME; 'T' the same where 0 binds NULL. db_query() fills res with the rows (release it with
 * db_res_release(), also after a failure); db_exec() stores the number of
 * changed rows in *affected when it is not NULL. Both return RC_OK,
 * RC_CONFLICT on a duplicate key, RC_INVALID when a CHECK constraint
 * refused the change, or RC_DB (logged) for anything else. A connection
 * lost outside a transaction is re-opened and the statement retried once,
 * unless it was lost to a timeout (the server is stalled: the next call
 * tries again instead, so one request waits one timeout, not two).
 */
enum rc	db_query(struct db *db, enum sql st, struct db_res *res,
	    const char *fmt, ...);
enum rc	db_exec(struct db *db, enum sql st, uint64_t *affected,
	    const char *fmt, ...);

/* The AUTO_INCREMENT id of the last insert on this connection. */
int64_t	db_last_id(struct db *db);

/* The MariaDB error number of the last failure (0 after a success). */
unsigned db_errno(struct db *db);

/*
 * Returns whether the last failure was the database being out of reach
 * rather than an SQL error: no server on the socket (2002, 2003), the
 * connection gone or lost (2006, 2013, 2055; also a read or write that
 * timed out, or a stalled server during the handshake), too many
 * connections (1040), the server shutting down (1053), the connection
 * killed (1927), or max_statement_time hit (1969). Such a failure is
 * worth a "try again shortly" (503); the next statement re-opens the
 * connection by itself.
 */
bool	db_unavailable(const struct db *db);

/*
 * Runs fn(db, arg) in one transaction. fn returns RC_OK to commit;
 * anything else rolls back and is returned. A deadlock (1213), where
 * MariaDB rolled the whole transaction back (on Galera also a certification
 * conflict, at any statement or at COMMIT), runs fn again after a random
 * pause that doubles each time (up to ten tries in all, each logged); a
 * lock-wait timeout (1205) is rolled back here and answered RC_CONFLICT.
 * fn must be safe to run again.
 */
enum rc	db_txn(struct db *db, enum rc (*fn)(struct db *, void *), void *arg);

/*
 * Runs a script of several statements (a trusted file from sql/, never
 * user input) on a connection opened with DB_MULTI_STATEMENTS. Returns
 * RC_OK or RC_DB (logged, with the statement number that failed).
 */
enum rc	db_script(struct db *db, const char *text, size_t len);

/* Cell accessors; row and col must be in range. */
const char *db_str(const struct db_res *r, size_t row, size_t col); /* "" for NULL */
int64_t	db_int(const struct db_res *r, size_t row, size_t col);	/* 0 for NULL */
bool	db_null(const struct db_res *r, size_t row, size_t col);
/* Bytes of a cell and their count. */
const char *db_bytes(const struct db_res *r, size_t row, size_t col,
	    size_t *len);

void	db_res_release(struct db_res *r);

#endif /* DB_H */
