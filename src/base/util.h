/* util.h: allocation that cannot fail, a growable byte buffer, and small string helpers. */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocators that exit on out-of-memory (log_oom); free with free(). */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable buffer of bytes, always NUL-terminated after len bytes. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/* Appends n bytes; an empty buffer takes what they need (at least 256). */
void	buf_add(struct buf *b, const void *p, size_t n);
void	buf_puts(struct buf *b, const char *s);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Frees the bytes and empties the buffer; it can be reused. */
void	buf_release(struct buf *b);

/* Returns the value of the hexadecimal digit c (either case), or -1. */
int	hex_digit(int c);

/*
 * Formats cents as major units with two decimals ("1234" -> "12.34",
 * "-5" -> "-0.05") into out, which must hold 32 bytes. Returns out.
 */
char	*cents_format(int64_t cents, char out[32]);

/*
 * Reads a positive decimal id without sign or leading zeros, up to
 * 2^63-1, into *out (when not NULL); false, *out untouched, otherwise.
 */
bool	id_parse(const char *s, int64_t *out);

#endif /* UTIL_H */
