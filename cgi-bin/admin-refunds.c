/* admin-refunds.c: admin.fcgi's refund ledger: executions with totals by status, a retry or "paid by hand" for the failed ones, and the reconciliation that should stay empty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/cursor.h"
#include "base/token.h"
#include "base/util.h"
#include "engine/ledger.h"
#include "store/refund_store.h"
#include "web/valid.h"

/* Sets d's section name with TEXT "as of <time>", or not_yet (a msgid). */
static void
as_of_line(struct req *r, struct tmpl_dict *d, const char *name, time_t at,
    const char *not_yet)
{
	char text[128];

	tmpl_set(tmpl_add_section(d, name), "TEXT", admin_as_of(r, at,
	    not_yet, text, sizeof(text)));
}

/* Fills d with the ledger's totals by status (HAS_TOTALS with TOTAL rows), as the worker counted them. */
static enum rc
totals(struct req *r, struct tmpl_dict *d)
{
	struct ledger_total *t;
	struct tmpl_dict *s, *all = NULL;
	size_t i, n;
	time_t at;
	enum rc rc;

	if ((rc = ledger_totals(r->app->db, &t, &n, &at)) != RC_OK)
		return rc;
	as_of_line(r, d, "TOTALS_AS_OF", at, N_("not counted yet: the worker "
	    "counts every minute"));
	for (i = 0; i < n; i++) {
		if (all == NULL)
			all = tmpl_add_section(d, "HAS_TOTALS");
		s = tmpl_add_section(all, "TOTAL");
		tmpl_set(s, "STATUS_KEY", t[i].status);
		tmpl_set(s, "STATUS", tr(r, strcmp(t[i].status, "succeeded") == 0 ?
		    N_("refunded") : strcmp(t[i].status, "failed") == 0 ?
		    N_("given up") : N_("pending")));
		tmpl_set(s, "CURRENCY", req_currency(r, t[i].currency));
		tmpl_set_int(s, "COUNT", t[i].count);
		tmpl_set_cents(s, "AMOUNT", t[i].amount_cents);
	}
	if (n == 0)
		tmpl_show(d, "NO_TOTALS");
	free(t);
	return RC_OK;
}

/* Fills d with what did not reconcile at the worker's last look (PROBLEM rows), or RECONCILED. */
static enum rc
reconcile(struct req *r, struct tmpl_dict *d)
{
	struct reconcile_row *p;
	struct tmpl_dict *s;
	size_t i, n;
	time_t at;
	enum rc rc;

	if ((rc = reconcile_kept(r->app->db, &p, &n, &at)) != RC_OK)
		return rc;
	as_of_line(r, d, "RECONCILE_AS_OF", at, N_("not checked yet: the "
	    "worker checks every hour"));
	for (i = 0; i < n; i++) {
		s = tmpl_add_section(d, "PROBLEM");
		tmpl_set(s, "TEXT", p[i].problem);
		tmpl_set_int(s, "ID", p[i].id);
		tmpl_set_int(s, "VALUE", p[i].value);
	}
	if (at != 0)
		tmpl_show(d, n == 0 ? "RECONCILED" : "UNRECONCILED");
	reconcile_rows_free(p, n);
	return RC_OK;
}

/* The ledger's views as ?view= names them, in enum ledger_view order. */
static const char *const view_names[] = { "all", "attention", "pending",
    "succeeded" };
static const char *const view_words[] = { N_("All"),
    N_("Needs attention"), N_("Pending"), N_("Refunded") };

/*
 * /refunds (GET, admin): the totals by status and the reconciliation as
 * the worker last counted them (with when), and one keyset page of the
 * ledger's executions in view (all, attention, pending or succeeded),
 * newest first, LEDGER_PAGE rows after after=<cursor>, with a retry and a
 * "paid by hand" form on each failed one. 200; 400 for an unknown view or
 * a malformed cursor; 500.
 */
void
admin_refunds(struct req *r)
{
	struct tmpl_dict *d, *s, *f;
	struct ledger_row *rows;
	struct cursor after;
	enum ledger_view view = LEDGER_ALL;
	const char *v;
	char when[32], next[96], token[FORM_TOKEN_SIZE], pos[CURSOR_MAX];
	char query[128];
	size_t i, n;
	bool more;

	memset(&after, 0, sizeof(after));
	if ((v = fields_str(&r->query, "view")) != NULL && *v != '\0') {
		for (i = 0; i < sizeof(view_names) / sizeof(view_names[0]); i++)
			if (strcmp(v, view_names[i]) == 0)
				break;
		if (i == sizeof(view_names) / sizeof(view_names[0])) {
			page_error(r, 400, N_("No such view"), N_("Choose a "
			    "view of the ledger from its tabs."));
			return;
		}
		view = (enum ledger_view)i;
	}
	if ((v = fields_str(&r->query, "after")) != NULL && *v != '\0' &&
	    (!cursor_parse(v, &after) || after.key[0] == '\0')) {
		page_error(r, 400, N_("Not a page of the ledger"), N_("This "
		    "link does not lead to a page of the ledger. Start again "
		    "from its first page."));
		return;
	}
	if (ledger_rows(r->app->db, view, &after, &rows, &n, &more) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	if (totals(r, d) != RC_OK || reconcile(r, d) != RC_OK) {
		ledger_rows_free(rows, n);
		page_fail(r);
		return;
	}
	for (i = 0; i < sizeof(view_names) / sizeof(view_names[0]); i++) {
		s = tmpl_add_section(d, "VIEW");
		tmpl_set(s, "NAME", view_names[i]);
		tmpl_set(s, "WORDS", tr(r, view_words[i]));
		if (i == (size_t)view)
			tmpl_show(s, "CURRENT");
	}
	tmpl_show(d, n == 0 ? "EMPTY" : "HAS_REFUNDS");
	if (more) {
		cursor_format(&rows[n - 1].pos, pos, sizeof(pos));
		snprintf(query, sizeof(query), "view=%s&after=%s",
		    view_names[view], pos);
		tmpl_set(tmpl_add_section(d, "NEXT_PAGE"), "QUERY", query);
	}
	if (!cursor_first(&after)) {
		snprintf(query, sizeof(query), "view=%s", view_names[view]);
		tmpl_set(tmpl_add_section(d, "FIRST_PAGE"), "QUERY", query);
	}
	for (i = 0; i < n; i++) {
		const struct ledger_row *l = &rows[i];
		bool paid = strcmp(l->status, "succeeded") == 0;
		bool failed = strcmp(l->status, "failed") == 0;

		s = tmpl_add_section(d, "REFUND");
		tmpl_set_int(s, "ID", l->id);
		tmpl_set_int(s, "CASE", l->case_id);
		tmpl_set(s, "RMA_NO", l->rma_no);
		tmpl_set(s, "CURRENCY", req_currency(r, l->currency));
		tmpl_set_cents(s, "AMOUNT", l->amount_cents);
		tmpl_set(s, "EXECUTOR", l->executor);
		tmpl_set(s, "STATUS_KEY", l->last_error != NULL && !paid ?
		    "failing" : l->status);
		tmpl_set(s, "STATUS", tr(r, paid ? N_("refunded") : failed ?
		    N_("given up") : l->last_error == NULL ? N_("pending") :
		    N_("failing, will retry")));
		tmpl_set_int(s, "ATTEMPTS", l->attempts);
		tmpl_set(s, "ERROR", l->last_error != NULL ? l->last_error : "");
		tmpl_set(s, "CREATED", req_time(r, l->created_at, when));
		if (l->settled_at != 0)
			tmpl_set(s, "SETTLED", req_time(r, l->settled_at, when));
		if (l->next_attempt_at != 0 && strcmp(l->status, "pending") == 0) {
			snprintf(next, sizeof(next), tr(r, N_("next try %s")),
			    req_time(r, l->next_attempt_at, when));
			tmpl_set(tmpl_add_section(s, "NEXT"), "TEXT", next);
		}
		tmpl_set(s, "KEY", l->key);
		if (!failed)
			continue;
		if (page_form_token(r, l->case_id, "pay_by_hand",
		    token) != 0) {
			ledger_rows_free(rows, n);
			page_fail(r);
			return;
		}
		f = tmpl_add_section(s, "FAILED");
		tmpl_set(f, "TOKEN", token);
	}
	ledger_rows_free(rows, n);
	page_send(r, 200, N_("Refund ledger"), "admin/refunds.tpl", d);
}

/*
 * /refunds/#/retry (POST, admin): sets the failed refund back to pending,
 * due now, with the same idempotency key; the worker pays it. 303 to
 * refunds; 409 when it is no longer failed; 500.
 */
void
admin_refund_retry(struct req *r)
{
	struct ledger_admin a;

	memset(&a, 0, sizeof(a));
	a.refund_id = r->ids[0];
	a.admin = r->sess.user.id;
	a.remote_addr = r->http.remote_addr;
	a.now = r->now;
	switch (ledger_retry(r->app->db, &a)) {
	case RC_OK:
		page_redirect(r, "refunds", NULL);
		break;
	case RC_CONFLICT:
		page_error(r, 409, N_("Not a failed refund"), N_("This refund "
		    "is no longer failed: it was retried or paid already. "
		    "Go back to the ledger."));
		break;
	default:
		page_fail(r);
		break;
	}
}

/* The fields of the "paid by hand" form. */
enum { PH_TOKEN, PH_REFERENCE, PH__MAX };

static const struct form_spec paid_form[PH__MAX] = {
	{ "token", FORM_TEXT, true, 1, 128, false, NULL, 0,
	  N_("This form has expired. Reload the page and send it again.") },
	  /* PH_TOKEN */
	{ "reference", FORM_TEXT, true, 1, 128, false, NULL, 0,
	  N_("Enter the reference of the payment you made by hand (up to "
	  "128 characters).") }, /* PH_REFERENCE */
};

/*
 * /refunds/#/paid (POST, admin): gives up on the payment system for the
 * failed refund: the platform paid by hand with the reference (fields
 * token, reference). 303 to refunds (also for a replay of the form); 422
 * without a reference; 409 when the refund is no longer failed; 403 for a
 * bad token; 404; 500.
 */
void
admin_refund_paid(struct req *r)
{
	struct form_value v[PH__MAX];
	struct ledger_admin a;

	if (!form_check(&r->form, paid_form, PH__MAX, v)) {
		page_error(r, v[PH_TOKEN].error != NULL ? 403 : 422,
		    N_("Not paid by hand"), v[PH_TOKEN].error != NULL ?
		    v[PH_TOKEN].error : v[PH_REFERENCE].error);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.refund_id = r->ids[0];
	a.admin = r->sess.user.id;
	a.remote_addr = r->http.remote_addr;
	a.now = r->now;
	a.reference = v[PH_REFERENCE].raw;
	a.form_token = v[PH_TOKEN].raw;
	switch (ledger_paid_by_hand(r->app->db, &r->app->cfg, &a)) {
	case RC_OK:
		page_redirect(r, "refunds", NULL);
		break;
	case RC_CONFLICT:
		page_error(r, 409, N_("Not a failed refund"), N_("This refund "
		    "is no longer failed: it was retried or paid already. "
		    "Go back to the ledger."));
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("No such refund"), N_("Go back to the "
		    "ledger and choose a refund from the list."));
		break;
	case RC_INVALID:
		page_error(r, 403, N_("Not paid by hand"), N_("This form has "
		    "expired. Reload the page and send it again."));
		break;
	default:
		page_fail(r);
		break;
	}
}
