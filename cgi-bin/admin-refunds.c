/* admin-refunds.c: admin.fcgi's refund ledger: executions with totals by status, a retry or "paid by hand" for the failed ones, and the reconciliation that should stay empty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/token.h"
#include "base/util.h"
#include "engine/ledger.h"
#include "store/refund_store.h"
#include "web/valid.h"

/* Fills d with the ledger's totals by status (HAS_TOTALS with TOTAL rows). */
static enum rc
totals(struct req *r, struct tmpl_dict *d)
{
	struct ledger_total *t;
	struct tmpl_dict *s, *all = NULL;
	size_t i, n;
	enum rc rc;

	if ((rc = ledger_totals(r->app->db, &t, &n)) != RC_OK)
		return rc;
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

/* Fills d with what does not reconcile (PROBLEM rows), or RECONCILED. */
static enum rc
reconcile(struct req *r, struct tmpl_dict *d)
{
	struct reconcile_row *p;
	struct tmpl_dict *s;
	size_t i, n;
	enum rc rc;

	if ((rc = reconcile_rows(r->app->db, &p, &n)) != RC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		s = tmpl_add_section(d, "PROBLEM");
		tmpl_set(s, "TEXT", p[i].problem);
		tmpl_set_int(s, "ID", p[i].id);
		tmpl_set_int(s, "VALUE", p[i].value);
	}
	tmpl_show(d, n == 0 ? "RECONCILED" : "UNRECONCILED");
	reconcile_rows_free(p, n);
	return RC_OK;
}

/*
 * /refunds (GET, admin): the totals by status, the ledger (failing and
 * pending executions first, then the newest) with a retry and a "paid by
 * hand" form on each failed one, and the reconciliation. 200, or 500.
 */
void
admin_refunds(struct req *r)
{
	struct tmpl_dict *d, *s, *f;
	struct ledger_row *rows;
	char when[32], next[96], token[FORM_TOKEN_SIZE];
	size_t i, n;

	if (ledger_rows(r->app->db, &rows, &n) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	if (totals(r, d) != RC_OK || reconcile(r, d) != RC_OK) {
		ledger_rows_free(rows, n);
		page_fail(r);
		return;
	}
	tmpl_show(d, n == 0 ? "EMPTY" : "HAS_REFUNDS");
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
		if (form_token_make(r->app->cfg.form_secret, r->sess.user.id,
		    l->case_id, "pay_by_hand", r->now, token) != 0) {
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
