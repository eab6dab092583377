/* admin-cases.c: admin.fcgi's cases: the escalation queue (overdue first, then by age) and the search of every case by RMA, order, buyer, shop, state and date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "base/util.h"
#include "pages/words.h"
#include "store/accounts.h"
#include "store/case_search.h"
#include "web/valid.h"

/* Fills one CASE row of d with h; overdue ones are marked. */
static void
hit_row(struct req *r, struct tmpl_dict *d, const struct case_hit *h)
{
	struct tmpl_dict *s = tmpl_add_section(d, "CASE");
	char when[32], text[128];
	int64_t days;

	tmpl_set_int(s, "ID", h->id);
	tmpl_set(s, "RMA_NO", h->rma_no);
	tmpl_set(s, "ORDER_NO", h->order_no);
	tmpl_set(s, "BUYER", h->buyer);
	tmpl_set(s, "SHOP", h->shop);
	tmpl_set(s, "TYPE", tr(r, words_type(h->type)));
	tmpl_set(s, "STATE_KEY", case_state_name(h->state));
	tmpl_set(s, "STATE", tr(r, words_state(h->state)));
	tmpl_set(s, "CURRENCY", req_currency(r, h->currency));
	tmpl_set_cents(s, "AMOUNT", h->requested_cents);
	tmpl_set(s, "CREATED", req_time(r, h->created_at, when));
	if (h->deadline_at != 0)
		tmpl_set(s, "DEADLINE", req_time(r, h->deadline_at, when));
	if (h->deadline_at != 0 && h->deadline_at <= r->now &&
	    h->state == STATE_ESCALATED)
		tmpl_show(s, "OVERDUE");
	if (h->escalated_at != 0 && (h->state == STATE_ESCALATED ||
	    h->state == STATE_EVIDENCE_FROM_BUYER ||
	    h->state == STATE_EVIDENCE_FROM_SELLER)) {
		days = (r->now - h->escalated_at) / 86400;
		snprintf(text, sizeof(text), tr(r, N_("escalated %d days ago")),
		    (int)days);
		tmpl_set(tmpl_add_section(s, "AGE"), "TEXT", text);
	}
}

/*
 * /cases (GET, admin): the escalated cases waiting for a ruling (also
 * those waiting for evidence the platform asked one side for), soonest
 * deadline first so that those past it lead, ESCALATION_PAGE a page after
 * after=<cursor>. 200; 400 for a malformed cursor; 500.
 */
void
admin_escalations(struct req *r)
{
	struct case_hit *h;
	struct tmpl_dict *d, *t;
	struct cursor after;
	const char *v;
	char pos[CURSOR_MAX];
	size_t i, n;
	bool more;

	memset(&after, 0, sizeof(after));
	if ((v = fields_str(&r->query, "after")) != NULL && *v != '\0' &&
	    (!cursor_parse(v, &after) || after.key[0] == '\0')) {
		page_error(r, 400, N_("Not a page of the queue"), N_("This "
		    "link does not lead to a page of the escalated cases. "
		    "Start again from the first page."));
		return;
	}
	if (escalation_queue(r->app->db, &after, &h, &n, &more) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	else {
		t = tmpl_add_section(d, "HAS_CASES");
		for (i = 0; i < n; i++)
			hit_row(r, t, &h[i]);
	}
	if (more) {
		cursor_format(&h[n - 1].pos, pos, sizeof(pos));
		tmpl_set(tmpl_add_section(d, "NEXT_PAGE"), "AFTER", pos);
	}
	if (!cursor_first(&after))
		tmpl_show(d, "FIRST_PAGE");
	case_hits_free(h, n);
	page_send(r, 200, N_("Escalated cases"), "admin/cases.tpl", d);
}

/* The fields of the search form (a GET query). */
enum {
	QF_RMA, QF_ORDER, QF_BUYER, QF_SHOP, QF_STATE, QF_FROM, QF_TO,
	QF_AFTER_AT, QF_AFTER_ID, QF__MAX
};

static const struct form_spec search_form[QF__MAX] = {
	{ "rma", FORM_TEXT, false, 1, 32, false, NULL, 0,
	  N_("An RMA number has at most 32 characters.") }, /* QF_RMA */
	{ "order", FORM_TEXT, false, 1, 32, false, NULL, 0,
	  N_("An order number has at most 32 characters.") }, /* QF_ORDER */
	{ "buyer", FORM_TEXT, false, 1, 64, false, NULL, 0,
	  N_("A login name has at most 64 characters.") }, /* QF_BUYER */
	{ "shop", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Choose a shop from the list.") }, /* QF_SHOP */
	{ "state", FORM_TEXT, false, 1, 32, false, NULL, 0,
	  N_("Choose a state from the list.") }, /* QF_STATE */
	{ "from", FORM_TEXT, false, 10, 10, false, NULL, 0,
	  N_("Write the date as 2026-11-24.") }, /* QF_FROM */
	{ "to", FORM_TEXT, false, 10, 10, false, NULL, 0,
	  N_("Write the date as 2026-11-24.") }, /* QF_TO */
	{ "after_at", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Start the search again.") }, /* QF_AFTER_AT */
	{ "after_id", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Start the search again.") }, /* QF_AFTER_ID */
};

/* Parses "YYYY-MM-DD" (UTC midnight) into *t; returns whether it is a date. */
static bool
parse_date(const char *s, time_t *t)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || tm.tm_year < 70)
		return false;
	*t = timegm(&tm);
	return *t != (time_t)-1;
}

/*
 * /search (GET, admin): every case matching the query's rma, order,
 * buyer (login), shop (id), state (its name), from and to (dates, UTC;
 * to included), newest first, 50 a page; after_at and after_id page on.
 * 200; 422 with the query kept and a message next to the bad field; 500.
 */
void
admin_search(struct req *r)
{
	static const char *const vars[QF__MAX] = { "Q_RMA", "Q_ORDER",
	    "Q_BUYER", "Q_SHOP", "Q_STATE", "Q_FROM", "Q_TO", "Q_AFTER_AT",
	    "Q_AFTER_ID" };
	struct form_value v[QF__MAX];
	struct case_query q;
	struct case_hit *h = NULL;
	struct tmpl_dict *d, *s, *t;
	enum case_state st;
	char name[48];
	size_t i, n = 0;
	bool ok, more = false, searched;
	int status = 200;

	ok = form_check(&r->query, search_form, QF__MAX, v);
	memset(&q, 0, sizeof(q));
	q.rma = v[QF_RMA].raw;
	q.order_no = v[QF_ORDER].raw;
	q.buyer = v[QF_BUYER].raw;
	q.shop_id = v[QF_SHOP].state == FORM_OK ? v[QF_SHOP].num : 0;
	q.state = v[QF_STATE].raw;
	if (*q.state != '\0' && !case_state_from_name(q.state, &st)) {
		v[QF_STATE].error = search_form[QF_STATE].message;
		ok = false;
	}
	if (v[QF_FROM].state == FORM_OK && !parse_date(v[QF_FROM].raw,
	    &q.from)) {
		v[QF_FROM].error = search_form[QF_FROM].message;
		ok = false;
	}
	if (v[QF_TO].state == FORM_OK) {
		if (!parse_date(v[QF_TO].raw, &q.to)) {
			v[QF_TO].error = search_form[QF_TO].message;
			ok = false;
		} else
			q.to += 86400;	/* the whole day */
	}
	if (v[QF_AFTER_ID].state == FORM_OK && v[QF_AFTER_AT].state == FORM_OK) {
		q.after_id = v[QF_AFTER_ID].num;
		q.after_at = (time_t)v[QF_AFTER_AT].num;
	}
	searched = r->query.fieldsz > 0;
	if (ok && searched && case_search(r->app->db, &q, r->now, &h, &n,
	    &more) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	for (i = 0; i < QF__MAX; i++) {
		tmpl_set(d, vars[i], v[i].raw);
		if (v[i].error == NULL)
			continue;
		snprintf(name, sizeof(name), "%s_ERROR", vars[i]);
		tmpl_set(tmpl_add_section(d, name), "TEXT", tr(r, v[i].error));
		status = 422;
	}
	for (i = STATE_NONE + 1; i < STATE__MAX; i++) {
		s = tmpl_add_section(d, "STATE");
		tmpl_set(s, "NAME", case_state_name((enum case_state)i));
		tmpl_set(s, "WORDS", tr(r, words_state((enum case_state)i)));
		if (strcmp(q.state, case_state_name((enum case_state)i)) == 0)
			tmpl_show(s, "SELECTED");
	}
	if (ok && searched) {
		if (n == 0)
			tmpl_show(d, "NONE");
		else {
			t = tmpl_add_section(d, "HAS_CASES");
			for (i = 0; i < n; i++)
				hit_row(r, t, &h[i]);
		}
		if (more) {
			s = tmpl_add_section(d, "MORE");
			tmpl_set_int(s, "AFTER_AT", (int64_t)h[n - 1].created_at);
			tmpl_set_int(s, "AFTER_ID", h[n - 1].id);
		}
	}
	case_hits_free(h, n);
	page_send(r, status, N_("Find a case"), "admin/search.tpl", d);
}
