/* view.c: dictionary fillers that more than one program's pages share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "pages/view.h"
#include "store/policy_store.h"

void
view_paragraphs(struct tmpl_dict *d, const char *section, const char *text)
{
	const char *p = text, *end;
	char *para;

	while (*p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		para = xstrndup(p, (size_t)(end - p));
		tmpl_set(tmpl_add_section(d, section), "TEXT", para);
		free(para);
		p = end;
	}
}

void
view_reason(struct req *r, struct tmpl_dict *s, const struct policy_reason *pr)
{
	bool zh = r->lang == LANG_ZH;

	tmpl_set(s, "LABEL", zh ? pr->label_zh : pr->label_en);
	/* A Chinese page shows no English: the other label only in English. */
	if (!zh)
		tmpl_set(tmpl_add_section(s, "OTHER"), "TEXT", pr->label_zh);
	tmpl_set(s, "EXPLAIN", zh ? pr->explain_zh : pr->explain_en);
}

/*
 * Sets var of d to the translation of msgid (one %d placeholder) filled
 * with n, a count of days, hours, files or megabytes far below INT_MAX.
 */
static void
set_count(struct req *r, struct tmpl_dict *d, const char *var,
    const char *msgid, int64_t n)
{
	char text[256];

	snprintf(text, sizeof(text), tr(r, msgid), (int)n);
	tmpl_set(d, var, text);
}

void
view_policy(struct req *r, struct tmpl_dict *d, const struct policy *p)
{
	struct tmpl_dict *v = tmpl_add_include(d, "POLICY", "shared/policy.tpl");
	char when[32], money[32], text[512];
	size_t i;

	set_count(r, v, "VERSION", N_("Version %d"), p->version);
	snprintf(text, sizeof(text), tr(r, N_("published %s")),
	    req_time(r, p->published_at, when));
	tmpl_set(v, "PUBLISHED", text);
	view_paragraphs(v, "PARA", r->lang == LANG_ZH ? p->text_zh :
	    p->text_en);
	set_count(r, v, "RETURN_WINDOW", N_("%d days after delivery"),
	    p->return_window_days);
	set_count(r, v, "SELLER_RESPONSE",
	    N_("%d hours, or the request is approved automatically"),
	    p->seller_response_hours);
	set_count(r, v, "BUYER_RESPONSE", N_("%d hours, or the case closes"),
	    p->buyer_response_hours);
	set_count(r, v, "BUYER_SHIP", N_("%d days of approval"),
	    p->buyer_ship_days);
	set_count(r, v, "SELLER_RECEIVE",
	    N_("%d days, or receipt is confirmed automatically"),
	    p->seller_receive_days);
	set_count(r, v, "SELLER_RESHIP",
	    N_("%d days, or the exchange becomes a refund"),
	    p->seller_reship_days);
	set_count(r, v, "ESCALATION", N_("%d days"), p->escalation_days);
	set_count(r, v, "PLATFORM_RULING", N_("%d days"),
	    p->platform_ruling_days);
	set_count(r, v, "EVIDENCE_REQUEST",
	    N_("%d hours, or the platform rules without it"),
	    p->evidence_request_hours);
	set_count(r, v, "MAX_ATTEMPTS", N_("at most %d"), p->max_attempts);
	snprintf(text, sizeof(text),
	    tr(r, N_("up to %d files of %d MB each (JPEG, PNG or WebP)")),
	    (int)p->evidence_max_files, (int)(p->evidence_max_bytes >> 20));
	tmpl_set(v, "PHOTOS", text);
	if (p->fast_track_enabled) {
		snprintf(text, sizeof(text), tr(r, N_("refund-only requests up "
		    "to %1$s are approved at once for buyers with fewer than "
		    "%2$d refunds in %3$d days")),
		    cents_format(p->fast_track_max_cents, money),
		    (int)p->fast_track_max_recent_refunds,
		    (int)p->fast_track_recent_days);
		tmpl_set(tmpl_add_section(v, "FAST_TRACK"), "TEXT", text);
	}
	for (i = 0; i < p->reasonsz; i++) {
		const struct policy_reason *pr = &p->reasons[i];
		struct tmpl_dict *s = tmpl_add_section(v, "REASON");
		struct buf types = { 0 };

		view_reason(r, s, pr);
		if (pr->allow_refund_only)
			buf_puts(&types, tr(r, "refund only"));
		if (pr->allow_return_refund)
			buf_printf(&types, "%s%s", types.len ? tr(r, ", ") : "",
			    tr(r, "return and refund"));
		if (pr->allow_exchange)
			buf_printf(&types, "%s%s", types.len ? tr(r, ", ") : "",
			    tr(r, "exchange"));
		tmpl_set(s, "TYPES", types.data);
		tmpl_set(s, "EVIDENCE", tr(r, pr->evidence_required ?
		    N_("required") : N_("optional")));
		tmpl_set(s, "PAYER", tr(r, pr->shipping_payer == PAYER_SELLER ?
		    "the seller" : "the buyer"));
		buf_release(&types);
	}
}

/* What add_change() needs. */
struct diff_arg {
	struct req		*r;
	struct tmpl_dict	*d;
	size_t			 n;
};

/* policy_diff() callback: one CHANGE row. */
static void
add_change(const char *label, const struct policy_reason *reason,
    const char *before, const char *after, void *arg)
{
	struct diff_arg *a = arg;
	struct tmpl_dict *s = tmpl_add_section(a->d, "CHANGE");
	char text[512];

	if (reason != NULL) {
		snprintf(text, sizeof(text), tr(a->r, N_("Reason “%1$s”: %2$s")),
		    a->r->lang == LANG_ZH ? reason->label_zh : reason->label_en,
		    tr(a->r, label));
		tmpl_set(s, "LABEL", text);
	} else
		tmpl_set(s, "LABEL", tr(a->r, label));
	tmpl_set(s, "BEFORE", *before != '\0' ? tr(a->r, before) :
	    tr(a->r, N_("(none)")));
	tmpl_set(s, "AFTER", *after != '\0' ? tr(a->r, after) :
	    tr(a->r, N_("(removed)")));
	a->n++;
}

size_t
view_diff(struct req *r, struct tmpl_dict *d, const struct policy *old,
    const struct policy *new)
{
	struct diff_arg diff = { r, d, 0 };

	policy_diff(old, new, add_change, &diff);
	return diff.n;
}

/* Lists every published version in VERSION rows and, when the one shown has a predecessor, what changed. */
static enum rc
versions(struct req *r, struct tmpl_dict *d, const struct policy *shown)
{
	const struct policy_version *v;
	struct policy prev;
	char when[32], text[128];
	size_t i, n;
	enum rc rc;

	if ((rc = app_policy_versions(r, &v, &n)) != RC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct tmpl_dict *s = tmpl_add_section(d, "VERSION");

		tmpl_set_int(s, "N", v[i].version);
		set_count(r, s, "LABEL", N_("Version %d"), v[i].version);
		tmpl_set(s, "STATUS", tr(r, v[i].current ? N_("current") :
		    N_("earlier")));
		snprintf(text, sizeof(text), tr(r, N_("published %s")),
		    req_time(r, v[i].published_at, when));
		tmpl_set(s, "PUBLISHED", text);
		if (v[i].id == shown->id)
			tmpl_show(s, "SHOWN");
		if (v[i].id != shown->id || i + 1 >= n)
			continue;
		if ((rc = policy_load_published(r->app->db, v[i + 1].id, &prev)) != RC_OK)
			break;
		set_count(r, tmpl_add_section(d, "DIFF"), "TITLE",
		    N_("What changed since version %d"), prev.version);
		view_diff(r, d, &prev, shown);
		policy_release(&prev);
	}
	return rc;
}

void
view_send_policy(struct req *r, const struct view_policy_words *w)
{
	const char *want = fields_str(&r->query, "version");
	const struct policy *p = NULL;
	struct tmpl_dict *d;
	struct policy owned;
	int64_t version, id;
	enum rc rc;

	memset(&owned, 0, sizeof(owned));
	if (want != NULL) {
		if (!valid_id(want, &version) ||
		    (rc = policy_id_of(r->app->db, version, &id)) == RC_NOTFOUND) {
			page_error(r, 404, N_("No such policy version"), N_("Choose a "
			    "version from the list of the return policy page."));
			return;
		}
		if (rc == RC_OK)
			rc = policy_load_published(r->app->db, id, &owned);
		p = &owned;
	} else
		rc = app_policy(r, &p);
	if (rc != RC_OK && rc != RC_NOTFOUND) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "HEADING", tr(r, w->heading));
	tmpl_set(d, "LEAD", tr(r, w->lead));
	if (rc == RC_NOTFOUND)
		tmpl_set(tmpl_add_section(d, "NO_POLICY"), "TEXT",
		    tr(r, w->none));
	else {
		view_policy(r, d, p);
		if (versions(r, d, p) != RC_OK) {
			policy_release(&owned);
			page_fail(r);
			return;
		}
	}
	policy_release(&owned);
	page_send(r, 200, w->title, "shared/policy_page.tpl", d);
}
