/* buyer.c: buyer.fcgi at /buyer/: a buyer's orders and the return policy. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "buyer.h"
#include "orders.h"
#include "policy.h"
#include "view.h"

static void send_orders(struct req *);
static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_orders, REQ_GET },
	{ "policy", send_policy, REQ_GET | REQ_PUBLIC },
	{ "cases", buyer_cases, REQ_GET },
	{ "case/new", buyer_case_new, REQ_GET | REQ_POST },
	{ "case/#", buyer_case, REQ_GET | REQ_POST },
};

static const struct nav_item nav[] = {
	{ "", "My orders" },
	{ "cases", "My cases" },
	{ "policy", "Return policy" },
};

/* Describes where an order's goods are; key is a CSS-safe word. */
static const char *
delivery(const struct req *r, const struct order *o, const char **key,
    char out[64])
{
	char when[32];

	if (o->delivered_at != 0) {
		*key = "delivered";
		snprintf(out, 64, "Delivered %s", req_time(r, o->delivered_at,
		    when));
	} else if (o->shipped_at != 0) {
		*key = "shipped";
		snprintf(out, 64, "Shipped %s", req_time(r, o->shipped_at,
		    when));
	} else {
		*key = "unshipped";
		snprintf(out, 64, "Not shipped yet");
	}
	return out;
}

/*
 * / (GET, buyer): the buyer's orders, newest first, ORDERS_PAGE a page;
 * query page=N (from 0). 200, or 500.
 */
static void
send_orders(struct req *r)
{
	struct tmpl_dict *d, *o, *l;
	struct order *orders;
	const char *key, *p = fields_str(&r->query, "page");
	size_t ordersz, i, j;
	int64_t page = 0, total;
	char when[32], text[64];

	if (p != NULL && !valid_id(p, &page))
		page = 0;
	if (orders_for_buyer(r->app->db, r->sess.user.id, page, &orders,
	    &ordersz, &total) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_set_int(d, "TOTAL_ORDERS", total);
	if (total == 0)
		tmpl_show(d, "NO_ORDERS");
	for (i = 0; i < ordersz; i++) {
		o = tmpl_add_section(d, "ORDER");
		tmpl_set(o, "SHOP", orders[i].shop_name);
		tmpl_set(o, "ORDER_NO", orders[i].order_no);
		tmpl_set(o, "CURRENCY", orders[i].currency);
		tmpl_set(o, "PAID_AT", req_time(r, orders[i].paid_at, when));
		tmpl_set(o, "DELIVERY", delivery(r, &orders[i], &key, text));
		tmpl_set(o, "DELIVERY_KEY", key);
		tmpl_set_cents(o, "TOTAL", orders[i].total_paid_cents);
		tmpl_set_int(o, "ORDER_ID", orders[i].id);
		for (j = 0; j < orders[i].linesz; j++) {
			const struct order_line *ol = &orders[i].lines[j];

			l = tmpl_add_section(o, "LINE");
			tmpl_set(l, "TITLE", ol->title);
			tmpl_set(l, "SKU", ol->sku);
			tmpl_set_int(l, "QTY", ol->quantity);
			tmpl_set_cents(l, "PAID", ol->paid_cents);
			tmpl_set_cents(l, "REFUNDED", ol->refunded_cents);
		}
	}
	if (page > 0)
		tmpl_set_int(tmpl_add_section(d, "NEWER"), "PAGE", page - 1);
	if ((page + 1) * ORDERS_PAGE < total)
		tmpl_set_int(tmpl_add_section(d, "OLDER"), "PAGE", page + 1);
	orders_free(orders, ordersz);
	page_send(r, 200, "My orders", "buyer/orders.tpl", d);
}

/* /policy (GET, public): the current return policy. 200, or 500. */
static void
send_policy(struct req *r)
{
	view_send_policy(r, "buyer/policy.tpl", "Return policy");
}

int
main(void)
{
	static struct app app = {
		.name = "buyer",
		.title = "Buyer desk",
		.role = ROLE_BUYER,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
