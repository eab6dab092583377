/* policy.h: the published return policy: its deadlines, limits, fast-track rule and reasons. */
#ifndef POLICY_H
#define POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/rc.h"

/* Who pays for sending goods back. */
enum payer {
	PAYER_BUYER,
	PAYER_SELLER,
	PAYER__MAX
};

/* From when a reason's window counts (policy_reasons.window_from). */
enum window_from {
	WINDOW_FROM_DELIVERY,	/* days after delivery; after payment while undelivered */
	WINDOW_FROM_UNDELIVERED,	/* no end while undelivered, then days after delivery */
	WINDOW_FROM_UNSHIPPED,	/* no end while unshipped, closed once it ships */
	WINDOW_FROM__MAX
};

struct policy_reason {
	char	*code;
	char	*label_en;
	char	*label_zh;
	char	*explain_en;
	char	*explain_zh;
	bool	 allow_refund_only;
	bool	 allow_return_refund;
	bool	 allow_exchange;
	bool	 evidence_required;
	enum payer shipping_payer;
	int64_t	 window_days;	/* 0: the policy's window */
	enum window_from window_from;	/* from when it counts */
	bool	 needs_received;	/* only when the buyer has the goods */
	bool	 needs_not_received;	/* only when the goods did not arrive */
	bool	 needs_unshipped;	/* only before the order ships */
	bool	 fast_track;
};

struct policy {
	int64_t			 id;
	int64_t			 version;
	time_t			 published_at;
	int64_t			 return_window_days;
	int64_t			 seller_response_hours;
	int64_t			 buyer_response_hours;
	int64_t			 buyer_ship_days;
	int64_t			 seller_receive_days;
	int64_t			 seller_reship_days;
	int64_t			 buyer_confirm_days;
	int64_t			 platform_ruling_days;
	int64_t			 escalation_days;
	int64_t			 evidence_request_hours;	/* one side asked for more */
	int64_t			 max_attempts;
	int64_t			 evidence_max_files;
	int64_t			 evidence_max_bytes;
	char			*evidence_types;
	bool			 fast_track_enabled;
	int64_t			 fast_track_max_cents;
	int64_t			 fast_track_max_recent_refunds;
	int64_t			 fast_track_recent_days;
	char			*text_en;
	char			*text_zh;
	struct policy_reason	*reasons;
	size_t			 reasonsz;
};

/* Returns the window_from called name ("undelivered"), or WINDOW_FROM__MAX. */
enum window_from policy_window_from(const char *name);

/* Returns the name of window_from w ("delivery"). */
const char *policy_window_from_name(enum window_from w);

/* Returns the reason called code, or NULL. */
const struct policy_reason *policy_reason(const struct policy *p,
	    const char *code);

void	policy_release(struct policy *p);

/*
 * Calls change(label, reason, before, after, arg) for every setting and
 * every field of a reason that differs from old to new. label is a msgid
 * ("Return window (days)", "Photos required"); reason is the reason the
 * change is about (new's, or old's when it was removed), NULL for a
 * setting of the whole policy; before and after are numbers, texts or
 * msgids ("yes", "the seller"), "" for a reason added or removed. Pure;
 * the strings live until the call returns.
 */
void	policy_diff(const struct policy *old, const struct policy *new,
	    void (*change)(const char *label, const struct policy_reason *reason,
	    const char *before, const char *after, void *arg), void *arg);

/*
 * Checks what a policy's fields cannot check one by one: at least one
 * reason; no two reasons with one code; each reason allows a type; its
 * receipt conditions agree (goods not received rule out a return or an
 * exchange); the accepted evidence types are known. Returns NULL when the
 * policy is sound, else a msgid saying what is wrong, with *reason set to
 * the index of the reason at fault (or reasonsz when the fault is not a
 * reason's). Pure.
 */
const char *policy_check(const struct policy *p, size_t *reason);

#endif /* POLICY_H */
