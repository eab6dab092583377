/* caseview.h: a case as a page shows it: its order lines, amounts, timeline and the actions open to the viewer. */
#ifndef CASEVIEW_H
#define CASEVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "base/cursor.h"
#include "store/db.h"
#include "core/machine.h"

struct caseview_line {
	int64_t	 order_line_id;
	char	*title;
	char	*sku;
	int64_t	 quantity;	/* units in the case */
	int64_t	 line_quantity;	/* units bought */
	int64_t	 amount_cents;	/* asked for this line */
	int64_t	 refunded_cents;
	int64_t	 paid_cents;
};

struct caseview_event {
	time_t	 at;
	char	*actor_role;
	char	*actor_name;	/* "" for the system */
	char	*event;
	char	*from_state;	/* "" for submit */
	char	*to_state;
	int64_t	 amount_cents;	/* -1: none */
	char	*note;	/* NULL: none */
	char	*rule;	/* NULL: none */
	char	*evidence_ids;	/* NULL: none */
};

struct caseview {
	int64_t			 id;
	char			*rma_no;
	int64_t			 order_id;
	char			*order_no;
	char			*shop_name;
	char			*buyer_name;
	enum case_type		 type;
	enum case_state		 state;
	char			*reason_code;
	char			*reason_en;
	char			*reason_zh;
	char			*shipping_payer;	/* "buyer" or "seller" */
	int64_t			 requested_cents;
	int64_t			 offered_cents;	/* 0: none */
	int64_t			 approved_cents;	/* 0: none */
	int64_t			 refunded_cents;
	char			 currency[4];
	time_t			 deadline_at;	/* 0: none */
	time_t			 created_at;
	int64_t			 attempt;
	int64_t			 max_attempts;
	int64_t			 policy_id;
	int64_t			 policy_version;
	char			*description;	/* NULL: none */
	char			*return_address;	/* NULL: none */
	enum close_reason	 close_reason;	/* CLOSE__MAX: open */
	bool			 goods_received;
	bool			 fast_tracked;
	struct caseview_line	*lines;
	size_t			 linesz;
	struct caseview_event	*events;
	size_t			 eventsz;
	enum case_event		 actions[EV__MAX];	/* open to the viewer */
	size_t			 actionsz;
};

/*
 * Loads case id for a viewer (who; their user id, or their shop for a
 * seller) as it is stored: a deadline that has passed but that the worker
 * has not applied yet shows as overdue, and nothing is written. A case
 * the viewer may not see is RC_NOTFOUND, exactly as one that does not
 * exist. Returns RC_OK (release v with caseview_release()), RC_NOTFOUND
 * or RC_DB.
 */
enum rc	caseview_load(struct db *db, int64_t id, enum actor who,
	    int64_t user_id, int64_t shop_id, struct caseview *v);

void	caseview_release(struct caseview *v);

/* A row of a list of cases. */
struct caseview_row {
	int64_t		 id;
	char		*rma_no;
	enum case_type	 type;
	enum case_state	 state;
	int64_t		 requested_cents;
	char		 currency[4];
	time_t		 deadline_at;	/* 0: none */
	char		*order_no;
	char		*who;	/* the shop, or the buyer */
	int		 unread;	/* set by the page: 0 seen, 1 news, 2 a new message */
};

/*
 * Loads at most max rows of buyer_id's open cases (open) or finished ones
 * (!open), newest first, after the cursor after (created_at and id of the
 * last row shown; the top when its key is ""), into *rows and *rowsz;
 * *more tells whether rows follow, *last is the cursor of the last row
 * loaded. Returns RC_OK (free with caseview_rows_free()) or RC_DB.
 */
enum rc	caseview_buyer_page(struct db *db, int64_t buyer_id, bool open,
	    const struct cursor *after, size_t max, struct caseview_row **rows,
	    size_t *rowsz, bool *more, struct cursor *last);

void	caseview_rows_free(struct caseview_row *rows, size_t rowsz);

#endif /* CASEVIEW_H */
