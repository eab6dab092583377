/* cases.h: the case engine on the database: opening a case, applying an event, applying due deadlines. */
#ifndef CASES_H
#define CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "store/db.h"
#include "engine/evidence.h"
#include "core/machine.h"
#include "core/rules.h"

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
	const char			*form_token;	/* signed one-time token, or NULL */
	const char			*variant;	/* exchange: the variant wanted (checked
							   against the line's list), or NULL */
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
 * so a double submit opens one case; a token that is forged, someone
 * else's or too old is RC_INVALID. A refund the fast track started is
 * settled in the same transaction by the ledger executor, or left pending
 * for the worker (webhook). Returns RC_OK with *case_id, or RC_DB.
 */
enum rc	case_open(struct db *db, const struct config *cfg,
	    const struct case_request *rq, time_t now, int64_t *case_id,
	    enum rules_field *field, const char **why);

/* A compensation offered with a settlement (table compensations). */
struct case_compensation {
	enum comp_kind	 kind;
	int64_t		 value_cents;	/* 0: none */
	const char	*coupon_code;	/* or NULL */
	time_t		 expires_on;	/* a UTC midnight; 0: none */
	const char	*description;	/* or NULL */
};

/*
 * Tells whether the request form's token (signed for buyer_id) already
 * opened a case, as a double submit does: RC_OK with *case_id, RC_NOTFOUND
 * when it has not been used (or is not a valid token), or RC_DB. For a
 * form refused before case_open() (bad fields), so that a second submit
 * still answers with the first case.
 */
enum rc	case_open_replayed(struct db *db, const struct config *cfg,
	    const char *token, int64_t buyer_id, time_t now, int64_t *case_id);

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
	int64_t		 postage_cents;	/* ship_return: return postage paid, 0: none */
	int64_t		 address_id;	/* approve_return: 0 = the default */
	const char	*refusal;	/* reject: a refusal_name(), or NULL */
	const struct case_compensation *comp;	/* offer: or NULL */
	const struct case_photo *photos;	/* attached to the event */
	size_t		 photosz;
	const char	*rule;	/* what fired, for the system */
	const char	*form_token;	/* signed one-time token (base/token.h) */
};

/*
 * Checks what a carries (its note, amount, carrier or waybill, and
 * photosz photos) against its event's form contract
 * (machine_event_fields_ok()): the one check of the form reader, before
 * any photo is decoded, and of the engine. Events of the system carry
 * nothing to check. Returns true, or false with *why (a msgid).
 */
bool	case_action_carries(const struct case_action *a, size_t photosz,
	    const char **why);

/*
 * Applies a to case case_id. First, when the case's state has a deadline
 * that has passed at now and that the system acts on, that deadline is
 * applied in a transaction of its own (it stays applied whatever comes
 * next). Then, in one transaction: locks the case, checks the actor may
 * touch it (RC_NOTFOUND otherwise, as for a missing case), records the
 * form token's use (a replay of the same token and amount answers RC_OK
 * again without acting; with another amount RC_INVALID; a forged or
 * expired token RC_INVALID before anything), checks the case is still in
 * expect_state (RC_CONFLICT: someone, or the deadline, acted first), asks
 * the state machine (RC_DENIED with *why), checks the event's own rules
 * against the case's frozen policy (RC_INVALID with *why), then does a
 * guarded update, stores the photos (RC_INVALID beyond the policy's
 * limits), writes the timeline row and the offer, shipment or ledger row
 * (a refund is settled at once by the ledger executor, or left pending
 * for the worker). Returns RC_OK or RC_DB.
 */
enum rc	case_act(struct db *db, const struct config *cfg, int64_t case_id,
	    const struct case_action *a, time_t now, const char **why);

/* The worker's cursor over due cases, and what the last claim did. */
struct case_due {
	time_t		 after_deadline;	/* cursor: start both at 0 */
	int64_t		 after_id;
	int64_t		 case_id;	/* out: the case claimed */
	enum case_state	 from;	/* out: its state before */
	enum case_state	 to;	/* out: its state after */
	const char	*why;	/* out: why it was refused, if it was */
};

/*
 * Claims the first case after the cursor whose passed deadline the
 * system acts on and that no other worker holds (FOR UPDATE SKIP
 * LOCKED), applies the deadline in the same transaction, and moves the
 * cursor past it. Returns RC_OK (applied), RC_NOTFOUND (nothing more is
 * due), RC_INVALID or RC_CONFLICT with due->why (this case could not be
 * applied: the cursor moved on), or RC_DB.
 */
enum rc	case_due_next(struct db *db, const struct config *cfg, time_t now,
	    struct case_due *due);

#endif /* CASES_H */
