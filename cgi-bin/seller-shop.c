/* seller-shop.c: the shop's settings on seller.fcgi: its return addresses (add, edit, remove, the default). */
#include <stdio.h>
#include <string.h>

#include "seller.h"
#include "store/address_store.h"
#include "pages/talk.h"

/* The address form's fields. */
enum addr_key { AF_LABEL, AF_RECIPIENT, AF_PHONE, AF_ADDRESS, AF__MAX };

static const struct form_spec addr_form[AF__MAX] = {
	{ "label", FORM_TEXT, true, 1, 64, false, NULL, 0,
	  N_("Give the address a short name of at most 64 characters.") },
	  /* AF_LABEL */
	{ "recipient", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Enter who receives the parcels, at most 100 characters.") },
	  /* AF_RECIPIENT */
	{ "phone", FORM_TEXT, true, 1, 32, false, NULL, 0,
	  N_("Enter a phone number for the carrier, at most 32 characters.") },
	  /* AF_PHONE */
	{ "address", FORM_TEXT, true, 1, 1000, true, NULL, 0,
	  N_("Enter the full postal address, at most 1000 characters.") },
	  /* AF_ADDRESS */
};

/* What a POST to address/# asks for ("do"). */
static const char *const addr_do[] = { "edit", "remove", "default" };
enum { AD_EDIT, AD_REMOVE, AD_DEFAULT, AD__MAX };

/* The notes of ?done=, shown once the change is saved. */
static const char *const done_names[] = { "added", "saved", "removed",
    "default" };
static const char *const done_words[] = {
	N_("The address was added."),
	N_("The address was saved."),
	N_("The address was removed. Cases that use it keep their copy."),
	N_("This is now the default return address."),
};

/*
 * Renders the addresses page with status: the list (each with its edit
 * form), and the form to add one; failed (0: none) is the address whose
 * form error (a msgid) is about, -1 for the add form, keeping the input.
 */
static void
addresses_render(struct req *r, int status, int64_t failed,
    const char *error)
{
	struct address *list;
	struct tmpl_dict *d, *s, *f;
	const char *v, *done;
	size_t listsz, i, k;

	if (address_list(r->app->db, r->sess.user.shop_id, &list, &listsz) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	d = page_new(r);
	if ((done = fields_str(&r->query, "done")) != NULL)
		for (k = 0; k < sizeof(done_names) / sizeof(done_names[0]); k++)
			if (strcmp(done, done_names[k]) == 0)
				tmpl_set(tmpl_add_section(d, "DONE"), "TEXT",
				    tr(r, done_words[k]));
	if (listsz == 0)
		tmpl_show(d, "NONE");
	for (i = 0; i < listsz; i++) {
		s = tmpl_add_section(d, "ADDRESS");
		tmpl_set_int(s, "ID", list[i].id);
		tmpl_set(s, "LABEL", list[i].label);
		tmpl_set(s, "RECIPIENT", list[i].recipient);
		tmpl_set(s, "PHONE", list[i].phone);
		tmpl_set(s, "ADDRESS", list[i].address);
		tmpl_show(s, list[i].is_default ? "DEFAULT" : "NOT_DEFAULT");
		if (failed == list[i].id && error != NULL) {
			tmpl_set(tmpl_add_section(s, "ERROR"), "TEXT",
			    tr(r, error));
			tmpl_show(s, "OPEN");
		}
	}
	f = tmpl_add_section(d, "ADD");
	for (k = 0; k < AF__MAX; k++) {
		v = failed == -1 ? req_field(r, addr_form[k].name) : NULL;
		tmpl_set(f, k == AF_LABEL ? "LABEL" : k == AF_RECIPIENT ?
		    "RECIPIENT" : k == AF_PHONE ? "PHONE" : "ADDRESS",
		    v != NULL ? v : "");
	}
	if (failed == -1 && error != NULL)
		tmpl_set(tmpl_add_section(f, "ERROR"), "TEXT", tr(r, error));
	address_list_free(list, listsz);
	if (talk_staff_fill(r, d) != 0) {
		page_fail(r);
		return;
	}
	page_send(r, status, N_("Return addresses"), "seller/addresses.tpl", d);
}

/*
 * Checks the address form. Returns true with in filled, or false with
 * *error (a msgid) for the first bad field.
 */
static bool
addresses_read(struct req *r, struct address_input *in, const char **error)
{
	struct form_value v[AF__MAX];
	size_t k;

	if (!form_check(&r->form, addr_form, AF__MAX, v)) {
		for (k = 0; k < AF__MAX; k++)
			if (v[k].error != NULL) {
				*error = v[k].error;
				break;
			}
		return false;
	}
	in->label = v[AF_LABEL].raw;
	in->recipient = v[AF_RECIPIENT].raw;
	in->phone = v[AF_PHONE].raw;
	in->address = v[AF_ADDRESS].raw;
	return true;
}

/*
 * addresses (GET, POST, seller): the shop's return addresses; a POST of
 * label, recipient, phone and address adds one (the first becomes the
 * default). 200; 303 to addresses?done=added; 422 with the form kept;
 * or 500.
 */
void
seller_addresses(struct req *r)
{
	struct address_input in;
	const char *error = NULL;
	int64_t id;

	if (r->http.method != HTTP_POST) {
		addresses_render(r, 200, 0, NULL);
		return;
	}
	if (!addresses_read(r, &in, &error)) {
		addresses_render(r, 422, -1, error);
		return;
	}
	if (address_add(r->app->db, r->sess.user.shop_id, &in, r->now, &id) !=
	    RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "addresses?done=added", NULL);
}

/*
 * address/# (POST, seller): do=edit (with the address fields), remove or
 * default, on an address of the seller's own shop. 303 to
 * addresses?done=...; 404 for an address of another shop (or none); 422
 * for a bad field or removing the default; or 500.
 */
void
seller_address(struct req *r)
{
	struct address_input in;
	const char *error = NULL, *what = req_field(r, "do");
	int act;
	enum rc rc;

	if (what == NULL || !valid_enum(what, addr_do, AD__MAX, &act)) {
		page_error(r, 400, N_("Unknown action"), N_("The form asked for an "
		    "action that does not exist. Go back and reload the page."));
		return;
	}
	switch (act) {
	case AD_EDIT:
		if (!addresses_read(r, &in, &error)) {
			addresses_render(r, 422, r->ids[0], error);
			return;
		}
		rc = address_edit(r->app->db, r->sess.user.shop_id, r->ids[0],
		    &in);
		break;
	case AD_REMOVE:
		rc = address_remove(r->app->db, r->sess.user.shop_id, r->ids[0],
		    r->now);
		break;
	default:
		rc = address_set_default(r->app->db, r->sess.user.shop_id,
		    r->ids[0]);
		break;
	}
	switch (rc) {
	case RC_OK:
		page_redirect(r, act == AD_EDIT ? "addresses?done=saved" :
		    act == AD_REMOVE ? "addresses?done=removed" :
		    "addresses?done=default", NULL);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("Address not found"), N_("Your shop has "
		    "no such address. Go back to your return addresses."));
		break;
	case RC_DENIED:
		addresses_render(r, 422, r->ids[0], N_("The default address "
		    "cannot be removed. Make another address the default "
		    "first."));
		break;
	default:
		page_fail(r);
	}
}
