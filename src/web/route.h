/* route.h: route tables and the pure matching of a path below a program's prefix. */
#ifndef ROUTE_H
#define ROUTE_H

#include <stdbool.h>
#include <stdint.h>

/* Route flags. */
#define REQ_GET		0x1	/* answers GET (and HEAD) */
#define REQ_POST	0x2	/* answers POST */
#define REQ_PUBLIC	0x4	/* needs no session */
#define REQ_ANYROLE	0x8	/* open to a signed-in user of another role */

/* At most this many "#" segments in one pattern. */
#define ROUTE_IDS	2

struct req;

struct route {
	const char	*pattern;	/* "orders", "case/#", "" for the home page */
	void		(*handler)(struct req *);
	unsigned	 flags;
};

/*
 * Tells whether path (below the prefix, no leading slash, e.g. "case/17")
 * matches pattern, where a "#" segment matches a positive decimal id
 * (stored in ids[0], ids[1] in order). A trailing slash on path is not
 * ignored: "orders/" does not match "orders".
 */
bool	route_match(const char *pattern, const char *path,
	    int64_t ids[ROUTE_IDS]);

#endif /* ROUTE_H */
