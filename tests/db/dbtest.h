/* dbtest.h: helpers for the cmocka tests that run against the private MariaDB of the harness: raw SQL, fixtures, shortcuts to the engine. */
#ifndef DBTEST_H
#define DBTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "engine/cases.h"
#include "base/config.h"
#include "store/db.h"

/* Set by dbtest_setup(): the configuration, a connection, the start time. */
extern struct config cfg;
extern struct db *db;
extern time_t t0;
/* One photo (its bytes stand for a processed image), for requests that need evidence. */
extern const struct case_photo dbtest_photo;

/* Loads $REFUND_DESK_CONF and connects; a cmocka group setup. */
int	dbtest_setup(void **state);
int	dbtest_teardown(void **state);

/*
 * Runs SQL as root through the mariadb client; the first field of the
 * output (free it). Then bumps the caches' generation (base/stale.h): the
 * library sees the change at once, as after a change through the desk.
 */
char	*sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int64_t	sqlint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The same for SQL that may fail: returns the client's exit status and,
 * in *out (free it), all it printed, errors included.
 */
int	sql_status(char **out, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Makes an order of buyer with shop 1 and one line of 2 units per price,
 * paid 3 days before t0, shipped 2 days before and delivered 1 day before
 * when asked. Returns the order id; line ids in lines[].
 */
int64_t	fixture(const char *buyer, bool shipped, bool delivered,
	    const int64_t *prices, size_t n, int64_t *lines);

int64_t	user_id(const char *login);

/* Opens a case on all of each given line at t0; fails the test if refused. */
int64_t	open_case(const char *buyer, int64_t order, const int64_t *lines,
	    size_t n, enum case_type type, const char *reason, bool received,
	    int64_t amount);

/*
 * Runs the worker's passes (executor/worker.h) on d at at until nothing
 * more is due, as deskd would: deadlines applied (*acted) and refunds
 * paid (*settled). Returns 0, or -1 on a database error.
 */
int	dbtest_sweep(struct db *d, time_t at, int *acted, int *settled);

/*
 * Runs the worker's aggregates (aggregates_pass()) on the tests' database
 * until they have read everything, as deskd would; fails the test when a
 * pass fails or 100 passes do not reach the end.
 */
void	dbtest_fold(void);

/* Returns the state of a case (free it). */
char	*state_of(int64_t case_id);

#define assert_state(id, want)						\
	do {								\
		char *s_ = state_of(id);				\
		assert_string_equal(s_, want);				\
		free(s_);						\
	} while (0)

/* Applies an event by login (NULL: the system); returns the engine's answer. */
enum rc	act(int64_t case_id, enum case_event ev, enum actor who,
	    const char *login, int64_t amount, const char *note, time_t now);

#endif /* DBTEST_H */
