/* config.c: reads the one configuration file into struct config, with defaults and clear errors. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	S(db_socket), S(db_name), S(db_user), S(db_password),
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
};

static void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->db_password = xstrdup("");
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

/* Sets one key; returns 0 or -1 with *err set. */
static int
config_set(struct config *cfg, const char *key, const char *val, int lineno,
    char **err)
{
	char *end;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct ckey *k = &keys[i];
		void *field = (char *)cfg + k->off;
		long long n;

		if (strcmp(k->name, key) != 0)
			continue;
		if (k->kind == CK_STR) {
			free(*(char **)field);
			*(char **)field = xstrdup(val);
			return 0;
		}
		errno = 0;
		n = strtoll(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' || n < 0) {
			*err = xasprintf("line %d: '%s' wants a whole number, "
			    "not '%s'", lineno, key, val);
			return -1;
		}
		if (k->kind == CK_SIZE)
			*(size_t *)field = (size_t)n;
		else
			*(int64_t *)field = n;
		return 0;
	}
	*err = xasprintf("line %d: unknown key '%s'", lineno, key);
	return -1;
}

int
config_parse(const char *text, struct config *cfg, char **err)
{
	char *copy = xstrdup(text), *line, *next, *eq;
	int lineno = 0, rc = -1;
	size_t i;

	config_defaults(cfg);
	for (line = copy; line != NULL; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if ((eq = strchr(line, '#')) != NULL)
			*eq = '\0';
		line = trim(line);
		if (*line == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			*err = xasprintf("line %d: expected 'key = value'",
			    lineno);
			goto out;
		}
		*eq = '\0';
		if (config_set(cfg, trim(line), trim(eq + 1), lineno, err))
			goto out;
	}
	if (cfg->db_socket == NULL || cfg->db_name == NULL ||
	    cfg->db_user == NULL || cfg->template_dir == NULL) {
		*err = xstrdup("db_socket, db_name, db_user and template_dir "
		    "are required");
		goto out;
	}
	if (strcmp(cfg->refund_executor, "ledger") != 0 &&
	    strcmp(cfg->refund_executor, "webhook") != 0) {
		*err = xstrdup("refund_executor must be 'ledger' or 'webhook'");
		goto out;
	}
	if (strcmp(cfg->refund_executor, "webhook") == 0 &&
	    *cfg->webhook_url == '\0') {
		*err = xstrdup("refund_executor = webhook needs a webhook_url");
		goto out;
	}
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		int64_t n = *(int64_t *)((char *)cfg + ranges[i].off);

		if (n < ranges[i].min || n > ranges[i].max) {
			*err = ranges[i].max == INT64_MAX ?
			    xasprintf("%s must be at least %" PRId64,
			    ranges[i].name, ranges[i].min) :
			    xasprintf("%s must be %" PRId64 " to %" PRId64,
			    ranges[i].name, ranges[i].min, ranges[i].max);
			goto out;
		}
	}
	if (cfg->max_file_bytes > cfg->max_body_bytes) {
		*err = xstrdup("max_file_bytes must not exceed max_body_bytes");
		goto out;
	}
	rc = 0;
out:
	free(copy);
	if (rc != 0)
		config_release(cfg);
	return rc;
}

int
config_load(const char *path, struct config *cfg, char **err)
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
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	fclose(f);
	buf_add(&text, "", 0);
	rc = config_parse(text.data, cfg, err);
	if (rc != 0) {
		char *e = xasprintf("'%s': %s", path, *err);

		free(*err);
		*err = e;
	}
	buf_release(&text);
	return rc;
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
