/* admin.c: admin.fcgi at /admin/: the published policy and its editor (admin-policy.c), escalated cases and the platform's rulings, the refund ledger. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "pages/casepage.h"
#include "pages/caselist.h"
#include "pages/evidence.h"
#include "store/refund_store.h"
#include "store/caseview.h"
#include "pages/view.h"
#include "admin.h"

static void send_policy(struct req *);
static void send_cases(struct req *);
static void send_refunds(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "cases", send_cases, REQ_GET },
	{ "refunds", send_refunds, REQ_GET },
	{ "policy/edit", admin_policy_edit, REQ_GET | REQ_POST },
	{ "policy/draft", admin_policy_draft, REQ_GET },
	{ "policy/publish", admin_policy_publish, REQ_POST },
	{ "versions", admin_versions_page, REQ_GET },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "evidence/#", evidence_route_photo, REQ_GET },
	{ "evidence/#/thumb", evidence_route_thumb, REQ_GET },
};

static const struct nav_item nav[] = {
	{ "", N_("Policy") },
	{ "cases", N_("Escalated cases") },
	{ "policy/edit", N_("Edit policy") },
	{ "versions", N_("Versions") },
	{ "refunds", N_("Refund ledger") },
};

/* / and /policy (GET, admin): the published policy, or ?version=N; all versions. 200, 404, or 500. */
static void
send_policy(struct req *r)
{
	static const struct view_policy_words w = {
		.title = N_("Policy"),
		.heading = N_("Published return policy"),
		.lead = N_("The version buyers and sellers work under now. New "
		    "cases are opened under it; open cases keep their own "
		    "version."),
		.none = N_("No policy is published. Run deskctl seed-demo or "
		    "publish a draft."),
	};

	view_send_policy(r, &w);
}

/* /cases (GET, admin): cases waiting for a ruling, oldest deadline first. 200, or 500. */
static void
send_cases(struct req *r)
{
	caselist_send(r, SQL_CASES_ESCALATED, 0, N_("Escalated cases"),
	    "admin/cases.tpl");
}

/*
 * /refunds (GET, admin): the refund ledger, failing and pending
 * executions first, then the newest. 200, or 500.
 */
static void
send_refunds(struct req *r)
{
	struct tmpl_dict *d, *s;
	struct ledger_row *rows;
	char when[32], next[96];
	size_t i, n;

	if (ledger_rows(r->app->db, &rows, &n) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_show(d, n == 0 ? "EMPTY" : "HAS_REFUNDS");
	for (i = 0; i < n; i++) {
		const struct ledger_row *l = &rows[i];
		bool paid = strcmp(l->status, "succeeded") == 0;
		bool failed = strcmp(l->status, "failed") == 0;

		s = tmpl_add_section(d, "REFUND");
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
	}
	ledger_rows_free(rows, n);
	page_send(r, 200, N_("Refund ledger"), "admin/refunds.tpl", d);
}

int
main(void)
{
	static struct app app = {
		.name = "admin",
		.title = N_("Platform admin"),
		.role = ROLE_ADMIN,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
