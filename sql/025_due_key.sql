-- 025: the worker's due cases in one key (issue 12). The worker claims the
-- next case whose deadline passed (src/store/sql.c, SQL_CASE_DUE_CLAIM) in
-- (deadline, id) order, one at a time, among the nine states whose deadline
-- the system acts on (machine_deadline_acts(), src/core/machine.c). Over
-- ix_cases_state_deadline (state, deadline_at) that is nine ranges, which
-- MariaDB reads whole and sorts for each claim: with 46,000 cases due (a
-- copy of a million cases left a day) each claim sorted them all, 46 ms,
-- and catching up cost the square of the backlog (about 18 minutes of the
-- server's time for that one).
--
-- due_at is the deadline while the case is in one of those states, else
-- NULL: the due cases are one range of ix_cases_due (due_at, id), in the
-- order the worker takes them, so a claim reads its one row. It replaces
-- ix_cases_state_deadline, whose other readers (the next wake-up, the
-- buyers' reminders) read it too. VIRTUAL with an index, as in sql/022:
-- the index stores the values, and adding the column copies nothing.
-- tests/db/test_cases.c checks the column's states against the machine's.
ALTER TABLE cases
  ADD COLUMN due_at DATETIME AS (IF(state IN ('requested', 'offered', 'rejected', 'awaiting_return', 'return_shipped', 'reshipping', 'replacement_shipped', 'evidence_from_buyer', 'evidence_from_seller'), deadline_at, NULL)) VIRTUAL
    COMMENT 'Generated: deadline_at while the system acts on it once passed (machine_deadline_acts()), else NULL (the worker''s claims)',
  ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE cases
  ADD KEY ix_cases_due (due_at, id),
  DROP KEY ix_cases_state_deadline,
  ALGORITHM = INPLACE, LOCK = NONE;
