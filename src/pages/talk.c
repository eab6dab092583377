/* talk.c: the conversation part of the case page (unread marker, mark read; the staff's notes and assignment) and its POST routes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "engine/talk.h"
#include "pages/desk.h"
#include "pages/talk.h"

void
talk_peek(struct req *r, int64_t case_id, struct talk_unread *u)
{
	memset(u, 0, sizeof(*u));
	if (r->sess.user.role != ROLE_ADMIN &&
	    talk_unread_case(r->app->db, r->sess.user.id, case_id, u) != RC_OK)
		memset(u, 0, sizeof(*u));	/* no marker; the page still shows */
}

/* Fills the notes of case_id into s, and ASSIGNED with the latest assignee; sets *assignee_id to them (0: nobody). */
static int
talk_fill_notes(struct req *r, struct tmpl_dict *s, int64_t case_id,
    int64_t *assignee_id)
{
	struct talk_note *notes;
	struct tmpl_dict *n, *list;
	char when[32], text[256];
	const char *name = "";
	size_t notesz, i;

	*assignee_id = 0;
	if (talk_notes(r->app->db, case_id, &notes, &notesz) != RC_OK)
		return -1;
	list = notesz > 0 ? tmpl_add_section(s, "NOTES") : NULL;
	for (i = 0; i < notesz; i++) {
		n = tmpl_add_section(list, "NOTE");
		tmpl_set(n, "AT", req_time(r, notes[i].at, when));
		snprintf(text, sizeof(text), "%s (%s)", notes[i].author,
		    req_role(r, strcmp(notes[i].author_role, "admin") == 0 ?
		    ROLE_ADMIN : ROLE_SELLER));
		tmpl_set(n, "BY", text);
		if (notes[i].assign) {
			if (notes[i].assignee_id != 0)
				snprintf(text, sizeof(text), tr(r, N_("Assigned "
				    "the case to %s.")), notes[i].assignee);
			else
				snprintf(text, sizeof(text), "%s", tr(r,
				    N_("Took the case off anyone's list.")));
			tmpl_set(tmpl_add_section(n, "ASSIGN"), "TEXT", text);
			*assignee_id = notes[i].assignee_id;
			name = notes[i].assignee;
		} else
			tmpl_set(tmpl_add_section(n, "BODY"), "TEXT",
			    notes[i].body);
	}
	if (notesz == 0)
		tmpl_show(s, "NO_NOTES");
	if (*assignee_id != 0)
		tmpl_set(tmpl_add_section(s, "ASSIGNED"), "NAME", name);
	talk_notes_free(notes, notesz);
	return 0;
}

/* Fills the assignment form of a seller into s: the shop's enabled staff, the assignee selected. */
static int
talk_fill_assign(struct req *r, struct tmpl_dict *s, int64_t case_id,
    int64_t assignee_id)
{
	struct talk_staff *staff;
	struct tmpl_dict *f, *o;
	char token[FORM_TOKEN_SIZE];
	size_t staffsz, i;

	if (page_form_token(r, case_id, "assign", token) != 0)
		return -1;
	if (talk_staff_list(r->app->db, r->sess.user.shop_id, &staff,
	    &staffsz) != RC_OK)
		return -1;
	f = tmpl_add_section(s, "ASSIGN_FORM");
	tmpl_set(f, "TOKEN", token);
	if (assignee_id == 0)
		tmpl_show(f, "NOBODY");
	for (i = 0; i < staffsz; i++) {
		if (staff[i].disabled)
			continue;
		o = tmpl_add_section(f, "STAFF_OPT");
		tmpl_set_int(o, "UID", staff[i].id);
		tmpl_set(o, "NAME", staff[i].name);
		tmpl_set(o, "LOGIN", staff[i].login);
		if (staff[i].id == assignee_id)
			tmpl_show(o, "SELECTED");
		if (staff[i].id == r->sess.user.id)
			tmpl_show(o, "ME");
	}
	talk_staff_free(staff, staffsz);
	return 0;
}

int
talk_fill(struct req *r, struct tmpl_dict *d, int64_t case_id,
    enum actor who, const struct talk_unread *u)
{
	struct tmpl_dict *t, *s;
	char token[FORM_TOKEN_SIZE];
	int64_t assignee_id;

	t = tmpl_add_include(d, "TALK", "parts/talk.tpl");
	tmpl_set_int(t, "ID", case_id);
	if (u->last_id > 0 && who != ACTOR_ADMIN) {
		s = tmpl_add_section(t, "UNREAD");
		tmpl_set_int(s, "UPTO", u->last_id);
		if (u->message)
			tmpl_show(s, "MESSAGE");
	}
	/* Only the staff and the platform: never a buyer's page. */
	if (who != ACTOR_SELLER && who != ACTOR_ADMIN)
		return 0;
	if (page_form_token(r, case_id, "note", token) != 0)
		return -1;
	s = tmpl_add_section(t, "STAFF");
	tmpl_set(s, "TOKEN", token);
	if (talk_fill_notes(r, s, case_id, &assignee_id) != 0)
		return -1;
	if (assignee_id == 0)
		tmpl_show(s, "UNASSIGNED");
	if (who == ACTOR_SELLER &&
	    talk_fill_assign(r, s, case_id, assignee_id) != 0)
		return -1;
	return 0;
}

/* The act of r on its case (the route's first id) as its desk's actor. */
static void
talk_act_init(struct req *r, struct talk_act *t)
{
	memset(t, 0, sizeof(*t));
	t->case_id = r->ids[0];
	t->who = page_actor(r);
	t->user_id = r->sess.user.id;
	t->shop_id = r->sess.user.shop_id;
	t->now = r->now;
}

/* Answers rc of an action on the case: 303 back, 404, 422 with why, or 500. */
static void
talk_answer(struct req *r, enum rc rc, const char *why)
{
	char *loc;

	switch (rc) {
	case RC_OK:
		loc = xasprintf("case/%lld", (long long)r->ids[0]);
		page_redirect(r, loc, NULL);
		free(loc);
		break;
	case RC_NOTFOUND:
		page_error(r, 404, N_("Case not found"), N_("There is no case at "
		    "this address that you can see. Go back to your list of "
		    "cases."));
		break;
	case RC_INVALID:
	case RC_CONFLICT:
		page_error(r, 422, N_("Nothing was done"), why != NULL ? why :
		    N_("Reload the page and try again."));
		break;
	default:
		page_fail(r);
	}
}

void
talk_route_seen(struct req *r)
{
	struct talk_act t;
	const char *v = req_field(r, "upto");
	int64_t upto;

	if (v == NULL || !valid_id(v, &upto)) {
		talk_answer(r, RC_INVALID, N_("Reload the page and try again."));
		return;
	}
	talk_act_init(r, &t);
	talk_answer(r, talk_mark_read(r->app->db, &t, upto), NULL);
}

void
talk_route_note(struct req *r)
{
	static const struct form_spec spec[] = {
		{ "token", FORM_TEXT, true, 1, 128, false, NULL, 0,
		  N_("This form has expired. Reload the page and send it "
		  "again.") },
		{ "note", FORM_TEXT, true, 1, 2000, true, NULL, 0,
		  N_("Write a note of at most 2000 characters, without control "
		  "characters.") },
	};
	struct form_value v[2];
	struct talk_act t;
	const char *why = NULL;
	enum rc rc;

	if (!form_check(&r->form, spec, 2, v)) {
		talk_answer(r, RC_INVALID, v[0].error != NULL ? v[0].error :
		    v[1].error);
		return;
	}
	talk_act_init(r, &t);
	t.token = v[0].raw;
	t.body = v[1].raw;
	rc = talk_note_post(r->app->db, &r->app->cfg, &t, &why);
	talk_answer(r, rc, why);
}

void
talk_route_assign(struct req *r)
{
	static const struct form_spec spec[] = {
		{ "token", FORM_TEXT, true, 1, 128, false, NULL, 0,
		  N_("This form has expired. Reload the page and send it "
		  "again.") },
	};
	struct form_value v[1];
	struct talk_act t;
	const char *why = NULL, *a = req_field(r, "assignee");
	enum rc rc;

	if (!form_check(&r->form, spec, 1, v)) {
		talk_answer(r, RC_INVALID, v[0].error);
		return;
	}
	talk_act_init(r, &t);
	t.token = v[0].raw;
	if (a != NULL && *a != '\0' && strcmp(a, "0") != 0 &&
	    !valid_id(a, &t.assignee_id)) {
		talk_answer(r, RC_INVALID, N_("Choose one of the shop's staff."));
		return;
	}
	rc = talk_assign(r->app->db, &r->app->cfg, &t, &why);
	talk_answer(r, rc, why);
}

int
talk_staff_fill(struct req *r, struct tmpl_dict *d)
{
	struct talk_staff *staff;
	struct tmpl_dict *t, *s;
	size_t staffsz, i;

	if (talk_staff_list(r->app->db, r->sess.user.shop_id, &staff,
	    &staffsz) != RC_OK)
		return -1;
	t = tmpl_add_include(d, "STAFF", "seller/staff.tpl");
	for (i = 0; i < staffsz; i++) {
		s = tmpl_add_section(t, "MEMBER");
		tmpl_set(s, "NAME", staff[i].name);
		tmpl_set(s, "LOGIN", staff[i].login);
		tmpl_set_int(s, "OPEN", staff[i].open_assigned);
		if (staff[i].disabled)
			tmpl_show(s, "DISABLED");
		if (staff[i].id == r->sess.user.id)
			tmpl_show(s, "ME");
	}
	talk_staff_free(staff, staffsz);
	return 0;
}
