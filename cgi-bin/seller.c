/* seller.c: seller.fcgi at /seller/: the shop's queue of cases, soonest deadline first, and the case page with its actions. */
#include <stdio.h>

#include "app/app.h"
#include "pages/casepage.h"
#include "pages/caselist.h"
#include "store/shop_store.h"
#include "pages/evidence.h"
#include "store/caseview.h"
#include "pages/view.h"

static void send_queue(struct req *);
static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_queue, REQ_GET },
	{ "cases", send_queue, REQ_GET },
	{ "policy", send_policy, REQ_GET },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "evidence/#", evidence_route_photo, REQ_GET },
	{ "evidence/#/thumb", evidence_route_thumb, REQ_GET },
};

static const struct nav_item nav[] = {
	{ "", N_("Case queue") },
};

/*
 * / and /cases (GET, seller): the open cases of the seller's shop,
 * soonest deadline first. 200, or 500.
 */
static void
send_queue(struct req *r)
{
	struct caseview_row *rows;
	struct tmpl_dict *d;
	struct shop shop;
	size_t rowsz;

	if (shop_load(r->app->db, r->sess.user.shop_id, &shop) != RC_OK) {
		page_fail(r);
		return;
	}
	if (caseview_rows(r->app->db, SQL_QUEUE_BY_SHOP, r->sess.user.shop_id,
	    &rows, &rowsz) != RC_OK) {
		shop_release(&shop);
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "SHOP_NAME", shop.name);
	caselist_rows(r, d, "CASE_ROWS", rows, rowsz);
	caseview_rows_free(rows, rowsz);
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
