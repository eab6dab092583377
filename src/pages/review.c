/* review.c: the seller's case review: the buyer's history with the shop, the order's facts, the reason's frozen rule. */
#include <stdio.h>
#include <string.h>

#include "pages/review.h"
#include "app/page.h"
#include "store/stats_store.h"
#include "web/tmpl.h"

/* Sets var of d to the time t, or to the words none when t is 0. */
static void
review_time(struct req *r, struct tmpl_dict *d, const char *var, time_t t,
    const char *none)
{
	char when[32];

	tmpl_set(d, var, t != 0 ? req_time(r, t, when) : tr(r, none));
}

int
review_fill(struct req *r, struct tmpl_dict *d, int64_t case_id,
    const char *currency)
{
	struct stats_case_facts f;
	struct stats_buyer h;
	struct tmpl_dict *v, *s;
	char text[256], rate[16];
	enum rc rc;

	if ((rc = stats_case_facts_load(r->app->db, case_id, &f)) != RC_OK)
		return rc == RC_NOTFOUND ? 0 : -1;
	if (stats_buyer_load(r->app->db, f.buyer_id, f.shop_id, &h) != RC_OK) {
		stats_case_facts_release(&f);
		return -1;
	}
	v = tmpl_add_include(d, "REVIEW", "seller/review.tpl");
	tmpl_set(v, "CURRENCY", req_currency(r, currency));
	tmpl_set_int(v, "H_ORDERS", h.orders);
	tmpl_set_int(v, "H_CASES", h.cases);
	tmpl_set_int(v, "H_REFUNDED", h.refunded);
	tmpl_set_int(v, "H_OPEN", h.open);
	tmpl_set_cents(v, "H_AMOUNT", h.refunded_cents);
	if (h.orders > 0)
		snprintf(rate, sizeof(rate), "%.1f%%", 100.0 *
		    (double)h.refunded / (double)h.orders);
	else
		snprintf(rate, sizeof(rate), "—");
	tmpl_set(v, "H_RATE", rate);
	if (h.cases > 1)
		tmpl_show(v, "H_REPEAT");
	review_time(r, v, "PAID", f.paid_at, "");
	review_time(r, v, "SHIPPED", f.shipped_at, N_("not shipped"));
	review_time(r, v, "DELIVERED", f.delivered_at, N_("not delivered"));
	if (*f.carrier != '\0' || *f.waybill != '\0') {
		s = tmpl_add_section(v, "PARCEL");
		tmpl_set(s, "CARRIER", f.carrier);
		tmpl_set(s, "WAYBILL", f.waybill);
	} else
		tmpl_show(v, "NO_PARCEL");
	text[0] = '\0';
	if (f.allow_refund_only)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s",
		    tr(r, N_("Refund only")));
	if (f.allow_return_refund)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s",
		    *text != '\0' ? " · " : "", tr(r, N_("Return and refund")));
	if (f.allow_exchange)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s",
		    *text != '\0' ? " · " : "", tr(r, N_("Exchange")));
	tmpl_set(v, "TYPES", text);
	tmpl_set(v, "EVIDENCE", tr(r, f.evidence_required ?
	    N_("Photos required") : N_("Photos optional")));
	tmpl_set(v, "PAYER", tr(r, f.seller_pays_shipping ? N_("the seller") :
	    N_("the buyer")));
	snprintf(text, sizeof(text), tr(r, N_("%d days after delivery")),
	    (int)f.window_days);
	tmpl_set(v, "WINDOW", text);
	tmpl_set(v, "FAST", tr(r, f.fast_track ? N_("may be approved at once "
	    "(fast refund)") : N_("never approved at once")));
	snprintf(text, sizeof(text), tr(r, N_("A request the shop does not "
	    "answer within %d hours is approved by the system.")),
	    (int)f.seller_response_hours);
	tmpl_set(v, "RESPONSE", text);
	stats_case_facts_release(&f);
	return 0;
}
