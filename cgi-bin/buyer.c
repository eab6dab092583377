/* buyer.c: buyer.fcgi at /buyer/: a buyer's orders and the return policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "buyer.h"
#include "pages/notify.h"
#include "pages/casepage.h"
#include "pages/evidence.h"
#include "pages/talk.h"
#include "store/orders.h"
#include "core/policy.h"
#include "pages/view.h"

static void send_orders(struct req *);
static void send_policy(struct req *);

static const struct route routes[] = {
	{ "", send_orders, REQ_GET },
	{ "policy", send_policy, REQ_GET | REQ_PUBLIC },
	{ "cases", buyer_cases, REQ_GET },
	{ "case/new", buyer_case_new, REQ_GET | REQ_POST },
	{ "case/#", casepage_route_case, REQ_GET | REQ_POST },
	{ "case/#/seen", talk_route_seen, REQ_POST },
	{ "evidence/#", evidence_route_photo, REQ_GET },
	{ "evidence/#/thumb", evidence_route_thumb, REQ_GET },
	{ "notifications", notify_route, REQ_GET | REQ_POST },
};

static const struct nav_item nav[] = {
	{ "", N_("My orders") },
	{ "cases", N_("My cases") },
	{ "policy", N_("Return policy") },
	{ "notifications", N_("E-mail") },
};

/* Describes where an order's goods are; key is a CSS-safe word. */
static const char *
delivery(const struct req *r, const struct order *o, const char **key,
    char out[64])
{
	char when[32];

	if (o->delivered_at != 0) {
		*key = "delivered";
		snprintf(out, 64, tr(r, "Delivered %s"), req_time(r, o->delivered_at,
		    when));
	} else if (o->shipped_at != 0) {
		*key = "shipped";
		snprintf(out, 64, tr(r, "Shipped %s"), req_time(r, o->shipped_at,
		    when));
	} else {
		*key = "unshipped";
		snprintf(out, 64, "%s", tr(r, "Not shipped yet"));
	}
	return out;
}

void
buyer_line_item(struct tmpl_dict *s, const struct order_line *l)
{
	struct tmpl_dict *p;

	if (picture_safe(l->picture_url)) {
		p = tmpl_add_section(s, "PICTURE");
		tmpl_set(p, "URL", l->picture_url);
		tmpl_set(p, "ALT", l->title);
	}
	/* The variant bought, unless the title names it already. */
	if (l->variant != NULL && strstr(l->title, l->variant) == NULL)
		tmpl_set(tmpl_add_section(s, "VARIANT"), "TEXT", l->variant);
}

/* What an order line's status says to the buyer, by line_can. */
static const char *const line_words[LINE__MAX] = {
	NULL, /* LINE_CAN_REQUEST */
	NULL, /* LINE_OPEN_CASE: a link to the case */
	N_("No requests left for this item"), /* LINE_NO_ATTEMPTS */
	N_("Refunded in full"), /* LINE_REFUNDED */
	N_("The time for requests has passed"), /* LINE_TOO_LATE */
};

const char *
buyer_line_words(enum line_can can)
{
	return can < LINE__MAX && line_words[can] != NULL ? line_words[can] :
	    "";
}

/*
 * Says what the buyer can do now about line l of order o under policy p
 * (NULL: none published) in section s, from rules_line_status(): a
 * request, the open case, or why not.
 */
static void
line_status(const struct req *r, struct tmpl_dict *s, const struct order *o,
    const struct order_line *l, const struct policy *p)
{
	struct rules_order ro;
	struct rules_line rl;
	struct line_status st;

	if (l->open_case_id != 0) {
		tmpl_set_int(tmpl_add_section(s, "OPEN_CASE"), "CASE",
		    l->open_case_id);
		return;
	}
	if (l->last_case_id != 0)
		tmpl_set_int(tmpl_add_section(s, "LAST_CASE"), "CASE",
		    l->last_case_id);
	if (p == NULL)
		return;
	order_rules(o, &ro);
	order_line_rules(l, &rl);
	rules_line_status(p, &ro, &rl, r->now, &st);
	if (st.can == LINE_CAN_REQUEST) {
		struct tmpl_dict *c = tmpl_add_section(s, "CAN_REQUEST");
		char worth[64], money[32], when[32], text[256];

		snprintf(worth, sizeof(worth), "%s %s",
		    req_currency(r, o->currency), cents_format(st.worth_cents,
		    money));
		if (st.until != RULES_NO_END)
			snprintf(text, sizeof(text), tr(r, N_("You can ask for up "
			    "to %s until %s.")), worth, req_time(r, st.until,
			    when));
		else if (o->shipped_at == 0)
			snprintf(text, sizeof(text), tr(r, N_("You can ask for up "
			    "to %s while the order has not shipped.")), worth);
		else
			snprintf(text, sizeof(text), tr(r, N_("You can ask for up "
			    "to %s while the parcel has not arrived.")), worth);
		tmpl_set(c, "UNTIL", text);
	} else if (*buyer_line_words(st.can) != '\0')
		tmpl_set(tmpl_add_section(s, "WHY_NOT"), "TEXT",
		    tr(r, buyer_line_words(st.can)));
}

/*
 * / (GET, buyer): the buyer's orders, newest paid first, ORDERS_PAGE a
 * page; query after=<cursor> (cursor_parse(): the last order of the page
 * before) for the next page; a malformed cursor shows the first page. A
 * "Next page" link when older orders follow, a "First page" link after the
 * first. 200, or 500.
 */
static void
send_orders(struct req *r)
{
	struct tmpl_dict *d, *o, *l;
	struct order *orders;
	const struct policy *pol;
	struct cursor after, last;
	enum rc prc;
	const char *key, *p = fields_str(&r->query, "after");
	size_t ordersz, i, j;
	bool more;
	char when[32], text[64], paid[96], cur[CURSOR_MAX];

	memset(&after, 0, sizeof(after));
	if (p != NULL && !cursor_parse(p, &after))
		memset(&after, 0, sizeof(after));
	if (orders_for_buyer(r->app->db, r->sess.user.id, &after, &orders,
	    &ordersz, &more, &last) != RC_OK) {
		page_fail(r);
		return;
	}
	prc = app_policy(r, &pol);
	if (prc != RC_OK && prc != RC_NOTFOUND) {
		orders_free(orders, ordersz);
		page_fail(r);
		return;
	}
	d = page_new(r);
	if (ordersz == 0 && cursor_first(&after))
		tmpl_show(d, "NO_ORDERS");
	for (i = 0; i < ordersz; i++) {
		o = tmpl_add_section(d, "ORDER");
		tmpl_set(o, "SHOP", orders[i].shop_name);
		tmpl_set(o, "ORDER_NO", orders[i].order_no);
		tmpl_set(o, "CURRENCY", req_currency(r, orders[i].currency));
		snprintf(paid, sizeof(paid), tr(r, N_("Paid %s")),
		    req_time(r, orders[i].paid_at, when));
		tmpl_set(o, "PAID", paid);
		tmpl_set(o, "DELIVERY", delivery(r, &orders[i], &key, text));
		tmpl_set(o, "DELIVERY_KEY", key);
		tmpl_set_cents(o, "TOTAL", orders[i].total_paid_cents);
		tmpl_set_int(o, "ORDER_ID", orders[i].id);
		for (j = 0; j < orders[i].linesz; j++) {
			const struct order_line *ol = &orders[i].lines[j];

			l = tmpl_add_section(o, "LINE");
			tmpl_set(l, "TITLE", ol->title);
			tmpl_set(l, "SKU", ol->sku);
			buyer_line_item(l, ol);
			tmpl_set_int(l, "QTY", ol->quantity);
			tmpl_set_cents(l, "PAID", ol->paid_cents);
			tmpl_set_cents(l, "REFUNDED", ol->refunded_cents);
			tmpl_set_int(l, "OID", orders[i].id);
			tmpl_set_int(l, "LID", ol->id);
			line_status(r, l, &orders[i], ol, prc == RC_OK ? pol :
			    NULL);
		}
	}
	if (!cursor_first(&after))
		tmpl_show(d, "FIRST");
	if (more) {
		cursor_format(&last, cur, sizeof(cur));
		tmpl_set(tmpl_add_section(d, "NEXT"), "AFTER", cur);
	}
	orders_free(orders, ordersz);
	page_send(r, 200, N_("My orders"), "buyer/orders.tpl", d);
}

/* /policy (GET, public): the current return policy, or ?version=N; all versions and what changed. 200, 404, or 500. */
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
		.name = "buyer",
		.title = N_("Buyer desk"),
		.role = ROLE_BUYER,
		.routes = routes,
		.routesz = sizeof(routes) / sizeof(routes[0]),
		.nav = nav,
		.navsz = sizeof(nav) / sizeof(nav[0]),
	};

	return app_main(&app);
}
