/* config.c: reads the one configuration file into struct config, with defaults and clear errors. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/config.h"
#include "base/util.h"

enum ckind { CK_STR, CK_SIZE, CK_INT };

struct ckey {
	const char	*name;
	enum ckind	 kind;
	size_t		 off;
};

#define S(f)	{ #f, CK_STR, offsetof(struct config, f) }
#define Z(f)	{ #f, CK_SIZE, offsetof(struct config, f) }
#define I(f)	{ #f, CK_INT, offsetof(struct config, f) }

static const struct ckey keys[] = {
	S(db_socket), S(db_host), I(db_port), S(db_ssl), S(db_ssl_ca),
	S(db_ssl_capath), S(db_ssl_cert), S(db_ssl_key),
	S(db_name), S(db_user), S(db_password),
	S(template_dir), S(sql_dir), S(locale_dir),
	Z(max_body_bytes), Z(max_file_bytes), Z(max_files), Z(max_parts),
	Z(max_field_bytes),
	I(session_idle_secs), I(session_max_secs),
	I(admin_session_idle_secs),
	I(login_max_failures), I(login_window_secs),
	S(refund_executor), S(webhook_url), I(webhook_timeout_ms),
	I(refund_max_attempts), I(refund_give_up_secs),
	I(db_connect_timeout_secs), I(db_read_timeout_secs),
	I(db_write_timeout_secs),
	S(form_secret), I(worker_batch),
	S(clock_offset_file),
	S(run_dir), I(hash_slots), S(trusted_proxy), I(login_addr_max_failures),
	S(smtp_url), S(mail_from), S(public_url),
	S(db_galera), Z(page_cache_kb),
};

/* Ranges of the numbers that have one; the others are any n >= 0. */
static const struct {
	const char	*name;
	size_t		 off;
	int64_t		 min, max;
} ranges[] = {
	{ "webhook_timeout_ms", offsetof(struct config, webhook_timeout_ms),
	  1, INT64_MAX },
	{ "refund_max_attempts", offsetof(struct config, refund_max_attempts),
	  1, INT64_MAX },
	{ "refund_give_up_secs", offsetof(struct config, refund_give_up_secs),
	  1, INT64_MAX },
	{ "db_connect_timeout_secs",
	  offsetof(struct config, db_connect_timeout_secs), 1, 3600 },
	{ "db_read_timeout_secs", offsetof(struct config, db_read_timeout_secs),
	  1, 3600 },
	{ "db_write_timeout_secs",
	  offsetof(struct config, db_write_timeout_secs), 1, 3600 },
	{ "worker_batch", offsetof(struct config, worker_batch), 1, INT64_MAX },
	{ "db_port", offsetof(struct config, db_port), 1, 65535 },
};

#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->db_password = xstrdup("");
	cfg->db_host = xstrdup("");
	cfg->db_port = 3306;
	cfg->db_ssl = xstrdup("off");
	cfg->db_ssl_ca = xstrdup("");
	cfg->db_ssl_capath = xstrdup("");
	cfg->db_ssl_cert = xstrdup("");
	cfg->db_ssl_key = xstrdup("");
	cfg->sql_dir = xstrdup("sql");
	cfg->locale_dir = xstrdup("po");
	cfg->max_body_bytes = 40u << 20;
	cfg->max_file_bytes = 5u << 20;
	cfg->max_files = 6;
	cfg->max_parts = 64;
	cfg->max_field_bytes = 64u << 10;
	cfg->session_idle_secs = 30 * 60;
	cfg->session_max_secs = 12 * 3600;
	cfg->admin_session_idle_secs = 15 * 60;
	cfg->login_max_failures = 10;
	cfg->login_window_secs = 15 * 60;
	cfg->refund_executor = xstrdup("ledger");
	cfg->webhook_url = xstrdup("");
	cfg->webhook_timeout_ms = 10000;
	cfg->refund_max_attempts = 10;
	cfg->refund_give_up_secs = 3 * 24 * 3600;
	cfg->db_connect_timeout_secs = 3;
	cfg->db_read_timeout_secs = 5;
	cfg->db_write_timeout_secs = 5;
	cfg->form_secret = xstrdup("");
	cfg->worker_batch = 20;
	cfg->clock_offset_file = xstrdup("");
	cfg->run_dir = xstrdup("/run/refund-desk");
	cfg->login_addr_max_failures = 20;
	cfg->trusted_proxy = xstrdup("");
	cfg->smtp_url = xstrdup("");
	cfg->mail_from = xstrdup("refund-desk@localhost");
	cfg->public_url = xstrdup("http://localhost");
	cfg->db_galera = xstrdup("no");
	cfg->page_cache_kb = 256;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Returns the index of key in keys[], or -1. */
static int
key_index(const char *key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			return (int)i;
	return -1;
}

/* Sets keys[k]; returns 0 or -1 with *err set. */
static int
config_set(struct config *cfg, int k, const char *val, int lineno,
    char **err)
{
	void *field = (char *)cfg + keys[k].off;
	char *end;
	long long n;

	if (keys[k].kind == CK_STR) {
		free(*(char **)field);
		*(char **)field = xstrdup(val);
		return 0;
	}
	errno = 0;
	n = strtoll(val, &end, 10);
	if (errno != 0 || end == val || *end != '\0' || n < 0) {
		*err = xasprintf("line %d: %s: wants a whole number, not '%s'",
		    lineno, keys[k].name, val);
		return -1;
	}
	if (keys[k].kind == CK_SIZE)
		*(size_t *)field = (size_t)n;
	else
		*(int64_t *)field = n;
	return 0;
}

/*
 * Reads the value that starts at p (blanks skipped) into a new string:
 * either bare, up to a '#' or the end of the line, without the blanks
 * around it; or in double quotes, where \" and \\ stand for " and \, and
 * only blanks or a comment may follow the closing quote. Returns NULL
 * with *why set (a static reason) when the value is malformed.
 */
static char *
parse_value(const char *p, const char **why)
{
	struct buf b = { 0 };
	char *v;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '"') {
		v = xstrdup(p);
		if (strchr(v, '#') != NULL)
			*strchr(v, '#') = '\0';
		p = trim(v);
		memmove(v, p, strlen(p) + 1);
		if (strchr(v, '"') != NULL) {
			free(v);
			*why = "a '\"' inside a value: put the whole value in "
			    "double quotes and write \\\" for each quote in it";
			return NULL;
		}
		return v;
	}
	for (p++; *p != '"'; p++) {
		if (*p == '\0') {
			buf_release(&b);
			*why = "the value's quotes are not closed (a value is "
			    "one line)";
			return NULL;
		}
		if (*p == '\\') {
			p++;
			if (*p != '"' && *p != '\\') {
				buf_release(&b);
				*why = "in double quotes a backslash may only "
				    "come before '\"' or '\\'";
				return NULL;
			}
		}
		buf_add(&b, p, 1);
	}
	for (p++; *p == ' ' || *p == '\t' || *p == '\r'; p++)
		;
	if (*p != '\0' && *p != '#') {
		buf_release(&b);
		*why = "text after the closing quote (a comment starts with "
		    "'#')";
		return NULL;
	}
	buf_add(&b, "", 1);
	return b.data;
}

/* Whether s is a key's spelling: lower-case letters, digits, '_'. */
static bool
key_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return false;
	return true;
}

int
config_parse(const char *text, struct config *cfg, char **err)
{
	char *copy = xstrdup(text), *line, *next, *eq, *key, *val;
	int lineno = 0, rc = -1, k;
	int where[NKEYS];	/* the line that set each key; 0: default */
	const char *why = NULL;
	size_t i;

	memset(where, 0, sizeof(where));
	config_defaults(cfg);
	for (line = copy; line != NULL; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			*err = xasprintf("line %d: expected 'key = value', "
			    "not '%.40s'", lineno, line);
			goto out;
		}
		*eq = '\0';
		key = trim(line);
		if (!key_word(key)) {
			*err = xasprintf("line %d: '%.40s' is not a key "
			    "(expected 'key = value')", lineno, key);
			goto out;
		}
		if ((k = key_index(key)) < 0) {
			*err = xasprintf("line %d: unknown key '%s'", lineno,
			    key);
			goto out;
		}
		if ((val = parse_value(eq + 1, &why)) == NULL) {
			*err = xasprintf("line %d: %s: %s", lineno, key, why);
			goto out;
		}
		rc = config_set(cfg, k, val, lineno, err);
		free(val);
		if (rc != 0)
			goto out;
		rc = -1;
		where[k] = lineno;
	}
#define LINE(f)	where[key_index(#f)]
	if ((cfg->db_socket == NULL || *cfg->db_socket == '\0') &&
	    *cfg->db_host == '\0') {
		*err = xstrdup("db_socket or db_host: one is required (the "
		    "database's unix socket, or its host name for TCP)");
		goto out;
	}
	if (cfg->db_socket != NULL && *cfg->db_socket != '\0' &&
	    *cfg->db_host != '\0') {
		*err = xasprintf("line %d: db_host: set db_socket or db_host, "
		    "not both", LINE(db_host));
		goto out;
	}
	if (cfg->db_name == NULL || cfg->db_user == NULL ||
	    cfg->template_dir == NULL) {
		*err = xasprintf("%s: required, but not set (db_name, db_user "
		    "and template_dir are required)",
		    cfg->db_name == NULL ? "db_name" : cfg->db_user == NULL ?
		    "db_user" : "template_dir");
		goto out;
	}
	if (strcmp(cfg->db_ssl, "off") != 0 && strcmp(cfg->db_ssl, "on") != 0 &&
	    strcmp(cfg->db_ssl, "verify") != 0) {
		*err = xasprintf("line %d: db_ssl: must be off, on or verify, "
		    "not '%s'", LINE(db_ssl), cfg->db_ssl);
		goto out;
	}
	if (strcmp(cfg->db_ssl, "verify") == 0 && *cfg->db_ssl_ca == '\0' &&
	    *cfg->db_ssl_capath == '\0') {
		*err = xasprintf("line %d: db_ssl: verify needs db_ssl_ca or "
		    "db_ssl_capath (the authority that signed the server's "
		    "certificate)", LINE(db_ssl));
		goto out;
	}
	if ((*cfg->db_ssl_cert == '\0') != (*cfg->db_ssl_key == '\0')) {
		*err = xasprintf("line %d: %s: db_ssl_cert and db_ssl_key go "
		    "together", *cfg->db_ssl_cert != '\0' ? LINE(db_ssl_cert) :
		    LINE(db_ssl_key), *cfg->db_ssl_cert != '\0' ?
		    "db_ssl_cert" : "db_ssl_key");
		goto out;
	}
	if (strcmp(cfg->db_galera, "yes") != 0 &&
	    strcmp(cfg->db_galera, "no") != 0) {
		*err = xasprintf("line %d: db_galera: must be yes or no, not "
		    "'%s'", LINE(db_galera), cfg->db_galera);
		goto out;
	}
	if (strcmp(cfg->refund_executor, "ledger") != 0 &&
	    strcmp(cfg->refund_executor, "webhook") != 0) {
		*err = xasprintf("line %d: refund_executor: must be 'ledger' "
		    "or 'webhook', not '%s'", LINE(refund_executor),
		    cfg->refund_executor);
		goto out;
	}
	if (strcmp(cfg->refund_executor, "webhook") == 0 &&
	    *cfg->webhook_url == '\0') {
		*err = xasprintf("line %d: refund_executor: webhook needs a "
		    "webhook_url", LINE(refund_executor));
		goto out;
	}
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		int64_t n = *(int64_t *)((char *)cfg + ranges[i].off);
		int at = where[key_index(ranges[i].name)];

		if (n < ranges[i].min || n > ranges[i].max) {
			*err = ranges[i].max == INT64_MAX ?
			    xasprintf("line %d: %s must be at least %" PRId64
			    ", not %" PRId64, at, ranges[i].name,
			    ranges[i].min, n) :
			    xasprintf("line %d: %s must be %" PRId64 " to %"
			    PRId64 ", not %" PRId64, at, ranges[i].name,
			    ranges[i].min, ranges[i].max, n);
			goto out;
		}
	}
	if (cfg->max_file_bytes > cfg->max_body_bytes) {
		*err = xasprintf("line %d: max_file_bytes must not exceed "
		    "max_body_bytes", LINE(max_file_bytes) ?
		    LINE(max_file_bytes) : LINE(max_body_bytes));
		goto out;
	}
#undef LINE
	if (cfg->db_socket == NULL)
		cfg->db_socket = xstrdup("");
	rc = 0;
out:
	free(copy);
	if (rc != 0)
		config_release(cfg);
	return rc;
}

/*
 * Reads and parses the file at path (NULL: $REFUND_DESK_CONF, else the
 * default) into cfg, and its mode into *st. No check of the mode: that is
 * config_load()'s, and deskctl check-config reports it with the rest.
 * Returns 0, or -1 with *err (to free) naming the file.
 */
int
config_read(const char *path, struct config *cfg, struct stat *st,
    char **err)
{
	struct buf text = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f;
	int rc;

	if (path == NULL)
		path = getenv(CONFIG_ENV);
	if (path == NULL || *path == '\0')
		path = CONFIG_DEFAULT;
	if ((f = fopen(path, "r")) == NULL) {
		*err = xasprintf("cannot open '%s': %s (set %s to the "
		    "configuration file)", path, strerror(errno), CONFIG_ENV);
		return -1;
	}
	if (fstat(fileno(f), st) != 0)
		memset(st, 0, sizeof(*st));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	fclose(f);
	buf_add(&text, "", 1);
	rc = config_parse(text.data, cfg, err);
	buf_release(&text);
	if (rc != 0) {
		char *e = xasprintf("'%s': %s", path, *err);

		free(*err);
		*err = e;
	}
	return rc;
}

int
config_load(const char *path, struct config *cfg, char **err)
{
	struct stat st;

	if (path == NULL)
		path = getenv(CONFIG_ENV);
	if (path == NULL || *path == '\0')
		path = CONFIG_DEFAULT;
	if (config_read(path, cfg, &st, err) != 0)
		return -1;
	if (st.st_mode & S_IWOTH) {
		*err = xasprintf("'%s': anyone may write it (mode %04o): "
		    "chmod o-w '%s'", path, (unsigned)(st.st_mode & 07777),
		    path);
		config_release(cfg);
		return -1;
	}
	if ((st.st_mode & S_IROTH) &&
	    (*cfg->db_password != '\0' || *cfg->form_secret != '\0')) {
		*err = xasprintf("'%s': %s: the file holds a secret but anyone "
		    "may read it (mode %04o): chmod 0640 '%s' and give it the "
		    "programs' group", path, *cfg->db_password != '\0' ?
		    "db_password" : "form_secret",
		    (unsigned)(st.st_mode & 07777), path);
		config_release(cfg);
		return -1;
	}
	return 0;
}

void
config_release(struct config *cfg)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].kind == CK_STR)
			free(*(char **)((char *)cfg + keys[i].off));
	memset(cfg, 0, sizeof(*cfg));
}
