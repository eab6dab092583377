/* db.c: the only file that includes <mysql.h>: connection, prepared statements, results, transactions. */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <errmsg.h>
#include <mysql.h>

#include "store/db.h"
#include "base/log.h"
#include "base/stale.h"
#include "base/util.h"

struct db {
	MYSQL		*my;
	MYSQL_STMT	*stmts[SQL__MAX];
	char		*socket;	/* "" with host */
	char		*host;	/* TCP, or "" */
	unsigned	 port;
	char		*ssl;	/* "off", "on", "verify" */
	char		*ssl_ca;
	char		*ssl_capath;
	char		*ssl_cert;
	char		*ssl_key;
	char		*where;	/* for messages: the socket, or host:port */
	char		*name;
	char		*user;
	char		*password;
	unsigned	 connect_timeout;	/* seconds */
	unsigned	 read_timeout;	/* seconds; 0: none (DB_MULTI_STATEMENTS) */
	unsigned	 write_timeout;
	int		 flags;
	bool		 in_txn;
	bool		 wrote;	/* the transaction changed rows: bump at its commit */
	bool		 broken;	/* the connection is gone: drop it when out of a transaction */
	bool		 galera;	/* db_galera = yes: reads wait for the cluster */
	unsigned	 last_errno;
};

/* MariaDB server errors that say the server cannot serve now. */
#define DB_ER_CON_COUNT		1040	/* too many connections */
#define DB_ER_SERVER_SHUTDOWN	1053
#define DB_ER_CONNECTION_KILLED	1927
#define DB_ER_STATEMENT_TIMEOUT	1969	/* max_statement_time */
#define DB_ER_WSREP_NOT_READY	1047	/* a Galera node out of the primary component */

/* Returns whether e says the connection is gone (and should be re-opened). */
static bool
errno_gone(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST;
}

bool
db_unavailable(const struct db *db)
{
	switch (db->last_errno) {
	case CR_CONNECTION_ERROR:	/* 2002: no socket, nobody listening */
	case CR_CONN_HOST_ERROR:	/* 2003 */
	case CR_SERVER_GONE_ERROR:	/* 2006 */
	case CR_SERVER_LOST:	/* 2013: lost, or a read timed out */
	case CR_SERVER_LOST_EXTENDED:	/* 2055 */
	case DB_ER_CON_COUNT:
	case DB_ER_SERVER_SHUTDOWN:
	case DB_ER_CONNECTION_KILLED:
	case DB_ER_STATEMENT_TIMEOUT:
	case DB_ER_WSREP_NOT_READY:
		return true;
	default:
		return false;
	}
}

/* Returns the milliseconds since t0 on the monotonic clock. */
static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Returns whether a connection lost after ms milliseconds was lost to a
 * read or write timeout (or may have been): then the server is stalled,
 * and trying again at once would only make the user wait a second time.
 */
static bool
lost_slowly(const struct db *db, long ms)
{
	return db->read_timeout != 0 && ms >= (long)db->read_timeout * 500;
}

/* Connects db->my; returns 0 or -1 with *err set. */
static int
db_connect(struct db *db, char **err)
{
	my_bool off = 0;
	unsigned long cflags = 0;

	if ((db->my = mysql_init(NULL)) == NULL)
		log_oom();
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_OPT_RECONNECT, &off);
	/*
	 * eq_range_index_dive_limit = 1: the optimizer estimates an equality
	 * on a key from the index's statistics instead of reading its leaf
	 * (an "index dive"). Without it, an UPDATE by primary key read a leaf
	 * of every other index that starts with the same column (cases'
	 * uq_cases_order and uq_cases_currency for "WHERE id = ?", case_lines'
	 * two foreign keys for its primary key), only to find the estimate
	 * of one row the primary key gives anyway: about four of the ten
	 * pages a cold approval read from disk at a million cases
	 * (docs/PERFORMANCE.md, the ninth round). tests/perf/explain.test
	 * EXPLAINs every page's statements in a session set like this one.
	 */
	mysql_options(db->my, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', eq_range_index_dive_limit = 1");
	/* Galera: a read sees every write the cluster committed before it. */
	if (db->galera)
		mysql_options(db->my, MYSQL_INIT_COMMAND,
		    "SET SESSION wsrep_sync_wait = 1");
	/*
	 * The connect timeout also bounds the handshake, so a stalled server
	 * costs connect_timeout here. Connector/C 3.3 applies the read
	 * timeout once per read, without retrying it (measured: a SIGSTOPped
	 * server fails a statement with 2013 after read_timeout, not three
	 * times that as libmysqlclient would).
	 */
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &db->connect_timeout);
	if (db->read_timeout != 0) {
		mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &db->read_timeout);
		mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT,
		    &db->write_timeout);
	}
	if (*db->host != '\0') {
		/*
		 * TCP even for "localhost" (which Connector/C would take as
		 * the default socket). With db_ssl = on the connection is
		 * refused unless TLS is used; verify also checks the
		 * server's certificate against the CA and its name against
		 * db_host.
		 */
		unsigned proto = MYSQL_PROTOCOL_TCP;
		my_bool on = 1;

		mysql_optionsv(db->my, MYSQL_OPT_PROTOCOL, &proto);
		if (*db->ssl_ca != '\0')
			mysql_optionsv(db->my, MYSQL_OPT_SSL_CA, db->ssl_ca);
		if (*db->ssl_capath != '\0')
			mysql_optionsv(db->my, MYSQL_OPT_SSL_CAPATH,
			    db->ssl_capath);
		if (*db->ssl_cert != '\0') {
			mysql_optionsv(db->my, MYSQL_OPT_SSL_CERT,
			    db->ssl_cert);
			mysql_optionsv(db->my, MYSQL_OPT_SSL_KEY, db->ssl_key);
		}
		if (strcmp(db->ssl, "off") != 0)
			mysql_optionsv(db->my, MYSQL_OPT_SSL_ENFORCE, &on);
		if (strcmp(db->ssl, "verify") == 0)
			mysql_optionsv(db->my, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
			    &on);
		else {
			my_bool off2 = 0;

			mysql_optionsv(db->my, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
			    &off2);
		}
	}
	if (db->flags & DB_MULTI_STATEMENTS)
		cflags |= CLIENT_MULTI_STATEMENTS;
	if (mysql_real_connect(db->my, *db->host != '\0' ? db->host : NULL,
	    db->user, db->password, db->name, db->port,
	    *db->host != '\0' ? NULL : db->socket, cflags) == NULL) {
		db->last_errno = mysql_errno(db->my);
		*err = xasprintf("cannot connect to database '%s' as '%s' on "
		    "'%s': %s", db->name, db->user, db->where,
		    mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return -1;
	}
	/*
	 * MYSQL_OPT_SSL_ENFORCE asks for TLS but, in Connector/C 3.3, still
	 * connects in clear to a server that has none: refuse that here.
	 */
	if (*db->host != '\0' && strcmp(db->ssl, "off") != 0 &&
	    mysql_get_ssl_cipher(db->my) == NULL) {
		db->last_errno = CR_SSL_CONNECTION_ERROR;
		*err = xasprintf("cannot connect to database '%s' as '%s' on "
		    "'%s': db_ssl = %s, but the server does not offer TLS",
		    db->name, db->user, db->where, db->ssl);
		mysql_close(db->my);
		db->my = NULL;
		return -1;
	}
	return 0;
}

/* Closes every prepared statement and the connection. */
static void
db_disconnect(struct db *db)
{
	size_t i;

	for (i = 0; i < SQL__MAX; i++)
		if (db->stmts[i] != NULL) {
			mysql_stmt_close(db->stmts[i]);
			db->stmts[i] = NULL;
		}
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
}

struct db *
db_open(const struct config *cfg, int flags, char **err)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->socket = xstrdup(cfg->db_socket);
	db->host = xstrdup(cfg->db_host);
	db->port = (unsigned)cfg->db_port;
	db->ssl = xstrdup(cfg->db_ssl);
	db->ssl_ca = xstrdup(cfg->db_ssl_ca);
	db->ssl_capath = xstrdup(cfg->db_ssl_capath);
	db->ssl_cert = xstrdup(cfg->db_ssl_cert);
	db->ssl_key = xstrdup(cfg->db_ssl_key);
	db->where = *db->host != '\0' ?
	    xasprintf("%s:%u", db->host, db->port) : xstrdup(db->socket);
	db->name = xstrdup(cfg->db_name);
	db->user = xstrdup(cfg->db_user);
	db->password = xstrdup(cfg->db_password);
	db->flags = flags;
	db->galera = strcmp(cfg->db_galera, "yes") == 0;
	db->connect_timeout = (unsigned)cfg->db_connect_timeout_secs;
	/* deskctl's scripts (migrations) may rightly run for minutes. */
	if (!(flags & DB_MULTI_STATEMENTS)) {
		db->read_timeout = (unsigned)cfg->db_read_timeout_secs;
		db->write_timeout = (unsigned)cfg->db_write_timeout_secs;
	}
	if (db_connect(db, err) != 0) {
		db_free(db);
		return NULL;
	}
	return db;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db->socket);
	free(db->host);
	free(db->ssl);
	free(db->ssl_ca);
	free(db->ssl_capath);
	free(db->ssl_cert);
	free(db->ssl_key);
	free(db->where);
	free(db->name);
	free(db->user);
	free(db->password);
	free(db);
}

/* Returns the prepared statement st, preparing it first; NULL (logged) on failure. */
static MYSQL_STMT *
db_stmt(struct db *db, enum sql st)
{
	MYSQL_STMT *s;
	my_bool on = 1;

	assert(st < SQL__MAX);
	if (db->stmts[st] != NULL)
		return db->stmts[st];
	if (db->my == NULL)
		return NULL;
	if ((s = mysql_stmt_init(db->my)) == NULL)
		log_oom();
	mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_prepare(s, sql_texts[st].text,
	    strlen(sql_texts[st].text)) != 0) {
		db->last_errno = mysql_stmt_errno(s);
		log_err("cannot prepare statement '%s': %s", sql_texts[st].name,
		    mysql_stmt_error(s));
		mysql_stmt_close(s);
		return NULL;
	}
	return db->stmts[st] = s;
}

int
db_prepare_all(struct db *db, char **err)
{
	size_t i;

	for (i = 0; i < SQL__MAX; i++)
		if (db_stmt(db, (enum sql)i) == NULL) {
			*err = xasprintf("statement '%s' does not prepare: is "
			    "the schema migrated ('deskctl migrate')?",
			    sql_texts[i].name);
			return -1;
		}
	return 0;
}

/* Drops the connection and opens a new one; statements re-prepare lazily. */
static int
db_reconnect(struct db *db)
{
	char *err = NULL;

	db_disconnect(db);
	if (db_connect(db, &err) != 0) {
		log_err("%s", err);
		free(err);
		return -1;
	}
	db->last_errno = 0;
	log_warn("database connection was lost and has been re-opened");
	return 0;
}

/* Storage for the parameters of one execution. */
struct params {
	MYSQL_BIND	*bind;
	long long	*ints;
	MYSQL_TIME	*times;
	unsigned long	*lens;
	my_bool		*nulls;
};

/* Fills p from fmt and ap; the caller frees the arrays. */
static void
params_bind(struct params *p, const char *fmt, va_list ap)
{
	size_t i, n = strlen(fmt);

	p->bind = xcalloc(n, sizeof(*p->bind));
	p->ints = xcalloc(n, sizeof(*p->ints));
	p->times = xcalloc(n, sizeof(*p->times));
	p->lens = xcalloc(n, sizeof(*p->lens));
	p->nulls = xcalloc(n, sizeof(*p->nulls));
	for (i = 0; i < n; i++) {
		MYSQL_BIND *b = &p->bind[i];
		const char *s;
		time_t t;
		struct tm tm;

		switch (fmt[i]) {
		case 'i':
		case 'I':
			p->ints[i] = va_arg(ap, int64_t);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			if (fmt[i] == 'I' && p->ints[i] == 0)
				p->nulls[i] = 1;
			break;
		case 's':
			s = va_arg(ap, const char *);
			b->buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				p->nulls[i] = 1;
				break;
			}
			b->buffer = (void *)s;
			p->lens[i] = strlen(s);
			break;
		case 'b':
			b->buffer = (void *)va_arg(ap, const void *);
			p->lens[i] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			break;
		case 't':
		case 'T':
			t = va_arg(ap, time_t);
			if (fmt[i] == 'T' && t == 0) {
				p->nulls[i] = 1;
				b->buffer_type = MYSQL_TYPE_DATETIME;
				break;
			}
			gmtime_r(&t, &tm);
			p->times[i].year = (unsigned)tm.tm_year + 1900;
			p->times[i].month = (unsigned)tm.tm_mon + 1;
			p->times[i].day = (unsigned)tm.tm_mday;
			p->times[i].hour = (unsigned)tm.tm_hour;
			p->times[i].minute = (unsigned)tm.tm_min;
			p->times[i].second = (unsigned)tm.tm_sec;
			p->times[i].time_type = MYSQL_TIMESTAMP_DATETIME;
			b->buffer_type = MYSQL_TYPE_DATETIME;
			b->buffer = &p->times[i];
			break;
		default:
			assert(!"unknown db argument format");
		}
		b->length = &p->lens[i];
		b->is_null = &p->nulls[i];
		b->buffer_length = p->lens[i];
	}
}

static void
params_release(struct params *p)
{
	free(p->bind);
	free(p->ints);
	free(p->times);
	free(p->lens);
	free(p->nulls);
}

/* Maps a failed statement's error to a return code and logs what is unexpected. */
static enum rc
db_fail(struct db *db, enum sql st, MYSQL_STMT *s)
{
	db->last_errno = mysql_stmt_errno(s);
	if (errno_gone(db->last_errno))
		db->broken = true;
	switch (db->last_errno) {
	case DB_ER_DUP_ENTRY:
		return RC_CONFLICT;
	case DB_ER_CONSTRAINT_FAILED:
		log_warn("statement '%s' broke a constraint: %s",
		    sql_texts[st].name, mysql_stmt_error(s));
		return RC_INVALID;
	case DB_ER_LOCK_DEADLOCK:
		log_warn("statement '%s' hit a deadlock", sql_texts[st].name);
		return RC_DB;
	default:
		log_err("statement '%s' failed: %s (%u)", sql_texts[st].name,
		    mysql_stmt_error(s), db->last_errno);
		return RC_DB;
	}
}

/* The cells of a result beyond which its statement is closed (db_fetch()). */
#define DB_LONG_RESULT_CELLS	4096

/* Copies the stored result of s into res; returns RC_OK or RC_DB (logged). */
static enum rc
db_fetch(struct db *db, enum sql st, MYSQL_STMT *s, struct db_res *res)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(s);
	MYSQL_FIELD *fields;
	MYSQL_BIND *bind = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	char **bufs = NULL;
	size_t *offs = NULL;
	size_t c, i, row = 0, used = 0, cap = 0;
	enum rc rc = RC_DB;
	int f;

	if (meta == NULL)
		return db_fail(db, st, s);
	res->colsz = mysql_num_fields(meta);
	res->rowsz = (size_t)mysql_stmt_num_rows(s);
	res->cells = xcalloc(res->rowsz * res->colsz, sizeof(char *));
	res->lens = xcalloc(res->rowsz * res->colsz, sizeof(size_t));
	offs = xcalloc(res->rowsz * res->colsz, sizeof(*offs));
	fields = mysql_fetch_fields(meta);
	bind = xcalloc(res->colsz, sizeof(*bind));
	lens = xcalloc(res->colsz, sizeof(*lens));
	nulls = xcalloc(res->colsz, sizeof(*nulls));
	bufs = xcalloc(res->colsz, sizeof(*bufs));
	for (c = 0; c < res->colsz; c++) {
		size_t bcap = fields[c].max_length < 64 ? 64 :
		    fields[c].max_length;

		/* The cells' room as the longest values say (else grown). */
		cap += (fields[c].max_length + 1) * res->rowsz;
		bufs[c] = xmalloc(bcap + 1);
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = bufs[c];
		bind[c].buffer_length = bcap;
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(s, bind) != 0) {
		rc = db_fail(db, st, s);
		goto out;
	}
	res->data = xmalloc(cap > 0 ? cap : 1);
	while ((f = mysql_stmt_fetch(s)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		assert(row < res->rowsz);
		for (c = 0; c < res->colsz; c++) {
			MYSQL_BIND one;
			char *cell;

			i = row * res->colsz + c;
			offs[i] = SIZE_MAX;
			if (nulls[c])
				continue;
			if (used + lens[c] + 1 > cap) {
				cap = (used + lens[c] + 1) * 2;
				res->data = xrealloc(res->data, cap);
			}
			cell = res->data + used;
			if (lens[c] <= bind[c].buffer_length) {
				memcpy(cell, bufs[c], lens[c]);
			} else {
				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = cell;
				one.buffer_length = lens[c];
				if (mysql_stmt_fetch_column(s, &one,
				    (unsigned)c, 0) != 0) {
					rc = db_fail(db, st, s);
					goto out;
				}
			}
			cell[lens[c]] = '\0';
			res->lens[i] = lens[c];
			offs[i] = used;
			used += lens[c] + 1;
		}
		row++;
	}
	if (f != MYSQL_NO_DATA) {
		rc = db_fail(db, st, s);
		goto out;
	}
	res->rowsz = row;
	/* The buffer no longer moves: the cells point into it. */
	for (i = 0; i < row * res->colsz; i++)
		if (offs[i] != SIZE_MAX)
			res->cells[i] = res->data + offs[i];
	rc = RC_OK;
out:
	free(offs);
	mysql_stmt_free_result(s);
	mysql_free_result(meta);
	/*
	 * libmariadb keeps what a stored result took with its statement, for
	 * as long as the statement lives (160 KB after the statistics of a
	 * busy shop, in a process that lives for days): a statement whose
	 * result was long is closed, and prepared again on its next use.
	 */
	if (res->rowsz * res->colsz > DB_LONG_RESULT_CELLS) {
		mysql_stmt_close(s);
		db->stmts[st] = NULL;
	}
	for (c = 0; c < res->colsz; c++)
		free(bufs[c]);
	free(bufs);
	free(bind);
	free(lens);
	free(nulls);
	return rc;
}

/*
 * Drops a connection found gone, once out of any transaction, so that
 * the next statement opens a new one.
 */
static void
db_drop_broken(struct db *db)
{
	if (db->broken && !db->in_txn) {
		db_disconnect(db);
		db->broken = false;
	}
}

/*
 * After a statement ran: when it changed rows (no result set, affected
 * rows above 0), tells the node's processes that their pages may be out
 * of date (stale_data_bump()): at once outside a transaction, at its
 * commit inside one (a page rendered before the commit must not be kept
 * under the new generation).
 */
static void
note_write(struct db *db, MYSQL_STMT *s)
{
	my_ulonglong n;

	if (mysql_stmt_field_count(s) != 0)
		return;
	n = mysql_stmt_affected_rows(s);
	if (n == 0 || n == (my_ulonglong)-1)
		return;
	if (db->in_txn)
		db->wrote = true;
	else
		stale_data_bump();
}

/*
 * Runs st once; res is NULL for statements without a result set. A
 * connection lost fast outside a transaction (closed while idle) is
 * re-opened and st tried again; one lost slowly (a timeout: the server
 * is stalled) is dropped without a second wait, for the next request to
 * re-open.
 */
static enum rc
db_run(struct db *db, enum sql st, struct db_res *res, uint64_t *affected,
    const char *fmt, va_list ap)
{
	struct timespec t0;
	struct params p;
	MYSQL_STMT *s;
	enum rc rc = RC_DB;
	long ms;
	int tries;

	memset(&p, 0, sizeof(p));
	params_bind(&p, fmt, ap);
	db_drop_broken(db);
	for (tries = 0; tries < 2; tries++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((s = db_stmt(db, st)) == NULL) {
			if (db->my != NULL && !errno_gone(db->last_errno))
				goto out;
			goto lost;
		}
		if (mysql_stmt_param_count(s) != strlen(fmt)) {
			log_err("statement '%s' takes %lu arguments, not %zu",
			    sql_texts[st].name, mysql_stmt_param_count(s),
			    strlen(fmt));
			abort();	/* a programming error: fail loudly */
		}
		if (mysql_stmt_bind_param(s, p.bind) != 0 ||
		    mysql_stmt_execute(s) != 0) {
			unsigned e = mysql_stmt_errno(s);

			if (errno_gone(e)) {
				db->last_errno = e;
				db->broken = true;
				goto lost;
			}
			rc = db_fail(db, st, s);
			goto out;
		}
		db->last_errno = 0;
		if (affected != NULL)
			*affected = mysql_stmt_affected_rows(s);
		note_write(db, s);
		if (res == NULL) {
			rc = RC_OK;
			goto out;
		}
		if (mysql_stmt_store_result(s) != 0) {
			rc = db_fail(db, st, s);
			goto out;
		}
		rc = db_fetch(db, st, s, res);
		goto out;
lost:
		ms = ms_since(&t0);
		/* Inside a transaction the server already rolled it back. */
		if (db->in_txn || tries > 0 || lost_slowly(db, ms)) {
			if (!db_unavailable(db))
				db->last_errno = CR_SERVER_LOST;
			db->broken = true;
			log_err("statement '%s': the database connection is "
			    "lost (after %ld ms)", sql_texts[st].name, ms);
			rc = RC_DB;
			goto out;
		}
		if (db_reconnect(db) != 0) {
			log_err("statement '%s': the database is unreachable",
			    sql_texts[st].name);
			rc = RC_DB;
			goto out;
		}
	}
out:
	db_drop_broken(db);
	params_release(&p);
	return rc;
}

enum rc
db_query(struct db *db, enum sql st, struct db_res *res, const char *fmt, ...)
{
	va_list ap;
	enum rc rc;

	memset(res, 0, sizeof(*res));
	va_start(ap, fmt);
	rc = db_run(db, st, res, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

enum rc
db_exec(struct db *db, enum sql st, uint64_t *affected, const char *fmt, ...)
{
	va_list ap;
	enum rc rc;

	va_start(ap, fmt);
	rc = db_run(db, st, NULL, affected, fmt, ap);
	va_end(ap);
	return rc;
}

int64_t
db_last_id(struct db *db)
{
	return (int64_t)mysql_insert_id(db->my);
}

unsigned
db_errno(struct db *db)
{
	return db->last_errno;
}

/*
 * Turns autocommit off on a live connection, re-opening one that was
 * closed while idle; returns 0, or -1 (logged, last_errno set) when the
 * database cannot be reached.
 */
static int
db_begin(struct db *db)
{
	struct timespec t0;
	unsigned e;

	db_drop_broken(db);
	if (db->my == NULL && db_reconnect(db) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (mysql_autocommit(db->my, 0) == 0)
		return 0;
	e = mysql_errno(db->my);
	if (errno_gone(e) && !lost_slowly(db, ms_since(&t0))) {
		/* The connection may have dropped while idle. */
		if (db_reconnect(db) != 0)
			return -1;
		if (mysql_autocommit(db->my, 0) == 0)
			return 0;
		e = mysql_errno(db->my);
	}
	db->last_errno = e;
	log_err("cannot start a transaction: %s", mysql_error(db->my));
	if (errno_gone(e))
		db_disconnect(db);
	return -1;
}

/* ---- galera: begin ---- */
/*
 * Tries of a transaction that keeps being rolled back by deadlocks; on a
 * Galera cluster a certification conflict (another node committed a write
 * to the same rows first) also surfaces as 1213, at any statement or at
 * COMMIT, and many clients racing for one row lose together.
 */
#define DB_TXN_TRIES	10
#define DB_TXN_PAUSE_MS	2	/* the first pause at most */
#define DB_TXN_PAUSE_MAX_MS	250	/* no pause longer */

/*
 * Sleeps before try number tries + 1: a random time up to 2 ms, 4 ms, 8
 * ms ... 250 ms at most ("full jitter"), so that the losers of one race
 * do not meet again at once.
 */
static void
txn_pause(int tries)
{
	static unsigned seed;
	struct timespec t;
	long cap = DB_TXN_PAUSE_MS << (tries < 8 ? tries - 1 : 7), us;

	if (seed == 0) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		seed = ((unsigned)t.tv_nsec ^ ((unsigned)getpid() << 16)) | 1;
	}
	if (cap > DB_TXN_PAUSE_MAX_MS)
		cap = DB_TXN_PAUSE_MAX_MS;
	us = (long)(rand_r(&seed) % (cap * 1000 + 1));
	t.tv_sec = us / 1000000;
	t.tv_nsec = us % 1000000 * 1000;
	nanosleep(&t, NULL);
}
/* ---- galera: end ---- */

enum rc
db_txn(struct db *db, enum rc (*fn)(struct db *, void *), void *arg)
{
	enum rc rc = RC_DB;
	int attempt;

	for (attempt = 0; attempt < DB_TXN_TRIES; attempt++) {
		if (attempt > 0)
			txn_pause(attempt);
		if (db_begin(db) != 0)
			return RC_DB;
		db->in_txn = true;
		db->wrote = false;
		db->last_errno = 0;
		rc = fn(db, arg);
		if (rc == RC_OK && !db->broken && mysql_commit(db->my) != 0) {
			db->last_errno = mysql_errno(db->my);
			if (errno_gone(db->last_errno))
				db->broken = true;
			log_err("commit failed: %s", mysql_error(db->my));
			rc = RC_DB;
		}
		if (rc == RC_OK && db->broken)
			rc = RC_DB;
		db->in_txn = false;
		if (rc == RC_OK && db->wrote)
			stale_data_bump();
		db->wrote = false;
		/* A gone connection gets no rollback: it would only wait. */
		if (db->broken) {
			db_drop_broken(db);
			break;
		}
		if (rc != RC_OK)
			mysql_rollback(db->my);
		mysql_autocommit(db->my, 1);
		if (rc == RC_OK || db->last_errno != DB_ER_LOCK_DEADLOCK)
			break;
		log_warn("transaction rolled back by a deadlock or a cluster "
		    "conflict (try %d of %d)%s", attempt + 1, DB_TXN_TRIES,
		    attempt + 1 < DB_TXN_TRIES ? "; trying again" : "; giving up");
	}
	if (attempt > 0 && attempt < DB_TXN_TRIES && rc == RC_OK)
		log_warn("transaction committed at try %d", attempt + 1);
	if (rc == RC_DB && db->last_errno == DB_ER_LOCK_WAIT_TIMEOUT)
		rc = RC_CONFLICT;
	return rc;
}

enum rc
db_script(struct db *db, const char *text, size_t len)
{
	int status, n = 1;

	assert(db->flags & DB_MULTI_STATEMENTS);
	if (mysql_real_query(db->my, text, len) != 0)
		goto fail;
	for (;;) {
		MYSQL_RES *r = mysql_store_result(db->my);

		if (r != NULL)
			mysql_free_result(r);
		else if (mysql_field_count(db->my) != 0)
			goto fail;
		n++;
		if ((status = mysql_next_result(db->my)) > 0)
			goto fail;
		if (status < 0)
			break;
	}
	stale_data_bump();
	return RC_OK;
fail:
	stale_data_bump();	/* the statements before it may have written */
	db->last_errno = mysql_errno(db->my);
	log_err("statement %d of the script failed: %s", n,
	    mysql_error(db->my));
	return RC_DB;
}

const char *
db_str(const struct db_res *r, size_t row, size_t col)
{
	const char *s;

	assert(row < r->rowsz && col < r->colsz);
	s = r->cells[row * r->colsz + col];
	return s != NULL ? s : "";
}

int64_t
db_int(const struct db_res *r, size_t row, size_t col)
{
	return strtoll(db_str(r, row, col), NULL, 10);
}

bool
db_null(const struct db_res *r, size_t row, size_t col)
{
	assert(row < r->rowsz && col < r->colsz);
	return r->cells[row * r->colsz + col] == NULL;
}

const char *
db_bytes(const struct db_res *r, size_t row, size_t col, size_t *len)
{
	assert(row < r->rowsz && col < r->colsz);
	*len = r->lens[row * r->colsz + col];
	return db_str(r, row, col);
}

void
db_res_release(struct db_res *r)
{
	free(r->cells);
	free(r->lens);
	free(r->data);
	memset(r, 0, sizeof(*r));
}
