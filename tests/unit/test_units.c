/* test_units.c: cmocka tests of the small pure pieces: routes, configuration, tokens and passwords, money and time formatting. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <mysql.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base/auth.h"
#include "base/clock.h"
#include "base/config.h"
#include "base/i18n.h"
#include "base/token.h"
#include "web/http.h"
#include "web/route.h"
#include "store/sql.h"
#include "base/util.h"

static void
test_route_match(void **state)
{
	int64_t ids[ROUTE_IDS] = { 0, 0 };

	(void)state;
	assert_true(route_match("", "", ids));
	assert_false(route_match("", "orders", ids));
	assert_true(route_match("orders", "orders", ids));
	assert_false(route_match("orders", "orders/", ids));
	assert_false(route_match("orders", "order", ids));
	assert_false(route_match("orders", "ordersx", ids));
	assert_true(route_match("case/#", "case/17", ids));
	assert_int_equal(ids[0], 17);
	assert_false(route_match("case/#", "case/", ids));
	assert_false(route_match("case/#", "case/0", ids));
	assert_false(route_match("case/#", "case/017", ids));
	assert_false(route_match("case/#", "case/-1", ids));
	assert_false(route_match("case/#", "case/1x", ids));
	assert_false(route_match("case/#", "case/99999999999999999999", ids));
	assert_false(route_match("case/#", "case/1/2", ids));
	assert_true(route_match("case/#/evidence/#", "case/5/evidence/9", ids));
	assert_int_equal(ids[0], 5);
	assert_int_equal(ids[1], 9);
	assert_false(route_match("case/#/evidence/#", "case/5/evidence", ids));
	assert_false(route_match("case/new", "case/7", ids));
}

static void
test_config_parse(void **state)
{
	struct config cfg;
	char *err = NULL;

	(void)state;
	assert_int_equal(config_parse("db_socket = /s\ndb_name=d # c\n"
	    "db_user = u\ntemplate_dir = /t\nmax_files = 3\n", &cfg, &err), 0);
	assert_string_equal(cfg.db_socket, "/s");
	assert_string_equal(cfg.db_name, "d");
	assert_int_equal(cfg.max_files, 3);
	assert_int_equal(cfg.session_idle_secs, 1800);
	assert_string_equal(cfg.refund_executor, "ledger");
	assert_int_equal(cfg.refund_max_attempts, 10);
	assert_int_equal(cfg.refund_give_up_secs, 259200);
	assert_int_equal(cfg.db_connect_timeout_secs, 3);
	assert_int_equal(cfg.db_read_timeout_secs, 5);
	assert_int_equal(cfg.db_write_timeout_secs, 5);
	assert_string_equal(cfg.form_secret, "");
	assert_int_equal(cfg.worker_batch, 20);
	config_release(&cfg);

	assert_int_equal(config_parse("db_socket=/s\ndb_name=d\ndb_user=u\n"
	    "template_dir=/t\nrefund_max_attempts = 3\n"
	    "refund_give_up_secs = 60\ndb_connect_timeout_secs = 1\n"
	    "db_read_timeout_secs = 2\ndb_write_timeout_secs = 3600\n"
	    "form_secret = 0123456789abcdef0123456789abcdef\n"
	    "worker_batch = 1\n", &cfg, &err), 0);
	assert_int_equal(cfg.refund_max_attempts, 3);
	assert_int_equal(cfg.refund_give_up_secs, 60);
	assert_int_equal(cfg.db_connect_timeout_secs, 1);
	assert_int_equal(cfg.db_read_timeout_secs, 2);
	assert_int_equal(cfg.db_write_timeout_secs, 3600);
	assert_string_equal(cfg.form_secret,
	    "0123456789abcdef0123456789abcdef");
	assert_int_equal(cfg.worker_batch, 1);
	config_release(&cfg);

	/* Zero would mean "no bound" or "no work": refused, by name. */
	{
		static const char *const zero[] = {
			"refund_max_attempts", "refund_give_up_secs",
			"db_connect_timeout_secs", "db_read_timeout_secs",
			"db_write_timeout_secs", "worker_batch",
			"webhook_timeout_ms",
		};
		char text[256];
		size_t i;

		for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++) {
			snprintf(text, sizeof(text), "db_socket=/s\ndb_name=d\n"
			    "db_user=u\ntemplate_dir=/t\n%s = 0\n", zero[i]);
			assert_int_equal(config_parse(text, &cfg, &err), -1);
			assert_non_null(strstr(err, zero[i]));
			free(err);
		}
	}
	assert_int_equal(config_parse("db_socket=/s\ndb_name=d\ndb_user=u\n"
	    "template_dir=/t\ndb_read_timeout_secs = 3601\n", &cfg, &err),
	    -1);
	assert_non_null(strstr(err, "db_read_timeout_secs must be 1 to 3600"));
	free(err);

	assert_int_equal(config_parse("db_socket = /s\n", &cfg, &err), -1);
	assert_non_null(strstr(err, "required"));
	free(err);
	assert_int_equal(config_parse("db_socket = /s\nbogus = 1\n", &cfg,
	    &err), -1);
	assert_non_null(strstr(err, "line 2: unknown key 'bogus'"));
	free(err);
	assert_int_equal(config_parse("max_files = lots\n", &cfg, &err), -1);
	assert_non_null(strstr(err, "whole number"));
	free(err);
	assert_int_equal(config_parse("db_socket\n", &cfg, &err), -1);
	assert_non_null(strstr(err, "key = value"));
	free(err);
	assert_int_equal(config_parse("db_socket=/s\ndb_name=d\ndb_user=u\n"
	    "template_dir=/t\nrefund_executor=cash\n", &cfg, &err), -1);
	assert_non_null(strstr(err, "refund_executor"));
	free(err);
}

/* Quoted values keep '#', blanks, \" and \\; TCP and TLS keys. */
static void
test_config_quoting(void **state)
{
	struct config cfg;
	char *err = NULL;

	(void)state;
	assert_int_equal(config_parse("db_host = db.example # TCP\n"
	    "db_port = 3307\ndb_ssl = verify\ndb_ssl_ca = \"/etc/ca #1.pem\"\n"
	    "db_name=d\ndb_user=u\ntemplate_dir=/t\n"
	    "db_password = \"pa#ss \\\"w\\\" \\\\ \"  # note\n", &cfg,
	    &err), 0);
	assert_string_equal(cfg.db_host, "db.example");
	assert_string_equal(cfg.db_socket, "");
	assert_int_equal(cfg.db_port, 3307);
	assert_string_equal(cfg.db_ssl, "verify");
	assert_string_equal(cfg.db_ssl_ca, "/etc/ca #1.pem");
	assert_string_equal(cfg.db_password, "pa#ss \"w\" \\ ");
	config_release(&cfg);
}

static void
test_config_load_missing(void **state)
{
	struct config cfg;
	char *err = NULL;

	(void)state;
	assert_int_equal(config_load("/nonexistent/desk.conf", &cfg, &err), -1);
	assert_non_null(strstr(err, "cannot open '/nonexistent/desk.conf'"));
	free(err);
}

static void
test_tokens(void **state)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(auth_token(a), 0);
	assert_int_equal(auth_token(b), 0);
	assert_int_equal(strlen(a), TOKEN_LEN);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789-_"), TOKEN_LEN);
	assert_string_not_equal(a, b);
	assert_true(auth_equal(a, a));
	assert_false(auth_equal(a, b));
	assert_false(auth_equal("abc", "abcd"));
	assert_true(auth_equal("", ""));
}

static void
test_passwords(void **state)
{
	bool upgrade = true;
	char *h;

	(void)state;
	h = auth_hash_password("correct horse");
	assert_non_null(h);
	assert_memory_equal(h, "$y$", 3);
	assert_true(auth_check_password("correct horse", h, &upgrade));
	assert_false(upgrade);
	assert_false(auth_check_password("correct horsE", h, NULL));
	assert_false(auth_check_password("", h, NULL));
	assert_false(auth_check_password("x", NULL, NULL));
	assert_false(auth_check_password("x", "garbage", NULL));
	free(h);
	/* An old SHA-512 crypt hash still works and asks for an upgrade. */
	assert_true(auth_check_password("password",
	    "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterL"
	    "p8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/", &upgrade));
	assert_true(upgrade);
}

static void
test_sha256(void **state)
{
	unsigned char out[32];
	static const unsigned char abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41,
		0x40, 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3,
		0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00,
		0x15, 0xad,
	};

	(void)state;
	auth_sha256("abc", 3, out);
	assert_memory_equal(out, abc, 32);
}

/* Parses 64 hex digits into out. */
static void
unhex32(const char *hex, unsigned char out[32])
{
	size_t i;
	unsigned v;

	for (i = 0; i < 32; i++) {
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (unsigned char)v;
	}
}

/*
 * auth_hmac_sha256 gives RFC 4231's results (test cases 1, 2 and 6: a
 * short key, a short key and message, a key longer than the block), and
 * OpenSSL's HMAC() results for every key length from 0 to 150 bytes, and
 * for a key used again from its kept states.
 */
static void
test_hmac_sha256(void **state)
{
	unsigned char key[150], msg[100], out[32], want[32];
	unsigned int len;
	size_t i;

	(void)state;
	memset(key, 0x0b, 20);
	auth_hmac_sha256(key, 20, "Hi There", 8, out);
	unhex32("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	    want);
	assert_memory_equal(out, want, 32);
	auth_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, out);
	unhex32("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	    want);
	assert_memory_equal(out, want, 32);
	memset(key, 0xaa, 131);
	auth_hmac_sha256(key, 131,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54, out);
	unhex32("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	    want);
	assert_memory_equal(out, want, 32);

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)(i * 7 + 3);
	for (i = 0; i <= sizeof(key); i++) {
		memset(key, 0, sizeof(key));
		memset(key, (int)(i + 1), i);
		auth_hmac_sha256(key, i, msg, i % sizeof(msg), out);
		assert_non_null(HMAC(EVP_sha256(), key, (int)i, msg,
		    i % sizeof(msg), want, &len));
		assert_memory_equal(out, want, 32);
	}
	/* The kept states of the last key: the same key again, then another
	 * of the same length, then the first again, each still right. */
	for (i = 0; i < 6; i++) {
		memset(key, i % 3 == 2 ? 'b' : 'a', 40);
		auth_hmac_sha256(key, 40, msg, i * 10, out);
		assert_non_null(HMAC(EVP_sha256(), key, 40, msg, i * 10, want,
		    &len));
		assert_memory_equal(out, want, 32);
	}
}

static void
test_cents_format(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(cents_format(0, out), "0.00");
	assert_string_equal(cents_format(5, out), "0.05");
	assert_string_equal(cents_format(1234, out), "12.34");
	assert_string_equal(cents_format(-5, out), "-0.05");
	assert_string_equal(cents_format(INT64_MIN, out),
	    "-92233720368547758.08");
}

static void
test_clock(void **state)
{
	char out[32];
	time_t real = time(NULL);

	(void)state;
	/* 2026-11-24 10:00 UTC is 18:00 in Shanghai. */
	assert_string_equal(clock_format(1795514400, "Asia/Shanghai",
	    "%Y-%m-%d %H:%M", out, sizeof(out)), "2026-11-24 18:00");
	assert_string_equal(clock_format(1795514400, "", "%H:%M", out,
	    sizeof(out)), "10:00");
	assert_string_equal(clock_format(1795514400, "Europe/London", "%H:%M",
	    out, sizeof(out)), "10:00");
	assert_string_equal(clock_format(1795514400, "Asia/Shanghai", "%H:%M",
	    out, sizeof(out)), "18:00");
	clock_set_offset(86400);
	assert_true(clock_now() - real >= 86400 && clock_now() - real < 86410);
	clock_set_offset(0);
	assert_true(clock_now() - real < 10);
}

static void
test_buf(void **state)
{
	struct buf b = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_release(&b);
	assert_null(b.data);
	/* A copy added whole takes what it needs, not the next power of 2. */
	{
		char page[55000];

		memset(page, 'x', sizeof(page));
		buf_add(&b, page, sizeof(page));
		assert_int_equal(b.cap, sizeof(page) + 1);
		buf_puts(&b, "y");
		assert_int_equal(b.len, sizeof(page) + 1);
		assert_true(b.cap >= b.len + 1);
		buf_release(&b);
	}
}

/*
 * What OpenSSL holds in a fresh process (this program run again with
 * "crypto-child" and 0 or 1 for tls: OpenSSL starts once per process)
 * after auth_crypto_init(tls) and Connector/C's own start, as a program
 * runs them; the exit status is 1 when the ciphers' table by name is
 * loaded, 0 when not, 2 when SHA-256 gives a wrong digest.
 */
static int
crypto_child_main(bool tls)
{
	static const unsigned char abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
		0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
		0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
	unsigned char out[32];

	auth_crypto_init(tls);
	mysql_library_init(0, NULL, NULL);
	auth_sha256("abc", 3, out);
	if (memcmp(out, abc, sizeof(out)) != 0)
		return 2;
	return EVP_get_cipherbyname("aes-128-cbc") != NULL;
}

/* Runs crypto_child_main(tls) in a fresh process; its exit status. */
static int
crypto_child(bool tls)
{
	int status;
	pid_t pid;

	if ((pid = fork()) == 0) {
		execl("/proc/self/exe", "test_units", "crypto-child",
		    tls ? "1" : "0", (char *)NULL);
		_exit(3);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/*
 * Over a Unix socket (no TLS) OpenSSL loads no tables by name, although
 * Connector/C's start asks for them; the desk's digests still compute.
 * Over TCP it starts whole. (Fails when only the configuration is
 * skipped, as before.)
 */
static void
test_crypto_init(void **state)
{
	(void)state;
	assert_int_equal(crypto_child(false), 0);
	assert_int_equal(crypto_child(true), 1);
}

/* The resident anonymous memory of process pid, in KB (/proc). */
static long
rss_anon_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "RssAnon: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * http_accept() in a process left idle gives back the heap's free pages
 * that the 128 KiB trim threshold keeps: 4 MB freed between blocks that
 * last, then no request for 100 ms.
 */
static void
test_idle_gives_heap_back(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int ready[2], fd;
	long before, after;
	pid_t pid;
	char c;

	(void)state;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "/tmp/test-units-idle-%d.sock",
	    (int)getpid());
	unlink(sa.sun_path);
	assert_true((fd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(pipe(ready), 0);
	if ((pid = fork()) == 0) {
		enum { N = 8000 };
		static void *blocks[N];
		volatile char sink = 0;
		struct http_req r;
		int i;

		dup2(fd, 0);
		if (http_init() != 0)
			_exit(2);
		/*
		 * Every 64th block lasts, as a kept page or a prepared
		 * statement does, so the freed ones between are not the
		 * heap's top. (xmalloc, and a byte read back: nothing the
		 * compiler may drop.)
		 */
		for (i = 0; i < N; i++) {
			memset(blocks[i] = xmalloc(500), i, 500);
			sink += ((volatile char *)blocks[i])[i % 500];
		}
		for (i = 0; i < N; i++)
			if (i % 64 != 0)
				free(blocks[i]);
		(void)!write(ready[1], "r", 1);
		/* Idle: gives the heap back, then waits for a connection. */
		(void)http_accept(&r);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(read(ready[0], &c, 1), 1);
	before = rss_anon_kb(pid);
	usleep(400 * 1000);
	after = rss_anon_kb(pid);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
	close(ready[0]);
	close(ready[1]);
	unlink(sa.sun_path);
	print_message("RssAnon %ld kB before, %ld kB after\n", before, after);
	assert_true(before > 0 && after > 0);
	assert_true(after < before - 2048);
}

static void
test_lang_pick(void **state)
{
	(void)state;
	assert_int_equal(i18n_pick(NULL, NULL), LANG_EN);
	assert_int_equal(i18n_pick(NULL, ""), LANG_EN);
	assert_int_equal(i18n_pick(NULL, "zh-CN,zh;q=0.9,en;q=0.8"), LANG_ZH);
	assert_int_equal(i18n_pick(NULL, "en-US,en;q=0.9,zh;q=0.8"), LANG_EN);
	assert_int_equal(i18n_pick(NULL, "fr-FR, zh-TW;q=0.7, en;q=0.5"),
	    LANG_ZH);
	assert_int_equal(i18n_pick(NULL, "de, fr"), LANG_EN);
	assert_int_equal(i18n_pick(NULL, "en;q=0.2, zh;q=0.9"), LANG_ZH);
	assert_int_equal(i18n_pick(NULL, "zh;q=0"), LANG_EN);
	assert_int_equal(i18n_pick(NULL, "zhx, enx"), LANG_EN);
	/* The footer's choice wins; an unknown code does not. */
	assert_int_equal(i18n_pick("zh-CN", "en"), LANG_ZH);
	assert_int_equal(i18n_pick("en", "zh-CN"), LANG_EN);
	assert_int_equal(i18n_pick("klingon", "zh-CN"), LANG_ZH);
	/* Without a catalogue, every text is its English msgid. */
	assert_string_equal(i18n_tr(LANG_ZH, "Sign in"), "Sign in");
	assert_string_equal(i18n_tr(LANG_EN, "Sign in"), "Sign in");
}

static void
test_sql_table(void **state)
{
	size_t i, j;

	(void)state;
	/* Designated initialisers: a statement without text would be NULL. */
	for (i = 0; i < SQL__MAX; i++) {
		assert_non_null(sql_texts[i].name);
		assert_non_null(sql_texts[i].text);
		for (j = 0; j < i; j++)
			assert_string_not_equal(sql_texts[i].name,
			    sql_texts[j].name);
	}
}

/* qsort() comparison of two token strings. */
static int
tokcmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/*
 * Form tokens drawn from the process's random pool (token.c, refilled
 * 4 KiB at a time): far more than one pool's worth are all different,
 * all check, and all have the one length a cached page's copy relies on
 * (app/pagecache.c puts new ones in the old ones' places).
 */
/*
 * Tokens keep their layout "issued.nonce.mac" (issued in hex) and the
 * signed message "issued.nonce.user.case.purpose" (ids in decimal), so
 * a form served before an upgrade is still accepted after it: the MACs
 * below were computed outside the desk (Python's hmac).
 */
static void
test_form_token_layout(void **state)
{
	const char *secret = "0123456789abcdef0123456789abcdef";
	char tok[FORM_TOKEN_SIZE], longp[400];

	(void)state;
	assert_int_equal(form_token_check(secret, "6a8f0c80.AAAAAAAAAAAAAAAA"
	    "AAAAAA.Pex1rx44aWusqa3o3h7j0Z8wziARGyyZ4ttoxnEuuZs", 42,
	    9000000000LL, "approve_refund", 0x6a8f0c80, 60), RC_OK);
	assert_int_equal(form_token_check(secret, "0.AAAAAAAAAAAAAAAAAAAAAA."
	    "bdsKSuBKpDgMMBPpYvfMgKPqVwnmPACwsOH48cIU34U", -7, 0, "open", 0,
	    60), RC_OK);
	assert_int_equal(form_token_check(secret, "0.AAAAAAAAAAAAAAAAAAAAAA."
	    "bdsKSuBKpDgMMBPpYvfMgKPqVwnmPACwsOH48cIU34U", 7, 0, "open", 0,
	    60), RC_INVALID);
	assert_int_equal(form_token_make(secret, 42, 9000000000LL,
	    "approve_refund", 0x6a8f0c80, tok), 0);
	assert_int_equal(strlen(tok), 8 + 1 + 22 + 1 + 43);
	assert_memory_equal(tok, "6a8f0c80.", 9);
	assert_int_equal(tok[31], '.');
	assert_int_equal(form_token_make(secret, INT64_MAX, INT64_MIN + 1,
	    "x", 0, tok), 0);
	assert_memory_equal(tok, "0.", 2);
	assert_int_equal(form_token_check(secret, tok, INT64_MAX,
	    INT64_MIN + 1, "x", 0, 60), RC_OK);
	/* A purpose longer than the message's buffer on the stack. */
	memset(longp, 'p', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(form_token_make(secret, 1, 2, longp, 5, tok), 0);
	assert_int_equal(form_token_check(secret, tok, 1, 2, longp, 5, 60),
	    RC_OK);
	longp[0] = 'q';
	assert_int_equal(form_token_check(secret, tok, 1, 2, longp, 5, 60),
	    RC_INVALID);
}

static void
test_form_tokens_many(void **state)
{
	static char toks[2000][FORM_TOKEN_SIZE];
	const char *secret = "0123456789abcdef0123456789abcdef";
	size_t i;

	(void)state;
	for (i = 0; i < 2000; i++) {
		assert_int_equal(form_token_make(secret, 7, (int64_t)i, "note",
		    1790000000, toks[i]), 0);
		assert_int_equal(strlen(toks[i]), strlen(toks[0]));
		assert_int_equal(form_token_check(secret, toks[i], 7, (int64_t)i,
		    "note", 1790000000, 60), RC_OK);
	}
	qsort(toks, 2000, sizeof(toks[0]), tokcmp);
	for (i = 1; i < 2000; i++)
		assert_string_not_equal(toks[i - 1], toks[i]);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_match),
		cmocka_unit_test(test_form_tokens_many),
		cmocka_unit_test(test_form_token_layout),
		cmocka_unit_test(test_config_parse),
		cmocka_unit_test(test_config_load_missing),
		cmocka_unit_test(test_config_quoting),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_hmac_sha256),
		cmocka_unit_test(test_passwords),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_cents_format),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_idle_gives_heap_back),
		cmocka_unit_test(test_crypto_init),
		cmocka_unit_test(test_sql_table),
		cmocka_unit_test(test_lang_pick),
	};

	if (argc == 3 && strcmp(argv[1], "crypto-child") == 0)
		return crypto_child_main(strcmp(argv[2], "1") == 0);
	return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
