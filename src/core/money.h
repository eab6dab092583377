/* money.h: the pure money rules: what is refundable, and how a refund is spread over order lines. */
#ifndef MONEY_H
#define MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * What can still be refunded on an order line: what was paid, minus what
 * was refunded, minus what open cases and refunds in flight hold. Never
 * negative. The form's pre-filled amount, the validation cap and the
 * ledger's guarded update all use this one rule (the SQL guard in
 * SQL_LINE_RESERVE is the same sum, written for the database).
 */
int64_t	money_refundable(int64_t paid_cents, int64_t refunded_cents,
	    int64_t pending_cents);

/*
 * The default amount for quantity units of a line of line_quantity units
 * with refundable cents left: the proportional share, rounded down, and
 * all of it when every unit is asked for. Returns 0 for a bad quantity.
 */
int64_t	money_share(int64_t refundable_cents, int64_t quantity,
	    int64_t line_quantity);

/*
 * Spreads total_cents over n lines in proportion to weights[] (the
 * amounts asked for each line) into out[]: each share is rounded down and
 * what remains goes, a cent at a time, to the lines in order; no share
 * exceeds its weight. Returns false when total_cents is negative or
 * greater than the sum of weights (nothing is written then).
 */
bool	money_allocate(int64_t total_cents, const int64_t *weights, size_t n,
	    int64_t *out);

#endif /* MONEY_H */
