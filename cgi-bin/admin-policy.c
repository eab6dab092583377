/* admin-policy.c: admin.fcgi's policy editor: the admin's draft, copied from the current version, with every field of the policy and its reasons validated next to the field (publishing: admin-versions.c). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/util.h"
#include "engine/publish.h"
#include "pages/view.h"
#include "store/admin_store.h"
#include "store/policy_store.h"
#include "web/valid.h"

/* The fields of the policy as a whole on the editor's form. */
enum pf {
	PF_WINDOW, PF_SELLER_RESPONSE, PF_BUYER_RESPONSE, PF_BUYER_SHIP,
	PF_SELLER_RECEIVE, PF_SELLER_RESHIP, PF_BUYER_CONFIRM,
	PF_PLATFORM_RULING, PF_ESCALATION, PF_EVIDENCE_REQUEST, PF_MAX_ATTEMPTS, PF_EVIDENCE_FILES,
	PF_EVIDENCE_BYTES, PF_FAST_RECENT, PF_FAST_DAYS,
	/* the whole numbers above, the rest below */
	PF_FAST_MAX, PF_TYPES, PF_FAST, PF_TEXT_EN, PF_TEXT_ZH, PF_REASONS,
	PF__MAX
};
#define PF_NUMBERS	(PF_FAST_DAYS + 1)

static const char *const one[] = { "1" };

#define DAYS	N_("Enter a whole number of days from 1 to 365.")
#define HOURS	N_("Enter a whole number of hours from 1 to 8760.")

static const struct form_spec policy_form[PF__MAX] = {
	{ "return_window_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_WINDOW */
	{ "seller_response_hours", FORM_ID, true, 0, 0, false, NULL, 0, HOURS },
	  /* PF_SELLER_RESPONSE */
	{ "buyer_response_hours", FORM_ID, true, 0, 0, false, NULL, 0, HOURS },
	  /* PF_BUYER_RESPONSE */
	{ "buyer_ship_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_BUYER_SHIP */
	{ "seller_receive_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_SELLER_RECEIVE */
	{ "seller_reship_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_SELLER_RESHIP */
	{ "buyer_confirm_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_BUYER_CONFIRM */
	{ "platform_ruling_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_PLATFORM_RULING */
	{ "escalation_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_ESCALATION */
	{ "evidence_request_hours", FORM_ID, true, 0, 0, false, NULL, 0, HOURS },
	  /* PF_EVIDENCE_REQUEST */
	{ "max_attempts", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Enter a whole number from 1 to 100.") }, /* PF_MAX_ATTEMPTS */
	{ "evidence_max_files", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Enter a whole number from 1 to 50.") }, /* PF_EVIDENCE_FILES */
	{ "evidence_max_bytes", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Enter a size in bytes from 1 to 16777215.") },
	  /* PF_EVIDENCE_BYTES */
	{ "fast_track_max_recent_refunds", FORM_ID, true, 0, 0, false, NULL, 0,
	  N_("Enter a whole number from 1 to 1000.") }, /* PF_FAST_RECENT */
	{ "fast_track_recent_days", FORM_ID, true, 0, 0, false, NULL, 0, DAYS },
	  /* PF_FAST_DAYS */
	{ "fast_track_max", FORM_CENTS, true, 0, 0, false, NULL, 0,
	  N_("Enter the amount as a number such as 50 or 49.90.") },
	  /* PF_FAST_MAX */
	{ "evidence_types", FORM_TEXT, true, 1, 255, false, NULL, 0,
	  N_("List photo types from image/jpeg, image/png and image/webp, "
	  "separated by commas.") }, /* PF_TYPES */
	{ "fast_track_enabled", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* PF_FAST */
	{ "text_en", FORM_TEXT, true, 1, 10000, true, NULL, 0,
	  N_("Write the buyers' text in English (up to 10000 characters).") },
	  /* PF_TEXT_EN */
	{ "text_zh", FORM_TEXT, true, 1, 10000, true, NULL, 0,
	  N_("Write the buyers' text in Chinese (up to 10000 characters).") },
	  /* PF_TEXT_ZH */
	{ "reasons", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Reload the editor and try again.") }, /* PF_REASONS */
};

/* The whole numbers: where each goes in struct policy, its cap and label. */
static const struct {
	size_t		 off;
	int64_t		 max;
	const char	*label;
} numbers[PF_NUMBERS] = {
	{ offsetof(struct policy, return_window_days), 365,
	  N_("Return window (days after delivery)") }, /* PF_WINDOW */
	{ offsetof(struct policy, seller_response_hours), 8760,
	  N_("Seller answers a request within (hours)") },
	  /* PF_SELLER_RESPONSE */
	{ offsetof(struct policy, buyer_response_hours), 8760,
	  N_("Buyer answers an offer within (hours)") }, /* PF_BUYER_RESPONSE */
	{ offsetof(struct policy, buyer_ship_days), 365,
	  N_("Buyer ships back within (days)") }, /* PF_BUYER_SHIP */
	{ offsetof(struct policy, seller_receive_days), 365,
	  N_("Seller confirms receipt within (days)") }, /* PF_SELLER_RECEIVE */
	{ offsetof(struct policy, seller_reship_days), 365,
	  N_("Seller ships a replacement within (days)") },
	  /* PF_SELLER_RESHIP */
	{ offsetof(struct policy, buyer_confirm_days), 365,
	  N_("Buyer confirms a replacement within (days)") },
	  /* PF_BUYER_CONFIRM */
	{ offsetof(struct policy, platform_ruling_days), 365,
	  N_("Platform rules within (days)") }, /* PF_PLATFORM_RULING */
	{ offsetof(struct policy, escalation_days), 365,
	  N_("Buyer may escalate a refusal within (days)") }, /* PF_ESCALATION */
	{ offsetof(struct policy, evidence_request_hours), 8760,
	  N_("A side asked for more evidence answers within (hours)") },
	  /* PF_EVIDENCE_REQUEST */
	{ offsetof(struct policy, max_attempts), 100,
	  N_("Requests per order line") }, /* PF_MAX_ATTEMPTS */
	{ offsetof(struct policy, evidence_max_files), 50,
	  N_("Photos per case") }, /* PF_EVIDENCE_FILES */
	{ offsetof(struct policy, evidence_max_bytes), 16777215,
	  N_("Largest photo (bytes)") }, /* PF_EVIDENCE_BYTES */
	{ offsetof(struct policy, fast_track_max_recent_refunds), 1000,
	  N_("Fast refund: fewer refunds than") }, /* PF_FAST_RECENT */
	{ offsetof(struct policy, fast_track_recent_days), 365,
	  N_("Fast refund: in the last (days)") }, /* PF_FAST_DAYS */
};

/* The fields of one reason, named r<index>_<name> on the form. */
enum rf {
	RF_CODE, RF_LABEL_EN, RF_LABEL_ZH, RF_EXPLAIN_EN, RF_EXPLAIN_ZH,
	RF_REFUND_ONLY, RF_RETURN_REFUND, RF_EXCHANGE, RF_EVIDENCE, RF_PAYER,
	RF_WINDOW, RF_FROM, RF_NEEDS, RF_FAST, RF_REMOVE, RF__MAX
};

/* From when a reason's window counts: enum window_from's names, in order. */
static const char *const from_names[WINDOW_FROM__MAX] = {
	"delivery", /* WINDOW_FROM_DELIVERY */
	"undelivered", /* WINDOW_FROM_UNDELIVERED */
	"unshipped", /* WINDOW_FROM_UNSHIPPED */
};

static const char *const payer_names[] = { "buyer", "seller" };
/* What a reason needs of the goods; index 3 also means not received. */
static const char *const needs_names[] = { "any", "received",
    "not_received", "unshipped" };

static const struct form_spec reason_form[RF__MAX] = {
	{ "code", FORM_TEXT, true, 1, 32, false, NULL, 0,
	  N_("Use 1 to 32 lower-case letters, digits or _, starting with a "
	  "letter.") }, /* RF_CODE */
	{ "label_en", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Give the reason a label in English (up to 100 characters).") },
	  /* RF_LABEL_EN */
	{ "label_zh", FORM_TEXT, true, 1, 100, false, NULL, 0,
	  N_("Give the reason a label in Chinese (up to 100 characters).") },
	  /* RF_LABEL_ZH */
	{ "explain_en", FORM_TEXT, false, 0, 2000, true, NULL, 0,
	  N_("Keep the explanation under 2000 characters.") },
	  /* RF_EXPLAIN_EN */
	{ "explain_zh", FORM_TEXT, false, 0, 2000, true, NULL, 0,
	  N_("Keep the explanation under 2000 characters.") },
	  /* RF_EXPLAIN_ZH */
	{ "refund_only", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_REFUND_ONLY */
	{ "return_refund", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_RETURN_REFUND */
	{ "exchange", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_EXCHANGE */
	{ "evidence", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_EVIDENCE */
	{ "payer", FORM_ENUM, true, 0, 0, false, payer_names, 2,
	  N_("Choose who pays return shipping.") }, /* RF_PAYER */
	{ "window", FORM_ID, false, 0, 0, false, NULL, 0,
	  N_("Leave it empty for the policy's window, or enter 1 to 365 "
	  "days.") }, /* RF_WINDOW */
	{ "from", FORM_ENUM, true, 0, 0, false, from_names, WINDOW_FROM__MAX,
	  N_("Choose from when the reason's window counts.") }, /* RF_FROM */
	{ "needs", FORM_ENUM, true, 0, 0, false, needs_names, 4,
	  N_("Choose when the reason may be used.") }, /* RF_NEEDS */
	{ "fast_track", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_FAST */
	{ "remove", FORM_ENUM, false, 0, 0, false, one, 1,
	  N_("Tick the box or leave it empty.") }, /* RF_REMOVE */
};

/* The most reasons a policy may have. */
#define MAX_REASONS	30

/* One reason row of the editor: what to show, and what is wrong. */
struct erow {
	char		*val[RF__MAX];
	const char	*err[RF__MAX];	/* msgids */
	const char	*row_err;	/* msgid: what is wrong with the reason */
};

/* The editor's form as shown: values (owned) and messages (msgids). */
struct editor {
	char		*val[PF__MAX];
	const char	*err[PF__MAX];
	struct erow	 rows[MAX_REASONS + 1];
	size_t		 rowsz;
	const char	*form_err;
};

static void
editor_release(struct editor *e)
{
	size_t i, j;

	for (i = 0; i < PF__MAX; i++)
		free(e->val[i]);
	for (i = 0; i < e->rowsz; i++)
		for (j = 0; j < RF__MAX; j++)
			free(e->rows[i].val[j]);
	memset(e, 0, sizeof(*e));
}

/* Returns xstrdup("1") for true and xstrdup("") for false. */
static char *
flag(bool b)
{
	return xstrdup(b ? "1" : "");
}

/* Fills e with the values of p, as the editor first shows them. */
static void
editor_fill(struct editor *e, const struct policy *p)
{
	char money[32];
	size_t i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < PF_NUMBERS; i++)
		e->val[i] = xasprintf("%lld", (long long)*(const int64_t *)
		    ((const char *)p + numbers[i].off));
	e->val[PF_FAST_MAX] = xstrdup(cents_format(p->fast_track_max_cents,
	    money));
	e->val[PF_TYPES] = xstrdup(p->evidence_types);
	e->val[PF_FAST] = flag(p->fast_track_enabled);
	e->val[PF_TEXT_EN] = xstrdup(p->text_en);
	e->val[PF_TEXT_ZH] = xstrdup(p->text_zh);
	for (i = 0; i < p->reasonsz && i < MAX_REASONS; i++) {
		const struct policy_reason *pr = &p->reasons[i];
		struct erow *w = &e->rows[i];

		w->val[RF_CODE] = xstrdup(pr->code);
		w->val[RF_LABEL_EN] = xstrdup(pr->label_en);
		w->val[RF_LABEL_ZH] = xstrdup(pr->label_zh);
		w->val[RF_EXPLAIN_EN] = xstrdup(pr->explain_en);
		w->val[RF_EXPLAIN_ZH] = xstrdup(pr->explain_zh);
		w->val[RF_REFUND_ONLY] = flag(pr->allow_refund_only);
		w->val[RF_RETURN_REFUND] = flag(pr->allow_return_refund);
		w->val[RF_EXCHANGE] = flag(pr->allow_exchange);
		w->val[RF_EVIDENCE] = flag(pr->evidence_required);
		w->val[RF_PAYER] = xstrdup(payer_names[pr->shipping_payer ==
		    PAYER_SELLER]);
		w->val[RF_WINDOW] = pr->window_days > 0 ? xasprintf("%lld",
		    (long long)pr->window_days) : xstrdup("");
		w->val[RF_FROM] = xstrdup(from_names[pr->window_from <
		    WINDOW_FROM__MAX ? pr->window_from : WINDOW_FROM_DELIVERY]);
		w->val[RF_NEEDS] = xstrdup(needs_names[pr->needs_unshipped ? 3 :
		    pr->needs_not_received ? 2 : pr->needs_received ? 1 : 0]);
		w->val[RF_FAST] = flag(pr->fast_track);
		w->val[RF_REMOVE] = xstrdup("");
	}
	e->rowsz = i;
}

/* Returns whether code reads as a reason code: [a-z][a-z0-9_]*. */
static bool
code_ok(const char *code)
{
	const char *c;

	if (*code < 'a' || *code > 'z')
		return false;
	for (c = code; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '_'))
			return false;
	return true;
}

/* Returns a copy of text with every "\r\n" (as browsers send line breaks) made "\n"; free it. */
static char *
unix_lines(const char *text)
{
	char *out = xstrdup(text), *w = out;
	const char *s;

	for (s = text; *s != '\0'; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*w++ = *s;
	*w = '\0';
	return out;
}

/*
 * Reads the posted editor into e (every value kept, a message next to
 * each bad field) and, when every field is valid, into p (release it).
 * Returns true when p is filled.
 */
static bool
editor_parse(struct req *r, struct editor *e, struct policy *p)
{
	struct form_value v[PF__MAX], rv[RF__MAX];
	struct form_spec specs[RF__MAX];
	char names[RF__MAX][48];
	size_t i, j, n, kept = 0;
	bool ok;

	memset(e, 0, sizeof(*e));
	memset(p, 0, sizeof(*p));
	ok = form_check(&r->form, policy_form, PF__MAX, v);
	for (i = 0; i < PF__MAX; i++) {
		e->val[i] = xstrdup(v[i].raw);
		e->err[i] = v[i].error;
	}
	for (i = 0; i < PF_NUMBERS; i++) {
		if (v[i].state == FORM_OK && v[i].num > numbers[i].max) {
			e->err[i] = policy_form[i].message;
			ok = false;
		}
		if (e->err[i] == NULL)
			*(int64_t *)((char *)p + numbers[i].off) = v[i].num;
	}
	p->fast_track_max_cents = v[PF_FAST_MAX].num;
	p->evidence_types = xstrdup(v[PF_TYPES].raw);
	p->fast_track_enabled = v[PF_FAST].state == FORM_OK;
	p->text_en = unix_lines(v[PF_TEXT_EN].raw);
	p->text_zh = unix_lines(v[PF_TEXT_ZH].raw);
	n = v[PF_REASONS].state == FORM_OK ? (size_t)v[PF_REASONS].num : 0;
	if (n > MAX_REASONS + 1)
		n = MAX_REASONS + 1;
	p->reasons = xcalloc(n + 1, sizeof(*p->reasons));
	for (i = 0; i < n; i++) {
		struct erow *w = &e->rows[e->rowsz];
		struct policy_reason *pr;
		bool rok;

		for (j = 0; j < RF__MAX; j++) {
			specs[j] = reason_form[j];
			snprintf(names[j], sizeof(names[j]), "r%zu_%s", i,
			    reason_form[j].name);
			specs[j].name = names[j];
		}
		rok = form_check(&r->form, specs, RF__MAX, rv);
		/* A row left empty (the one for a new reason) is skipped. */
		if (rv[RF_CODE].state == FORM_MISSING &&
		    rv[RF_LABEL_EN].state == FORM_MISSING &&
		    rv[RF_LABEL_ZH].state == FORM_MISSING)
			continue;
		/* A reason ticked for removal is dropped from the form too. */
		if (rv[RF_REMOVE].state == FORM_OK)
			continue;
		if (e->rowsz >= MAX_REASONS) {
			e->form_err = N_("A policy has at most 30 reasons.");
			ok = false;
			break;
		}
		e->rowsz++;
		for (j = 0; j < RF__MAX; j++) {
			w->val[j] = xstrdup(rv[j].raw);
			w->err[j] = rv[j].error;
		}
		if (rv[RF_CODE].state == FORM_OK && !code_ok(rv[RF_CODE].raw)) {
			w->err[RF_CODE] = reason_form[RF_CODE].message;
			rok = false;
		}
		if (rv[RF_WINDOW].state == FORM_OK && rv[RF_WINDOW].num > 365) {
			w->err[RF_WINDOW] = reason_form[RF_WINDOW].message;
			rok = false;
		}
		if (!rok) {
			ok = false;
			continue;
		}
		pr = &p->reasons[kept++];
		pr->code = xstrdup(rv[RF_CODE].raw);
		pr->label_en = xstrdup(rv[RF_LABEL_EN].raw);
		pr->label_zh = xstrdup(rv[RF_LABEL_ZH].raw);
		pr->explain_en = unix_lines(rv[RF_EXPLAIN_EN].raw);
		pr->explain_zh = unix_lines(rv[RF_EXPLAIN_ZH].raw);
		pr->allow_refund_only = rv[RF_REFUND_ONLY].state == FORM_OK;
		pr->allow_return_refund = rv[RF_RETURN_REFUND].state == FORM_OK;
		pr->allow_exchange = rv[RF_EXCHANGE].state == FORM_OK;
		pr->evidence_required = rv[RF_EVIDENCE].state == FORM_OK;
		pr->shipping_payer = rv[RF_PAYER].num == 1 ? PAYER_SELLER :
		    PAYER_BUYER;
		pr->window_days = rv[RF_WINDOW].state == FORM_OK ?
		    rv[RF_WINDOW].num : 0;
		pr->window_from = rv[RF_FROM].state == FORM_OK ?
		    (enum window_from)rv[RF_FROM].num : WINDOW_FROM_DELIVERY;
		pr->needs_received = rv[RF_NEEDS].num == 1;
		pr->needs_not_received = rv[RF_NEEDS].num >= 2;
		pr->needs_unshipped = rv[RF_NEEDS].num == 3;
		pr->fast_track = rv[RF_FAST].state == FORM_OK;
		/* Keep the row's place: p->reasons[k] is e->rows[k] while ok. */
	}
	p->reasonsz = kept;
	if (ok) {
		const char *why = policy_check(p, &i);

		if (why != NULL) {
			if (i < e->rowsz)
				e->rows[i].row_err = why;
			else if (p->reasonsz == 0)
				e->form_err = why;
			else
				e->err[PF_TYPES] = why;
			ok = false;
		}
	}
	if (!ok)
		policy_release(p);
	return ok;
}

/* Adds section name of d with TEXT = the translation of msgid when it is not NULL. */
static void
show_error(struct req *r, struct tmpl_dict *d, const char *name,
    const char *msgid)
{
	if (msgid != NULL)
		tmpl_set(tmpl_add_section(d, name), "TEXT", tr(r, msgid));
}

/* Shows one text field of a reason row as section sec of s. */
static void
reason_text(struct req *r, struct tmpl_dict *s, const char *sec,
    const struct erow *w, enum rf f, size_t i)
{
	struct tmpl_dict *t = tmpl_add_section(s, sec);
	char name[48];

	snprintf(name, sizeof(name), "r%zu_%s", i, reason_form[f].name);
	tmpl_set(t, "NAME", name);
	tmpl_set(t, "VALUE", w->val[f] != NULL ? w->val[f] : "");
	show_error(r, t, "ERROR", w->err[f]);
}

/* Renders the editor e with status (200, or 422 with messages). */
static void
editor_show(struct req *r, int status, const struct editor *e,
    int64_t based_on_version)
{
	static const struct { enum rf f; const char *label; } boxes[] = {
		{ RF_REFUND_ONLY, N_("refund only") },
		{ RF_RETURN_REFUND, N_("return and refund") },
		{ RF_EXCHANGE, N_("exchange") },
		{ RF_EVIDENCE, N_("photos required") },
		{ RF_FAST, N_("fast refund may approve it") },
		{ RF_REMOVE, N_("remove this reason") },
	};
	static const char *const needs_labels[] = { N_("any time"),
	    N_("only when the goods were received"),
	    N_("only when the goods were not received"),
	    N_("only before the order ships") };
	static const char *const from_labels[WINDOW_FROM__MAX] = {
	    N_("delivery (payment while undelivered)"),
	    N_("delivery, with no end while undelivered"),
	    N_("no end while the order has not shipped") };
	struct tmpl_dict *d, *s, *t;
	struct erow blank;
	char name[48], text[128];
	size_t i, j, k;
	bool bad = e->form_err != NULL;

	d = page_new(r);
	snprintf(text, sizeof(text), tr(r, N_("Copied from version %d. "
	    "Nothing changes for buyers and sellers until you publish.")),
	    (int)based_on_version);
	tmpl_set(d, "BASED_ON", text);
	for (i = 0; i < PF_NUMBERS; i++) {
		s = tmpl_add_section(d, "NUM");
		tmpl_set(s, "NAME", policy_form[i].name);
		tmpl_set(s, "LABEL", tr(r, numbers[i].label));
		tmpl_set(s, "VALUE", e->val[i] != NULL ? e->val[i] : "");
		show_error(r, s, "ERROR", e->err[i]);
		bad = bad || e->err[i] != NULL;
	}
	for (i = PF_FAST_MAX; i < PF__MAX; i++) {
		snprintf(name, sizeof(name), "%s", policy_form[i].name);
		for (j = 0; name[j] != '\0'; j++)
			if (name[j] >= 'a' && name[j] <= 'z')
				name[j] = (char)(name[j] - 'a' + 'A');
		tmpl_set(d, name, e->val[i] != NULL ? e->val[i] : "");
		strncat(name, "_ERROR", sizeof(name) - strlen(name) - 1);
		show_error(r, d, name, e->err[i]);
		bad = bad || e->err[i] != NULL;
	}
	if (e->val[PF_FAST] != NULL && *e->val[PF_FAST] != '\0')
		tmpl_show(d, "FAST_CHECKED");
	memset(&blank, 0, sizeof(blank));
	for (i = 0; i <= e->rowsz; i++) {
		const struct erow *w = i < e->rowsz ? &e->rows[i] : &blank;

		s = tmpl_add_section(d, "REASON");
		tmpl_set_int(s, "I", (int64_t)i);
		snprintf(text, sizeof(text), i < e->rowsz ?
		    tr(r, N_("Reason %d")) : tr(r, N_("New reason %d (fill in "
		    "to add it)")), (int)i + 1);
		tmpl_set(s, "TITLE", text);
		show_error(r, s, "ROW_ERROR", w->row_err);
		reason_text(r, s, "CODE", w, RF_CODE, i);
		reason_text(r, s, "LABEL_EN", w, RF_LABEL_EN, i);
		reason_text(r, s, "LABEL_ZH", w, RF_LABEL_ZH, i);
		reason_text(r, s, "EXPLAIN_EN", w, RF_EXPLAIN_EN, i);
		reason_text(r, s, "EXPLAIN_ZH", w, RF_EXPLAIN_ZH, i);
		reason_text(r, s, "WINDOW", w, RF_WINDOW, i);
		for (j = 0; j < sizeof(boxes) / sizeof(boxes[0]); j++) {
			if (boxes[j].f == RF_REMOVE && i == e->rowsz)
				continue;
			t = tmpl_add_section(s, "BOX");
			snprintf(name, sizeof(name), "r%zu_%s", i,
			    reason_form[boxes[j].f].name);
			tmpl_set(t, "NAME", name);
			tmpl_set(t, "LABEL", tr(r, boxes[j].label));
			if (w->val[boxes[j].f] != NULL &&
			    *w->val[boxes[j].f] != '\0')
				tmpl_show(t, "CHECKED");
		}
		for (k = 0; k < 2; k++) {
			t = tmpl_add_section(s, "PAYER");
			tmpl_set(t, "VALUE", payer_names[k]);
			tmpl_set(t, "LABEL", tr(r, k == 1 ? "the seller" :
			    "the buyer"));
			if (w->val[RF_PAYER] != NULL &&
			    strcmp(w->val[RF_PAYER], payer_names[k]) == 0)
				tmpl_show(t, "SELECTED");
		}
		show_error(r, s, "PAYER_ERROR", w->err[RF_PAYER]);
		for (k = 0; k < 4; k++) {
			t = tmpl_add_section(s, "NEEDS");
			tmpl_set(t, "VALUE", needs_names[k]);
			tmpl_set(t, "LABEL", tr(r, needs_labels[k]));
			if (w->val[RF_NEEDS] != NULL &&
			    strcmp(w->val[RF_NEEDS], needs_names[k]) == 0)
				tmpl_show(t, "SELECTED");
		}
		show_error(r, s, "NEEDS_ERROR", w->err[RF_NEEDS]);
		for (k = 0; k < WINDOW_FROM__MAX; k++) {
			t = tmpl_add_section(s, "FROM");
			tmpl_set(t, "VALUE", from_names[k]);
			tmpl_set(t, "LABEL", tr(r, from_labels[k]));
			if (w->val[RF_FROM] != NULL &&
			    strcmp(w->val[RF_FROM], from_names[k]) == 0)
				tmpl_show(t, "SELECTED");
		}
		show_error(r, s, "FROM_ERROR", w->err[RF_FROM]);
		for (j = 0; j < RF__MAX; j++)
			bad = bad || w->err[j] != NULL;
		bad = bad || w->row_err != NULL;
	}
	tmpl_set_int(d, "ROWS", (int64_t)e->rowsz + 1);
	show_error(r, d, "FORM_ERROR", e->form_err);
	if (bad)
		tmpl_show(d, "HAS_ERRORS");
	page_send(r, status, N_("Edit the return policy"),
	    "admin/policy_edit.tpl", d);
}

/*
 * Loads the policy the editor starts from for r's admin: the admin's
 * draft, else the current version. Stores the version it was copied from
 * in *based_on_version. Returns RC_OK (release p), RC_NOTFOUND (nothing
 * published) or RC_DB.
 */
static enum rc
start_policy(struct req *r, struct policy *p, int64_t *draft,
    int64_t *based_on, int64_t *based_on_version)
{
	const struct policy *cur;
	struct policy base;
	enum rc rc;

	memset(p, 0, sizeof(*p));
	*based_on_version = 0;
	rc = admin_draft_of(r->app->db, r->sess.user.id, draft, based_on);
	if (rc == RC_OK) {
		if ((rc = policy_load(r->app->db, *draft, p)) != RC_OK)
			return rc;
		if (policy_load(r->app->db, *based_on, &base) == RC_OK) {
			*based_on_version = base.version;
			policy_release(&base);
		}
		return RC_OK;
	}
	if (rc != RC_NOTFOUND || (rc = app_policy(r, &cur)) != RC_OK)
		return rc;
	*draft = 0;
	*based_on = cur->id;
	*based_on_version = cur->version;
	/* A copy the caller owns, like a loaded draft. */
	return policy_load(r->app->db, cur->id, p);
}

/*
 * /policy/edit (GET, POST, admin): the editor of the admin's draft, first
 * copied from the current version. POST fields (policy_form, and
 * reason_form for each of the "reasons" rows r<i>_*): a valid form is
 * saved as the draft and answered 303 to policy/draft; 422 with every
 * value kept and a message next to each bad field; 503 when nothing is
 * published; 500.
 */
void
admin_policy_edit(struct req *r)
{
	struct editor e;
	struct policy p;
	int64_t draft, based_on, version, id;
	enum rc rc;

	rc = start_policy(r, &p, &draft, &based_on, &version);
	if (rc == RC_NOTFOUND) {
		page_error(r, 503, N_("No policy to edit"), N_("No return policy "
		    "is published. Run deskctl seed-demo to load one."));
		return;
	}
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	if (r->http.method == HTTP_GET) {
		editor_fill(&e, &p);
		policy_release(&p);
		editor_show(r, 200, &e, version);
		editor_release(&e);
		return;
	}
	policy_release(&p);
	if (!editor_parse(r, &e, &p)) {
		editor_show(r, 422, &e, version);
		editor_release(&e);
		return;
	}
	editor_release(&e);
	rc = policy_draft_save(r->app->db, r->sess.user.id, based_on, &p,
	    r->now, &id);
	policy_release(&p);
	if (rc != RC_OK) {
		page_fail(r);
		return;
	}
	page_redirect(r, "policy/draft", NULL);
}
