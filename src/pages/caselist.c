/* caselist.c: the lists of cases of every desk (the buyer's cases, the seller's queue, the platform's escalations), drawn by one partial. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages/caselist.h"
#include "pages/desk.h"
#include "pages/words.h"
#include "store/talk_store.h"

/*
 * Shows the column switches of parts/case_rows.tpl for desk in d. Each row
 * needs its own: a section shown only on the table would expand with the
 * table's variables, not the row's.
 */
static void
rows_columns(struct tmpl_dict *d, enum actor desk)
{
	tmpl_show(d, desk == ACTOR_BUYER ? "SHOW_SHOP" : "SHOW_BUYER");
	if (desk != ACTOR_ADMIN)
		tmpl_show(d, "SHOW_STATE");
}

void
caselist_rows(struct req *r, struct tmpl_dict *d, const char *name,
    const struct caseview_row *rows, size_t rowsz)
{
	static const char *const deadline_heads[ACTOR__MAX] = {
		N_("Next deadline"), /* ACTOR_BUYER */
		N_("Deadline"), /* ACTOR_SELLER */
		N_("Rule by"), /* ACTOR_ADMIN */
		N_("Deadline"), /* ACTOR_SYSTEM */
	};
	enum actor desk = page_actor(r), next;
	struct tmpl_dict *t;
	char when[32], text[128];
	size_t i;

	if (rowsz == 0) {
		tmpl_show(d, "EMPTY");
		return;
	}
	t = tmpl_add_include(d, name, "parts/case_rows.tpl");
	rows_columns(t, desk);
	tmpl_set(t, "DEADLINE_HEAD", tr(r, deadline_heads[desk]));
	for (i = 0; i < rowsz; i++) {
		struct tmpl_dict *s = tmpl_add_section(t, "CASE");

		rows_columns(s, desk);
		tmpl_set_int(s, "ID", rows[i].id);
		tmpl_set(s, "RMA_NO", rows[i].rma_no);
		if (rows[i].unread > 0)
			tmpl_set(tmpl_add_section(s, "UNREAD"), "TEXT",
			    tr(r, rows[i].unread == 2 ? N_("new message") :
			    N_("new")));
		tmpl_set(s, "ORDER_NO", rows[i].order_no);
		tmpl_set(s, "WHO", rows[i].who);
		tmpl_set(s, "TYPE", tr(r, words_type(rows[i].type)));
		tmpl_set(s, "STATE", tr(r, words_state(rows[i].state)));
		tmpl_set(s, "STATE_KEY", case_state_name(rows[i].state));
		tmpl_set(s, "CURRENCY", req_currency(r, rows[i].currency));
		tmpl_set_cents(s, "AMOUNT", rows[i].requested_cents);
		tmpl_set(s, "DEADLINE", rows[i].deadline_at == 0 ? "—" :
		    req_time(r, rows[i].deadline_at, when));
		if (rows[i].deadline_at != 0 && rows[i].deadline_at < r->now)
			tmpl_show(s, "OVERDUE");
		next = machine_waiting_for(rows[i].state);
		if (next >= ACTOR__MAX || case_state_terminal(rows[i].state))
			continue;
		if (next == desk)
			tmpl_show(s, "YOUR_MOVE");
		else {
			snprintf(text, sizeof(text), tr(r, N_("waiting for %s")),
			    tr(r, words_actor(next)));
			tmpl_set(tmpl_add_section(s, "WAITING"), "TEXT", text);
		}
	}
}

/*
 * Sets the unread markers of the rowsz (at most TALK_MARKS) rows for the
 * signed-in user. Returns 0, or -1 on a database error.
 */
static int
caselist_marks(struct req *r, struct caseview_row *rows, size_t rowsz)
{
	int64_t ids[TALK_MARKS];
	int marks[TALK_MARKS];
	size_t i;

	assert(rowsz <= TALK_MARKS);
	for (i = 0; i < rowsz; i++)
		ids[i] = rows[i].id;
	if (rowsz == 0)
		return 0;
	if (talk_unread_marks(r->app->db, r->sess.user.id, ids, rowsz,
	    marks) != RC_OK)
		return -1;
	for (i = 0; i < rowsz; i++)
		rows[i].unread = marks[i];
	return 0;
}

/*
 * Loads the buyer's page of cases: open ones first, then finished ones,
 * each part newest first; done and after as the page's query gives them.
 * Fills *rows, *rowsz (free with caseview_rows_free()) and the next page's
 * query into next ("" when none). Returns RC_OK or RC_DB.
 */
static enum rc
caselist_buyer_load(struct req *r, bool done, const struct cursor *after,
    struct caseview_row **rows, size_t *rowsz, char *next, size_t nextsz)
{
	struct caseview_row *a = NULL, *b = NULL;
	struct cursor last, top;
	size_t asz = 0, bsz = 0;
	bool more;
	char cur[CURSOR_MAX];
	enum rc rc;

	*rows = NULL;
	*rowsz = 0;
	*next = '\0';
	memset(&top, 0, sizeof(top));
	if (!done) {
		rc = caseview_buyer_page(r->app->db, r->sess.user.id, true,
		    after, CASELIST_PAGE, &a, &asz, &more, &last);
		if (rc != RC_OK)
			return rc;
		if (more) {
			cursor_format(&last, cur, sizeof(cur));
			snprintf(next, nextsz, "after=%s", cur);
			goto out;
		}
		after = &top;
	}
	rc = caseview_buyer_page(r->app->db, r->sess.user.id, false, after,
	    CASELIST_PAGE - asz, &b, &bsz, &more, &last);
	if (rc != RC_OK) {
		caseview_rows_free(a, asz);
		return rc;
	}
	if (more && bsz == 0)
		snprintf(next, nextsz, "part=done");
	else if (more) {
		cursor_format(&last, cur, sizeof(cur));
		snprintf(next, nextsz, "part=done&after=%s", cur);
	}
	a = xrealloc(a, (asz + bsz + 1) * sizeof(*a));
	if (bsz > 0)
		memcpy(a + asz, b, bsz * sizeof(*b));
	asz += bsz;
	free(b);
out:
	*rows = a;
	*rowsz = asz;
	return RC_OK;
}

void
caselist_send(struct req *r, const char *title, const char *tpl)
{
	struct caseview_row *rows;
	struct tmpl_dict *d;
	struct cursor after;
	const char *v;
	size_t rowsz;
	bool done;
	char next[CURSOR_MAX + 32];

	memset(&after, 0, sizeof(after));
	v = fields_str(&r->query, "part");
	done = v != NULL && strcmp(v, "done") == 0;
	v = fields_str(&r->query, "after");
	if (v != NULL && !cursor_parse(v, &after))
		memset(&after, 0, sizeof(after));
	if (caselist_buyer_load(r, done, &after, &rows, &rowsz, next,
	    sizeof(next)) != RC_OK) {
		page_fail(r);
		return;
	}
	if (caselist_marks(r, rows, rowsz) != 0) {
		caseview_rows_free(rows, rowsz);
		page_fail(r);
		return;
	}
	d = page_new(r);
	if (rowsz > 0 || (!done && cursor_first(&after)))
		caselist_rows(r, d, "CASE_ROWS", rows, rowsz);
	if (done || !cursor_first(&after))
		tmpl_show(d, "FIRST");
	if (*next != '\0')
		tmpl_set(tmpl_add_section(d, "NEXT"), "QUERY", next);
	caseview_rows_free(rows, rowsz);
	page_send(r, 200, title, tpl, d);
}
