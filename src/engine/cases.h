/* cases.h: the case engine on the database: opening a case, applying events, deadlines, refunds, one-time form tokens. */
#ifndef CASES_H
#define CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/auth.h"
#include "base/config.h"
#include "store/db.h"
#include "engine/image.h"
#include "core/machine.h"
#include "core/rules.h"

/* A photo attached to a request or an action, already processed. */
struct case_photo {
	const struct image	*img;
	const char		*name;	/* as the browser named it; display only */
};

/* One order line and the units the buyer asks about. */
struct case_line_req {
	int64_t	 order_line_id;
	int64_t	 quantity;
};

/* A buyer's request to open a case. */
struct case_request {
	int64_t				 buyer_id;
	int64_t				 order_id;
	enum case_type			 type;
	const char			*reason_code;
	bool				 goods_received;
	int64_t				 amount_cents;	/* ignored for exchanges */
	bool				 whole;	/* everything refundable instead */
	const char			*description;	/* may be NULL */
	const struct case_photo		*photos;
	size_t				 photosz;
	const struct case_line_req	*lines;
	size_t				 linesz;
	const char			*form_token;	/* one-time token, or NULL */
};

/*
 * Opens a case in one transaction: checks the order is the buyer's
 * (RC_NOTFOUND), locks its lines, checks the rules of the current policy
 * (RC_INVALID with *field and *why), gives it an RMA number, reserves the
 * amount on the lines with a guarded update (RC_CONFLICT when someone
 * else took it first), stores the photos (within the policy's count,
 * size and types), writes the submit row of the timeline with them, and
 * approves it at once when the fast-track rule matches. A form token
 * already spent on an earlier submit answers RC_OK with that case's id,
 * so a double submit opens one case. Any refund the fast track started
 * is executed after the commit. Returns RC_OK with *case_id, or RC_DB.
 */
enum rc	case_open(struct db *db, const struct config *cfg,
	    const struct case_request *rq, time_t now, int64_t *case_id,
	    enum rules_field *field, const char **why);

/* One event applied by a person (or the system) to a case. */
struct case_action {
	enum case_event	 ev;
	enum actor	 who;
	int64_t		 actor_id;	/* 0 for the system */
	int64_t		 actor_shop_id;	/* sellers: their shop */
	const char	*expect_state;	/* the state the actor saw, or NULL */
	int64_t		 amount_cents;	/* offer, rule_partial, resubmit */
	const char	*note;	/* reason, message, ruling, condition */
	const char	*carrier;	/* ship_return, ship_replacement */
	const char	*waybill;
	int64_t		 address_id;	/* approve_return: 0 = the default */
	const struct case_photo *photos;	/* attached to the event */
	size_t		 photosz;
	const char	*rule;	/* what fired, for the system */
	const char	*form_token;	/* one-time token of a money form */
};

/*
 * Applies a to case case_id in one transaction: locks the case, checks
 * the actor may touch it (RC_NOTFOUND otherwise, as for a missing case),
 * that it is still in expect_state (RC_CONFLICT: someone acted first),
 * asks the state machine (RC_DENIED with *why), checks the event's own
 * rules against the case's frozen policy (RC_INVALID with *why), then
 * does a guarded update, stores the photos (RC_INVALID beyond the
 * policy's limits), writes the timeline row and the offer, shipment or
 * ledger row. A spent form token with the same amount answers RC_OK
 * again without acting; with another amount RC_INVALID. A refund the
 * event started is executed after the commit. Returns RC_OK or RC_DB.
 */
enum rc	case_act(struct db *db, const struct config *cfg, int64_t case_id,
	    const struct case_action *a, time_t now, const char **why);

/*
 * Applies the deadline of case_id if it has passed at now (a read of an
 * overdue case calls this first). Returns RC_OK whether or not it acted
 * (*acted tells), or RC_DB.
 */
enum rc	case_settle_due(struct db *db, const struct config *cfg,
	    int64_t case_id, time_t now, bool *acted);

/*
 * Settles every overdue case and retries every refund that is due.
 * Safe to run in several processes at once: each case is re-checked
 * under its row lock. Returns RC_OK with the counts, or RC_DB.
 */
enum rc	case_sweep(struct db *db, const struct config *cfg, time_t now,
	    int *cases_acted, int *refunds_settled);

/*
 * Executes refund refund_id with its executor (ledger: settles at once;
 * webhook: POSTs outside any transaction, then records the answer;
 * failures are retried later with the same key). Returns RC_OK when it
 * settled, RC_CONFLICT when it is still pending, or RC_DB.
 */
enum rc	refund_execute(struct db *db, const struct config *cfg,
	    int64_t refund_id, time_t now);

/*
 * Issues a one-time token for a money-moving form of user_id about
 * case_id (0 for none) and purpose; writes it to token. Returns RC_OK,
 * RC_SYS or RC_DB.
 */
enum rc	form_token_issue(struct db *db, int64_t user_id, int64_t case_id,
	    const char *purpose, time_t now, char token[TOKEN_LEN + 1]);

#endif /* CASES_H */
