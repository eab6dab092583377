/* admin.c: admin.fcgi at /admin/: the published policy, escalated cases and the platform's rulings. */
#include "app.h"
#include "casepage.h"
#include "caseview.h"
#include "view.h"

static void send_policy(struct req *);
static void send_cases(struct req *);
static void send_case(struct req *);
static void send_photo(struct req *);
static void send_thumb(struct req *);

static const struct route routes[] = {
	{ "", send_policy, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "cases", send_cases, REQ_GET },
	{ "case/#", send_case, REQ_GET | REQ_POST },
	{ "evidence/#", send_photo, REQ_GET },
	{ "evidence/#/thumb", send_thumb, REQ_GET },
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
	struct caseview_row *rows;
	struct tmpl_dict *d;
	size_t rowsz;

	if (caseview_rows(r->app->db, SQL_CASES_ESCALATED, 0, &rows, &rowsz) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_show(d, rowsz == 0 ? "EMPTY" : "HAS_CASES");
	casepage_rows(r, d, "CASE", rows, rowsz);
	caseview_rows_free(rows, rowsz);
	page_send(r, 200, N_("Escalated cases"), "admin/cases.tpl", d);
}

/* /case/# (GET, POST, admin): any case, and the platform's actions; see casepage.h. */
static void
send_case(struct req *r)
{
	if (r->http.method == HTTP_POST)
		casepage_act(r, ACTOR_ADMIN);
	else
		casepage_send(r, ACTOR_ADMIN);
}

/* /evidence/# (GET): a photo of a case this user may see; see casepage.h. */
static void
send_photo(struct req *r)
{
	casepage_evidence(r, ACTOR_ADMIN, false);
}

/* /evidence/#/thumb (GET): its thumbnail. */
static void
send_thumb(struct req *r)
{
	casepage_evidence(r, ACTOR_ADMIN, true);
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
