/* jsonw.h: a small JSON writer over struct buf (strings escaped), for the API's answers and the import's batches, where linking json-c is not wanted. */
#ifndef JSONW_H
#define JSONW_H

#include <stdint.h>
#include <time.h>

#include "base/util.h"

/* Appends s as a JSON string ("null" when s is NULL); s is UTF-8. */
void	jsonw_str(struct buf *b, const char *s);

/* Appends "key": (with a comma first unless *first), then clears *first. */
void	jsonw_key(struct buf *b, const char *key, int *first);

/* Appends a time as an RFC 3339 UTC string, or null when t is 0. */
void	jsonw_time(struct buf *b, time_t t);

#endif /* JSONW_H */
