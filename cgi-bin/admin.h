/* admin.h: the handlers of admin.fcgi's page groups, each in its own cgi-bin/admin-*.c. */
#ifndef ADMIN_H
#define ADMIN_H

#include "app/app.h"

/* admin-policy.c: the policy editor, the draft's preview, publishing, versions. */
void	admin_policy_edit(struct req *);
void	admin_policy_draft(struct req *);
void	admin_policy_publish(struct req *);
void	admin_versions_page(struct req *);

#endif /* ADMIN_H */
