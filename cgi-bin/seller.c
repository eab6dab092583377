/* seller.c: seller.fcgi at /seller/: the shop's queue of cases, soonest deadline first. */
#include <stdio.h>

#include "app.h"
#include "queue.h"

static void send_queue(struct req *);

static const struct route routes[] = {
	{ "", send_queue, REQ_GET },
};

static const struct nav_item nav[] = {
	{ "", "Case queue" },
};

/*
 * / (GET, seller): the open cases of the seller's shop, soonest deadline
 * first. 200, or 500.
 */
static void
send_queue(struct req *r)
{
	struct tmpl_dict *d, *s;
	struct queue_row *rows;
	struct db_res shop;
	size_t rowsz, i;
	char when[32];

	if (db_query(r->app->db, SQL_SHOP_GET, &shop, "i",
	    r->sess.user.shop_id) != RC_OK || shop.rowsz != 1) {
		db_res_release(&shop);
		page_fail(r);
		return;
	}
	if (queue_for_shop(r->app->db, r->sess.user.shop_id, &rows, &rowsz)
	    != RC_OK) {
		db_res_release(&shop);
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set(d, "SHOP_NAME", db_str(&shop, 0, 1));
	tmpl_show(d, rowsz == 0 ? "EMPTY" : "HAS_CASES");
	for (i = 0; i < rowsz; i++) {
		s = tmpl_add_section(d, "CASE");
		tmpl_set(s, "RMA_NO", rows[i].rma_no);
		tmpl_set(s, "ORDER_NO", rows[i].order_no);
		tmpl_set(s, "BUYER", rows[i].buyer_name);
		tmpl_set(s, "TYPE", rows[i].type);
		tmpl_set(s, "STATE", rows[i].state);
		tmpl_set(s, "CURRENCY", rows[i].currency);
		tmpl_set_cents(s, "AMOUNT", rows[i].requested_cents);
		tmpl_set(s, "DEADLINE", rows[i].deadline_at == 0 ? "none" :
		    req_time(r, rows[i].deadline_at, when));
	}
	queue_free(rows, rowsz);
	db_res_release(&shop);
	page_send(r, 200, "Case queue", "seller/queue.tpl", d);
}

int
main(void)
{
	static struct app app = {
		.name = "seller",
		.title = "Seller desk",
		.role = ROLE_SELLER,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
