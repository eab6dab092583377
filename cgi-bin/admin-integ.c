/* admin-integ.c: admin.fcgi's shop platform connections: the shops' API keys (made, shown once, revoked) and the webhook endpoints with their deliveries and attempts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/auth.h"
#include "base/util.h"
#include "store/accounts.h"
#include "store/api_store.h"

enum { KF_LOGIN, KF_LABEL, KF_RATE, KF__MAX };

static const struct form_spec key_form[KF__MAX] = {
	{ "login", FORM_TEXT, true, 1, 64, false, NULL, 0,
	  N_("Enter the login of one of the shop's sellers.") }, /* KF_LOGIN */
	{ "label", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Say what the key is for (up to 100 characters).") }, /* KF_LABEL */
	{ "rate", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Enter the requests per minute as a whole number.") }, /* KF_RATE */
};

enum { EF_SHOP, EF_URL, EF_EVENTS, EF__MAX };

static const struct form_spec endpoint_form[EF__MAX] = {
	{ "shop", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Choose a shop, or the platform.") }, /* EF_SHOP */
	{ "url", FORM_TEXT, true, 9, 512, false, NULL, 0,
	  N_("Enter an http:// or https:// URL.") }, /* EF_URL */
	{ "events", FORM_TEXT, false, 0, 255, false, NULL, 0,
	  N_("List the event types separated by commas.") }, /* EF_EVENTS */
};

/*
 * Renders the page with status; secret_what and secret (a key or an
 * endpoint's secret just made) are shown once when not NULL; err (a
 * msgid) above the forms.
 */
static void
integ_show(struct req *r, int status, const char *secret_what,
    const char *secret, const char *err)
{
	struct apikey_row *keys = NULL;
	struct db_res ep = { 0 }, dl = { 0 };
	struct tmpl_dict *d, *s;
	size_t keysz = 0, i;
	char when[32], last[300];

	if (apikey_list(r->app->db, &keys, &keysz) != RC_OK ||
	    db_query(r->app->db, SQL_ENDPOINT_LIST, &ep, "") != RC_OK ||
	    db_query(r->app->db, SQL_DELIVERY_LIST, &dl, "i", (int64_t)50) !=
	    RC_OK) {
		page_fail(r);
		goto out;
	}
	d = page_new(r);
	if (secret != NULL) {
		s = tmpl_add_section(d, "NEW_SECRET");
		tmpl_set(s, "WHAT", tr(r, secret_what));
		tmpl_set(s, "VALUE", secret);
	}
	if (err != NULL)
		tmpl_set(tmpl_add_section(d, "FORM_ERROR"), "TEXT", tr(r, err));
	/* A table only when it has rows (no empty <tbody>). */
	tmpl_show(d, keysz > 0 ? "KEYS_TABLE" : "NONE_KEYS_TABLE");
	tmpl_show(d, ep.rowsz > 0 ? "ENDPOINTS_TABLE" : "NONE_ENDPOINTS_TABLE");
	tmpl_show(d, dl.rowsz > 0 ? "DELIVERIES_TABLE" :
	    "NONE_DELIVERIES_TABLE");
	for (i = 0; i < keysz; i++) {
		s = tmpl_add_section(d, "KEY");
		tmpl_set_int(s, "ID", keys[i].id);
		tmpl_set(s, "PREFIX_CHARS", keys[i].prefix);
		tmpl_set(s, "SHOP", keys[i].shop);
		tmpl_set(s, "LOGIN", keys[i].login);
		tmpl_set(s, "LABEL", keys[i].label);
		tmpl_set_int(s, "RATE", keys[i].rate_per_min);
		tmpl_set(s, "CREATED", req_time(r, keys[i].created_at, when));
		tmpl_show(s, keys[i].revoked_at ? "REVOKED" : "ACTIVE");
	}
	for (i = 0; i < ep.rowsz; i++) {
		s = tmpl_add_section(d, "ENDPOINT");
		tmpl_set(s, "ID", db_str(&ep, i, 0));
		tmpl_set(s, "SHOP", *db_str(&ep, i, 1) ? db_str(&ep, i, 1) :
		    tr(r, N_("The platform (every shop)")));
		tmpl_set(s, "URL", db_str(&ep, i, 2));
		tmpl_set(s, "EVENTS", *db_str(&ep, i, 3) ? db_str(&ep, i, 3) :
		    tr(r, N_("all")));
		if (db_int(&ep, i, 4))
			tmpl_show(s, "DISABLED");
		tmpl_set(s, "PENDING", db_str(&ep, i, 5));
		tmpl_set(s, "DELIVERED", db_str(&ep, i, 6));
		tmpl_set(s, "FAILED", db_str(&ep, i, 7));
	}
	for (i = 0; i < dl.rowsz; i++) {
		s = tmpl_add_section(d, "DELIVERY");
		tmpl_set(s, "ID", db_str(&dl, i, 0));
		tmpl_set(s, "ENDPOINT", db_str(&dl, i, 1));
		tmpl_set(s, "EVENT", db_str(&dl, i, 3));
		tmpl_set(s, "RMA", db_str(&dl, i, 4));
		tmpl_set(s, "STATUS", db_str(&dl, i, 5));
		tmpl_set(s, "ATTEMPTS", db_str(&dl, i, 6));
		if (db_int(&dl, i, 7) != 0)
			snprintf(last, sizeof(last), "HTTP %s", db_str(&dl, i, 7));
		else
			snprintf(last, sizeof(last), "%.250s", db_str(&dl, i, 8));
		tmpl_set(s, "LAST", last);
		tmpl_set(s, "WHEN", db_int(&dl, i, 9) ? req_time(r,
		    (time_t)db_int(&dl, i, 9), when) : "");
	}
	page_send(r, status, N_("Shop platform connections"),
	    "admin/integrations.tpl", d);
out:
	apikey_rows_free(keys, keysz);
	db_res_release(&ep);
	db_res_release(&dl);
}

/* /integrations (GET, admin): keys, endpoints and the latest deliveries. 200 or 500. */
void
admin_integrations(struct req *r)
{
	integ_show(r, 200, NULL, NULL, NULL);
}

/*
 * /integrations/key (POST, admin; login, label, rate): makes a key for
 * the seller's shop and shows it once. Answers 200 with the page rather
 * than 303: the key must appear exactly once and nowhere else (not in a
 * URL, a flash or the session). 422 with a message; 500.
 */
void
admin_apikey_add(struct req *r)
{
	struct form_value v[KF__MAX];
	char key[APIKEY_LEN + 1];
	int64_t id;
	enum rc rc;

	if (!form_check(&r->form, key_form, KF__MAX, v)) {
		integ_show(r, 422, NULL, NULL, v[KF_LOGIN].error != NULL ?
		    v[KF_LOGIN].error : v[KF_LABEL].error != NULL ?
		    v[KF_LABEL].error : v[KF_RATE].error);
		return;
	}
	rc = apikey_create(r->app->db, v[KF_LOGIN].raw, v[KF_LABEL].raw,
	    v[KF_RATE].state == FORM_OK ? v[KF_RATE].num : 120,
	    r->sess.user.id, r->now, key, &id);
	if (rc == RC_NOTFOUND)
		integ_show(r, 422, NULL, NULL, N_("There is no seller with this "
		    "login."));
	else if (rc != RC_OK)
		page_fail(r);
	else {
		http_header(&r->http, "Cache-Control", "no-store");
		integ_show(r, 200, N_("The new API key"), key, NULL);
	}
}

/* /integrations/key/#/revoke (POST, admin): the key stops working at once. 303, 404, 500. */
void
admin_apikey_revoke(struct req *r)
{
	enum rc rc = apikey_revoke(r->app->db, r->ids[0], r->now);

	if (rc == RC_NOTFOUND)
		page_error(r, 404, N_("No such key"), N_("Go back to the list "
		    "and choose a key in use."));
	else if (rc != RC_OK)
		page_fail(r);
	else
		page_redirect(r, "integrations", NULL);
}

/*
 * /integrations/endpoint (POST, admin; shop or none for the platform,
 * url, events): registers an endpoint and shows its signing secret once
 * (200, as for a key). 422; 500.
 */
void
admin_endpoint_add(struct req *r)
{
	struct form_value v[EF__MAX];
	char secret[TOKEN_LEN + 1];
	const char *url;

	if (!form_check(&r->form, endpoint_form, EF__MAX, v)) {
		integ_show(r, 422, NULL, NULL, v[EF_URL].error != NULL ?
		    v[EF_URL].error : v[EF_SHOP].error != NULL ?
		    v[EF_SHOP].error : v[EF_EVENTS].error);
		return;
	}
	url = v[EF_URL].raw;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
	{
		integ_show(r, 422, NULL, NULL, endpoint_form[EF_URL].message);
		return;
	}
	if (auth_token(secret) != 0 || db_exec(r->app->db, SQL_ENDPOINT_ADD,
	    NULL, "Issst", v[EF_SHOP].state == FORM_OK ? v[EF_SHOP].num : 0,
	    url, secret, v[EF_EVENTS].state == FORM_OK ? v[EF_EVENTS].raw : "",
	    r->now) != RC_OK) {
		if (db_errno(r->app->db) == 1452)	/* no such shop */
			integ_show(r, 422, NULL, NULL,
			    endpoint_form[EF_SHOP].message);
		else
			page_fail(r);
		return;
	}
	http_header(&r->http, "Cache-Control", "no-store");
	integ_show(r, 200, N_("The endpoint's signing secret"), secret, NULL);
}
