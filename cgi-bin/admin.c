/* admin.c: admin.fcgi at /admin/: the platform's view of the published return policy. */
#include "app.h"
#include "policy.h"
#include "view.h"

static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
};

static const struct nav_item nav[] = {
	{ "", "Policy" },
};

/* / (GET, admin): the currently published policy. 200, or 500. */
static void
send_policy(struct req *r)
{
	view_send_policy(r, "admin/policy.tpl", "Policy");
}

int
main(void)
{
	static struct app app = {
		.name = "admin",
		.title = "Platform admin",
		.role = ROLE_ADMIN,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
