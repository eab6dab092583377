/* stale.h: when the per-process caches (sessions, the published policy, pages) must be read again: a one-second bound, and generation counters shared by the processes of one node. */
#ifndef STALE_H
#define STALE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * How long a process may answer from what it cached without asking the
 * database again, in milliseconds of the monotonic clock. Another node's
 * change (a sign-out, a disabled account, a new policy) reaches this
 * process within this time; a change made on this node at once (see
 * stale_bump()).
 */
#define STALE_TTL_MS	1000

/*
 * Maps the node's generation counter, the file cache-generation in
 * run_dir (made when missing and create is true: the web programs, as
 * their own user; deskctl, often root, only opens it), shared by every
 * process that opens it. Safe to call again (the first mapping stays). Returns 0, or -1 when the file cannot be opened or mapped: then
 * stale_gen() counts this process's bumps only, and caches are
 * bounded by STALE_TTL_MS alone (and by this process's own bumps).
 */
int		stale_open(const char *run_dir, bool create);

/* The node's generation: changes whenever a process calls stale_bump(). */
uint64_t	stale_gen(void);

/*
 * Tells every process of the node that what they cached may be out of
 * date (a session ended, an account changed, a policy was published);
 * each drops its caches before its next use of them.
 */
void		stale_bump(void);

/*
 * The node's data generation: changes whenever a process calls
 * stale_data_bump() or stale_bump() (a session or a policy is data too).
 * What a page shows may have changed since it last changed.
 */
uint64_t	stale_data_gen(void);

/*
 * Tells every process of the node that rows changed (the database layer
 * calls it after every committed write that changed rows: store/db.c);
 * the pages cached by any process are rendered again (app/pagecache.h).
 */
void		stale_data_bump(void);

/* Milliseconds of the monotonic clock (not moved by clock offsets). */
int64_t		stale_mono_ms(void);

/*
 * Whether something cached at mono_ms with generation gen may still be
 * used at now_ms: younger than STALE_TTL_MS and no bump since. Pure but
 * for stale_gen().
 */
bool		stale_fresh(int64_t cached_ms, uint64_t gen, int64_t now_ms);

/* As stale_fresh(), for what was read with stale_data_gen() == gen. */
bool		stale_data_fresh(int64_t cached_ms, uint64_t gen, int64_t now_ms);

#endif /* STALE_H */
