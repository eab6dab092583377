/* money.c: the pure money rules: what is refundable, and how a refund is spread over order lines. */
#include "core/money.h"

int64_t
money_refundable(int64_t paid_cents, int64_t refunded_cents,
    int64_t pending_cents)
{
	int64_t left = paid_cents - refunded_cents - pending_cents;

	return left > 0 ? left : 0;
}

int64_t
money_share(int64_t refundable_cents, int64_t quantity, int64_t line_quantity)
{
	if (quantity <= 0 || line_quantity <= 0 || quantity > line_quantity ||
	    refundable_cents <= 0)
		return 0;
	if (quantity == line_quantity)
		return refundable_cents;
	/* Amounts stay far below 2^63 / quantity (at most 10^15 cents). */
	return refundable_cents * quantity / line_quantity;
}

bool
money_allocate(int64_t total_cents, const int64_t *weights, size_t n,
    int64_t *out)
{
	__int128 sum = 0, given = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (weights[i] < 0)
			return false;
		sum += weights[i];
	}
	if (total_cents < 0 || total_cents > sum)
		return false;
	for (i = 0; i < n; i++) {
		out[i] = sum == 0 ? 0 :
		    (int64_t)((__int128)total_cents * weights[i] / sum);
		given += out[i];
	}
	for (i = 0; given < total_cents; i = (i + 1) % n)
		if (out[i] < weights[i]) {
			out[i]++;
			given++;
		}
	return true;
}
