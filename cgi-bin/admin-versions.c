/* admin-versions.c: admin.fcgi's policy versions: the admin's draft with what changes in words and the buyers' page in both languages, publishing it, and every version with what changed between any two. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/util.h"
#include "engine/publish.h"
#include "pages/view.h"
#include "base/cursor.h"
#include "store/admin_store.h"
#include "store/refund_store.h"
#include "store/policy_store.h"
#include "web/valid.h"

/*
 * Adds section sec to d with one CHANGE row per difference from old to
 * new, unless there is none. Returns how many.
 */
static size_t
diff_into(struct req *r, struct tmpl_dict *d, const char *sec,
    const struct policy *old, const struct policy *new)
{
	struct tmpl_dict *count = tmpl_dict_new();
	size_t n = view_diff(r, count, old, new);

	tmpl_dict_free(count);
	if (n > 0)
		view_diff(r, tmpl_add_section(d, sec), old, new);
	return n;
}

/* Returns the translation of msgid filled with n (one %d). */
static const char *
count_text(struct req *r, const char *msgid, int64_t n, char *buf, size_t sz)
{
	snprintf(buf, sz, tr(r, msgid), (int)n);
	return buf;
}

/*
 * Renders shared/policy.tpl for p in language lang, as the buyers' page
 * will show it. Returns the HTML (free it), or NULL (logged).
 */
static char *
preview(struct req *r, const struct policy *p, enum lang lang)
{
	struct tmpl_dict *d = tmpl_dict_new();
	struct buf out = { 0 };
	enum lang keep = r->lang;

	r->lang = lang;
	view_policy(r, d, p);
	r->lang = keep;
	if (tmpl_expand((int)lang, "admin/policy_preview.tpl", d, &out) != 0) {
		buf_release(&out);
		tmpl_dict_free(d);
		return NULL;
	}
	tmpl_dict_free(d);
	return out.data != NULL ? out.data : xstrdup("");
}

/*
 * Renders the admin's draft: what changes against the version it was
 * copied from, how many open cases stay on their versions, the buyers'
 * page in both languages, and the publish form (note kept, its message
 * note_err). status 200, 409 (someone else published first: notice) or
 * 422.
 */
static void
draft_show(struct req *r, int status, const char *notice, const char *note,
    const char *note_err)
{
	struct policy draft, base;
	struct tmpl_dict *d;
	int64_t id, based_on, open = 0;
	char text[256], *html;
	size_t i, changes;
	enum rc rc;

	memset(&draft, 0, sizeof(draft));
	memset(&base, 0, sizeof(base));
	rc = admin_draft_of(r->app->db, r->sess.user.id, &id, &based_on);
	if (rc == RC_NOTFOUND) {
		d = page_new(r);
		tmpl_show(d, "NO_DRAFT");
		page_send(r, status == 200 ? 200 : status,
		    N_("Draft of the return policy"), "admin/policy_draft.tpl",
		    d);
		return;
	}
	if (rc != RC_OK || (rc = policy_load(r->app->db, id, &draft)) != RC_OK ||
	    (rc = policy_load(r->app->db, based_on, &base)) != RC_OK ||
	    (rc = admin_open_cases(r->app->db, &open)) != RC_OK) {
		policy_release(&draft);
		policy_release(&base);
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_show(d, "HAS_DRAFT");
	if (notice != NULL)
		tmpl_set(tmpl_add_section(d, "NOTICE"), "TEXT", notice);
	tmpl_set_int(d, "DRAFT", id);
	tmpl_set(d, "AGAINST", count_text(r, N_("What changes against "
	    "version %d"), base.version, text, sizeof(text)));
	changes = diff_into(r, d, "HAS_CHANGES", &base, &draft);
	if (changes == 0)
		tmpl_show(d, "NO_CHANGE");
	tmpl_set(d, "OPEN_CASES", count_text(r, N_("%d open cases stay on "
	    "the version they were opened under; only new requests follow "
	    "the new version."), open, text, sizeof(text)));
	tmpl_set(d, "NOTE", note != NULL ? note : "");
	if (note_err != NULL)
		tmpl_set(tmpl_add_section(d, "NOTE_ERROR"), "TEXT",
		    tr(r, note_err));
	/* The preview shows the draft as it will be published. */
	draft.version = base.version + 1;
	draft.published_at = r->now;
	for (i = 0; i < LANG__MAX; i++) {
		if ((html = preview(r, &draft, (enum lang)i)) == NULL) {
			policy_release(&draft);
			policy_release(&base);
			page_fail(r);
			return;
		}
		tmpl_set(d, i == LANG_EN ? "PREVIEW_EN" : "PREVIEW_ZH", html);
		free(html);
	}
	policy_release(&draft);
	policy_release(&base);
	page_send(r, status, N_("Draft of the return policy"),
	    "admin/policy_draft.tpl", d);
}

/* /policy/draft (GET, admin): the draft, its changes, preview and publish form. 200, or 500. */
void
admin_policy_draft(struct req *r)
{
	draft_show(r, 200, NULL, NULL, NULL);
}

/* The fields of the publish form. */
enum { PB_DRAFT, PB_NOTE, PB__MAX };

static const struct form_spec publish_form[PB__MAX] = {
	{ "draft", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Open your draft again and publish it from there.") },
	  /* PB_DRAFT */
	{ "note", FORM_TEXT, true, 1, 500, false, NULL, 0,
	  N_("Say in a few words (up to 500 characters) what changed and "
	  "why.") }, /* PB_NOTE */
};

/*
 * /policy/publish (POST, admin): publishes the admin's draft (fields
 * draft, note). 303 to versions?published=N; 409 with the draft now
 * compared with the version another admin published first; 422 without a
 * note (kept); 404 without that draft; 500.
 */
void
admin_policy_publish(struct req *r)
{
	struct form_value v[PB__MAX];
	struct publish pb;
	char *loc, text[256];
	enum rc rc;

	if (!form_check(&r->form, publish_form, PB__MAX, v)) {
		if (v[PB_DRAFT].error != NULL) {
			page_error(r, 404, N_("No such draft"),
			    tr(r, v[PB_DRAFT].error));
			return;
		}
		draft_show(r, 422, NULL, v[PB_NOTE].raw, v[PB_NOTE].error);
		return;
	}
	memset(&pb, 0, sizeof(pb));
	pb.admin = r->sess.user.id;
	pb.draft = v[PB_DRAFT].num;
	pb.note = v[PB_NOTE].raw;
	pb.remote_addr = r->http.remote_addr;
	pb.now = r->now;
	rc = policy_publish(r->app->db, &pb);
	switch (rc) {
	case RC_OK:
		loc = xasprintf("versions?published=%lld", (long long)pb.version);
		page_redirect(r, loc, NULL);
		free(loc);
		break;
	case RC_CONFLICT:
		snprintf(text, sizeof(text), "%s", tr(r, N_("Another admin "
		    "published a new version while you were reviewing. Your "
		    "draft is kept and now compared with that version: review "
		    "the changes below and publish again.")));
		draft_show(r, 409, text, pb.note, NULL);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("No such draft"), N_("Open your draft "
		    "again and publish it from there."));
		break;
	default:
		page_fail(r);
		break;
	}
}

/*
 * /versions (GET, admin): every version with who published it, when,
 * the note and the open cases it governs; ?from=A&to=B adds what changed
 * from version A to version B; ?published=N says N was just published.
 * 200, 404 (no such version), or 500.
 */
void
admin_versions_page(struct req *r)
{
	const char *from = fields_str(&r->query, "from");
	const char *to = fields_str(&r->query, "to");
	const char *published = fields_str(&r->query, "published");
	const char *before = fields_str(&r->query, "before");
	struct admin_version *vs;
	struct cursor below;
	time_t as_of;
	bool more;
	struct policy a, b;
	struct tmpl_dict *d, *s;
	int64_t va = 0, vb = 0, ia, ib, pn;
	char when[32], text[256];
	size_t i, n;
	enum rc rc;

	if ((from != NULL || to != NULL) &&
	    (from == NULL || to == NULL || !valid_id(from, &va) ||
	    !valid_id(to, &vb) ||
	    policy_id_of(r->app->db, va, &ia) != RC_OK ||
	    policy_id_of(r->app->db, vb, &ib) != RC_OK)) {
		page_error(r, 404, N_("No such policy version"), N_("Choose two "
		    "versions from the list."));
		return;
	}
	memset(&below, 0, sizeof(below));
	if (before != NULL && *before != '\0' && (!cursor_parse(before,
	    &below) || below.key[0] != '\0')) {
		page_error(r, 400, N_("Not a page of the versions"), N_("This "
		    "link does not lead to a page of the versions. Start "
		    "again from the first page."));
		return;
	}
	if (admin_versions(r->app->db, below.id, &vs, &n, &more) != RC_OK ||
	    admin_stats_as_of(r->app->db, "ledger", &as_of) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "OPEN_AS_OF", admin_as_of(r, as_of, N_("not counted yet: "
	    "the worker counts every minute"), text, sizeof(text)));
	if (more) {
		tmpl_set_int(tmpl_add_section(d, "NEXT_PAGE"), "BEFORE",
		    vs[n - 1].version);
	}
	if (!cursor_first(&below))
		tmpl_show(d, "FIRST_PAGE");
	if (published != NULL && valid_id(published, &pn))
		tmpl_set(tmpl_add_section(d, "PUBLISHED"), "TEXT",
		    count_text(r, N_("Version %d is published. New requests "
		    "follow it from now on."), pn, text, sizeof(text)));
	for (i = 0; i < n; i++) {
		s = tmpl_add_section(d, "VERSION");
		tmpl_set_int(s, "N", vs[i].version);
		tmpl_set(s, "LABEL", count_text(r, N_("Version %d"),
		    vs[i].version, text, sizeof(text)));
		tmpl_set(s, "STATUS", tr(r, vs[i].current ? N_("current") :
		    N_("earlier")));
		tmpl_set(s, "WHEN", req_time(r, vs[i].published_at, when));
		tmpl_set(s, "WHO", *vs[i].login != '\0' ? vs[i].login :
		    tr(r, N_("(demo data)")));
		tmpl_set(s, "NOTE", vs[i].note);
		if (vs[i].open_cases >= 0)
			tmpl_set_int(s, "OPEN", vs[i].open_cases);
		else
			tmpl_set(s, "OPEN", "—");
		if (vs[i].version == (va != 0 ? va : (n > 1 ? vs[1].version : 0)))
			tmpl_show(s, "FROM_SELECTED");
		if (vs[i].version == (vb != 0 ? vb : vs[0].version))
			tmpl_show(s, "TO_SELECTED");
	}
	admin_versions_free(vs, n);
	if (va != 0) {
		rc = policy_load(r->app->db, ia, &a);
		if (rc == RC_OK && (rc = policy_load(r->app->db, ib, &b)) !=
		    RC_OK)
			policy_release(&a);
		if (rc != RC_OK) {
			page_fail(r);
			return;
		}
		s = tmpl_add_section(d, "DIFF");
		snprintf(text, sizeof(text), tr(r, N_("From version %1$d to "
		    "version %2$d")), (int)va, (int)vb);
		tmpl_set(s, "TITLE", text);
		if (diff_into(r, s, "CHANGES", &a, &b) == 0)
			tmpl_show(s, "SAME");
		policy_release(&a);
		policy_release(&b);
	}
	page_send(r, 200, N_("Policy versions"), "admin/versions.tpl", d);
}
