/* talk_store.h: the staff's internal notes and assignments of a case (case_notes), the shop's staff, and the unread markers of every user (case_unread), as sql/009_talk.sql keeps them. */
#ifndef TALK_STORE_H
#define TALK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

/* One row of the staff's log of a case: a note, or an assignment. */
struct talk_note {
	int64_t	 id;
	time_t	 at;
	char	*author_role;	/* "seller" or "admin" */
	char	*author;	/* display name */
	bool	 assign;	/* an assignment, else a note */
	int64_t	 assignee_id;	/* assign: 0 = nobody */
	char	*assignee;	/* assign: display name, "" for nobody */
	char	*body;	/* note: the text; "" for an assignment */
};

/* A seller account of a shop. */
struct talk_staff {
	int64_t	 id;
	char	*login;
	char	*name;
	bool	 disabled;
	int64_t	 open_assigned;	/* open cases assigned to them */
};

/* What a user has not seen of one case. */
struct talk_unread {
	int64_t	 last_id;	/* latest unseen timeline id; 0: all seen */
	bool	 message;	/* a message is among the unseen rows */
};

/*
 * Loads the notes and assignments of case_id, oldest first. The caller
 * has checked that the viewer is staff of the case's shop or an admin.
 * Returns RC_OK (free with talk_notes_free()) or RC_DB.
 */
enum rc	talk_notes(struct db *db, int64_t case_id, struct talk_note **notes,
	    size_t *notesz);
void	talk_notes_free(struct talk_note *notes, size_t notesz);

/*
 * Appends a row to the staff's log of case_id: a note (body, assignee
 * ignored) or, when assign, an assignment to assignee_id (0: nobody).
 * Returns RC_OK or RC_DB.
 */
enum rc	talk_note_insert(struct db *db, int64_t case_id, time_t now,
	    int64_t author_id, const char *author_role, bool assign,
	    int64_t assignee_id, const char *body);

/*
 * Loads the seller accounts of shop_id by name, with how many open cases
 * each has assigned. Returns RC_OK (free with talk_staff_free()) or RC_DB.
 */
enum rc	talk_staff_list(struct db *db, int64_t shop_id,
	    struct talk_staff **staff, size_t *staffsz);
void	talk_staff_free(struct talk_staff *staff, size_t staffsz);

/*
 * Tells whether user_id is an enabled seller of shop_id: RC_OK,
 * RC_NOTFOUND, or RC_DB.
 */
enum rc	talk_staff_member(struct db *db, int64_t user_id, int64_t shop_id);

/* Counts the open cases of shop_id assigned to user_id into *n. RC_OK or RC_DB. */
enum rc	talk_assigned_count(struct db *db, int64_t user_id, int64_t shop_id,
	    int64_t *n);

/* Changes of users' unread counts (kept_counts kind 22), to apply last. */
struct unread_delta {
	int64_t	 user_id;
	int	 bucket;	/* 0: markers on open cases, 1: all markers */
	int64_t	 n;
};

struct unread_deltas {
	struct unread_delta	*d;
	size_t			 dz;
	size_t			 cap;
};

/*
 * Marks timeline row timeline_id of case_id unread for the other side of
 * its actor (actor_role "buyer", "seller", "admin" or "system"): every
 * enabled seller of the case's shop unless a seller wrote it, and the
 * buyer unless the buyer wrote it; message says it is a message. Runs in
 * the caller's transaction (the one that wrote the row, after the case's
 * row); the new markers' counts go to d, for counts_unread(), into
 * the users' counts of open cases too when open (the row's new state is
 * open: the case row may already hold a later state, as an approval paid
 * at once writes it refunded before its approve row). RC_OK or RC_DB.
 */
enum rc	talk_unread_add(struct db *db, int64_t case_id, int64_t timeline_id,
	    const char *actor_role, bool message, bool open,
	    struct unread_deltas *d);

/*
 * Case case_id (locked by the caller) closes: its markers leave their
 * users' counts of open cases (into d). Call before talk_unread_add() of
 * the closing row. RC_OK or RC_DB.
 */
enum rc	talk_unread_closing(struct db *db, int64_t case_id,
	    struct unread_deltas *d);

/*
 * Marks case_id (locked by the caller) read for user_id up to timeline id
 * upto: the marker goes unless a later row came since, and its leaving
 * the user's counts goes to d (for counts_unread()). RC_OK or RC_DB.
 */
enum rc	talk_read(struct db *db, int64_t user_id, int64_t case_id,
	    int64_t upto, struct unread_deltas *d);

/*
 * Counts the cases with news for user_id into *n: all of them, or the
 * open ones only; kept per user (kept_counts kind 22), one primary key
 * lookup. RC_OK or RC_DB.
 */
enum rc	talk_unread_count(struct db *db, int64_t user_id, bool open_only,
	    int64_t *n);

/* Reads what user_id has not seen of case_id into *u. RC_OK or RC_DB. */
enum rc	talk_unread_case(struct db *db, int64_t user_id, int64_t case_id,
	    struct talk_unread *u);

/* How many case ids talk_unread_marks() takes at most (a queue page). */
#define TALK_MARKS	50

/*
 * Fills marks[i] for each of the idsz (at most TALK_MARKS) case ids: 0
 * seen, 1 unread, 2 unread with a new message, for user_id. RC_OK or
 * RC_DB.
 */
enum rc	talk_unread_marks(struct db *db, int64_t user_id, const int64_t *ids,
	    size_t idsz, int *marks);

/*
 * Loads the ids of the cases with news for user_id (the latest 500),
 * with their message flags. RC_OK (free both arrays) or RC_DB.
 */
enum rc	talk_unread_ids(struct db *db, int64_t user_id, int64_t **ids,
	    bool **messages, size_t *idsz);

/* Whose a case is, as talk_case_lock() reads it. */
struct talk_case {
	int64_t	 shop_id;
	int64_t	 buyer_id;
	int64_t	 assigned_to;	/* 0: nobody */
};

/*
 * Locks case_id (FOR UPDATE, in the caller's transaction) and reads whose
 * it is into c. RC_OK, RC_NOTFOUND or RC_DB.
 */
enum rc	talk_case_lock(struct db *db, int64_t case_id, struct talk_case *c);

/* Sets who case_id is assigned to (0: nobody). RC_OK or RC_DB. */
enum rc	talk_case_assign(struct db *db, int64_t case_id, int64_t assignee_id);

#endif /* TALK_STORE_H */
