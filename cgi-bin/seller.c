/* seller.c: seller.fcgi at /seller/: the shop's queue of cases, soonest deadline first, and the case page with its actions. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"

#include "seller.h"
#include "base/token.h"
#include "app/app.h"
#include "pages/notify.h"
#include "pages/casepage.h"
#include "pages/words.h"
#include "store/queue.h"
#include "store/shop_store.h"
#include "store/talk_store.h"
#include "pages/evidence.h"
#include "pages/talk.h"
#include "pages/view.h"

static void send_queue(struct req *);
static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_queue, REQ_GET },
	{ "cases", send_queue, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "bulk", seller_bulk_result, REQ_GET },
	{ "bulk/approve", seller_bulk_approve, REQ_POST },
	{ "addresses", seller_addresses, REQ_GET | REQ_POST },
	{ "address/#", seller_address, REQ_POST },
	{ "stats", seller_stats, REQ_GET },
	{ "stats/csv", seller_stats_csv, REQ_GET },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "case/#/seen", talk_route_seen, REQ_POST },
	{ "case/#/note", talk_route_note, REQ_POST },
	{ "case/#/assign", talk_route_assign, REQ_POST },
	{ "evidence/#", evidence_route_photo, REQ_GET },
	{ "evidence/#/thumb", evidence_route_thumb, REQ_GET },
	{ "notifications", notify_route, REQ_GET | REQ_POST },
};

static const struct nav_item nav[] = {
	{ "", N_("Case queue") },
	{ "addresses", N_("Return addresses") },
	{ "stats", N_("Statistics") },
	{ "notifications", N_("E-mail") },
};

/* The tabs as the URL names them, in the order they are drawn. */
static const char *const tab_names[QTAB__MAX] = {
	"mine", /* QTAB_MINE */
	"buyer", /* QTAB_BUYER */
	"escalated", /* QTAB_ESCALATED */
	NULL, /* QTAB_REFUNDING: under "open" only */
	"finished", /* QTAB_FINISHED */
	"open", /* QTAB_OPEN */
	"assigned", /* QTAB_ASSIGNED */
};

static const char *const tab_labels[QTAB__MAX] = {
	N_("Waiting for me"), /* QTAB_MINE */
	N_("Waiting for the buyer"), /* QTAB_BUYER */
	N_("Escalated"), /* QTAB_ESCALATED */
	NULL, /* QTAB_REFUNDING */
	N_("Finished"), /* QTAB_FINISHED */
	N_("All open"), /* QTAB_OPEN */
	N_("Assigned to me"), /* QTAB_ASSIGNED */
};

static const char *const sort_names[QSORT__MAX] = {
	"deadline", /* QSORT_DEADLINE */
	"newest", /* QSORT_NEWEST */
};

/* Appends "&name=value" to buf (n bytes), value percent-encoded; NULL or "" adds nothing. */
static void
query_add(char *buf, size_t n, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(buf);
	const unsigned char *p;

	if (value == NULL || *value == '\0')
		return;
	len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s=",
	    len == 0 ? "" : "&", name);
	for (p = (const unsigned char *)value; *p != '\0' && len + 4 < n; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~", *p) != NULL)
			buf[len++] = (char)*p;
		else {
			buf[len++] = '%';
			buf[len++] = hex[*p >> 4];
			buf[len++] = hex[*p & 15];
		}
	buf[len < n ? len : n - 1] = '\0';
}

/*
 * Reads "yyyy-mm-dd" as the start of that day in time zone tz into *out.
 * Returns false when s is not such a date.
 */
static bool
query_day(const char *s, const char *tz, time_t *out)
{
	struct tm tm;
	char off[8];
	const char *end;
	time_t t;
	int secs;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || strlen(s) != 10)
		return false;
	t = timegm(&tm);
	/* The zone's offset on that day: "+0800". */
	clock_format(t, tz, "%z", off, sizeof(off));
	if (strlen(off) != 5)
		return false;
	secs = ((off[1] - '0') * 10 + (off[2] - '0')) * 3600 +
	    ((off[3] - '0') * 10 + (off[4] - '0')) * 60;
	*out = off[0] == '-' ? t + secs : t - secs;
	return true;
}

/*
 * Reads the queue's query into f; the filters kept for links go to keep
 * (n bytes, a query string without tab, sort and cursor). Returns false
 * when a value was not understood (it is left out).
 */
static bool
queue_query(struct req *r, struct queue_filter *f, char *keep, size_t n)
{
	const char *v;
	enum case_state st;
	enum case_type ty;
	bool ok = true;
	int i;

	memset(f, 0, sizeof(*f));
	*keep = '\0';
	f->tab = QTAB_MINE;
	if ((v = fields_str(&r->query, "tab")) != NULL) {
		for (i = 0; i < QTAB__MAX; i++)
			if (tab_names[i] != NULL && strcmp(v, tab_names[i]) == 0)
				break;
		if (i < QTAB__MAX)
			f->tab = (enum queue_tab)i;
		else
			ok = false;
	}
	f->sort = f->tab == QTAB_FINISHED ? QSORT_NEWEST : QSORT_DEADLINE;
	if ((v = fields_str(&r->query, "sort")) != NULL && *v != '\0') {
		if (valid_enum(v, sort_names, QSORT__MAX, &i))
			f->sort = (enum queue_sort)i;
		else
			ok = false;
	}
	if ((v = fields_str(&r->query, "state")) != NULL && *v != '\0') {
		if (case_state_from_name(v, &st)) {
			f->state = case_state_name(st);
			query_add(keep, n, "state", v);
		} else
			ok = false;
	}
	if ((v = fields_str(&r->query, "type")) != NULL && *v != '\0') {
		if (case_type_from_name(v, &ty)) {
			f->type = case_type_name(ty);
			query_add(keep, n, "type", v);
		} else
			ok = false;
	}
	if ((v = fields_str(&r->query, "reason")) != NULL && *v != '\0') {
		if (valid_text(v, 1, 32, false)) {
			f->reason = v;
			query_add(keep, n, "reason", v);
		} else
			ok = false;
	}
	if ((v = fields_str(&r->query, "min")) != NULL && *v != '\0') {
		if (valid_cents(v, &f->min_cents))
			query_add(keep, n, "min", v);
		else
			ok = false;
	}
	if ((v = fields_str(&r->query, "max")) != NULL && *v != '\0') {
		if (valid_cents(v, &f->max_cents) && f->max_cents > 0)
			query_add(keep, n, "max", v);
		else {
			f->max_cents = 0;
			ok = false;
		}
	}
	if ((v = fields_str(&r->query, "from")) != NULL && *v != '\0') {
		if (query_day(v, r->sess.user.timezone, &f->from))
			query_add(keep, n, "from", v);
		else
			ok = false;
	}
	if ((v = fields_str(&r->query, "to")) != NULL && *v != '\0') {
		/* Up to and including that day. */
		if (query_day(v, r->sess.user.timezone, &f->to)) {
			f->to += 86400;
			query_add(keep, n, "to", v);
		} else
			ok = false;
	}
	if ((v = fields_str(&r->query, "q")) != NULL && *v != '\0') {
		if (valid_text(v, 1, 64, false))
			f->search = v;
		else
			ok = false;
	}
	f->user_id = r->sess.user.id;
	if ((v = fields_str(&r->query, "new")) != NULL && *v != '\0') {
		if (strcmp(v, "1") == 0) {
			f->new_only = true;
			query_add(keep, n, "new", v);
		} else
			ok = false;
	}
	if ((v = fields_str(&r->query, "after")) != NULL && *v != '\0' &&
	    !cursor_parse(v, &f->after))
		ok = false;
	return ok;
}

/* Fills the tabs, with their counts, and the filter form's choices into d. */
static void
queue_fill_form(struct req *r, struct tmpl_dict *d,
    const struct queue_filter *f, const int64_t counts[QTAB__MAX],
    const char *keep)
{
	static const enum queue_tab order[] = { QTAB_MINE, QTAB_BUYER,
	    QTAB_ESCALATED, QTAB_OPEN, QTAB_FINISHED };
	const struct policy *p;
	struct tmpl_dict *s;
	char q[1024];
	size_t i;
	int k;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		s = tmpl_add_section(d, "TAB");
		snprintf(q, sizeof(q), "tab=%s%s%s", tab_names[order[i]],
		    *keep != '\0' ? "&" : "", keep);
		tmpl_set(s, "QUERY", q);
		tmpl_set(s, "NAME", tab_names[order[i]]);
		tmpl_set(s, "LABEL", tr(r, tab_labels[order[i]]));
		tmpl_set_int(s, "COUNT", counts[order[i]]);
		if (order[i] == f->tab && f->search == NULL)
			tmpl_show(s, "CURRENT");
	}
	/* The seller's own cases: a tab of its own after the state tabs. */
	s = tmpl_add_section(d, "ASSIGNED_TAB");
	snprintf(q, sizeof(q), "tab=%s%s%s", tab_names[QTAB_ASSIGNED],
	    *keep != '\0' ? "&" : "", keep);
	tmpl_set(s, "QUERY", q);
	tmpl_set(s, "LABEL", tr(r, tab_labels[QTAB_ASSIGNED]));
	tmpl_set_int(s, "COUNT", counts[QTAB_ASSIGNED]);
	if (f->tab == QTAB_ASSIGNED && f->search == NULL)
		tmpl_show(s, "CURRENT");
	tmpl_set(d, "CUR_TAB", tab_names[f->tab]);
	for (k = 0; k < QSORT__MAX; k++) {
		s = tmpl_add_section(d, "SORT");
		tmpl_set(s, "NAME", sort_names[k]);
		tmpl_set(s, "LABEL", tr(r, k == QSORT_DEADLINE ?
		    N_("Soonest deadline") : N_("Newest")));
		if ((int)f->sort == k)
			tmpl_show(s, "SELECTED");
	}
	for (k = 0; k < STATE__MAX; k++) {
		s = tmpl_add_section(d, "STATE_OPT");
		tmpl_set(s, "NAME", case_state_name((enum case_state)k));
		tmpl_set(s, "LABEL", tr(r, words_state((enum case_state)k)));
		if (f->state != NULL &&
		    strcmp(f->state, case_state_name((enum case_state)k)) == 0)
			tmpl_show(s, "SELECTED");
	}
	for (k = 0; k < CASE__MAX; k++) {
		s = tmpl_add_section(d, "TYPE_OPT");
		tmpl_set(s, "NAME", case_type_name((enum case_type)k));
		tmpl_set(s, "LABEL", tr(r, words_type((enum case_type)k)));
		if (f->type != NULL &&
		    strcmp(f->type, case_type_name((enum case_type)k)) == 0)
			tmpl_show(s, "SELECTED");
	}
	if (app_policy(r, &p) == RC_OK)
		for (i = 0; i < p->reasonsz; i++) {
			s = tmpl_add_section(d, "REASON_OPT");
			tmpl_set(s, "NAME", p->reasons[i].code);
			tmpl_set(s, "LABEL", r->lang == LANG_ZH ?
			    p->reasons[i].label_zh : p->reasons[i].label_en);
			if (f->reason != NULL &&
			    strcmp(f->reason, p->reasons[i].code) == 0)
				tmpl_show(s, "SELECTED");
		}
	tmpl_set(d, "MIN", fields_str(&r->query, "min") != NULL ?
	    fields_str(&r->query, "min") : "");
	tmpl_set(d, "MAX", fields_str(&r->query, "max") != NULL ?
	    fields_str(&r->query, "max") : "");
	tmpl_set(d, "FROM", fields_str(&r->query, "from") != NULL ?
	    fields_str(&r->query, "from") : "");
	tmpl_set(d, "TO", fields_str(&r->query, "to") != NULL ?
	    fields_str(&r->query, "to") : "");
	tmpl_set(d, "Q", f->search != NULL ? f->search : "");
	if (f->new_only)
		tmpl_show(d, "NEW_CHECKED");
}

/*
 * Fills the rows of the page into d; a row the seller can approve gets a
 * check box for the bulk form, with its event and a one-time token.
 * Returns 0, or -1 when no token could be made.
 */
static int
queue_fill_rows(struct req *r, struct tmpl_dict *d,
    const struct queue_row *rows, size_t rowsz)
{
	char when[32], iso[32], text[128], token[FORM_TOKEN_SIZE];
	struct tmpl_dict *s, *pick;
	enum case_event ev;
	enum actor next;
	size_t i, picks = 0;

	for (i = 0; i < rowsz; i++) {
		s = tmpl_add_section(d, "ROW");
		tmpl_set_int(s, "ID", rows[i].id);
		tmpl_set(s, "RMA_NO", rows[i].rma_no);
		if (rows[i].unread > 0)
			tmpl_set(tmpl_add_section(s, "UNREAD"), "TEXT",
			    tr(r, rows[i].unread == 2 ? N_("new message") :
			    N_("new")));
		tmpl_set(s, "ORDER_NO", rows[i].order_no);
		tmpl_set(s, "BUYER", rows[i].buyer);
		tmpl_set(s, "ITEM", rows[i].item_title);
		tmpl_set(s, "SKU", rows[i].item_sku);
		if (rows[i].linesz > 1) {
			snprintf(text, sizeof(text), tr(r, N_("and %d more")),
			    (int)rows[i].linesz - 1);
			tmpl_set(tmpl_add_section(s, "MORE_LINES"), "TEXT", text);
		}
		if (rows[i].thumb_id != 0)
			tmpl_set_int(tmpl_add_section(s, "THUMB"), "EID",
			    rows[i].thumb_id);
		tmpl_set(s, "REASON", r->lang == LANG_ZH ? rows[i].reason_zh :
		    rows[i].reason_en);
		tmpl_set(s, "TYPE", tr(r, words_type(rows[i].type)));
		tmpl_set(s, "STATE", tr(r, words_state(rows[i].state)));
		tmpl_set(s, "STATE_KEY", case_state_name(rows[i].state));
		tmpl_set(s, "CURRENCY", req_currency(r, rows[i].currency));
		tmpl_set_cents(s, "AMOUNT", rows[i].requested_cents);
		tmpl_set(s, "OPENED", req_time(r, rows[i].created_at, when));
		next = machine_waiting_for(rows[i].state);
		if (next == ACTOR_SELLER && !case_state_terminal(rows[i].state))
			tmpl_show(s, "YOUR_MOVE");
		if (rows[i].deadline_at != 0) {
			struct tmpl_dict *dl = tmpl_add_section(s, "DEADLINE");

			tmpl_set(dl, "AT", req_time(r, rows[i].deadline_at, when));
			tmpl_set(dl, "ISO", clock_format(rows[i].deadline_at,
			    NULL, "%Y-%m-%dT%H:%M:%SZ", iso, sizeof(iso)));
			if (rows[i].deadline_at < r->now)
				tmpl_show(dl, "OVERDUE");
		} else
			tmpl_show(s, "NO_DEADLINE");
		if (!seller_bulk_event(rows[i].type, rows[i].state, &ev))
			continue;
		if (page_form_token(r, rows[i].id,
		    case_event_name(ev), token) != 0)
			return -1;
		pick = tmpl_add_section(s, "PICK");
		tmpl_set(pick, "EVENT", case_event_name(ev));
		tmpl_set(pick, "TOKEN", token);
		picks++;
	}
	if (picks > 0)
		tmpl_show(d, "BULK");
	return 0;
}

/*
 * Sets the unread marker of each of the rowsz rows for the signed-in
 * seller. Returns 0, or -1 on a database error.
 */
static int
queue_marks(struct req *r, struct queue_row *rows, size_t rowsz)
{
	int64_t ids[TALK_MARKS];
	int marks[TALK_MARKS];
	size_t i, k, n;

	for (i = 0; i < rowsz; i += n) {
		n = rowsz - i < TALK_MARKS ? rowsz - i : TALK_MARKS;
		for (k = 0; k < n; k++)
			ids[k] = rows[i + k].id;
		if (talk_unread_marks(r->app->db, r->sess.user.id, ids, n,
		    marks) != RC_OK)
			return -1;
		for (k = 0; k < n; k++)
			rows[i + k].unread = marks[k];
	}
	return 0;
}

/*
 * / and /cases (GET, seller): the shop's cases in tabs (tab=mine, buyer,
 * escalated, open, finished; assigned: the open ones assigned to the
 * seller) with their counts, unread markers on the rows, new=1 only
 * those with a message the seller has not read, filtered by state, type,
 * reason, amount (min, max) and day opened (from, to), sorted by
 * sort=deadline or newest, QUEUE_PAGE rows a page after the cursor
 * after=; or q=, the exact matches of an RMA or order number, a buyer's
 * login or name, or a SKU. A value not understood is left out and said
 * so. 200, or 500.
 */
static void
send_queue(struct req *r)
{
	struct queue_filter f;
	struct queue_row *rows = NULL;
	struct tmpl_dict *d;
	int64_t counts[QTAB__MAX];
	char keep[768], next[1024], cursor[CURSOR_MAX];
	struct shop shop;
	size_t rowsz = 0;
	bool ok, more;

	ok = queue_query(r, &f, keep, sizeof(keep));
	if (shop_load(r->app->db, r->sess.user.shop_id, &shop) != RC_OK) {
		page_fail(r);
		return;
	}
	if (queue_counts(r->app->db, r->sess.user.shop_id, counts) != RC_OK ||
	    queue_assigned_count(r->app->db, r->sess.user.id,
	    &counts[QTAB_ASSIGNED]) != RC_OK ||
	    queue_load(r->app->db, r->sess.user.shop_id, &f, &rows, &rowsz,
	    &more) != RC_OK || queue_marks(r, rows, rowsz) != 0) {
		queue_rows_free(rows, rowsz);
		shop_release(&shop);
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "SHOP_NAME", shop.name);
	queue_fill_form(r, d, &f, counts, keep);
	if (!ok)
		tmpl_show(d, "BAD_FILTER");
	if (f.search != NULL)
		tmpl_set(tmpl_add_section(d, "SEARCHED"), "Q", f.search);
	if (rowsz == 0)
		tmpl_show(d, "EMPTY");
	else if (queue_fill_rows(r, tmpl_add_section(d, "TABLE"), rows,
	    rowsz) != 0) {
		queue_rows_free(rows, rowsz);
		shop_release(&shop);
		page_fail(r);
		return;
	}
	if (more) {
		cursor_format(&rows[rowsz - 1].key, cursor, sizeof(cursor));
		snprintf(next, sizeof(next), "tab=%s&sort=%s%s%s",
		    tab_names[f.tab], sort_names[f.sort], *keep != '\0' ? "&" :
		    "", keep);
		query_add(next, sizeof(next), "after", cursor);
		tmpl_set(tmpl_add_section(d, "NEXT"), "QUERY", next);
	}
	if (*f.after.key != '\0') {
		snprintf(next, sizeof(next), "tab=%s&sort=%s%s%s",
		    tab_names[f.tab], sort_names[f.sort], *keep != '\0' ? "&" :
		    "", keep);
		tmpl_set(tmpl_add_section(d, "FIRST"), "QUERY", next);
	}
	queue_rows_free(rows, rowsz);
	shop_release(&shop);
	page_send(r, 200, N_("Case queue"), "seller/queue.tpl", d);
}

/*
 * /policy (GET, seller): the current return policy, or ?version=N (a
 * case page links to its own); all versions and what changed. 200, 404,
 * or 500.
 */
static void
send_policy(struct req *r)
{
	static const struct view_policy_words w = {
		.title = N_("Return policy"),
		.heading = N_("Return policy"),
		.lead = N_("The rules every refund, return and exchange follows. "
		    "A case keeps the version it was opened under."),
		.none = N_("No return policy has been published yet."),
	};

	view_send_policy(r, &w);
}

int
main(void)
{
	static struct app app = {
		.name = "seller",
		.title = N_("Seller desk"),
		.role = ROLE_SELLER,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
