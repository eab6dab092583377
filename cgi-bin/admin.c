/* admin.c: admin.fcgi at /admin/: the published policy, escalated cases and the platform's rulings. */
#include "app.h"
#include "casepage.h"
#include "caseview.h"
#include "view.h"

static void send_policy(struct req *);
static void send_cases(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "cases", send_cases, REQ_GET },
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
	view_send_policy(r, "admin/policy.tpl", N_("Policy"));
}

/* /cases (GET, admin): cases waiting for a ruling, oldest deadline first. 200, or 500. */
static void
send_cases(struct req *r)
{
	casepage_list(r, SQL_CASES_ESCALATED, 0, N_("Escalated cases"),
	    "admin/cases.tpl");
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
