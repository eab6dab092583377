/* orderin.h: an order of the shop platform as the import and the API receive it: parsing (JSON with json-c, CSV) and the checks that need no database. */
#ifndef ORDERIN_H
#define ORDERIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* One line of an incoming order; strings owned, NULL = not given. */
struct orderin_line {
	int64_t	 line_no;	/* from 1 */
	char	*sku;
	char	*title;
	char	*variant;
	char	*variant_options;	/* LF-separated */
	char	*picture_url;
	int64_t	 quantity;
	int64_t	 unit_price_cents;
	int64_t	 paid_cents;
};

/* One incoming order (docs/IMPORT.md); strings owned, NULL = not given. */
struct orderin {
	size_t			 src_line;	/* where it starts in the file */
	char			*shop;	/* shop name */
	char			*buyer;	/* buyer login */
	char			*buyer_name;	/* display name for a new buyer */
	char			*order_no;
	char			 currency[4];
	time_t			 paid_at;
	time_t			 shipped_at;	/* 0: not shipped */
	time_t			 delivered_at;	/* 0: not delivered */
	time_t			 expected_at;	/* 0: no promise */
	char			*carrier;
	char			*waybill;
	struct orderin_line	*lines;
	size_t			 linesz;
};

/* Why an order was refused: a stable code (docs/IMPORT.md) and words. */
struct orderin_err {
	const char	*code;
	char		 msg[256];
};

/*
 * Parses one JSON object (a JSON line, or an API request body) of len
 * bytes into o, which it fills from zero, and checks it
 * (orderin_check()). Returns 0, or -1 with e set; release o either way.
 */
int	orderin_from_json(struct orderin *o, const char *text, size_t len,
	    struct orderin_err *e);

/*
 * Checks what needs no database: required fields, lengths, UTF-8,
 * amounts and quantities, the order of the times, line numbers unique.
 * Returns 0, or -1 with e set.
 */
int	orderin_check(const struct orderin *o, struct orderin_err *e);

/* Frees what o holds; o can be filled again. */
void	orderin_release(struct orderin *o);

/*
 * Parses a time as the import takes it: "YYYY-MM-DD", "YYYY-MM-DD
 * HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS", with an optional fraction, and "Z"
 * or "+HH:MM"/"-HH:MM" (no zone = UTC). Returns 0 with *t, or -1.
 */
int	orderin_time(const char *s, time_t *t);

/*
 * A reader of CSV files (RFC 4180: quoted fields, "" inside quotes, line
 * breaks inside quotes) whose first record names the columns; each
 * following record is one order line, and consecutive records with the
 * same order_no make one order.
 */
struct orderin_csv {
	FILE	*f;
	size_t	 lineno;	/* physical line read last */
	int	 col[32];	/* field index of each known column, -1 */
	char	**fields;	/* the record read ahead */
	size_t	 fieldsz;
	size_t	 fieldcap;
	size_t	 rec_line;	/* where the record ahead starts */
	bool	 have;	/* a record is read ahead */
	bool	 eof;
};

/*
 * Starts reading f: reads the header record. Returns 0, or -1 with e set
 * (no header, an unknown column, a required one missing).
 */
int	orderin_csv_open(struct orderin_csv *c, FILE *f, struct orderin_err *e);

/*
 * Reads the next order into o (filled from zero). Returns 1 (an order,
 * checked), 0 at the end, or -1 with e set (o->src_line and o->order_no
 * tell which; the reader has moved past it). Release o either way.
 */
int	orderin_csv_next(struct orderin_csv *c, struct orderin *o,
	    struct orderin_err *e);

void	orderin_csv_release(struct orderin_csv *c);

#endif /* ORDERIN_H */
