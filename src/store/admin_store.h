/* admin_store.h: what the platform's desk reads: an admin's policy draft, the versions with who published them, the audit list. */
#ifndef ADMIN_STORE_H
#define ADMIN_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/rc.h"
#include "base/cursor.h"
#include "store/db.h"

/*
 * Stores in *id the id of admin's policy draft and in *based_on the id
 * of the version it was copied from. Returns RC_OK, RC_NOTFOUND (no
 * draft) or RC_DB.
 */
enum rc	admin_draft_of(struct db *db, int64_t admin, int64_t *id,
	    int64_t *based_on);

/* One published or retired version, with who published it. */
struct admin_version {
	int64_t	 id;
	int64_t	 version;
	bool	 current;
	time_t	 published_at;
	char	*login;		/* "" when unknown (the demo's version) */
	char	*name;
	char	*note;
	int64_t	 open_cases;	/* open cases it still governs, as the worker
				   last counted them; -1: not counted yet */
};

#define VERSIONS_PAGE	50

/*
 * Loads a keyset page of the versions, newest first: at most
 * VERSIONS_PAGE below version below (0: from the newest), *more set when
 * there are older ones. Returns RC_OK (free with admin_versions_free())
 * or RC_DB.
 */
enum rc	admin_versions(struct db *db, int64_t below,
	    struct admin_version **rows, size_t *rowsz, bool *more);
/* The open cases under every published or retired version, counted now. RC_OK or RC_DB. */
enum rc	admin_open_cases(struct db *db, int64_t *n);

void	admin_versions_free(struct admin_version *rows, size_t rowsz);

/* One admin action. */
struct audit_row {
	int64_t	 id;
	time_t	 at;
	char	*login;	/* "" for deskctl */
	char	*action;
	char	*subject;
	char	*detail;
	char	*remote_addr;
	struct cursor pos;	/* the keyset after this row */
};

#define AUDIT_PAGE	50

/*
 * Records that admin (0: deskctl on the server) did action to subject
 * (detail: a few more words) from remote_addr at now. Returns RC_OK or RC_DB. Call it inside the
 * action's own transaction.
 */
enum rc	audit_add(struct db *db, int64_t admin, const char *action,
	    const char *subject, const char *detail, const char *remote_addr,
	    time_t now);

/*
 * Loads a keyset page of the admin actions, newest first: at most
 * AUDIT_PAGE after *after (cursor_first(): the newest), *more set when
 * there are older ones. Returns RC_OK (free with audit_rows_free()) or
 * RC_DB.
 */
enum rc	audit_rows(struct db *db, const struct cursor *after,
	    struct audit_row **rows, size_t *rowsz, bool *more);
void	audit_rows_free(struct audit_row *rows, size_t rowsz);

/* The history of one side of a case: its orders and cases. */
struct admin_side_history {
	int64_t	 orders;
	int64_t	 cases;
	int64_t	 refunded;	/* cases that ended refunded */
	int64_t	 escalated;	/* cases that reached the platform */
	int64_t	 refunded_cents;	/* summed over currencies */
};

/*
 * Loads the history of case_id's buyer into *buyer and of its shop into
 * *shop (this case included). Returns RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	admin_case_history(struct db *db, int64_t case_id,
	    struct admin_side_history *buyer, struct admin_side_history *shop);

#endif /* ADMIN_STORE_H */
