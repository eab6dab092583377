/* admin.c: admin.fcgi at /admin/: the published policy, escalated cases and the platform's rulings, the refund ledger. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "pages/casepage.h"
#include "store/caseview.h"
#include "pages/view.h"

static void send_policy(struct req *);
static void send_cases(struct req *);
static void send_refunds(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "cases", send_cases, REQ_GET },
	{ "refunds", send_refunds, REQ_GET },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "evidence/#", casepage_route_photo, REQ_GET },
	{ "evidence/#/thumb", casepage_route_thumb, REQ_GET },
};

static const struct nav_item nav[] = {
	{ "", N_("Policy") },
	{ "cases", N_("Escalated cases") },
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
	casepage_list(r, SQL_CASES_ESCALATED, 0, N_("Escalated cases"),
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
	struct db_res res;
	char when[32], next[96];
	size_t i;

	if (db_query(r->app->db, SQL_REFUNDS_LEDGER, &res, "") != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_show(d, res.rowsz == 0 ? "EMPTY" : "HAS_REFUNDS");
	for (i = 0; i < res.rowsz; i++) {
		const char *status = db_str(&res, i, 6);

		s = tmpl_add_section(d, "REFUND");
		tmpl_set_int(s, "CASE", db_int(&res, i, 1));
		tmpl_set(s, "RMA_NO", db_str(&res, i, 2));
		tmpl_set(s, "CURRENCY", req_currency(r, db_str(&res, i, 4)));
		tmpl_set_cents(s, "AMOUNT", db_int(&res, i, 3));
		tmpl_set(s, "EXECUTOR", db_str(&res, i, 5));
		tmpl_set(s, "STATUS_KEY", !db_null(&res, i, 8) &&
		    strcmp(status, "succeeded") != 0 ? "failing" : status);
		tmpl_set(s, "STATUS", tr(r, strcmp(status, "succeeded") == 0 ?
		    N_("refunded") : strcmp(status, "failed") == 0 ? N_("given up") :
		    db_null(&res, i, 8) ? N_("pending") : N_("failing, will retry")));
		tmpl_set_int(s, "ATTEMPTS", db_int(&res, i, 7));
		tmpl_set(s, "ERROR", db_str(&res, i, 8));
		tmpl_set(s, "CREATED", req_time(r, db_int(&res, i, 9), when));
		if (db_int(&res, i, 10) != 0)
			tmpl_set(s, "SETTLED", req_time(r, db_int(&res, i, 10),
			    when));
		if (db_int(&res, i, 11) != 0 && strcmp(status, "pending") == 0) {
			snprintf(next, sizeof(next), tr(r, N_("next try %s")),
			    req_time(r, db_int(&res, i, 11), when));
			tmpl_set(tmpl_add_section(s, "NEXT"), "TEXT", next);
		}
		tmpl_set(s, "KEY", db_str(&res, i, 12));
	}
	db_res_release(&res);
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
