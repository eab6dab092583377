/* notify.c: a user's own e-mail settings: the address and whether case notifications are sent (docs/WEBHOOKS.md). */
#include <stdbool.h>
#include <string.h>

#include "pages/notify.h"

static const struct form_spec notify_form[] = {
	{ "email", FORM_TEXT, false, 3, 254, false, NULL, 0,
	  N_("Enter an e-mail address such as name@example.com, or leave it "
	  "empty.") },
};

/* Whether s looks like an address: one @ with text on both sides, no spaces or brackets. */
static bool
address_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
	    strpbrk(s, " \t<>,;:\"()[]\\") == NULL;
}

/* Renders the page with status, the address and the switch; err a msgid or NULL. */
static void
notify_show(struct req *r, int status, const char *email, bool on,
    const char *err)
{
	struct tmpl_dict *d = page_new(r);

	tmpl_set(d, "EMAIL", email != NULL ? email : "");
	if (on)
		tmpl_show(d, "NOTIFY_ON");
	if (err != NULL)
		tmpl_set(tmpl_add_section(d, "EMAIL_ERROR"), "TEXT", tr(r, err));
	page_send(r, status, N_("E-mail notifications"), "shared/notify.tpl", d);
}

void
notify_route(struct req *r)
{
	struct db_res res = { 0 };
	struct form_value v[1];
	const char *email;
	bool on;

	if (r->http.method != HTTP_POST) {
		if (db_query(r->app->db, SQL_NOTIFY_GET, &res, "i",
		    r->sess.user.id) != RC_OK || res.rowsz == 0) {
			db_res_release(&res);
			page_fail(r);
			return;
		}
		notify_show(r, 200, db_str(&res, 0, 0), db_int(&res, 0, 1) != 0,
		    NULL);
		db_res_release(&res);
		return;
	}
	on = req_field(r, "notify") != NULL;
	form_check(&r->form, notify_form, 1, v);
	email = v[0].state == FORM_OK ? v[0].raw : NULL;
	if (v[0].state == FORM_BAD || (email != NULL && !address_ok(email))) {
		notify_show(r, 422, v[0].raw, on, notify_form[0].message);
		return;
	}
	if (db_exec(r->app->db, SQL_NOTIFY_SET, NULL, "sii", email,
	    (int64_t)on, r->sess.user.id) != RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "notifications", NULL);
}
