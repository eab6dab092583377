/* test_approval_db.c: the statements of one approval paid at once by the ledger (tests/db/approval.test, the server's general log): the case row written once, in its end state, the refund row inserted paid, the shop's kept count rows written once each, at the end of the transaction, and no more statements than its budget (issue 12: the approval grew 4.85x from 10k to 1M cases, its hottest rows held through the whole ledger). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "dbtest.h"

/*
 * The statements the approval's transaction may run: 34 when written,
 * and the upserts of the users' kept unread counts (kind 22: the buyer's
 * and the shop's seller's, two buckets each), summed in the batch.
 */
#define APPROVAL_BUDGET	36

/* The general log's statements from offset on: each "Execute" or "Query" line's text. */
static size_t
statements(const char *path, long offset, char ***out)
{
	FILE *f;
	char *line = NULL, *p, **v = NULL;
	size_t cap = 0, n = 0, len = 0;

	assert_non_null(f = fopen(path, "r"));
	assert_int_equal(fseek(f, offset, SEEK_SET), 0);
	while (getline(&line, &cap, f) > 0) {
		/* "<time>\t<thread> <command>\t<text>" */
		if ((p = strstr(line, " Execute\t")) != NULL)
			p += strlen(" Execute\t");
		else if ((p = strstr(line, " Query\t")) != NULL)
			p += strlen(" Query\t");
		else
			continue;	/* Connect, Prepare, a statement's next line */
		p[strcspn(p, "\n")] = '\0';
		if (n == len) {
			len = len ? 2 * len : 64;
			v = xrealloc(v, len * sizeof(*v));
		}
		v[n++] = xstrdup(p);
	}
	free(line);
	fclose(f);
	*out = v;
	return n;
}

static long
log_size(const char *path)
{
	FILE *f;
	long n;

	assert_non_null(f = fopen(path, "r"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	fclose(f);
	return n;
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * A seller approves a request of shop 1; the ledger pays it in the same
 * transaction (requested -> refunding -> refunded). In that transaction:
 * the case row is written once, in the state it ends in, with the shop's
 * first answer (its indexes change once, not three times); the refund
 * row is inserted paid and never updated; the kept counts come last,
 * just before the commit (nothing else after the first of them), each
 * row once (the shop's "refunding" tab moved +1 and -1 is not written at
 * all), and the statements within the budget.
 */
static void
test_approval_statements(void **state)
{
	const char *path = getenv("DESK_GENERAL_LOG");
	int64_t prices[] = { 10000 }, lines[1], order, id;
	char **st, shop1[64];
	size_t n, i, j, begin = 0, commit = 0, first_count = 0, counts = 0;
	size_t case_updates = 0;
	long at;

	(void)state;
	assert_non_null(path);
	order = fixture("buyer1", true, true, prices, 1, lines);
	id = open_case("buyer1", order, lines, 1, CASE_REFUND_ONLY, "quality",
	    true, 10000);
	assert_state(id, "requested");
	at = log_size(path);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	assert_state(id, "refunded");
	n = statements(path, at, &st);
	/* The transaction: from its start to its commit. */
	for (i = 0; i < n; i++) {
		if (strcmp(st[i], "SET autocommit=0") == 0 && begin == 0)
			begin = i + 1;
		if (strcmp(st[i], "COMMIT") == 0)
			commit = i;
	}
	assert_true(begin > 0 && commit > begin);
	for (i = begin; i < commit; i++) {
		if (starts(st[i], "UPDATE cases")) {
			if (case_updates++ > 0)
				fail_msg("the case row written again: %s", st[i]);
			assert_non_null(strstr(st[i], "state = 'refunded'"));
			assert_non_null(strstr(st[i], "first_answer_at"));
		}
		if (starts(st[i], "INSERT INTO refunds"))
			assert_non_null(strstr(st[i], "'succeeded'"));
		if (starts(st[i], "UPDATE refunds"))
			fail_msg("the refund row written again: %s", st[i]);
	}
	assert_int_equal(case_updates, 1);
	for (i = begin; i < commit; i++) {
		if (!starts(st[i], "INSERT INTO kept_counts"))
			continue;
		if (counts++ == 0)
			first_count = i;
		/* Each row once. */
		for (j = i + 1; j < commit; j++)
			if (starts(st[j], "INSERT INTO kept_counts")) {
				char a[128], b[128];

				assert_true(strstr(st[i], "VALUES (") != NULL);
				snprintf(a, sizeof(a), "%.*s", (int)strcspn(
				    strstr(st[i], "VALUES ("), ")"),
				    strstr(st[i], "VALUES ("));
				/* the key: up to the third comma */
				*strrchr(a, ',') = '\0';
				snprintf(b, sizeof(b), "%.*s", (int)strcspn(
				    strstr(st[j], "VALUES ("), ")"),
				    strstr(st[j], "VALUES ("));
				*strrchr(b, ',') = '\0';
				if (strcmp(a, b) == 0)
					fail_msg("a count row written twice: "
					    "%s", a);
			}
	}
	assert_true(counts >= 2);
	/* Last: nothing but kept counts between the first and the commit. */
	for (i = first_count; i < commit; i++)
		if (!starts(st[i], "INSERT INTO kept_counts"))
			fail_msg("after the kept counts: %s", st[i]);
	/* The shop's refunding tab (kind 1, bucket 4): +1 and -1, unwritten. */
	snprintf(shop1, sizeof(shop1), "VALUES (1, 1, 4, ");
	for (i = begin; i < commit; i++)
		assert_null(strstr(st[i], shop1));
	if (commit - begin > APPROVAL_BUDGET)
		fail_msg("%zu statements in the approval (budget %d)",
		    commit - begin, APPROVAL_BUDGET);
	print_message("# %zu statements in the approval, %zu of them kept "
	    "counts\n", commit - begin, counts);
	for (i = 0; i < n; i++)
		free(st[i]);
	free(st);
}

/* The number after "pages_accessed": in an ANALYZE FORMAT=JSON answer (-1: none). */
static long
pages_accessed(const char *json)
{
	const char *p = strstr(json, "\"pages_accessed\": ");

	return p != NULL ? strtol(p + strlen("\"pages_accessed\": "), NULL,
	    10) : -1;
}

/*
 * The approval's UPDATEs by primary key (the case, its lines, the order's
 * lines) read no other index. Each one's table and WHERE clause, replayed
 * as a no-op UPDATE under ANALYZE in the session the desk sets up (its
 * connections' first statement in the general log), access as many pages
 * as with the primary key forced: the optimizer made no index dive into the
 * other keys that start with the same column (uq_cases_order and
 * uq_cases_currency for "WHERE id = ?", case_lines' two foreign keys,
 * uq_order_lines_order: a leaf of each read from disk at a million cases;
 * src/store/db.c, db_connect()).
 */
static void
test_approval_no_index_dives(void **state)
{
	const char *path = getenv("DESK_GENERAL_LOG");
	int64_t prices[] = { 7000, 3000 }, lines[2], order, id;
	char **all, **st, *init = NULL;
	size_t nall, n, i, checked = 0;
	long at;

	(void)state;
	assert_non_null(path);
	order = fixture("buyer1", true, true, prices, 2, lines);
	id = open_case("buyer1", order, lines, 2, CASE_REFUND_ONLY, "quality",
	    true, 10000);
	at = log_size(path);
	assert_int_equal(act(id, EV_APPROVE_REFUND, ACTOR_SELLER, "seller1", 0,
	    NULL, t0 + 60), RC_OK);
	assert_state(id, "refunded");
	nall = statements(path, 0, &all);
	for (i = 0; i < nall; i++)
		if (starts(all[i], "SET time_zone"))
			init = all[i];
	assert_non_null(init);
	n = statements(path, at, &st);
	for (i = 0; i < n; i++) {
		char table[32], column[64], *upd, *pk;
		const char *where;

		if (!starts(st[i], "UPDATE cases SET ") &&
		    !starts(st[i], "UPDATE case_lines SET ") &&
		    !starts(st[i], "UPDATE order_lines SET "))
			continue;
		assert_int_equal(sscanf(st[i], "UPDATE %31s SET %63s", table,
		    column), 2);
		assert_non_null(where = strstr(st[i], " WHERE "));
		upd = sql("%s; ANALYZE FORMAT=JSON UPDATE %s SET %s = %s%s",
		    init, table, column, column, where);
		pk = sql("%s; ANALYZE FORMAT=JSON UPDATE %s FORCE INDEX "
		    "(PRIMARY) SET %s = %s%s", init, table, column, column,
		    where);
		if (pages_accessed(upd) != pages_accessed(pk) ||
		    pages_accessed(pk) <= 0)
			fail_msg("UPDATE %s ...%s accessed %ld pages, %ld with "
			    "the primary key alone", table, where,
			    pages_accessed(upd), pages_accessed(pk));
		checked++;
		free(upd);
		free(pk);
	}
	assert_true(checked >= 4);	/* the case, two lines each twice */
	for (i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	for (i = 0; i < n; i++)
		free(st[i]);
	free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_approval_statements),
		cmocka_unit_test(test_approval_no_index_dives),
	};

	return cmocka_run_group_tests(tests, dbtest_setup, dbtest_teardown);
}
