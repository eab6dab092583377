/* deskctl-integ.c: deskctl's commands that connect the desk to the shop platform: import orders (JSON Lines, CSV) and API keys. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/auth.h"
#include "base/clock.h"
#include "base/util.h"
#include "core/orderin.h"
#include "engine/import.h"
#include "store/api_store.h"
#include "store/db.h"

int	integ_import(struct db *, int, char *[]);
int	integ_apikey(struct db *, int, char *[]);
int	integ_webhook(struct db *, int, char *[]);
int	integ_user_email(struct db *, int, char *[]);

#define BATCH_ORDERS	500

struct report {
	bool	 verbose;
	size_t	 counts[IMPORT__MAX];
	size_t	 lines;
};

/* Prints one refusal found before the database. */
static void
report_refused(struct report *rp, size_t line, const char *order_no,
    const struct orderin_err *e)
{
	rp->counts[IMPORT_REFUSED]++;
	printf("line %zu: refused %s: %s: %s\n", line,
	    order_no != NULL ? order_no : "-", e->code, e->msg);
}

/* Imports the batch and prints what happened to each order worth telling. */
static int
flush(struct db *db, struct importer *im, struct orderin *batch, size_t *n,
    struct report *rp)
{
	struct import_result res[BATCH_ORDERS];
	size_t i;

	if (*n == 0)
		return 0;
	if (import_orders(db, im, batch, *n, res, clock_now()) != RC_OK) {
		fprintf(stderr, "deskctl: the database is out of reach; "
		    "orders from line %zu on were not imported\n",
		    batch[0].src_line);
		return -1;
	}
	for (i = 0; i < *n; i++) {
		rp->counts[res[i].outcome]++;
		if (res[i].outcome != IMPORT_REFUSED)
			rp->lines += batch[i].linesz;
		if (res[i].outcome == IMPORT_REFUSED)
			printf("line %zu: refused %s: %s: %s\n",
			    batch[i].src_line, batch[i].order_no, res[i].code,
			    res[i].msg);
		else if (rp->verbose || res[i].msg[0] != '\0')
			printf("line %zu: %s %s%s%s\n", batch[i].src_line,
			    import_outcome_names[res[i].outcome],
			    batch[i].order_no, res[i].msg[0] ? ": " : "",
			    res[i].msg);
		orderin_release(&batch[i]);
	}
	*n = 0;
	return 0;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

/*
 * deskctl import orders [-v] FILE: JSON Lines, or CSV when FILE ends in
 * .csv ("-" = stdin, JSON Lines). Prints a line per refused order (and
 * per order with notes; -v: every order) and the totals. Exits 0 when
 * every order went in, 1 when some were refused, 2 on a usage or file
 * error or when the database went away.
 */
int
integ_import(struct db *db, int argc, char *argv[])
{
	struct orderin *batch;
	struct orderin_csv csv;
	struct orderin_err e;
	struct importer im;
	struct report rp;
	const char *path;
	char *line = NULL;
	size_t n = 0, cap = 0, lineno = 0;
	ssize_t len;
	time_t t0 = time(NULL);
	FILE *f;
	int rc = 2, r;
	bool is_csv;

	memset(&rp, 0, sizeof(rp));
	if (argc >= 1 && strcmp(argv[0], "-v") == 0) {
		rp.verbose = true;
		argc--;
		argv++;
	}
	if (argc != 1) {
		fputs("usage: deskctl import orders [-v] FILE\n", stderr);
		return 2;
	}
	path = argv[0];
	is_csv = ends_with(path, ".csv");
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return 2;
	}
	importer_init(&im, 0);
	batch = xcalloc(BATCH_ORDERS, sizeof(*batch));
	if (is_csv && orderin_csv_open(&csv, f, &e) != 0) {
		fprintf(stderr, "deskctl: %s: %s: %s\n", path, e.code, e.msg);
		goto out;
	}
	for (;;) {
		if (is_csv) {
			r = orderin_csv_next(&csv, &batch[n], &e);
			if (r == 0)
				break;
			if (r < 0) {
				report_refused(&rp, batch[n].src_line,
				    batch[n].order_no, &e);
				orderin_release(&batch[n]);
				continue;
			}
		} else {
			if ((len = getline(&line, &cap, f)) < 0)
				break;
			lineno++;
			while (len > 0 && (line[len - 1] == '\n' ||
			    line[len - 1] == '\r' || line[len - 1] == ' '))
				line[--len] = '\0';
			if (len == 0)
				continue;
			if (orderin_from_json(&batch[n], line, (size_t)len,
			    &e) != 0) {
				report_refused(&rp, lineno, batch[n].order_no, &e);
				orderin_release(&batch[n]);
				continue;
			}
			batch[n].src_line = lineno;
		}
		if (++n == BATCH_ORDERS && flush(db, &im, batch, &n, &rp) != 0)
			goto out;
	}
	if (flush(db, &im, batch, &n, &rp) != 0)
		goto out;
	printf("%zu created, %zu updated, %zu unchanged, %zu refused; "
	    "%zu order lines; %zu buyer accounts created; %lld s\n",
	    rp.counts[IMPORT_CREATED], rp.counts[IMPORT_UPDATED],
	    rp.counts[IMPORT_UNCHANGED], rp.counts[IMPORT_REFUSED], rp.lines,
	    im.buyers_added, (long long)(time(NULL) - t0));
	rc = rp.counts[IMPORT_REFUSED] > 0 ? 1 : 0;
out:
	for (; n > 0; n--)
		orderin_release(&batch[n - 1]);
	free(batch);
	free(line);
	if (is_csv)
		orderin_csv_release(&csv);
	importer_release(&im);
	if (f != stdin)
		fclose(f);
	return rc;
}

/*
 * deskctl apikey add SELLER-LOGIN LABEL [RATE-PER-MINUTE]: prints the new
 * key once. deskctl apikey revoke ID. deskctl apikey list.
 */
int
integ_apikey(struct db *db, int argc, char *argv[])
{
	struct apikey_row *rows = NULL;
	size_t rowsz = 0, i;
	char key[APIKEY_LEN + 1];
	int64_t id;
	long rate;
	enum rc rc;

	if (argc >= 3 && argc <= 4 && strcmp(argv[0], "add") == 0) {
		rate = argc == 4 ? strtol(argv[3], NULL, 10) : 120;
		if (rate < 1) {
			fputs("deskctl: the rate is requests per minute, from 1\n",
			    stderr);
			return 1;
		}
		rc = apikey_create(db, argv[1], argv[2], rate, 0, clock_now(),
		    key, &id);
		if (rc == RC_NOTFOUND) {
			fprintf(stderr, "deskctl: no seller '%s'\n", argv[1]);
			return 1;
		}
		if (rc != RC_OK)
			return 1;
		printf("key %" PRId64 " for %s: %s\n", id, argv[1], key);
		printf("(shown once: only its SHA-256 is kept)\n");
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "revoke") == 0) {
		rc = apikey_revoke(db, strtoll(argv[1], NULL, 10), clock_now());
		if (rc == RC_NOTFOUND) {
			fprintf(stderr, "deskctl: no key %s in use\n", argv[1]);
			return 1;
		}
		if (rc != RC_OK)
			return 1;
		printf("revoked key %s\n", argv[1]);
		return 0;
	}
	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if (apikey_list(db, &rows, &rowsz) != RC_OK)
			return 1;
		for (i = 0; i < rowsz; i++)
			printf("%" PRId64 "\t%s\t%s\t%s\t%s...\t%" PRId64
			    "/min\t%s\n", rows[i].id, rows[i].shop, rows[i].login,
			    rows[i].label, rows[i].prefix, rows[i].rate_per_min,
			    rows[i].revoked_at ? "revoked" : "in use");
		apikey_rows_free(rows, rowsz);
		return 0;
	}
	fputs("usage: deskctl apikey add SELLER-LOGIN LABEL [RATE] | revoke ID "
	    "| list\n", stderr);
	return 1;
}

/*
 * deskctl webhook add SHOP-NAME|platform URL [EVENTS]: registers an
 * endpoint and prints its signing secret. deskctl webhook list: the
 * endpoints and their deliveries by status. deskctl webhook deliveries
 * [N]: the last N deliveries with their attempts. deskctl webhook disable ID.
 */
int
integ_webhook(struct db *db, int argc, char *argv[])
{
	struct db_res res = { 0 };
	char secret[TOKEN_LEN + 1];
	int64_t shop_id = 0;
	size_t i;
	int rc = 1;

	if (argc >= 3 && argc <= 4 && strcmp(argv[0], "add") == 0) {
		if (strcmp(argv[1], "platform") != 0) {
			if (db_query(db, SQL_IMPORT_SHOP, &res, "s", argv[1]) !=
			    RC_OK)
				goto out;
			if (res.rowsz == 0) {
				fprintf(stderr, "deskctl: no shop '%s'\n", argv[1]);
				goto out;
			}
			shop_id = db_int(&res, 0, 0);
		}
		if (strncmp(argv[2], "http://", 7) != 0 &&
		    strncmp(argv[2], "https://", 8) != 0) {
			fputs("deskctl: the URL is http:// or https://\n", stderr);
			goto out;
		}
		if (auth_token(secret) != 0 || db_exec(db, SQL_ENDPOINT_ADD, NULL,
		    "Issst", shop_id, argv[2], secret, argc == 4 ? argv[3] : "",
		    clock_now()) != RC_OK)
			goto out;
		printf("endpoint %" PRId64 " for %s: secret %s\n", db_last_id(db),
		    argv[1], secret);
		rc = 0;
	} else if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if (db_query(db, SQL_ENDPOINT_LIST, &res, "") != RC_OK)
			goto out;
		for (i = 0; i < res.rowsz; i++)
			printf("%s\t%s\t%s\t%s\t%s\t%s pending, %s delivered, "
			    "%s failed\n", db_str(&res, i, 0), *db_str(&res, i, 1) ?
			    db_str(&res, i, 1) : "platform", db_str(&res, i, 2),
			    *db_str(&res, i, 3) ? db_str(&res, i, 3) : "all",
			    db_int(&res, i, 4) ? "disabled" : "enabled",
			    db_str(&res, i, 5), db_str(&res, i, 6),
			    db_str(&res, i, 7));
		rc = 0;
	} else if (argc >= 1 && argc <= 2 && strcmp(argv[0], "deliveries") == 0) {
		if (db_query(db, SQL_DELIVERY_LIST, &res, "i", (int64_t)(argc == 2 ?
		    strtoll(argv[1], NULL, 10) : 50)) != RC_OK)
			goto out;
		for (i = 0; i < res.rowsz; i++)
			printf("%s\tendpoint %s\tevent %s\t%s\t%s\t%s\t%s "
			    "attempts\tlast %s\t%s\n", db_str(&res, i, 0),
			    db_str(&res, i, 1), db_str(&res, i, 2), db_str(&res, i, 3),
			    db_str(&res, i, 4), db_str(&res, i, 5), db_str(&res, i, 6),
			    db_str(&res, i, 7), db_str(&res, i, 8));
		rc = 0;
	} else if (argc == 2 && strcmp(argv[0], "disable") == 0) {
		if (db_exec(db, SQL_ENDPOINT_DISABLE, NULL, "i",
		    (int64_t)strtoll(argv[1], NULL, 10)) == RC_OK)
			rc = 0;
	} else
		fputs("usage: deskctl webhook add SHOP|platform URL [EVENTS] | list "
		    "| deliveries [N] | disable ID\n", stderr);
out:
	db_res_release(&res);
	return rc;
}

/*
 * deskctl user email LOGIN ADDRESS|- [on|off]: sets the address ("-":
 * none) and whether the user gets e-mail notifications (default on).
 */
int
integ_user_email(struct db *db, int argc, char *argv[])
{
	bool on = argc < 3 || strcmp(argv[2], "off") != 0;

	if (argc == 3 && strcmp(argv[2], "on") != 0 && strcmp(argv[2], "off"))
		return fputs("usage: deskctl user email LOGIN ADDRESS|- [on|off]\n",
		    stderr), 1;
	if (strcmp(argv[1], "-") != 0 && (strchr(argv[1], '@') == NULL ||
	    strpbrk(argv[1], " <>\r\n,") != NULL || strlen(argv[1]) > 254))
		return fputs("deskctl: that is not an e-mail address\n", stderr), 1;
	if (db_exec(db, SQL_USER_EMAIL_SET, NULL, "sis", strcmp(argv[1], "-") ?
	    argv[1] : NULL, (int64_t)on, argv[0]) != RC_OK)
		return 1;
	printf("e-mail of '%s': %s, notifications %s\n", argv[0], argv[1],
	    on ? "on" : "off");
	return 0;
}
