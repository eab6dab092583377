/* admin-accounts.c: admin.fcgi's accounts and shops (new shops with their return address, seller and admin accounts, password resets, disabled accounts) and the audit list of every admin action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/auth.h"
#include "base/cursor.h"
#include "base/util.h"
#include "store/accounts.h"
#include "store/admin_store.h"
#include "web/valid.h"

/* The fields of the new shop form. */
enum {
	SF_NAME, SF_CURRENCY, SF_LABEL, SF_RECIPIENT, SF_PHONE, SF_ADDRESS,
	SF__MAX
};

static const char *const currencies[] = { "CNY", "HKD", "USD", "EUR" };

static const struct form_spec shop_form[SF__MAX] = {
	{ "name", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Name the shop (up to 100 characters).") }, /* SF_NAME */
	{ "currency", FORM_ENUM, true, 0, 0, false, currencies, 4,
	  N_("Choose the currency the shop sells in.") }, /* SF_CURRENCY */
	{ "label", FORM_TEXT, true, 1, 64, false, NULL, 0,
	  N_("Name the return address, e.g. main warehouse (up to 64 "
	  "characters).") }, /* SF_LABEL */
	{ "recipient", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Say who receives returns (up to 100 characters).") },
	  /* SF_RECIPIENT */
	{ "phone", FORM_TEXT, true, 5, 32, false, NULL, 0,
	  N_("Enter a phone number for the carrier (5 to 32 characters).") },
	  /* SF_PHONE */
	{ "address", FORM_TEXT, true, 5, 500, true, NULL, 0,
	  N_("Enter the full postal address (5 to 500 characters).") },
	  /* SF_ADDRESS */
};

/* The fields of the new account form. */
enum { UF_ROLE, UF_LOGIN, UF_NAME, UF_PASSWORD, UF_SHOP, UF__MAX };

static const char *const roles[] = { "seller", "admin" };

static const struct form_spec user_form[UF__MAX] = {
	{ "role", FORM_ENUM, true, 0, 0, false, roles, 2,
	  N_("Choose seller or admin.") }, /* UF_ROLE */
	{ "login", FORM_TEXT, true, 3, 64, false, NULL, 0,
	  N_("Choose a login name of 3 to 64 characters.") }, /* UF_LOGIN */
	{ "display_name", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Enter the name others will see (up to 100 characters).") },
	  /* UF_NAME */
	{ "password", FORM_TEXT, true, 8, 200, false, NULL, 0,
	  N_("Choose a password of at least 8 characters.") }, /* UF_PASSWORD */
	{ "shop", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("A seller works for one shop: choose it.") }, /* UF_SHOP */
};

/* The field of the password reset form. */
static const struct form_spec reset_form[] = {
	{ "password", FORM_TEXT, true, 8, 200, false, NULL, 0,
	  N_("Choose a password of at least 8 characters.") },
};

/* Sets var and, when err (a msgid) is set, the section var_ERROR of d. */
static void
field(struct req *r, struct tmpl_dict *d, const char *var, const char *value,
    const char *err)
{
	char name[64];

	tmpl_set(d, var, value != NULL ? value : "");
	if (err == NULL)
		return;
	snprintf(name, sizeof(name), "%s_ERROR", var);
	tmpl_set(tmpl_add_section(d, name), "TEXT", tr(r, err));
}

/*
 * Renders the accounts page with status; sv and uv, when not NULL, are
 * the refused shop or account form (input kept, messages next to the
 * fields).
 */
static void
accounts_show(struct req *r, int status, const struct form_value *sv,
    const struct form_value *uv, const char *user_err)
{
	static const char *const shop_vars[SF__MAX] = { "S_NAME",
	    "S_CURRENCY", "S_LABEL", "S_RECIPIENT", "S_PHONE", "S_ADDRESS" };
	static const char *const user_vars[UF__MAX] = { "U_ROLE", "U_LOGIN",
	    "U_NAME", "U_PASSWORD", "U_SHOP" };
	/* The tabs: the account lists (enum account_filter), then the shops. */
	static const char *const who_names[] = { "staff", "all", "",
	    "buyers", "sellers", "admins", "shops" };
	static const char *const who_words[] = { N_("Staff"), N_("All"),
	    NULL, N_("Buyers"), N_("Sellers"), N_("Admins"), N_("Shops") };
	const size_t who_shops = 6;
	struct account *us = NULL;
	struct shop_row *ss = NULL;
	struct tmpl_dict *d, *s;
	struct cursor after, shops_after;
	enum account_filter who = ACCOUNTS_STAFF;
	const char *v, *login;
	size_t i, un = 0, sn = 0;
	char when[32], pos[CURSOR_MAX], query[128];
	bool umore = false, smore = false, shops_tab;
	enum rc rc = RC_OK;

	memset(&after, 0, sizeof(after));
	memset(&shops_after, 0, sizeof(shops_after));
	if ((v = fields_str(&r->query, "who")) != NULL && *v != '\0') {
		for (i = 0; i < sizeof(who_names) / sizeof(who_names[0]); i++)
			if (*who_names[i] != '\0' && strcmp(v, who_names[i]) == 0)
				break;
		if (i == sizeof(who_names) / sizeof(who_names[0])) {
			page_error(r, 400, N_("No such list"), N_("Choose a "
			    "list of accounts from its tabs."));
			return;
		}
		who = (enum account_filter)i;
	}
	/* One list a page (issue 12): the shops or the accounts, each with
	 * its form; a refused new shop comes back to the shops. */
	shops_tab = sv != NULL || (size_t)who == who_shops ||
	    fields_str(&r->query, "shops_after") != NULL;
	if (shops_tab)
		who = (enum account_filter)who_shops;
	if (((v = fields_str(&r->query, "after")) != NULL && *v != '\0' &&
	    (!cursor_parse(v, &after) || after.key[0] != '\0')) ||
	    ((v = fields_str(&r->query, "shops_after")) != NULL &&
	    *v != '\0' && (!cursor_parse(v, &shops_after) ||
	    shops_after.key[0] != '\0'))) {
		page_error(r, 400, N_("Not a page of the accounts"), N_("This "
		    "link does not lead to a page of the accounts. Start "
		    "again from the first page."));
		return;
	}
	login = fields_str(&r->query, "login");
	if (login != NULL && (*login == '\0' || strlen(login) > 64))
		login = NULL;
	if (shops_tab)
		rc = shops_page(r->app->db, &shops_after, &ss, &sn, &smore);
	else if (login != NULL)
		rc = accounts_find(r->app->db, login, &us, &un, &umore);
	else
		rc = accounts_page(r->app->db, who, &after, &us, &un, &umore);
	if (rc != RC_OK) {
		accounts_free(us, un);
		shop_rows_free(ss, sn);
		page_fail(r);
		return;
	}
	d = page_new(r);
	for (i = 0; i < SF__MAX; i++)
		field(r, d, shop_vars[i], sv != NULL && i != SF_CURRENCY ?
		    sv[i].raw : "", sv != NULL ? sv[i].error : NULL);
	for (i = 0; i < UF__MAX; i++)
		field(r, d, user_vars[i], uv != NULL && i != UF_PASSWORD &&
		    i != UF_ROLE ? uv[i].raw : "", uv != NULL ?
		    uv[i].error : NULL);
	if (user_err != NULL)
		tmpl_set(tmpl_add_section(d, "U_LOGIN_ERROR"), "TEXT",
		    tr(r, user_err));
	for (i = 0; i < 4; i++) {
		s = tmpl_add_section(d, "CURRENCY");
		tmpl_set(s, "CODE", currencies[i]);
		if (sv != NULL && strcmp(sv[SF_CURRENCY].raw, currencies[i]) == 0)
			tmpl_show(s, "SELECTED");
	}
	for (i = 0; i < 2; i++) {
		s = tmpl_add_section(d, "ROLE");
		tmpl_set(s, "CODE", roles[i]);
		tmpl_set(s, "LABEL", req_role(r, i == 0 ? ROLE_SELLER :
		    ROLE_ADMIN));
		if (uv != NULL && strcmp(uv[UF_ROLE].raw, roles[i]) == 0)
			tmpl_show(s, "SELECTED");
	}
	for (i = 0; i < sn; i++) {
		s = tmpl_add_section(d, "SHOP");
		tmpl_set_int(s, "ID", ss[i].id);
		tmpl_set(s, "NAME", ss[i].name);
		tmpl_set(s, "CURRENCY", ss[i].currency);
		tmpl_set_int(s, "ADDRESSES", ss[i].addresses);
		tmpl_set_int(s, "SELLERS", ss[i].sellers);
	}
	if (smore) {
		snprintf(query, sizeof(query), "who=shops&shops_after=%lld",
		    (long long)ss[sn - 1].id);
		tmpl_set(tmpl_add_section(d, "SHOPS_NEXT"), "QUERY", query);
	}
	if (shops_tab && !cursor_first(&shops_after))
		tmpl_show(d, "SHOPS_FIRST");
	tmpl_show(d, shops_tab ? "SHOPS_TAB" : "ACCOUNTS_TAB");
	for (i = 0; i < sizeof(who_names) / sizeof(who_names[0]); i++) {
		if (*who_names[i] == '\0')
			continue;
		s = tmpl_add_section(d, "WHO");
		tmpl_set(s, "NAME", who_names[i]);
		tmpl_set(s, "WORDS", tr(r, who_words[i]));
		if ((login == NULL || shops_tab) && i == (size_t)who)
			tmpl_show(s, "CURRENT");
	}
	tmpl_set(d, "Q_LOGIN", login != NULL ? login : "");
	if (login != NULL)
		tmpl_show(d, umore ? "FOUND_MORE" : "FOUND");
	else {
		if (umore) {
			snprintf(pos, sizeof(pos), "%lld",
			    (long long)us[un - 1].id);
			snprintf(query, sizeof(query), "who=%s&after=%s",
			    who_names[who], pos);
			tmpl_set(tmpl_add_section(d, "USERS_NEXT"), "QUERY",
			    query);
		}
		if (!cursor_first(&after)) {
			snprintf(query, sizeof(query), "who=%s",
			    who_names[who]);
			tmpl_set(tmpl_add_section(d, "USERS_FIRST"), "QUERY",
			    query);
		}
	}
	if (un == 0)
		tmpl_show(d, "NO_USERS");
	for (i = 0; i < un; i++) {
		enum role role = strcmp(us[i].role, "admin") == 0 ? ROLE_ADMIN :
		    strcmp(us[i].role, "seller") == 0 ? ROLE_SELLER : ROLE_BUYER;

		s = tmpl_add_section(d, "USER");
		tmpl_set_int(s, "ID", us[i].id);
		tmpl_set(s, "LOGIN", us[i].login);
		tmpl_set(s, "NAME", us[i].name);
		tmpl_set(s, "ROLE", req_role(r, role));
		tmpl_set(s, "SHOP", us[i].shop);
		tmpl_set(s, "CREATED", req_time(r, us[i].created_at, when));
		tmpl_set_int(s, "SESSIONS", us[i].sessions);
		tmpl_show(s, us[i].disabled ? "DISABLED" : "ENABLED");
		if (us[i].id == r->sess.user.id)
			tmpl_show(s, "SELF");
		else
			tmpl_show(s, us[i].disabled ? "CAN_ENABLE" :
			    "CAN_DISABLE");
	}
	accounts_free(us, un);
	shop_rows_free(ss, sn);
	page_send(r, status, N_("Accounts and shops"), "admin/accounts.tpl",
	    d);
}

/* Who acts in r, for the audit list. */
static struct actor_who
who(const struct req *r)
{
	struct actor_who w = { r->sess.user.id, r->http.remote_addr, r->now };

	return w;
}

/* /accounts (GET, admin): every shop and account, and the forms that change them. 200, or 500. */
void
admin_accounts(struct req *r)
{
	accounts_show(r, 200, NULL, NULL, NULL);
}

/*
 * /accounts/shop (POST, admin): a new shop with its default return
 * address (shop_form). 303 to accounts; 422 with the input kept; 409
 * when the name is taken; 500.
 */
void
admin_shop_add(struct req *r)
{
	struct form_value v[SF__MAX];
	struct actor_who w = who(r);
	struct new_shop s;
	int64_t id;
	enum rc rc;

	if (!form_check(&r->form, shop_form, SF__MAX, v)) {
		accounts_show(r, 422, v, NULL, NULL);
		return;
	}
	s.name = v[SF_NAME].raw;
	s.currency = currencies[v[SF_CURRENCY].num];
	s.label = v[SF_LABEL].raw;
	s.recipient = v[SF_RECIPIENT].raw;
	s.phone = v[SF_PHONE].raw;
	s.address = v[SF_ADDRESS].raw;
	rc = account_shop_add(r->app->db, &w, &s, &id);
	if (rc == RC_CONFLICT) {
		v[SF_NAME].error = N_("A shop of this name exists already.");
		accounts_show(r, 409, v, NULL, NULL);
		return;
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "accounts?who=shops", NULL);
}

/*
 * /accounts/user (POST, admin): a new seller (of a shop) or admin account
 * (user_form). 303 to accounts; 422 with the input kept (not the
 * password); 409 when the login is taken; 500.
 */
void
admin_user_add(struct req *r)
{
	struct form_value v[UF__MAX];
	struct actor_who w = who(r);
	bool seller;
	char *hash;
	enum rc rc;

	if (!form_check(&r->form, user_form, UF__MAX, v)) {
		accounts_show(r, 422, NULL, v, NULL);
		return;
	}
	seller = v[UF_ROLE].num == 0;
	if (seller != (v[UF_SHOP].state == FORM_OK)) {
		v[UF_SHOP].error = seller ? user_form[UF_SHOP].message :
		    N_("Only a seller works for a shop: leave it empty.");
		accounts_show(r, 422, NULL, v, NULL);
		return;
	}
	if ((hash = auth_hash_password(v[UF_PASSWORD].raw)) == NULL) {
		page_fail(r);
		return;
	}
	rc = account_user_add(r->app->db, &w, roles[v[UF_ROLE].num],
	    v[UF_LOGIN].raw, v[UF_NAME].raw, hash, seller ? v[UF_SHOP].num : 0);
	free(hash);
	if (rc == RC_CONFLICT) {
		accounts_show(r, 409, NULL, v, N_("This login is taken; choose "
		    "another."));
		return;
	}
	if (rc == RC_INVALID) {
		v[UF_SHOP].error = user_form[UF_SHOP].message;
		accounts_show(r, 422, NULL, v, NULL);
		return;
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "accounts", NULL);
}

/* Disables or enables account r->ids[0]; 303 to accounts, 403 for oneself, 404, 500. */
static void
set_disabled(struct req *r, bool disabled)
{
	struct actor_who w = who(r);
	char login[80];
	int64_t id;
	enum rc rc;

	if (r->ids[0] == r->sess.user.id) {
		page_error(r, 403, N_("Not your own account"), N_("Ask another "
		    "admin to disable your account."));
		return;
	}
	rc = account_find(r->app->db, r->ids[0], NULL, &id, login,
	    sizeof(login));
	if (rc == RC_OK)
		rc = account_set_disabled(r->app->db, &w, id, disabled);
	if (rc == RC_NOTFOUND)
		page_error(r, 404, N_("No such account"), N_("Go back to the "
		    "accounts and choose one from the list."));
	else if (rc != RC_OK)
		page_fail(r);
	else
		page_redirect(r, "accounts", NULL);
}

/* /users/#/disable (POST, admin): disables the account and ends its sessions at once. */
void
admin_user_disable(struct req *r)
{
	set_disabled(r, true);
}

/* /users/#/enable (POST, admin): lets the account sign in again. */
void
admin_user_enable(struct req *r)
{
	set_disabled(r, false);
}

/*
 * /users/#/password (POST, admin): sets a new password (field password)
 * and ends the account's sessions. 303 to accounts; 422; 404; 500.
 */
void
admin_user_password(struct req *r)
{
	struct form_value v[1];
	struct actor_who w = who(r);
	char login[80], *hash;
	int64_t id;
	enum rc rc;

	if (!form_check(&r->form, reset_form, 1, v)) {
		page_error(r, 422, N_("Password not changed"), v[0].error);
		return;
	}
	rc = account_find(r->app->db, r->ids[0], NULL, &id, login,
	    sizeof(login));
	if (rc == RC_NOTFOUND) {
		page_error(r, 404, N_("No such account"), N_("Go back to the "
		    "accounts and choose one from the list."));
		return;
	}
	if (rc != RC_OK || (hash = auth_hash_password(v[0].raw)) == NULL) {
		page_fail(r);
		return;
	}
	rc = account_set_password(r->app->db, &w, id, hash);
	free(hash);
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "accounts", NULL);
}

/*
 * /audit (GET, admin): the admin actions, newest first, AUDIT_PAGE a page
 * after after=<cursor>: who, what, when, from where. 200; 400 for a
 * malformed cursor; 500.
 */
void
admin_audit(struct req *r)
{
	struct audit_row *a;
	struct tmpl_dict *d, *s;
	struct cursor after;
	const char *v;
	char when[32], pos[CURSOR_MAX];
	size_t i, n;
	bool more;

	memset(&after, 0, sizeof(after));
	if ((v = fields_str(&r->query, "after")) != NULL && *v != '\0' &&
	    (!cursor_parse(v, &after) || after.key[0] == '\0')) {
		page_error(r, 400, N_("Not a page of the audit list"), N_("This "
		    "link does not lead to a page of the audit list. Start "
		    "again from the first page."));
		return;
	}
	if (audit_rows(r->app->db, &after, &a, &n, &more) != RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	tmpl_show(d, n == 0 ? "EMPTY" : "HAS_ROWS");
	if (more) {
		cursor_format(&a[n - 1].pos, pos, sizeof(pos));
		tmpl_set(tmpl_add_section(d, "NEXT_PAGE"), "AFTER", pos);
	}
	if (!cursor_first(&after))
		tmpl_show(d, "FIRST_PAGE");
	for (i = 0; i < n; i++) {
		s = tmpl_add_section(d, "ROW");
		tmpl_set(s, "WHEN", req_time(r, a[i].at, when));
		tmpl_set(s, "WHO", *a[i].login != '\0' ? a[i].login : "deskctl");
		tmpl_set(s, "ACTION", a[i].action);
		tmpl_set(s, "SUBJECT", a[i].subject);
		tmpl_set(s, "DETAIL", a[i].detail);
		tmpl_set(s, "ADDR", a[i].remote_addr);
	}
	audit_rows_free(a, n);
	page_send(r, 200, N_("Audit list"), "admin/audit.tpl", d);
}
