/* admin.h: the handlers of admin.fcgi's page groups, each in its own cgi-bin/admin-*.c. */
#ifndef ADMIN_H
#define ADMIN_H

#include <stddef.h>
#include <time.h>

#include "app/app.h"

/* admin-policy.c: the policy editor. */
void	admin_policy_edit(struct req *);

/* admin-versions.c: the draft's changes and preview, publishing, versions. */
void	admin_policy_draft(struct req *);
void	admin_policy_publish(struct req *);
void	admin_versions_page(struct req *);

/* admin-refunds.c: the refund ledger, its totals and reconciliation; retry, paid by hand. */
void	admin_refunds(struct req *);
void	admin_refund_retry(struct req *);
void	admin_refund_paid(struct req *);

/* admin-accounts.c: accounts and shops, and the audit list. */
void	admin_accounts(struct req *);
void	admin_shop_add(struct req *);
void	admin_user_add(struct req *);
void	admin_user_disable(struct req *);
void	admin_user_enable(struct req *);
void	admin_user_password(struct req *);
void	admin_audit(struct req *);

/* admin-cases.c: the escalation queue and the search of every case. */
void	admin_escalations(struct req *);
void	admin_search(struct req *);

/* admin-analytics.c: the platform's refund figures, charts and CSV. */
void	admin_analytics(struct req *);
void	admin_analytics_csv(struct req *);

/* admin-integ.c: the shops' API keys and the webhook endpoints (issue 11). */
void	admin_integrations(struct req *);
void	admin_apikey_add(struct req *);
void	admin_apikey_revoke(struct req *);
void	admin_endpoint_add(struct req *);

/*
 * admin.c: "as of <time>" for figures the worker keeps (admin_stats),
 * or not_yet (a msgid) when it has not counted them; written to buf (n
 * bytes), which is returned.
 */
const char *admin_as_of(struct req *r, time_t at, const char *not_yet,
	    char *buf, size_t n);

#endif /* ADMIN_H */
