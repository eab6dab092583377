/* pagecache.h: the pages a process rendered in the last second, served again to the same session while nothing on the node changed (cgit's page cache, kept in memory, per process). */
#ifndef PAGECACHE_H
#define PAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct req;

/*
 * What a process keeps. A copy is the answer (status 200, its headers
 * and body) to a GET of one session, address (path and query) and
 * language; it is served again only while it is younger than
 * STALE_TTL_MS, made at the same wall-clock second or the one before
 * (the desk's clock, which tests move: clock.h), and no process of the
 * node wrote to the database since (stale_data_gen(): the database layer
 * bumps it at every committed change). A change on another node shows
 * within that second, as for the sessions (docs/CACHING.md).
 */
struct pagecache;

/*
 * Makes the cache of a process that may keep at most budget bytes of
 * pages (page_cache_kb); NULL when budget is 0 (the cache is off).
 */
struct pagecache *pagecache_new(size_t budget);

/*
 * Answers r from the cache when r may be cached (a GET or HEAD of a
 * signed-in session, no flash message to show) and a fresh copy is
 * kept: the copy's form tokens are made anew (page_form_token()), and
 * the answer carries "X-Desk-Cache: hit". Returns whether it answered.
 */
bool	pagecache_serve(struct req *r);

/*
 * Before the handler of a request that may be cached, after
 * pagecache_serve() missed (it keeps the request's key for the copy):
 * asks http_send() to keep a copy of the answer (http.h: keep).
 */
void	pagecache_watch(struct req *r);

/*
 * After the handler: keeps the answer of a watched request when it is a
 * 200 that sets no cookie, fits the budget and carries at most
 * PAGE_TOKENS_MAX form tokens; drops the copies that went stale.
 */
void	pagecache_keep(struct req *r);

/* Frees the cache and every copy (NULL: nothing). */
void	pagecache_free(struct pagecache *c);

#endif /* PAGECACHE_H */
