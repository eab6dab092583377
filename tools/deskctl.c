/* deskctl.c: the command-line tool: check the configuration, migrate the schema, add users and shops, disable accounts and reset passwords, load the demo data. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "base/auth.h"
#include "engine/aggregates.h"
#include "engine/cases.h"
#include "engine/counts.h"
#include "executor/worker.h"
#include "base/clock.h"
#include "base/config.h"
#include "store/db.h"
#include "engine/image.h"
#include "base/log.h"
#include "base/stale.h"
#include "store/session.h"
#include "base/token.h"
#include "base/util.h"
#include "base/i18n.h"
#include "web/tmpl.h"
#include "store/accounts.h"

/* Exit statuses: 0 done, 1 the command failed, 2 it was called wrongly. */
#define EXIT_FAIL	1
#define EXIT_USAGE	2

/* Where seed-demo looks when sql_dir has no demo/seed.sql (make install, the package). */
#ifndef DESK_DEMO_SEED
#define DESK_DEMO_SEED	"/usr/local/share/refund-desk/demo/seed.sql"
#endif

/* What every command gets: the configuration and, if it asked, a connection. */
struct ctx {
	const char	*conf_path;	/* -c, or NULL for the default */
	struct config	 cfg;
	struct db	*db;
};

/* What a command needs opened before it runs. */
enum cmd_needs {
	NEEDS_NOTHING,	/* reads the configuration itself */
	NEEDS_DB,	/* the configuration and a connection */
};

/*
 * One command of deskctl: one or two words, its arguments for the usage
 * line, what it does, how many arguments it takes after its words (max -1:
 * any), what it needs opened, its function, which returns an exit status
 * (0, EXIT_FAIL or EXIT_USAGE), and optionally a pure check of its
 * arguments (usage mistakes are found before the configuration or the
 * database are touched). To add a command, add a row to commands[] below.
 */
struct command {
	const char	*name;
	const char	*args;
	const char	*help;
	int		 min_args, max_args;
	enum cmd_needs	 needs;
	int		(*run)(struct ctx *, int, char *[]);
	/* Optional: checks the arguments before anything is opened. */
	int		(*check)(const struct command *, int, char *[]);
};

static const struct command commands[];
static const size_t commandsz;

/* Prints the whole usage (to stdout for --help, stderr after a mistake). */
static void
usage(FILE *f)
{
	size_t i;

	fputs("usage: deskctl [-c CONFIG] COMMAND [ARGUMENTS]\n"
	    "       deskctl --help | --version\n"
	    "options:\n"
	    "  -c, --config FILE   the configuration file (default $"
	    CONFIG_ENV ",\n"
	    "                      else " CONFIG_DEFAULT ")\n"
	    "  -h, --help          this text\n"
	    "  -V, --version       the version\n"
	    "commands (deskctl COMMAND --help for one):\n", f);
	for (i = 0; i < commandsz; i++) {
		char left[128];

		snprintf(left, sizeof(left), "%s%s%s", commands[i].name,
		    *commands[i].args != '\0' ? " " : "", commands[i].args);
		if (strlen(left) > 28)
			fprintf(f, "  %s\n  %-28s  %s\n", left, "",
			    commands[i].help);
		else
			fprintf(f, "  %-28s  %s\n", left, commands[i].help);
	}
	fputs("exit status: 0 done, 1 failed, 2 wrong usage; "
	    "see deskctl(8)\n", f);
}

/* Prints one command's usage line. */
static void
cmd_usage(const struct command *c, FILE *f)
{
	fprintf(f, "usage: deskctl %s%s%s\n  %s\n", c->name,
	    *c->args != '\0' ? " " : "", c->args, c->help);
}

/* Reports a usage mistake of command c and returns EXIT_USAGE. */
static int
usage_error(const struct command *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;

	fputs("deskctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c != NULL)
		cmd_usage(c, stderr);
	else
		usage(stderr);
	return EXIT_USAGE;
}

/*
 * Reads a whole number from s into *out: digits only, min to max. Returns
 * true, or false for anything else ("abc", "5s", "", out of range).
 */
static bool
parse_number(const char *s, long min, long max, long *out)
{
	char *end;
	long n;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/* Reads a whole file; returns 0 or -1 with a message on stderr. */
static int
read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "deskctl: cannot read '%s': %s\n", path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	buf_add(out, "", 0);	/* data is never NULL, and ends in a NUL */
	return 0;
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/* The hex SHA-256 of n bytes at p into out (65 bytes). */
static void
sha256_hex(const char *p, size_t n, char *out)
{
	unsigned char sum[32];

	auth_sha256(p, n, sum);
	hex(sum, sizeof(sum), out);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Selects "NNN_name.sql". */
static int
is_migration(const struct dirent *e)
{
	const char *n = e->d_name;
	size_t len = strlen(n);

	return len > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' &&
	    n[1] <= '9' && n[2] >= '0' && n[2] <= '9' && n[3] == '_' &&
	    strcmp(n + len - 4, ".sql") == 0;
}

/* One statement of a migration file: where it starts and ends, its line. */
struct stmt {
	const char	*p;
	size_t		 len;	/* up to, not with, its ';' */
	int		 line;
};

/*
 * Splits the SQL text into statements at the semicolons that are not in
 * a quoted string ('', "", ``) or a comment (--, #, / * * /). Pieces with
 * nothing but space and comments are dropped. Returns the number of
 * statements, *out an array to free.
 */
static size_t
split_sql(const char *text, size_t len, struct stmt **out)
{
	struct stmt *v = NULL;
	size_t n = 0, cap = 0, i = 0, start = 0;
	int line = 1, start_line = 1;
	bool content = false;

	while (i <= len) {
		char c = i < len ? text[i] : ';';

		if (c == '\n')
			line++;
		if (c == '\'' || c == '"' || c == '`') {
			char q = c;

			content = true;
			for (i++; i < len && text[i] != q; i++) {
				if (text[i] == '\n')
					line++;
				if (text[i] == '\\' && q != '`' && i + 1 < len)
					i++;
			}
			i++;
			continue;
		}
		if ((c == '-' && i + 2 < len && text[i + 1] == '-' &&
		    (text[i + 2] == ' ' || text[i + 2] == '\t' ||
		    text[i + 2] == '\n')) || c == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(text[i] == '*' &&
			    text[i + 1] == '/'); i++)
				if (text[i] == '\n')
					line++;
			i += 2;
			continue;
		}
		if (c == ';') {
			if (content) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					v = xrealloc(v, cap * sizeof(*v));
				}
				v[n].p = text + start;
				v[n].len = i - start;
				v[n].line = start_line;
				n++;
			}
			content = false;
			start = i + 1;
			i++;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
		    !content) {
			content = true;
			start = i;
			start_line = line;
		}
		i++;
	}
	*out = v;
	return n;
}

/* The hex SHA-256 of the first k statements (the part of a file already run). */
static void
prefix_sha(const struct stmt *v, size_t k, char *out)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < k; i++) {
		buf_add(&b, v[i].p, v[i].len);
		buf_add(&b, ";\n", 2);
	}
	sha256_hex(b.data != NULL ? b.data : "", b.len, out);
	buf_release(&b);
}

/* What migrate_one() needs in its transaction: the statement and its progress. */
struct step {
	const struct stmt	*st;
	int64_t			 version;
	int64_t			 done;
	const char		*file_sha;
	const char		*done_sha;
};

/* Runs one statement and records it done, in one transaction (DDL commits at once). */
static enum rc
migrate_step(struct db *db, void *arg)
{
	const struct step *s = arg;
	enum rc rc;

	if ((rc = db_script(db, s->st->p, s->st->len)) != RC_OK)
		return rc;
	return db_exec(db, SQL_MIGRATION_PROGRESS_SET, NULL, "issi", s->done,
	    s->file_sha, s->done_sha, s->version);
}

/* Records a finished migration and drops its progress row, in one transaction. */
struct finish {
	int64_t		 version;
	const char	*name;
	const char	*sha;
};

static enum rc
migrate_finish(struct db *db, void *arg)
{
	const struct finish *f = arg;
	enum rc rc;

	if ((rc = db_exec(db, SQL_MIGRATION_RECORD, NULL, "isst", f->version,
	    f->name, f->sha, clock_now())) != RC_OK)
		return rc;
	return db_exec(db, SQL_MIGRATION_PROGRESS_DROP, NULL, "i", f->version);
}

/*
 * Applies one migration file, statement by statement, resuming after the
 * statements an earlier, failed run finished when those are unchanged.
 * Each statement and its progress row commit together; MariaDB commits a
 * DDL statement (CREATE, ALTER, DROP) by itself at once, so what a DDL
 * statement did stays even if a later one fails: the progress row is what
 * lets a second run start at the failed statement instead of the first.
 * Returns 0 or -1 (reported).
 */
static int
migrate_one(struct db *db, int64_t version, const char *name,
    const struct buf *text, const struct db_res *prog)
{
	struct stmt *v = NULL;
	char file_sha[65], done_sha[65];
	size_t n, i, start = 0, r;
	int rc = -1;

	sha256_hex(text->data, text->len, file_sha);
	n = split_sql(text->data, text->len, &v);
	for (r = 0; r < prog->rowsz; r++) {
		int64_t k;

		if (db_int(prog, r, 0) != version)
			continue;
		k = db_int(prog, r, 2);
		if (k < 0 || (size_t)k > n) {
			fprintf(stderr, "deskctl: %s: %lld statements ran "
			    "before, the file now has %zu; restore it\n",
			    name, (long long)k, n);
			goto out;
		}
		prefix_sha(v, (size_t)k, done_sha);
		if (strcmp(done_sha, db_str(prog, r, 3)) != 0) {
			fprintf(stderr, "deskctl: %s: refusing: its first "
			    "%lld statements ran already and have changed "
			    "since; restore them (only the statements from "
			    "%lld on may be fixed)\n", name, (long long)k,
			    (long long)k + 1);
			goto out;
		}
		start = (size_t)k;
	}
	if (start > 0)
		printf("resuming %s at statement %zu of %zu\n", name,
		    start + 1, n);
	else {
		printf("applying %s\n", name);
		prefix_sha(v, 0, done_sha);
		if (db_exec(db, SQL_MIGRATION_PROGRESS_START, NULL, "issis",
		    version, name, file_sha, (int64_t)0, done_sha) != RC_OK)
			goto out;
	}
	for (i = start; i < n; i++) {
		struct step s;

		prefix_sha(v, i + 1, done_sha);
		s.st = &v[i];
		s.version = version;
		s.done = (int64_t)(i + 1);
		s.file_sha = file_sha;
		s.done_sha = done_sha;
		if (db_txn(db, migrate_step, &s) != RC_OK) {
			fprintf(stderr, "deskctl: %s: statement %zu of %zu "
			    "(line %d) failed; the %zu before it stay "
			    "applied; fix the cause (or that statement) "
			    "and run deskctl migrate again to resume there\n",
			    name, i + 1, n, v[i].line, i);
			goto out;
		}
	}
	{
		struct finish f = { version, name, file_sha };

		if (db_txn(db, migrate_finish, &f) != RC_OK)
			goto out;
	}
	rc = 0;
out:
	free(v);
	return rc;
}

/*
 * deskctl migrate: checks that no applied migration file has changed
 * since (refusing, with the file's name, before anything runs), then
 * applies the files of sql_dir not yet recorded, in order. Returns an exit
 * status.
 */
static int
cmd_migrate(struct ctx *x, int argc, char *argv[])
{
	const char *dir = x->cfg.sql_dir;
	struct dirent **ents = NULL;
	struct db_res done, prog;
	int i, n = 0, rc = EXIT_FAIL, applied = 0, changed = 0;
	size_t j;

	(void)argc;
	(void)argv;
	memset(&done, 0, sizeof(done));
	memset(&prog, 0, sizeof(prog));
	if (db_exec(x->db, SQL_MIGRATIONS_CREATE, NULL, "") != RC_OK ||
	    db_exec(x->db, SQL_MIGRATION_PROGRESS_CREATE, NULL, "") != RC_OK ||
	    db_query(x->db, SQL_MIGRATIONS_LIST, &done, "") != RC_OK ||
	    db_query(x->db, SQL_MIGRATION_PROGRESS_LIST, &prog, "") != RC_OK)
		goto out;
	if ((n = scandir(dir, &ents, is_migration, by_name)) < 0) {
		fprintf(stderr, "deskctl: sql_dir '%s': %s\n", dir,
		    strerror(errno));
		n = 0;
		goto out;
	}
	/* First every applied file against its checksum. */
	for (i = 0; i < n; i++) {
		struct buf text = { 0 };
		char sum[65], *path;

		for (j = 0; j < done.rowsz; j++)
			if (db_int(&done, j, 0) == atoi(ents[i]->d_name))
				break;
		if (j == done.rowsz)
			continue;
		path = xasprintf("%s/%s", dir, ents[i]->d_name);
		if (read_file(path, &text) != 0) {
			free(path);
			goto out;
		}
		sha256_hex(text.data, text.len, sum);
		if (strcmp(db_str(&done, j, 2), sum) != 0) {
			fprintf(stderr, "deskctl: %s: changed after it was "
			    "applied (recorded sha256 %.12s..., the file "
			    "now %.12s...); restore it and put the change in "
			    "a new migration\n", path, db_str(&done, j, 2),
			    sum);
			changed++;
		}
		free(path);
		buf_release(&text);
	}
	if (changed > 0) {
		fprintf(stderr, "deskctl: migrate refused: %d applied "
		    "migration%s changed; nothing was applied\n", changed,
		    changed == 1 ? "" : "s");
		goto out;
	}
	for (i = 0; i < n; i++) {
		int version = atoi(ents[i]->d_name);
		struct buf text = { 0 };
		char *path;

		for (j = 0; j < done.rowsz; j++)
			if (db_int(&done, j, 0) == version)
				break;
		if (j < done.rowsz)
			continue;
		path = xasprintf("%s/%s", dir, ents[i]->d_name);
		if (read_file(path, &text) != 0) {
			free(path);
			goto out;
		}
		free(path);
		if (migrate_one(x->db, version, ents[i]->d_name, &text,
		    &prog) != 0) {
			buf_release(&text);
			goto out;
		}
		buf_release(&text);
		applied++;
	}
	printf("%d migration%s applied; the schema is up to date\n", applied,
	    applied == 1 ? "" : "s");
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	db_res_release(&done);
	db_res_release(&prog);
	return rc;
}

/* Reports one problem of check-config as FILE: KEY: REASON. */
static void
problem(int *count, const char *file, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(int *count, const char *file, const char *key, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", file, key);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	(*count)++;
}

/* Checks that dir/file exists (file NULL: that dir is a folder); else reports under key. */
static void
check_dir(int *count, const char *conf, const char *key, const char *dir,
    const char *file)
{
	struct stat st;
	char *path;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		problem(count, conf, key, "'%s' is not a folder%s%s", dir,
		    errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
		return;
	}
	if (file == NULL)
		return;
	path = xasprintf("%s/%s", dir, file);
	if (access(path, R_OK) != 0)
		problem(count, conf, key, "'%s' cannot be read: %s", path,
		    strerror(errno));
	free(path);
}

/* tmpl_load_all() callback for cmd_check_config: the catalogue's translation. */
static const char *
check_translate(int lang, const char *msgid)
{
	return i18n_tr((enum lang)lang, msgid);
}

/*
 * deskctl check-config [--no-db]: reads the configuration file and
 * reports, one line each (FILE: KEY: REASON) on stderr, what would stop
 * or weaken the programs: a parse error, a file readable by every user
 * that holds a secret, missing folders, a missing or short form_secret, a
 * webhook without a URL, a database that does not answer or is not
 * migrated (a statement that does not prepare), a template that does not
 * parse. Returns 0 when there is nothing to report, else EXIT_FAIL.
 */
static int
cmd_check_config(struct ctx *x, int argc, char *argv[])
{
	const char *conf = x->conf_path;
	struct config *cfg = &x->cfg;
	struct stat st;
	char *err = NULL;
	int count = 0;
	bool db = true;

	(void)argv;
	if (argc == 1)
		db = false;	/* --no-db, as check_config_check() saw */
	if (conf == NULL || *conf == '\0')
		conf = getenv(CONFIG_ENV);
	if (conf == NULL || *conf == '\0')
		conf = CONFIG_DEFAULT;
	if (stat(conf, &st) != 0) {
		fprintf(stderr, "%s: -: cannot read: %s\n", conf,
		    strerror(errno));
		return EXIT_FAIL;
	}
	if (config_read(conf, cfg, &st, &err) != 0) {
		/* config_read names the file, the line and the key. */
		fprintf(stderr, "%s\n", err);
		free(err);
		return EXIT_FAIL;
	}
	if ((st.st_mode & S_IWOTH) != 0)
		problem(&count, conf, "-", "every user can write it (mode "
		    "%04o): chmod o-w", st.st_mode & 07777);
	if ((st.st_mode & S_IROTH) != 0 && (*cfg->db_password != '\0' ||
	    *cfg->form_secret != '\0'))
		problem(&count, conf, *cfg->db_password != '\0' ?
		    "db_password" : "form_secret", "the file holds a secret "
		    "and every user can read it (mode %04o): chmod 0640 and "
		    "chgrp it to the programs' group", st.st_mode & 07777);
	errno = 0;
	check_dir(&count, conf, "template_dir", cfg->template_dir,
	    "layout.tpl");
	errno = 0;
	check_dir(&count, conf, "sql_dir", cfg->sql_dir, "001_schema.sql");
	errno = 0;
	check_dir(&count, conf, "locale_dir", cfg->locale_dir, NULL);
	/*
	 * The programs parse each template on first use (tmpl_init): parse
	 * them all here, in every language, as the programs would.
	 */
	if (i18n_load(cfg->locale_dir, &err) != 0 ||
	    tmpl_load_all(cfg->template_dir, LANG__MAX, check_translate,
	    &err) != 0) {
		problem(&count, conf, "template_dir", "%s", err);
		free(err);
		err = NULL;
	}
	tmpl_free_all();
	if (!form_secret_ok(cfg->form_secret))
		problem(&count, conf, "form_secret", "empty or too short: "
		    "the web programs refuse to start; set at least 32 "
		    "random characters, the same on every web node");
	if (strcmp(cfg->refund_executor, "webhook") == 0 &&
	    strncmp(cfg->webhook_url, "https://", 8) != 0 &&
	    strncmp(cfg->webhook_url, "http://", 7) != 0)
		problem(&count, conf, "webhook_url", "'%s' is not an http:// "
		    "or https:// URL", cfg->webhook_url);
	if (db) {
		struct db *d = db_open(cfg, 0, &err);

		if (d == NULL) {
			problem(&count, conf, "db_socket", "cannot connect "
			    "to the database: %s", err);
			free(err);
			err = NULL;
		} else {
			if (db_prepare_all(d, &err) != 0) {
				problem(&count, conf, "db_name", "%s", err);
				free(err);
				err = NULL;
			}
			db_free(d);
		}
	}
	if (count > 0) {
		fprintf(stderr, "deskctl: %s: %d problem%s\n", conf, count,
		    count == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	printf("%s: no problems found%s\n", conf, db ? "" :
	    " (database not tried)");
	return 0;
}

/* Reads one line from stdin without its newline; returns a string to free, or NULL. */
static char *
read_password(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (isatty(0))
		fputs("password: ", stderr);
	if ((n = getline(&line, &cap, stdin)) <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* deskctl user add ROLE LOGIN NAME [SHOP]: returns an exit status. */
static int
cmd_user_add(struct ctx *x, int argc, char *argv[])
{
	struct db *db = x->db;
	struct db_res shop;
	enum role role;
	int64_t shop_id = 0;
	char *pw = NULL, *hash = NULL;
	int rc = 1;
	enum rc e;

	memset(&shop, 0, sizeof(shop));
	if (!role_from_name(argv[0], &role))
		return EXIT_USAGE;	/* user_add_check() said so already */
	if (argc == 4) {
		if (db_query(db, SQL_SHOP_BY_NAME, &shop, "s", argv[3]) !=
		    RC_OK)
			goto out;
		if (shop.rowsz != 1) {
			fprintf(stderr, "deskctl: no shop '%s'\n", argv[3]);
			goto out;
		}
		shop_id = db_int(&shop, 0, 0);
	}
	if ((pw = read_password()) == NULL || strlen(pw) < 8) {
		fputs("deskctl: give a password of at least 8 characters on "
		    "standard input\n", stderr);
		goto out;
	}
	if ((hash = auth_hash_password(pw)) == NULL)
		goto out;
	e = db_exec(db, SQL_USER_INSERT, NULL, "ssssIt", role_names[role],
	    argv[1], argv[2], hash, shop_id, clock_now());
	if (e == RC_CONFLICT)
		fprintf(stderr, "deskctl: login '%s' is taken\n", argv[1]);
	if (e != RC_OK)
		goto out;
	printf("added %s '%s'\n", role_names[role], argv[1]);
	rc = 0;
out:
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(hash);
	db_res_release(&shop);
	return rc;
}

/* The actor of the audit rows deskctl writes. */
static struct actor_who
deskctl_who(void)
{
	struct actor_who w = { 0, "deskctl", clock_now() };

	return w;
}

/* deskctl shop add NAME CURRENCY LABEL RECIPIENT PHONE ADDRESS: returns an exit status. */
static int
cmd_shop_add(struct ctx *x, int argc, char *argv[])
{
	struct db *db = x->db;
	struct actor_who w = deskctl_who();
	struct new_shop s;
	int64_t id;
	enum rc rc;

	(void)argc;
	s.name = argv[0];
	s.currency = argv[1];
	s.label = argv[2];
	s.recipient = argv[3];
	s.phone = argv[4];
	s.address = argv[5];
	rc = account_shop_add(db, &w, &s, &id);
	if (rc == RC_CONFLICT)
		fprintf(stderr, "deskctl: shop '%s' exists already\n", argv[0]);
	else if (rc == RC_INVALID)
		fputs("deskctl: the database refused a value (currency in "
		    "capitals, no empty field)\n", stderr);
	if (rc != RC_OK)
		return 1;
	printf("added shop '%s' (id %lld) with its return address\n", argv[0],
	    (long long)id);
	return 0;
}

/* deskctl user disable|enable LOGIN (disabling ends its sessions): returns an exit status. */
static int
user_disable(struct db *db, int argc, char *argv[], bool disabled)
{
	struct actor_who w = deskctl_who();
	char login[80];
	int64_t id;
	enum rc rc;

	(void)argc;
	rc = account_find(db, 0, argv[0], &id, login, sizeof(login));
	if (rc == RC_NOTFOUND)
		fprintf(stderr, "deskctl: no user '%s'\n", argv[0]);
	if (rc != RC_OK ||
	    account_set_disabled(db, &w, id, disabled) != RC_OK)
		return 1;
	printf("%s '%s'%s\n", disabled ? "disabled" : "enabled", login,
	    disabled ? "; its sessions ended" : "");
	return 0;
}

static int
cmd_user_disable(struct ctx *x, int argc, char *argv[])
{
	return user_disable(x->db, argc, argv, true);
}

static int
cmd_user_enable(struct ctx *x, int argc, char *argv[])
{
	return user_disable(x->db, argc, argv, false);
}

/* deskctl user reset LOGIN, the new password on stdin (ends its sessions): returns an exit status. */
static int
cmd_user_reset(struct ctx *x, int argc, char *argv[])
{
	struct db *db = x->db;
	struct actor_who w = deskctl_who();
	char login[80], *line = NULL, *hash = NULL;
	size_t cap = 0;
	ssize_t n;
	int64_t id;
	int ret = 1;
	enum rc rc;

	(void)argc;
	rc = account_find(db, 0, argv[0], &id, login, sizeof(login));
	if (rc == RC_NOTFOUND)
		fprintf(stderr, "deskctl: no user '%s'\n", argv[0]);
	if (rc != RC_OK)
		return 1;
	if (isatty(0))
		fputs("new password: ", stderr);
	if ((n = getline(&line, &cap, stdin)) > 0)
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
	if (line == NULL || strlen(line) < 8) {
		fputs("deskctl: give a password of at least 8 characters on "
		    "standard input\n", stderr);
		goto out;
	}
	if ((hash = auth_hash_password(line)) == NULL ||
	    account_set_password(db, &w, id, hash) != RC_OK)
		goto out;
	printf("new password for '%s'; its sessions ended\n", login);
	ret = 0;
out:
	if (line != NULL)
		explicit_bzero(line, strlen(line));
	free(line);
	free(hash);
	return ret;
}

/* One demo case: whose order, in which delivery state, and how far it goes. */
struct demo_case {
	const char	*buyer;
	bool		 shipped;
	bool		 delivered;
	int64_t		 max_cents;	/* of the first line */
	enum case_type	 type;
	const char	*reason;
	bool		 photo;
	const char	*description;
	enum case_event	 steps[4];	/* applied in order; EV__MAX ends */
};

static const struct demo_case demo_cases[] = {
	{ "buyer1", true, true, 100000000, CASE_RETURN_REFUND, "no_reason_7d",
	  false, "The colour is darker than in the photos.", { EV__MAX } },
	{ "buyer2", true, true, 100000000, CASE_REFUND_ONLY, "damaged", true,
	  "The box arrived crushed and one corner is cracked.",
	  { EV_OFFER, EV__MAX } },
	{ "buyer3", true, true, 100000000, CASE_RETURN_REFUND, "quality", true,
	  "The seam opened after two days of normal use.",
	  { EV_REJECT, EV_ESCALATE, EV__MAX } },
	{ "buyer4", true, true, 100000000, CASE_RETURN_REFUND, "no_reason_7d",
	  false, "Too small for me.", { EV_APPROVE_RETURN, EV__MAX } },
	{ "buyer5", true, true, 100000000, CASE_EXCHANGE, "no_reason_7d", false,
	  "I need the next size up.",
	  { EV_APPROVE_RETURN, EV_SHIP_RETURN, EV__MAX } },
	{ "buyer6", true, false, 100000000, CASE_REFUND_ONLY, "not_received", false,
	  "Tracking has not moved for days.", { EV__MAX } },
	{ "buyer7", true, true, 100000000, CASE_RETURN_REFUND, "no_reason_7d",
	  false, "Changed my mind.",
	  { EV_APPROVE_RETURN, EV_SHIP_RETURN, EV_CONFIRM_RECEIPT, EV__MAX } },
};

/*
 * Makes a small PNG photo (a brown gradient, a pale card, a dark line
 * across it) with libpng's simplified API and processes it like an upload.
 */
static int
demo_photo(struct image *img)
{
	enum { W = 320, H = 240 };
	unsigned char *px, *p;
	png_image pi;
	png_alloc_size_t size = 0;
	const char *why;
	int x, y, rc = -1;

	px = xmalloc(W * H * 3);
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++) {
			p = px + (y * W + x) * 3;
			if (x >= 40 && x <= 280 && y >= 60 && y <= 180)
				p[0] = 240, p[1] = 240, p[2] = 230;
			else
				p[0] = 180 + x / 8, p[1] = 90, p[2] = 60;
		}
	for (x = 60; x <= 260; x++) {
		p = px + ((70 + (x - 60) / 2) * W + x) * 3;
		p[0] = p[1] = p[2] = 20;
	}
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = W;
	pi.height = H;
	pi.format = PNG_FORMAT_RGB;
	if (png_image_write_to_memory(&pi, NULL, &size, 0, px, 0, NULL)) {
		p = xmalloc(size);
		if (png_image_write_to_memory(&pi, p, &size, 0, px, 0, NULL))
			rc = image_process(p, size, img, &why) == RC_OK ? 0 :
			    -1;
		free(p);
	}
	free(px);
	return rc;
}

/*
 * Opens the demo cases through the case engine and takes each through its
 * steps, so that every desk has something to show. A buyer without a
 * matching order is skipped. Returns 0 or -1.
 */
static int
seed_cases(const struct config *cfg, struct db *db)
{
	struct image img;
	struct case_photo photo = { &img, "photo.png" };
	time_t now = clock_now();
	size_t i, j;
	int made = 0, failed = 0;

	if (demo_photo(&img) != 0) {
		fputs("deskctl: cannot make the demo photo\n", stderr);
		return -1;
	}
	for (i = 0; i < sizeof(demo_cases) / sizeof(demo_cases[0]); i++) {
		const struct demo_case *dc = &demo_cases[i];
		struct case_line_req line;
		struct case_request rq;
		struct db_res o, s;
		enum rules_field field;
		const char *why = NULL;
		int64_t id;

		if (db_query(db, SQL_DEMO_ORDER, &o, "siiti", dc->buyer,
		    (int64_t)dc->shipped, (int64_t)dc->delivered,
		    now - 5 * 86400, dc->max_cents) != RC_OK)
			return -1;
		if (o.rowsz == 0) {
			db_res_release(&o);
			continue;
		}
		memset(&rq, 0, sizeof(rq));
		line.order_line_id = db_int(&o, 0, 3);
		line.quantity = db_int(&o, 0, 4);
		rq.buyer_id = db_int(&o, 0, 1);
		rq.order_id = db_int(&o, 0, 0);
		rq.type = dc->type;
		rq.reason_code = dc->reason;
		rq.goods_received = dc->delivered;
		rq.whole = true;
		rq.description = dc->description;
		rq.photos = &photo;
		rq.photosz = dc->photo ? 1 : 0;
		rq.lines = &line;
		rq.linesz = 1;
		if (case_open(db, cfg, &rq, now, &id, &field, &why) != RC_OK ||
		    db_query(db, SQL_DEMO_SELLER, &s, "i", db_int(&o, 0, 2)) !=
		    RC_OK || s.rowsz == 0) {
			fprintf(stderr, "deskctl: demo case of %s: %s\n",
			    dc->buyer, why != NULL ? why : "failed");
			db_res_release(&o);
			failed++;
			continue;
		}
		for (j = 0; j < 4 && dc->steps[j] != EV__MAX; j++) {
			struct case_action a;
			bool buyer = dc->steps[j] == EV_ESCALATE ||
			    dc->steps[j] == EV_SHIP_RETURN;

			memset(&a, 0, sizeof(a));
			a.ev = dc->steps[j];
			a.who = buyer ? ACTOR_BUYER : ACTOR_SELLER;
			a.actor_id = buyer ? rq.buyer_id : db_int(&s, 0, 0);
			a.actor_shop_id = db_int(&o, 0, 2);
			/* Only what the event's form offers (core/machine). */
			if (machine_event_needs(a.ev, EVF_AMOUNT) != NEED_NONE)
				a.amount_cents = 1000;
			a.note = a.ev == EV_OFFER ? "Keep it, and we refund 10.00 "
			    "with a coupon for your next order." :
			    a.ev == EV_REJECT ? "The photos show normal wear." :
			    a.ev == EV_ESCALATE ? "It is a defect, not wear." :
			    NULL;
			if (machine_event_needs(a.ev, EVF_SHIPPING) != NEED_NONE) {
				a.carrier = "SF Express";
				a.waybill = "SF1400023457789";
			}
			if (case_act(db, cfg, id, &a, now + 60 * (int)(j + 1),
			    &why) != RC_OK) {
				fprintf(stderr, "deskctl: demo case of %s, step "
				    "%s: %s\n", dc->buyer,
				    case_event_name(a.ev), why != NULL ? why :
				    "failed");
				failed++;
			}
		}
		db_res_release(&s);
		db_res_release(&o);
		made++;
	}
	image_release(&img);
	printf("%d demo cases opened\n", made);
	return failed == 0 ? 0 : -1;
}

/*
 * deskctl seed-demo [FILE]: loads the demo data (FILE, else
 * sql_dir/demo/seed.sql in a checkout, else DESK_DEMO_SEED where make
 * install and the refund-desk-demo package put it; never a migration)
 * into a migrated, empty database, with every demo account's password
 * "demo" (one hash shared by the demo accounts). Does nothing when the
 * demo data is already there. Returns an exit status.
 */
static int
cmd_seed_demo(struct ctx *x, int argc, char *argv[])
{
	const struct config *cfg = &x->cfg;
	struct db *db = x->db;
	struct buf text = { 0 };
	struct db_res res;
	char *path = NULL, *hash = NULL;
	int rc = 1;

	if (db_query(db, SQL_DEMO_SEEDED, &res, "") != RC_OK)
		return 1;
	if (db_int(&res, 0, 0) > 0) {
		puts("demo data already loaded; nothing to do");
		db_res_release(&res);
		return 0;
	}
	db_res_release(&res);
	if (argc == 1)
		path = xstrdup(argv[0]);
	else {
		path = xasprintf("%s/demo/seed.sql", cfg->sql_dir);
		if (access(path, F_OK) != 0) {
			free(path);
			path = xstrdup(DESK_DEMO_SEED);
		}
	}
	if (read_file(path, &text) != 0)
		goto out;
	if ((hash = auth_hash_password("demo")) == NULL)
		goto out;
	if (db_exec(db, SQL_DEMO_SET_HASH, NULL, "s", hash) != RC_OK ||
	    db_script(db, text.data, text.len) != RC_OK) {
		fprintf(stderr, "deskctl: '%s' failed to load\n", path);
		goto out;
	}
	puts("demo data loaded");
	rc = seed_cases(cfg, db) == 0 ? 0 : 1;
	/* The demo orders came in by SQL: count them (engine/counts.c). */
	if (rc == 0 && counts_rebuild(db) != RC_OK)
		rc = 1;
out:
	free(path);
	free(hash);
	buf_release(&text);
	return rc;
}

/*
 * Checks the money invariants: no line refunded above what was paid, every
 * refunded case has exactly one succeeded ledger row of its amount, lines
 * agree with their cases. Prints each breach; returns 0 when there is none.
 */
static int
cmd_reconcile(struct ctx *x, int argc, char *argv[])
{
	struct db *db = x->db;
	struct db_res r;
	size_t i;
	int rc;

	(void)argc;
	(void)argv;
	if (db_query(db, SQL_RECONCILE, &r, "") != RC_OK)
		return 1;
	for (i = 0; i < r.rowsz; i++)
		printf("BROKEN: %s: id %s (%s)\n", db_str(&r, i, 0),
		    db_str(&r, i, 1), db_str(&r, i, 2));
	printf("reconcile: %zu problem%s\n", r.rowsz, r.rowsz == 1 ? "" : "s");
	rc = r.rowsz == 0 ? 0 : 1;
	db_res_release(&r);
	return rc;
}

/*
 * deskctl recount: rebuilds the kept counts (engine/counts.c, sql/015)
 * from the cases and orders, in one transaction. Returns an exit status.
 */
static int
cmd_recount(struct ctx *x, int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	if (counts_rebuild(x->db) != RC_OK) {
		fprintf(stderr, "deskctl: recount failed\n");
		return 1;
	}
	puts("recount: done");
	return 0;
}

/*
 * Tells the desk's processes on this node that rows were changed by
 * hand: each reads its sessions, policy and pages again at their next
 * use (stale.h), instead of within a second.
 */
static int
cmd_refresh(struct ctx *x, int argc, char *argv[])
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	if (config_load(x->conf_path, &x->cfg, &err) != 0) {
		fprintf(stderr, "deskctl: %s\n", err);
		free(err);
		return EXIT_FAIL;
	}
	if (stale_open(x->cfg.run_dir, false) != 0) {
		puts("refresh: no desk program has started on this node");
		return 0;
	}
	stale_bump();
	puts("refresh: done");
	return 0;
}

/* Checks sweep's arguments: nothing, or -e and a number of seconds. */
static int
sweep_check(const struct command *c, int argc, char *argv[])
{
	long every;

	if (argc == 0)
		return 0;
	if (argc != 2 || strcmp(argv[0], "-e") != 0)
		return usage_error(c, "sweep: unknown argument '%s'", argv[0]);
	if (!parse_number(argv[1], 1, 86400, &every))
		return usage_error(c, "sweep: -e wants a whole number of "
		    "seconds from 1 to 86400, not '%s'", argv[1]);
	return 0;
}

/* Checks user add's role and that only a seller names a shop. */
static int
user_add_check(const struct command *c, int argc, char *argv[])
{
	enum role role;

	if (!role_from_name(argv[0], &role))
		return usage_error(c, "user add: no role '%s' (buyer, seller "
		    "or admin)", argv[0]);
	if ((role == ROLE_SELLER) != (argc == 4))
		return usage_error(c, "user add: a seller needs a shop name; "
		    "others none");
	return 0;
}

/* Checks shop add's currency code. */
static int
shop_add_check(const struct command *c, int argc, char *argv[])
{
	(void)argc;
	if (strlen(argv[1]) != 3)
		return usage_error(c, "shop add: the currency is a "
		    "three-letter code (CNY), not '%s'", argv[1]);
	return 0;
}

/* Checks check-config's one option. */
static int
check_config_check(const struct command *c, int argc, char *argv[])
{
	if (argc == 1 && strcmp(argv[0], "--no-db") != 0)
		return usage_error(c, "check-config: unknown argument '%s'",
		    argv[0]);
	return 0;
}

/*
 * deskctl sweep [-e SECONDS]: one pass of the worker (deskd) by hand:
 * applies passed deadlines and executes due refunds, until nothing more is
 * due; with -e, again every SECONDS (deskd is the supervised way). Returns
 * an exit status.
 */
static int
cmd_sweep(struct ctx *x, int argc, char *argv[])
{
	const struct config *cfg = &x->cfg;
	struct worker_stats st;
	long every = 0;
	int acted, settled;
	bool more;

	if (argc == 2 && !parse_number(argv[1], 1, 86400, &every))
		return EXIT_USAGE;	/* sweep_check() said so already */
	for (;;) {
		clock_load_offset(cfg->clock_offset_file);
		memset(&st, 0, sizeof(st));
		do {
			if (worker_pass(x->db, cfg, clock_now(), NULL, &st,
			    &more) != RC_OK)
				return EXIT_FAIL;
		} while (more);
		/* The admin's totals and analytics as of now (issue 12). */
		if (admin_aggregates_pass(x->db, clock_now(), true) != RC_OK)
			return EXIT_FAIL;
		acted = st.deadlines;
		settled = st.paid;
		if (acted > 0 || settled > 0 || every == 0)
			printf("sweep: %d case%s acted on, %d refund%s settled\n",
			    acted, acted == 1 ? "" : "s", settled,
			    settled == 1 ? "" : "s");
		fflush(stdout);
		if (every <= 0)
			return 0;
		sleep((unsigned)every);
	}
}

/* The commands, in the order the usage lists them; one row each. */
/* The commands of tools/deskctl-integ.c (issue 11), on the connection. */
int	integ_import(struct db *, int, char *[]);
int	integ_apikey(struct db *, int, char *[]);
int	integ_webhook(struct db *, int, char *[]);
int	integ_user_email(struct db *, int, char *[]);
static int run_import(struct ctx *x, int c, char *v[]) { return integ_import(x->db, c, v); }
static int run_apikey(struct ctx *x, int c, char *v[]) { return integ_apikey(x->db, c, v); }
static int run_webhook(struct ctx *x, int c, char *v[]) { return integ_webhook(x->db, c, v); }
static int run_user_email(struct ctx *x, int c, char *v[]) { return integ_user_email(x->db, c, v); }

static const struct command commands[] = {
	{ "check-config", "[--no-db]", "check the configuration (and the "
	  "database)", 0, 1, NEEDS_NOTHING, cmd_check_config,
	  check_config_check },
	{ "migrate", "", "apply new sql/NNN_*.sql; refuse changed ones", 0,
	  0, NEEDS_DB, cmd_migrate, NULL },
	{ "user add", "ROLE LOGIN NAME [SHOP-NAME]", "add a user; password "
	  "on stdin", 3, 4, NEEDS_DB, cmd_user_add, user_add_check },
	{ "user disable", "LOGIN", "disable a user, ending its sessions", 1,
	  1, NEEDS_DB, cmd_user_disable, NULL },
	{ "user enable", "LOGIN", "enable a disabled user", 1, 1, NEEDS_DB,
	  cmd_user_enable, NULL },
	{ "user reset", "LOGIN", "set a new password (on stdin)", 1, 1,
	  NEEDS_DB, cmd_user_reset, NULL },
	{ "shop add", "NAME CUR LABEL RECIPIENT PHONE ADDRESS", "add a shop "
	  "and its return address", 6, 6, NEEDS_DB, cmd_shop_add,
	  shop_add_check },
	{ "seed-demo", "[FILE]", "load the demo data once (not for "
	  "production)", 0, 1, NEEDS_DB, cmd_seed_demo, NULL },
	{ "reconcile", "", "check the ledger against the cases", 0, 0,
	  NEEDS_DB, cmd_reconcile, NULL },
	{ "recount", "", "rebuild the kept counts from the cases", 0, 0,
	  NEEDS_DB, cmd_recount, NULL },
	{ "refresh", "", "after SQL by hand: the node's programs read "
	  "again what they kept", 0, 0, NEEDS_NOTHING, cmd_refresh, NULL },
	{ "sweep", "[-e SECONDS]", "apply deadlines, pay refunds; -e: "
	  "repeat", 0, 2, NEEDS_DB, cmd_sweep, sweep_check },
	{ "import orders", "[-v] FILE", "import orders (JSON Lines, or .csv)",
	  1, 2, NEEDS_DB, run_import, NULL },
	{ "apikey", "add SELLER LABEL [RATE] | revoke ID | list", "the shops' "
	  "API keys", 1, 4, NEEDS_DB, run_apikey, NULL },
	{ "webhook", "add SHOP|platform URL [EVENTS] | list | deliveries [N] "
	  "| disable ID", "webhook endpoints", 1, 4, NEEDS_DB, run_webhook,
	  NULL },
	{ "user email", "LOGIN ADDRESS|- [on|off]", "e-mail address and "
	  "notifications", 2, 3, NEEDS_DB, run_user_email, NULL },
};
static const size_t commandsz = sizeof(commands) / sizeof(commands[0]);

/*
 * Finds the command named by the first one or two words of argv; *words
 * is how many it took. Returns the row, or NULL.
 */
static const struct command *
command_match(int argc, char *argv[], int *words)
{
	size_t i, n;

	for (i = 0; i < commandsz; i++) {
		const char *name = commands[i].name, *sp = strchr(name, ' ');

		if (sp == NULL) {
			if (strcmp(argv[0], name) == 0) {
				*words = 1;
				return &commands[i];
			}
			continue;
		}
		n = (size_t)(sp - name);
		if (argc >= 2 && strlen(argv[0]) == n &&
		    strncmp(argv[0], name, n) == 0 &&
		    strcmp(argv[1], sp + 1) == 0) {
			*words = 2;
			return &commands[i];
		}
	}
	return NULL;
}

/* Tells whether word is the first word of some command ("user"). */
static bool
command_group(const char *word)
{
	size_t i, n = strlen(word);

	for (i = 0; i < commandsz; i++)
		if (strncmp(commands[i].name, word, n) == 0 &&
		    commands[i].name[n] == ' ')
			return true;
	return false;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd;
	struct ctx x;
	char *err = NULL;
	int c, i, words = 0, rc = EXIT_FAIL;

	memset(&x, 0, sizeof(x));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+c:hV", longopts, NULL)) != -1)
		switch (c) {
		case 'c':
			x.conf_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("deskctl (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			return 0;
		default:
			if (optopt == 'c')
				return usage_error(NULL, "-c wants a file");
			return usage_error(NULL, "unknown option '%s'",
			    argv[optind - 1]);
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage_error(NULL, "a command is missing");
	if ((cmd = command_match(argc, argv, &words)) == NULL) {
		if (command_group(argv[0]))
			return usage_error(NULL, "unknown command '%s %s'",
			    argv[0], argc > 1 ? argv[1] : "");
		return usage_error(NULL, "unknown command '%s'", argv[0]);
	}
	argc -= words;
	argv += words;
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			cmd_usage(cmd, stdout);
			return 0;
		}
	if (argc < cmd->min_args || (cmd->max_args >= 0 &&
	    argc > cmd->max_args))
		return usage_error(cmd, "%s: wrong number of arguments (%d)",
		    cmd->name, argc);
	if (cmd->check != NULL && (rc = cmd->check(cmd, argc, argv)) != 0)
		return rc;
	if (cmd->needs == NEEDS_NOTHING) {
		rc = cmd->run(&x, argc, argv);
		goto out;
	}
	if (config_load(x.conf_path, &x.cfg, &err) != 0) {
		fprintf(stderr, "deskctl: %s\n", err);
		free(err);
		return EXIT_FAIL;
	}
	if ((x.db = db_open(&x.cfg, DB_MULTI_STATEMENTS, &err)) == NULL) {
		fprintf(stderr, "deskctl: %s\n", err);
		free(err);
		goto out;
	}
	/* So that a disabled account or a new policy reaches the programs at once. */
	(void)stale_open(x.cfg.run_dir, false);
	rc = cmd->run(&x, argc, argv);
out:
	db_free(x.db);
	config_release(&x.cfg);
	return rc;
}
