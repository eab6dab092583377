/* pagecache.c: the pages a process rendered in the last second, kept per session and address, served again with new form tokens while nothing on the node changed. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/pagecache.h"
#include "base/log.h"
#include "base/stale.h"
#include "base/util.h"

/* The most copies a process keeps, whatever their size. */
#define PAGECACHE_SLOTS	32

/* A form token's place in a copy's body. */
struct token_at {
	size_t		 off;
	size_t		 len;
	int64_t		 case_id;
	char		 purpose[32];
};

/* One page as it was sent. */
struct page_copy {
	char		*key;	/* see make_key() */
	size_t		 keysz;
	int64_t		 made_ms;	/* stale_mono_ms() before the handler */
	uint64_t	 gen;	/* stale_data_gen() before the handler */
	time_t		 made_at;	/* the desk's clock */
	int		 status;
	char		 ctype[64];
	char		*headers;	/* the handler's header lines */
	size_t		 headersz;
	char		*body;
	size_t		 bodysz;
	struct token_at	*tokens;
	size_t		 tokensz;
};

struct pagecache {
	size_t		 budget;	/* bytes of keys, headers and bodies */
	size_t		 used;
	struct page_copy slots[PAGECACHE_SLOTS];
	size_t		 slotsz;
	/* The request being watched (pagecache_serve() missed, pagecache_watch()). */
	char		*watch_key;	/* its make_key(), for the copy */
	size_t		 watch_keysz;
	int64_t		 watch_ms;
	uint64_t	 watch_gen;
};

struct pagecache *
pagecache_new(size_t budget)
{
	struct pagecache *c;

	if (budget == 0)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->budget = budget;
	return c;
}

/*
 * The copy's key: the session (its token's hash), the language, and the
 * path and query as sent. Another session, even of the same user, never
 * sees a copy: the page carries the session's CSRF token.
 */
static char *
make_key(const struct req *r, size_t *sz)
{
	struct buf b = { 0 };

	buf_add(&b, r->sess.id_hash, sizeof(r->sess.id_hash));
	buf_printf(&b, "%d %s?%s", (int)r->lang, r->http.path, r->http.query);
	*sz = b.len;
	return b.data;
}

/* Whether r is a request whose answer may be kept or served from a copy. */
static bool
cacheable(const struct req *r)
{
	return r->app->pages != NULL && r->http.method == HTTP_GET &&
	    r->signed_in && r->flash == NULL;
}

static void
copy_free(struct pagecache *c, size_t i)
{
	struct page_copy *p = &c->slots[i];

	c->used -= p->keysz + p->headersz + p->bodysz;
	free(p->key);
	free(p->headers);
	free(p->body);
	free(p->tokens);
	c->slots[i] = c->slots[--c->slotsz];
}

/* The index of the copy kept under key, or c->slotsz when there is none. */
static size_t
find_copy(const struct pagecache *c, const char *key, size_t keysz)
{
	size_t i;

	for (i = 0; i < c->slotsz; i++)
		if (c->slots[i].keysz == keysz &&
		    memcmp(c->slots[i].key, key, keysz) == 0)
			break;
	return i;
}

static bool
copy_fresh(const struct page_copy *p, int64_t now_ms, time_t now)
{
	return stale_data_fresh(p->made_ms, p->gen, now_ms) &&
	    now >= p->made_at && now - p->made_at <= 1;
}

/* Drops every copy that can no longer be served. */
static void
drop_stale(struct pagecache *c, int64_t now_ms, time_t now)
{
	size_t i = 0;

	while (i < c->slotsz)
		if (!copy_fresh(&c->slots[i], now_ms, now))
			copy_free(c, i);
		else
			i++;
}

bool
pagecache_serve(struct req *r)
{
	struct pagecache *c = r->app->pages;
	struct page_copy *p;
	char fresh[FORM_TOKEN_SIZE];
	struct buf body = { 0 };
	size_t i;

	if (!cacheable(r))
		return false;
	/* Kept for the copy of a miss (pagecache_keep()). */
	free(c->watch_key);
	c->watch_key = make_key(r, &c->watch_keysz);
	if ((i = find_copy(c, c->watch_key, c->watch_keysz)) == c->slotsz)
		return false;
	p = &c->slots[i];
	if (!copy_fresh(p, stale_mono_ms(), r->now))
		return false;
	buf_add(&body, p->body, p->bodysz);
	for (i = 0; i < p->tokensz; i++) {
		const struct token_at *t = &p->tokens[i];

		/* Tokens made within a second have the same length. */
		if (page_form_token(r, t->case_id, t->purpose, fresh) != 0 ||
		    strlen(fresh) != t->len) {
			buf_release(&body);
			return false;
		}
		memcpy(body.data + t->off, fresh, t->len);
	}
	buf_add(&r->http.headers, p->headers, p->headersz);
	http_header(&r->http, "X-Desk-Cache", "hit");
	http_send(&r->http, p->status, p->ctype, body.data, body.len);
	buf_release(&body);
	return true;
}

void
pagecache_watch(struct req *r)
{
	struct pagecache *c = r->app->pages;

	if (!cacheable(r))
		return;
	/* Read before the handler: a write during it makes the copy stale. */
	c->watch_ms = stale_mono_ms();
	c->watch_gen = stale_data_gen();
	r->http.keep = true;
}

/* Notes where each of r's form tokens is in the kept body; false if one is missing. */
static bool
find_tokens(const struct req *r, struct page_copy *p)
{
	const struct buf *b = &r->http.kept;
	size_t i, n = 0, len;
	const char *at, *from;

	p->tokens = xcalloc(r->tokensz > 0 ? r->tokensz * 2 : 1,
	    sizeof(*p->tokens));
	for (i = 0; i < r->tokensz; i++) {
		const struct page_token *t = &r->tokens[i];

		len = strlen(t->token);
		from = b->data;
		while ((at = memmem(from, b->len - (size_t)(from - b->data),
		    t->token, len)) != NULL) {
			if (n == r->tokensz * 2)
				return false;
			p->tokens[n].off = (size_t)(at - b->data);
			p->tokens[n].len = len;
			p->tokens[n].case_id = t->case_id;
			memcpy(p->tokens[n].purpose, t->purpose,
			    sizeof(p->tokens[n].purpose));
			n++;
			from = at + len;
		}
	}
	p->tokensz = n;
	return true;
}

void
pagecache_keep(struct req *r)
{
	struct pagecache *c = r->app->pages;
	struct http_req *h = &r->http;
	struct page_copy p;
	size_t size, i;

	if (!h->keep || h->kept_status != 200 || r->uncacheable ||
	    (h->headers.len > 0 && strcasestr(h->headers.data, "Set-Cookie:")
	    != NULL))
		return;
	drop_stale(c, stale_mono_ms(), r->now);
	memset(&p, 0, sizeof(p));
	p.key = c->watch_key;
	p.keysz = c->watch_keysz;
	c->watch_key = NULL;
	size = p.keysz + h->headers.len + h->kept.len;
	if (size > c->budget / 2 || !find_tokens(r, &p)) {
		free(p.key);
		free(p.tokens);
		return;
	}
	/* Room: the oldest copies go first. */
	while (c->slotsz > 0 && (c->slotsz == PAGECACHE_SLOTS ||
	    c->used + size > c->budget)) {
		size_t old = 0;

		for (i = 1; i < c->slotsz; i++)
			if (c->slots[i].made_ms < c->slots[old].made_ms)
				old = i;
		copy_free(c, old);
	}
	/* The same address again: the newer copy replaces it. */
	if ((i = find_copy(c, p.key, p.keysz)) < c->slotsz)
		copy_free(c, i);
	p.made_ms = c->watch_ms;
	p.gen = c->watch_gen;
	p.made_at = r->now;
	p.status = h->kept_status;
	memcpy(p.ctype, h->kept_ctype, sizeof(p.ctype));
	p.headers = xmalloc(h->headers.len + 1);
	memcpy(p.headers, h->headers.len > 0 ? h->headers.data : "",
	    h->headers.len);
	p.headersz = h->headers.len;
	/* The kept body becomes the copy's. */
	p.body = h->kept.data != NULL ? h->kept.data : xcalloc(1, 1);
	p.bodysz = h->kept.len;
	memset(&h->kept, 0, sizeof(h->kept));
	c->used += size;
	c->slots[c->slotsz++] = p;
}

void
pagecache_free(struct pagecache *c)
{
	if (c == NULL)
		return;
	while (c->slotsz > 0)
		copy_free(c, c->slotsz - 1);
	free(c->watch_key);
	free(c);
}
