/* policy.c: the return policy's pure helpers: finding a reason, releasing, and the difference of two versions. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "core/policy.h"

/* The names of enum window_from, as in policy_reasons.window_from. */
static const char *const window_from_names[WINDOW_FROM__MAX] = {
	"delivery", /* WINDOW_FROM_DELIVERY */
	"undelivered", /* WINDOW_FROM_UNDELIVERED */
	"unshipped", /* WINDOW_FROM_UNSHIPPED */
};

enum window_from
policy_window_from(const char *name)
{
	size_t i;

	for (i = 0; i < WINDOW_FROM__MAX; i++)
		if (strcmp(window_from_names[i], name) == 0)
			return (enum window_from)i;
	return WINDOW_FROM__MAX;
}

const char *
policy_window_from_name(enum window_from w)
{
	return w < WINDOW_FROM__MAX ? window_from_names[w] : "";
}

const struct policy_reason *
policy_reason(const struct policy *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->reasonsz; i++)
		if (strcmp(p->reasons[i].code, code) == 0)
			return &p->reasons[i];
	return NULL;
}

void
policy_release(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->reasonsz; i++) {
		free(p->reasons[i].code);
		free(p->reasons[i].label_en);
		free(p->reasons[i].label_zh);
		free(p->reasons[i].explain_en);
		free(p->reasons[i].explain_zh);
	}
	free(p->reasons);
	free(p->evidence_types);
	free(p->text_en);
	free(p->text_zh);
	memset(p, 0, sizeof(*p));
}

/* The numeric settings compared by policy_diff(), with their labels. */
static const struct {
	const char	*label;
	size_t		 off;
} settings[] = {
	{ N_("Return window (days)"), offsetof(struct policy, return_window_days) },
	{ N_("Seller answers within (hours)"), offsetof(struct policy, seller_response_hours) },
	{ N_("Buyer answers within (hours)"), offsetof(struct policy, buyer_response_hours) },
	{ N_("Buyer ships back within (days)"), offsetof(struct policy, buyer_ship_days) },
	{ N_("Seller confirms receipt within (days)"), offsetof(struct policy, seller_receive_days) },
	{ N_("Seller ships a replacement within (days)"), offsetof(struct policy, seller_reship_days) },
	{ N_("Buyer confirms a replacement within (days)"), offsetof(struct policy, buyer_confirm_days) },
	{ N_("Platform rules within (days)"), offsetof(struct policy, platform_ruling_days) },
	{ N_("Escalation allowed within (days)"), offsetof(struct policy, escalation_days) },
	{ N_("A side asked for more evidence answers within (hours)"), offsetof(struct policy, evidence_request_hours) },
	{ N_("Requests per item"), offsetof(struct policy, max_attempts) },
	{ N_("Photos per case"), offsetof(struct policy, evidence_max_files) },
	{ N_("Bytes per photo"), offsetof(struct policy, evidence_max_bytes) },
	{ N_("Fast refund up to (cents)"), offsetof(struct policy, fast_track_max_cents) },
	{ N_("Fast refund: refunds allowed before"), offsetof(struct policy, fast_track_max_recent_refunds) },
	{ N_("Fast refund: days counted"), offsetof(struct policy, fast_track_recent_days) },
};

/* The yes/no fields of a reason compared by policy_diff(). */
static const struct {
	const char	*label;
	size_t		 off;
} flags[] = {
	{ N_("Allowed for refund only"), offsetof(struct policy_reason, allow_refund_only) },
	{ N_("Allowed for return and refund"), offsetof(struct policy_reason, allow_return_refund) },
	{ N_("Allowed for exchange"), offsetof(struct policy_reason, allow_exchange) },
	{ N_("Photos required"), offsetof(struct policy_reason, evidence_required) },
	{ N_("Only when the goods were received"), offsetof(struct policy_reason, needs_received) },
	{ N_("Only when the goods were not received"), offsetof(struct policy_reason, needs_not_received) },
	{ N_("Only before the order ships"), offsetof(struct policy_reason, needs_unshipped) },
	{ N_("Fast refund may approve it"), offsetof(struct policy_reason, fast_track) },
};

/* From when a reason's window counts, in words, by enum window_from. */
static const char *const window_from_words[WINDOW_FROM__MAX] = {
	N_("delivery (payment while undelivered)"), /* WINDOW_FROM_DELIVERY */
	N_("delivery, with no end while undelivered"), /* WINDOW_FROM_UNDELIVERED */
	N_("no end while the order has not shipped"), /* WINDOW_FROM_UNSHIPPED */
};

/* Calls change() for a text field that differs, without the texts. */
#define TEXT_DIFF(label, reason, a, b) do {				\
	if (strcmp((a), (b)) != 0)					\
		change((label), (reason), N_("(earlier text)"),		\
		    N_("(new text)"), arg);				\
} while (0)

/* Calls change() for every field of reason o that differs in n. */
static void
reason_diff(const struct policy_reason *o, const struct policy_reason *n,
    void (*change)(const char *, const struct policy_reason *, const char *,
    const char *, void *), void *arg)
{
	char a[32], b[32];
	size_t i;

	if (strcmp(o->label_en, n->label_en) != 0)
		change(N_("Label (English)"), n, o->label_en, n->label_en, arg);
	if (strcmp(o->label_zh, n->label_zh) != 0)
		change(N_("Label (Chinese)"), n, o->label_zh, n->label_zh, arg);
	TEXT_DIFF(N_("Explanation (English)"), n, o->explain_en, n->explain_en);
	TEXT_DIFF(N_("Explanation (Chinese)"), n, o->explain_zh, n->explain_zh);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		bool va = *(const bool *)((const char *)o + flags[i].off);
		bool vb = *(const bool *)((const char *)n + flags[i].off);

		if (va != vb)
			change(flags[i].label, n, va ? N_("yes") : N_("no"),
			    vb ? N_("yes") : N_("no"), arg);
	}
	if (o->shipping_payer != n->shipping_payer)
		change(N_("Return shipping paid by"), n,
		    o->shipping_payer == PAYER_SELLER ? N_("the seller") :
		    N_("the buyer"), n->shipping_payer == PAYER_SELLER ?
		    N_("the seller") : N_("the buyer"), arg);
	if (o->window_days != n->window_days) {
		snprintf(a, sizeof(a), "%lld", (long long)o->window_days);
		snprintf(b, sizeof(b), "%lld", (long long)n->window_days);
		change(N_("Own window (days)"), n, o->window_days == 0 ?
		    N_("the policy's window") : a, n->window_days == 0 ?
		    N_("the policy's window") : b, arg);
	}
	if (o->window_from != n->window_from)
		change(N_("Window counts from"), n,
		    window_from_words[o->window_from < WINDOW_FROM__MAX ?
		    o->window_from : WINDOW_FROM_DELIVERY],
		    window_from_words[n->window_from < WINDOW_FROM__MAX ?
		    n->window_from : WINDOW_FROM_DELIVERY], arg);
}

void
policy_diff(const struct policy *old, const struct policy *new,
    void (*change)(const char *, const struct policy_reason *, const char *,
    const char *, void *), void *arg)
{
	char a[32], b[32];
	const struct policy_reason *o;
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		int64_t va = *(const int64_t *)((const char *)old +
		    settings[i].off);
		int64_t vb = *(const int64_t *)((const char *)new +
		    settings[i].off);

		if (va == vb)
			continue;
		snprintf(a, sizeof(a), "%lld", (long long)va);
		snprintf(b, sizeof(b), "%lld", (long long)vb);
		change(settings[i].label, NULL, a, b, arg);
	}
	if (old->fast_track_enabled != new->fast_track_enabled)
		change(N_("Fast refund"), NULL, old->fast_track_enabled ?
		    N_("on") : N_("off"), new->fast_track_enabled ? N_("on") :
		    N_("off"), arg);
	if (strcmp(old->evidence_types, new->evidence_types) != 0)
		change(N_("Accepted photo types"), NULL, old->evidence_types,
		    new->evidence_types, arg);
	for (i = 0; i < new->reasonsz; i++) {
		o = policy_reason(old, new->reasons[i].code);
		if (o == NULL)
			change(N_("Reason added"), &new->reasons[i], "",
			    new->reasons[i].code, arg);
		else
			reason_diff(o, &new->reasons[i], change, arg);
	}
	for (i = 0; i < old->reasonsz; i++)
		if (policy_reason(new, old->reasons[i].code) == NULL)
			change(N_("Reason removed"), &old->reasons[i],
			    old->reasons[i].code, "", arg);
	TEXT_DIFF(N_("Text for buyers (English)"), NULL, old->text_en,
	    new->text_en);
	TEXT_DIFF(N_("Text for buyers (Chinese)"), NULL, old->text_zh,
	    new->text_zh);
}

/* Returns whether the comma-separated list s names only known photo types. */
static bool
types_known(const char *s)
{
	static const char *const known[] = { "image/jpeg", "image/png",
	    "image/webp" };
	const char *p = s, *end;
	size_t i, n;
	bool ok;

	if (*s == '\0')
		return false;
	for (;;) {
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		ok = false;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strlen(known[i]) == n && strncmp(known[i], p, n) == 0)
				ok = true;
		if (!ok)
			return false;
		if (end == NULL)
			return true;
		p = end + 1;
	}
}

const char *
policy_check(const struct policy *p, size_t *reason)
{
	const struct policy_reason *r;
	size_t i, j;

	*reason = p->reasonsz;
	if (p->reasonsz == 0)
		return N_("Keep at least one reason.");
	if (!types_known(p->evidence_types))
		return N_("List photo types from image/jpeg, image/png and "
		    "image/webp, separated by commas.");
	for (i = 0; i < p->reasonsz; i++) {
		r = &p->reasons[i];
		*reason = i;
		for (j = 0; j < i; j++)
			if (strcmp(p->reasons[j].code, r->code) == 0)
				return N_("Another reason already has this "
				    "code; give each reason its own.");
		if (!r->allow_refund_only && !r->allow_return_refund &&
		    !r->allow_exchange)
			return N_("Allow the reason for at least one kind of "
			    "request.");
		if (r->needs_received && r->needs_not_received)
			return N_("A reason cannot need the goods both received "
			    "and not received.");
		if (r->needs_unshipped && !r->needs_not_received)
			return N_("A reason for unshipped orders also needs the "
			    "goods not received.");
		if (r->needs_not_received && (r->allow_return_refund ||
		    r->allow_exchange))
			return N_("Goods that were not received cannot be sent "
			    "back: allow only refund only.");
		if (r->window_days != 0 && r->window_days < 1)
			return N_("The window must end after it starts: at "
			    "least 1 day.");
	}
	*reason = p->reasonsz;
	return NULL;
}
