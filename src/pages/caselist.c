/* caselist.c: the lists of cases of every desk (the buyer's cases, the seller's queue, the platform's escalations), drawn by one partial. */
#include <stdio.h>
#include <stdlib.h>

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
 * Sets the unread markers of the rowsz rows for the signed-in user from
 * their latest cases with news. Returns 0, or -1 on a database error.
 */
static int
caselist_marks(struct req *r, struct caseview_row *rows, size_t rowsz)
{
	int64_t *ids;
	bool *messages;
	size_t idsz, i, k;

	if (talk_unread_ids(r->app->db, r->sess.user.id, &ids, &messages,
	    &idsz) != RC_OK)
		return -1;
	for (i = 0; i < rowsz; i++)
		for (k = 0; k < idsz; k++)
			if (rows[i].id == ids[k])
				rows[i].unread = messages[k] ? 2 : 1;
	free(ids);
	free(messages);
	return 0;
}

void
caselist_send(struct req *r, enum sql st, int64_t key, const char *title,
    const char *tpl)
{
	struct caseview_row *rows;
	struct tmpl_dict *d;
	size_t rowsz;

	if (caseview_rows(r->app->db, st, key, &rows, &rowsz) != RC_OK ||
	    (page_actor(r) == ACTOR_BUYER && caselist_marks(r, rows, rowsz) !=
	    0)) {
		caseview_rows_free(rows, rowsz);
		page_fail(r);
		return;
	}
	d = page_new(r);
	caselist_rows(r, d, "CASE_ROWS", rows, rowsz);
	caseview_rows_free(rows, rowsz);
	page_send(r, 200, title, tpl, d);
}
