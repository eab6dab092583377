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
	{ N_("Requests per item"), offsetof(struct policy, max_attempts) },
	{ N_("Photos per case"), offsetof(struct policy, evidence_max_files) },
	{ N_("Bytes per photo"), offsetof(struct policy, evidence_max_bytes) },
	{ N_("Fast refund up to (cents)"), offsetof(struct policy, fast_track_max_cents) },
	{ N_("Fast refund: refunds allowed before"), offsetof(struct policy, fast_track_max_recent_refunds) },
	{ N_("Fast refund: days counted"), offsetof(struct policy, fast_track_recent_days) },
};

/* A reason in a few words, for the diff. */
static char *
reason_words(const struct policy_reason *r)
{
	return xasprintf("%s: %s%s%s; photos %s; shipping paid by %s; "
	    "window %lld days from %s", r->label_en,
	    r->allow_refund_only ? "refund " : "",
	    r->allow_return_refund ? "return " : "",
	    r->allow_exchange ? "exchange" : "",
	    r->evidence_required ? "required" : "optional",
	    r->shipping_payer == PAYER_SELLER ? "seller" : "buyer",
	    (long long)r->window_days, policy_window_from_name(r->window_from));
}

void
policy_diff(const struct policy *old, const struct policy *new,
    void (*change)(const char *, const char *, const char *, void *),
    void *arg)
{
	char a[32], b[32], *x, *y;
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
		change(settings[i].label, a, b, arg);
	}
	if (old->fast_track_enabled != new->fast_track_enabled)
		change(N_("Fast refund"), old->fast_track_enabled ? N_("on") :
		    N_("off"), new->fast_track_enabled ? N_("on") : N_("off"),
		    arg);
	for (i = 0; i < new->reasonsz; i++) {
		y = reason_words(&new->reasons[i]);
		o = policy_reason(old, new->reasons[i].code);
		x = o != NULL ? reason_words(o) : xstrdup("");
		if (strcmp(x, y) != 0)
			change(N_("Reason"), x, y, arg);
		free(x);
		free(y);
	}
	for (i = 0; i < old->reasonsz; i++)
		if (policy_reason(new, old->reasons[i].code) == NULL) {
			x = reason_words(&old->reasons[i]);
			change(N_("Reason"), x, "", arg);
			free(x);
		}
	if (strcmp(old->text_en, new->text_en) != 0)
		change(N_("Text for buyers"), N_("(earlier text)"), N_("(new text)"),
		    arg);
}
