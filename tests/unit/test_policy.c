/* test_policy.c: cmocka tests of the policy's pure checks and of its difference in words (policy.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/policy.h"

/* A reason as most tests want it: refund only, any time. */
#define REASON(c, l) { .code = (c), .label_en = (l), .label_zh = (l), \
	.explain_en = "", .explain_zh = "", .allow_refund_only = true }

static struct policy_reason base_reasons[] = {
	REASON("quality", "Quality problem"),
	REASON("damaged", "Damaged"),
};

/* A sound policy with copies of base_reasons in r. */
static struct policy
make(struct policy_reason *r, size_t n)
{
	struct policy p = {
		.return_window_days = 7, .seller_response_hours = 48,
		.buyer_response_hours = 72, .buyer_ship_days = 7,
		.seller_receive_days = 10, .seller_reship_days = 5,
		.buyer_confirm_days = 10, .platform_ruling_days = 3,
		.escalation_days = 7, .max_attempts = 3,
		.evidence_max_files = 6, .evidence_max_bytes = 1 << 20,
		.evidence_types = "image/jpeg,image/png",
		.text_en = "Text", .text_zh = "文字",
		.reasons = r, .reasonsz = n,
	};

	return p;
}

static void
test_check_sound(void **state)
{
	struct policy_reason r[2];
	struct policy p;
	size_t at;

	(void)state;
	memcpy(r, base_reasons, sizeof(r));
	p = make(r, 2);
	assert_null(policy_check(&p, &at));
	assert_int_equal(at, 2);
}

static void
test_check_refusals(void **state)
{
	struct policy_reason r[2];
	struct policy p;
	size_t at;

	(void)state;
	p = make(r, 0);
	assert_non_null(policy_check(&p, &at));	/* no reason at all */

	memcpy(r, base_reasons, sizeof(r));
	p = make(r, 2);
	r[1].code = "quality";			/* two reasons, one code */
	assert_non_null(strstr(policy_check(&p, &at), "code"));
	assert_int_equal(at, 1);

	memcpy(r, base_reasons, sizeof(r));
	r[0].allow_refund_only = false;		/* no kind of request */
	assert_non_null(policy_check(&p, &at));
	assert_int_equal(at, 0);

	memcpy(r, base_reasons, sizeof(r));
	r[1].needs_received = r[1].needs_not_received = true;
	assert_non_null(policy_check(&p, &at));
	assert_int_equal(at, 1);

	memcpy(r, base_reasons, sizeof(r));
	r[0].needs_unshipped = true;		/* unshipped but received? */
	assert_non_null(policy_check(&p, &at));

	memcpy(r, base_reasons, sizeof(r));
	r[0].needs_not_received = true;		/* not received, sent back? */
	r[0].allow_return_refund = true;
	assert_non_null(policy_check(&p, &at));

	memcpy(r, base_reasons, sizeof(r));
	p.evidence_types = "image/jpeg,application/pdf";
	assert_non_null(policy_check(&p, &at));
	assert_int_equal(at, 2);
	p.evidence_types = "image/jpeg,";
	assert_non_null(policy_check(&p, &at));
	p.evidence_types = "image/webp";
	assert_null(policy_check(&p, &at));
}

/* The changes policy_diff() reported, one "label|reason|before|after" a line. */
struct seen {
	char	text[2048];
	int	n;
};

static void
record(const char *label, const struct policy_reason *reason,
    const char *before, const char *after, void *arg)
{
	struct seen *s = arg;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%s|%s|%s|%s\n", label,
	    reason != NULL ? reason->code : "", before, after);
	s->n++;
}

static void
test_diff_in_words(void **state)
{
	struct policy_reason a[2], b[2];
	struct policy old, new;
	struct seen s = { "", 0 };

	(void)state;
	memcpy(a, base_reasons, sizeof(a));
	memcpy(b, base_reasons, sizeof(b));
	old = make(a, 2);
	new = make(b, 2);
	policy_diff(&old, &new, record, &s);
	assert_int_equal(s.n, 0);

	new.seller_response_hours = 60;
	new.fast_track_enabled = true;
	b[0].evidence_required = true;
	b[0].shipping_payer = PAYER_SELLER;
	b[1].code = "late";			/* damaged removed, late added */
	b[1].window_days = 30;
	new.text_zh = "新的文字";
	policy_diff(&old, &new, record, &s);
	assert_string_equal(s.text,
	    "Seller answers within (hours)||48|60\n"
	    "Fast refund||off|on\n"
	    "Photos required|quality|no|yes\n"
	    "Return shipping paid by|quality|the buyer|the seller\n"
	    "Reason added|late||late\n"
	    "Reason removed|damaged|damaged|\n"
	    "Text for buyers (Chinese)||(earlier text)|(new text)\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_sound),
		cmocka_unit_test(test_check_refusals),
		cmocka_unit_test(test_diff_in_words),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
