/* deskctl.c: the command-line tool: migrate the schema, add users and shops, disable accounts and reset passwords, load the demo data. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gd.h>

#include "base/auth.h"
#include "engine/cases.h"
#include "executor/worker.h"
#include "base/clock.h"
#include "base/config.h"
#include "store/db.h"
#include "engine/image.h"
#include "base/log.h"
#include "store/session.h"
#include "base/util.h"
#include "store/accounts.h"

int	cmd_integ(struct db *db, int argc, char *argv[]);	/* deskctl-integ.c */

static const char usage[] =
    "usage: deskctl [-c CONFIG] COMMAND\n"
    "commands:\n"
    "  migrate                                 apply new sql/NNN_*.sql files\n"
    "  user add ROLE LOGIN NAME [SHOP-NAME]    add a user; password on stdin\n"
    "  user disable|enable LOGIN               disable (ending its sessions) or enable\n"
    "  user reset LOGIN                        set a new password (on stdin)\n"
    "  shop add NAME CUR LABEL RECIPIENT PHONE ADDRESS\n"
    "                                          add a shop and its return address\n"
    "  seed-demo                               load the demo data and cases once\n"
    "  reconcile                               check the ledger against the cases\n"
    "  sweep [-e SECONDS]                      act on passed deadlines and retry\n"
    "                                          refunds; with -e, again every SECONDS\n"
    "  import orders [-v] FILE                 import orders (JSON Lines, or .csv)\n"
    "  apikey add SELLER LABEL [RATE] | revoke ID | list\n"
    "  webhook add SHOP|platform URL [EVENTS] | list | deliveries [N] | disable ID\n"
    "  user email LOGIN ADDRESS|- [on|off]     e-mail address and notifications\n";

/* Reads a whole file; returns 0 or -1 with a message on stderr. */
static int
read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	buf_add(out, "", 0);
	return 0;
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
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

/*
 * Applies every migration file not yet recorded in schema_migrations, in
 * order, and records each with its SHA-256; warns when an applied file
 * has changed since. Returns 0 or 1.
 */
static int
cmd_migrate(const struct config *cfg, struct db *db)
{
	struct dirent **ents = NULL;
	struct db_res done;
	int i, n, rc = 1, applied = 0;
	size_t j;

	memset(&done, 0, sizeof(done));
	if (db_exec(db, SQL_MIGRATIONS_CREATE, NULL, "") != RC_OK ||
	    db_query(db, SQL_MIGRATIONS_LIST, &done, "") != RC_OK)
		return 1;
	if ((n = scandir(cfg->sql_dir, &ents, is_migration, by_name)) < 0) {
		perror(cfg->sql_dir);
		goto out;
	}
	for (i = 0; i < n; i++) {
		int version = atoi(ents[i]->d_name);
		unsigned char sum[32];
		char sumhex[65], *path;
		struct buf text = { 0 };
		bool seen = false;

		path = xasprintf("%s/%s", cfg->sql_dir, ents[i]->d_name);
		if (read_file(path, &text) != 0) {
			free(path);
			goto out;
		}
		free(path);
		auth_sha256(text.data, text.len, sum);
		hex(sum, sizeof(sum), sumhex);
		for (j = 0; j < done.rowsz; j++)
			if (db_int(&done, j, 0) == version) {
				seen = true;
				if (strcmp(db_str(&done, j, 2), sumhex) != 0)
					fprintf(stderr, "deskctl: warning: "
					    "'%s' changed after it was "
					    "applied\n", ents[i]->d_name);
			}
		if (seen) {
			buf_release(&text);
			continue;
		}
		printf("applying %s\n", ents[i]->d_name);
		/* DDL commits by itself in MariaDB: a failed file must be fixed by hand. */
		if (db_script(db, text.data, text.len) != RC_OK ||
		    db_exec(db, SQL_MIGRATION_RECORD, NULL, "isst",
		    (int64_t)version, ents[i]->d_name, sumhex,
		    clock_now()) != RC_OK) {
			fprintf(stderr, "deskctl: migration '%s' failed\n",
			    ents[i]->d_name);
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
	return rc;
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

/* deskctl user add ROLE LOGIN NAME [SHOP]: returns 0 or 1. */
static int
cmd_user_add(struct db *db, int argc, char *argv[])
{
	struct db_res shop;
	enum role role;
	int64_t shop_id = 0;
	char *pw = NULL, *hash = NULL;
	int rc = 1;
	enum rc e;

	memset(&shop, 0, sizeof(shop));
	if (argc < 3 || argc > 4 || !role_from_name(argv[0], &role)) {
		fputs(usage, stderr);
		return 1;
	}
	if ((role == ROLE_SELLER) != (argc == 4)) {
		fputs("deskctl: a seller needs a shop name; others none\n",
		    stderr);
		return 1;
	}
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

/* deskctl shop add NAME CURRENCY LABEL RECIPIENT PHONE ADDRESS: returns 0 or 1. */
static int
cmd_shop_add(struct db *db, int argc, char *argv[])
{
	struct actor_who w = deskctl_who();
	struct new_shop s;
	int64_t id;
	enum rc rc;

	if (argc != 6 || strlen(argv[1]) != 3) {
		fputs("usage: deskctl shop add NAME CURRENCY LABEL RECIPIENT "
		    "PHONE ADDRESS\n", stderr);
		return 1;
	}
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

/* deskctl user disable|enable LOGIN (disabling ends its sessions): returns 0 or 1. */
static int
cmd_user_disable(struct db *db, int argc, char *argv[], bool disabled)
{
	struct actor_who w = deskctl_who();
	char login[80];
	int64_t id;
	enum rc rc;

	if (argc != 1) {
		fprintf(stderr, "usage: deskctl user %s LOGIN\n", disabled ?
		    "disable" : "enable");
		return 1;
	}
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

/* deskctl user reset LOGIN, the new password on stdin (ends its sessions): returns 0 or 1. */
static int
cmd_user_reset(struct db *db, int argc, char *argv[])
{
	struct actor_who w = deskctl_who();
	char login[80], *line = NULL, *hash = NULL;
	size_t cap = 0;
	ssize_t n;
	int64_t id;
	int ret = 1;
	enum rc rc;

	if (argc != 1) {
		fputs("usage: deskctl user reset LOGIN (password on stdin)\n",
		    stderr);
		return 1;
	}
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

/* Makes a small PNG photo with libgd and processes it like an upload. */
static int
demo_photo(struct image *img)
{
	gdImagePtr im = gdImageCreateTrueColor(320, 240);
	const char *why;
	void *png;
	int size, x, rc;

	if (im == NULL)
		return -1;
	for (x = 0; x < 320; x++)
		gdImageLine(im, x, 0, x, 239, gdTrueColor(180 + x / 8, 90, 60));
	gdImageFilledRectangle(im, 40, 60, 280, 180, gdTrueColor(240, 240,
	    230));
	gdImageLine(im, 60, 70, 260, 170, gdTrueColor(20, 20, 20));
	png = gdImagePngPtr(im, &size);
	gdImageDestroy(im);
	if (png == NULL)
		return -1;
	rc = image_process(png, (size_t)size, img, &why) == RC_OK ? 0 : -1;
	gdFree(png);
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
 * Loads sql/demo/seed.sql into a migrated, empty database, with every
 * demo account's password "demo" (one hash shared by the demo accounts).
 * Does nothing when the demo data is already there. Returns 0 or 1.
 */
static int
cmd_seed_demo(const struct config *cfg, struct db *db)
{
	struct buf text = { 0 };
	struct db_res res;
	char *path, *hash = NULL;
	int rc = 1;

	if (db_query(db, SQL_DEMO_SEEDED, &res, "") != RC_OK)
		return 1;
	if (db_int(&res, 0, 0) > 0) {
		puts("demo data already loaded; nothing to do");
		db_res_release(&res);
		return 0;
	}
	db_res_release(&res);
	path = xasprintf("%s/demo/seed.sql", cfg->sql_dir);
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
cmd_reconcile(struct db *db)
{
	struct db_res r;
	size_t i;
	int rc;

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
 * One pass of the worker (deskd) by hand: applies passed deadlines and
 * executes due refunds, until nothing more is due; with -e, again every
 * SECONDS (deskd is the supervised way). Returns 0 or 1.
 */
static int
cmd_sweep(const struct config *cfg, struct db *db, int argc, char *argv[])
{
	struct worker_stats st;
	long every = 0;
	int acted, settled;
	bool more;

	if (argc == 2 && strcmp(argv[0], "-e") == 0)
		every = strtol(argv[1], NULL, 10);
	else if (argc != 0) {
		fputs(usage, stderr);
		return 1;
	}
	for (;;) {
		clock_load_offset(cfg->clock_offset_file);
		memset(&st, 0, sizeof(st));
		do {
			if (worker_pass(db, cfg, clock_now(), NULL, &st,
			    &more) != RC_OK)
				return 1;
		} while (more);
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

int
main(int argc, char *argv[])
{
	struct config cfg;
	struct db *db = NULL;
	const char *conf = NULL;
	char *err = NULL;
	int c, rc = 1;

	while ((c = getopt(argc, argv, "+c:h")) != -1)
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		default:
			fputs(usage, stderr);
			return c == 'h' ? 0 : 1;
		}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fputs(usage, stderr);
		return 1;
	}
	if (config_load(conf, &cfg, &err) != 0) {
		fprintf(stderr, "deskctl: %s\n", err);
		free(err);
		return 1;
	}
	if ((db = db_open(&cfg, DB_MULTI_STATEMENTS, &err)) == NULL) {
		fprintf(stderr, "deskctl: %s\n", err);
		free(err);
		goto out;
	}
	if ((rc = cmd_integ(db, argc, argv)) >= 0)
		;	/* import orders, apikey (deskctl-integ.c) */
	else if (strcmp(argv[0], "migrate") == 0 && argc == 1)
		rc = cmd_migrate(&cfg, db);
	else if (strcmp(argv[0], "user") == 0 && argc >= 2 &&
	    strcmp(argv[1], "add") == 0)
		rc = cmd_user_add(db, argc - 2, argv + 2);
	else if (strcmp(argv[0], "user") == 0 && argc >= 2 &&
	    strcmp(argv[1], "disable") == 0)
		rc = cmd_user_disable(db, argc - 2, argv + 2, true);
	else if (strcmp(argv[0], "user") == 0 && argc >= 2 &&
	    strcmp(argv[1], "enable") == 0)
		rc = cmd_user_disable(db, argc - 2, argv + 2, false);
	else if (strcmp(argv[0], "user") == 0 && argc >= 2 &&
	    strcmp(argv[1], "reset") == 0)
		rc = cmd_user_reset(db, argc - 2, argv + 2);
	else if (strcmp(argv[0], "shop") == 0 && argc >= 2 &&
	    strcmp(argv[1], "add") == 0)
		rc = cmd_shop_add(db, argc - 2, argv + 2);
	else if (strcmp(argv[0], "seed-demo") == 0 && argc == 1)
		rc = cmd_seed_demo(&cfg, db);
	else if (strcmp(argv[0], "reconcile") == 0 && argc == 1)
		rc = cmd_reconcile(db);
	else if (strcmp(argv[0], "sweep") == 0)
		rc = cmd_sweep(&cfg, db, argc - 1, argv + 1);
	else
		fputs(usage, stderr);
out:
	db_free(db);
	config_release(&cfg);
	return rc;
}
