/* admin.c: admin.fcgi at /admin/: the route table of the platform's desk; the published policy here, the other pages in cgi-bin/admin-*.c (policy editor and versions, cases, ledger, accounts and audit, analytics). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "pages/casepage.h"
#include "pages/caselist.h"
#include "pages/evidence.h"
#include "store/caseview.h"
#include "pages/view.h"
#include "admin.h"
#include "pages/talk.h"

static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "cases", admin_escalations, REQ_GET },
	{ "search", admin_search, REQ_GET },
	{ "refunds", admin_refunds, REQ_GET },
	{ "refunds/#/retry", admin_refund_retry, REQ_POST },
	{ "refunds/#/paid", admin_refund_paid, REQ_POST },
	{ "policy/edit", admin_policy_edit, REQ_GET | REQ_POST },
	{ "policy/draft", admin_policy_draft, REQ_GET },
	{ "policy/publish", admin_policy_publish, REQ_POST },
	{ "versions", admin_versions_page, REQ_GET },
	{ "accounts", admin_accounts, REQ_GET },
	{ "accounts/shop", admin_shop_add, REQ_POST },
	{ "accounts/user", admin_user_add, REQ_POST },
	{ "users/#/disable", admin_user_disable, REQ_POST },
	{ "users/#/enable", admin_user_enable, REQ_POST },
	{ "users/#/password", admin_user_password, REQ_POST },
	{ "audit", admin_audit, REQ_GET },
	{ "analytics", admin_analytics, REQ_GET },
	{ "analytics.csv", admin_analytics_csv, REQ_GET },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "case/#/note", talk_route_note, REQ_POST },
	{ "evidence/#", evidence_route_photo, REQ_GET },
	{ "evidence/#/thumb", evidence_route_thumb, REQ_GET },
	{ "integrations", admin_integrations, REQ_GET },
	{ "integrations/key", admin_apikey_add, REQ_POST },
	{ "integrations/key/#/revoke", admin_apikey_revoke, REQ_POST },
	{ "integrations/endpoint", admin_endpoint_add, REQ_POST },
};

static const struct nav_item nav[] = {
	{ "", N_("Policy") },
	{ "cases", N_("Escalated cases") },
	{ "search", N_("Find a case") },
	{ "policy/edit", N_("Edit policy") },
	{ "versions", N_("Versions") },
	{ "refunds", N_("Refund ledger") },
	{ "analytics", N_("Analytics") },
	{ "accounts", N_("Accounts") },
	{ "audit", N_("Audit") },
	{ "integrations", N_("Connections") },
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

const char *
admin_as_of(struct req *r, time_t at, const char *not_yet, char *buf,
    size_t n)
{
	char when[32];

	if (at == 0)
		snprintf(buf, n, "%s", tr(r, not_yet));
	else
		snprintf(buf, n, tr(r, N_("as of %s")), req_time(r, at, when));
	return buf;
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
