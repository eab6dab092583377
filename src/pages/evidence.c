/* evidence.c: the photos of a case: the evidence/# and evidence/#/thumb pages of every desk, and the case page's list of them. */
#include <stdio.h>
#include <string.h>

#include "core/rules.h"
#include "pages/desk.h"
#include "pages/evidence.h"
#include "pages/words.h"
#include "store/evidence_store.h"

/*
 * Sends photo r->ids[0] (or its thumbnail) to a viewer acting as who who
 * may see its case; 404 otherwise, exactly as for a photo that does not
 * exist. Sent with http_send_file() (safe headers, a sandboxing CSP).
 */
static void
evidence_send(struct req *r, enum actor who, bool thumb)
{
	struct evidence_file f;
	const char *ext;
	char name[64];
	enum rc rc;

	rc = evidence_file_load(r->app->db, r->ids[0], &f);
	if (rc != RC_OK && rc != RC_NOTFOUND) {
		page_fail(r);
		return;
	}
	if (rc == RC_NOTFOUND || !case_visible(who, r->sess.user.id,
	    r->sess.user.shop_id, f.buyer_id, f.shop_id) ||
	    (thumb && f.thumb == NULL)) {
		evidence_file_release(&f);
		page_error(r, 404, N_("Photo not found"), N_("There is no photo at "
		    "this address that you can see."));
		return;
	}
	ext = thumb ? "jpg" : strcmp(f.media_type, "image/png") == 0 ? "png" :
	    strcmp(f.media_type, "image/webp") == 0 ? "webp" : "jpg";
	snprintf(name, sizeof(name), "evidence-%lld%s.%s",
	    (long long)r->ids[0], thumb ? "-thumb" : "", ext);
	http_send_file(&r->http, thumb ? "image/jpeg" : f.media_type,
	    thumb ? f.thumb : f.data, thumb ? f.thumbsz : f.datasz, name);
	evidence_file_release(&f);
}

void
evidence_route_photo(struct req *r)
{
	evidence_send(r, page_actor(r), false);
}

void
evidence_route_thumb(struct req *r)
{
	evidence_send(r, page_actor(r), true);
}

int
evidence_fill(struct req *r, struct tmpl_dict *d, int64_t case_id)
{
	struct evidence_item *e;
	char when[32], alt[400];
	const char *by;
	size_t i, n;
	enum actor a;

	if (evidence_items(r->app->db, case_id, &e, &n) != RC_OK)
		return -1;
	if (n > 0)
		tmpl_show(d, "HAS_EVIDENCE");
	for (i = 0; i < n; i++) {
		struct tmpl_dict *s = tmpl_add_section(d, "EVIDENCE");

		tmpl_set_int(s, "EID", e[i].id);
		by = actor_from_name(e[i].role, &a) ? tr(r, words_actor(a)) :
		    e[i].role;
		tmpl_set(s, "BY", by);
		snprintf(alt, sizeof(alt), tr(r, N_("Photo %1$s from %2$s")),
		    e[i].name, by);
		tmpl_set(s, "ALT", alt);
		tmpl_set(s, "AT", req_time(r, e[i].at, when));
		tmpl_set_int(s, "W", e[i].width);
		tmpl_set_int(s, "H", e[i].height);
	}
	evidence_items_free(e, n);
	return 0;
}
