-- 027: the worker's purges read an index, not the whole table (issue 12).
-- Every ten minutes deskd deletes the sessions past their idle or absolute
-- lifetime and the sign-in failures past their window. Both DELETEs
-- filtered on a column no key began with (sessions: an OR over
-- last_seen_at and created_at; login_failures: user_id = 0 OR failed_at):
-- a full scan, which under REPEATABLE READ also locks every row it reads
-- until it commits, holding up sign-ins and the sessions' last-seen
-- updates meanwhile (the sessions of twelve hours). Now each is a range of
-- its own key (the sessions' two conditions two statements), as the known
-- addresses' and the form tokens' purges already were. Adding a key is
-- done in place: the tables stay writable.
ALTER TABLE sessions ADD KEY ix_sessions_created (created_at);
ALTER TABLE login_failures ADD KEY ix_login_failures_at (failed_at);
