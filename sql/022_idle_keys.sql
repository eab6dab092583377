-- 022: three indexes of cases that no longer move for the cases they never
-- list (issue 12). A case's change of state rewrote the entry of every index
-- that holds the state or a column generated from it, listed or not:
--   ix_cases_assigned_deadline (assigned_to, queue_open, deadline_sort, id)
--   ix_cases_assigned_created  (assigned_to, queue_open, created_at, id)
--   ix_cases_platform_queue    (platform_queue, deadline_sort, id)
-- An unassigned case sits under assigned_to NULL and a case the platform
-- does not hold under platform_queue 0, and there its entry still moved with
-- queue_open and deadline_sort: three entries of a million-entry range, in
-- pages no other request reads, rewritten by nearly every approval (the
-- pages an approval made dirty grew 0.8 -> 12.3 from 10k to 1M cases).
--
-- The new keys are NULL in every column that moves for the cases their
-- lists never show: such a case's entry is (NULL, NULL, id) or (NULL,
-- created_at, id), and no change of state or deadline touches it. The
-- deadline key still leads with assigned_to, which the foreign key
-- fk_cases_assigned needs an index for.
--   mine_open          the seller the open case is assigned to, else NULL
--                      (the "mine" lists of src/store/queue.c)
--   mine_deadline      its deadline (IFNULL as deadline_sort) while
--                      mine_open is set, else NULL
--   platform_deadline  its deadline (as deadline_sort) while the platform
--                      holds the case (platform_queue = 1), else NULL
--                      (the admin's escalations, src/store/case_search.c)
--
-- VIRTUAL with an index rather than PERSISTENT: the index stores the values
-- as a stored column would, and the lists read only the index and the row;
-- but adding a PERSISTENT column copies the whole table (every index rebuilt,
-- writes blocked), where a VIRTUAL one is written to the table's definition
-- only and its index is built in place beside the running desks.
ALTER TABLE cases
  ADD COLUMN mine_open INT UNSIGNED AS (IF(state IN ('refunded','exchanged','closed'), NULL, assigned_to)) VIRTUAL
    COMMENT 'Generated: the seller the case is assigned to while it is open, else NULL (the mine lists)',
  ADD COLUMN mine_deadline DATETIME AS (IF(assigned_to IS NULL OR state IN ('refunded','exchanged','closed'), NULL, IFNULL(deadline_at, TIMESTAMP '9999-12-31 00:00:00'))) VIRTUAL
    COMMENT 'Generated: deadline_sort while mine_open is set, else NULL',
  ADD COLUMN platform_deadline DATETIME AS (IF(state IN ('escalated','evidence_from_buyer','evidence_from_seller'), IFNULL(deadline_at, TIMESTAMP '9999-12-31 00:00:00'), NULL)) VIRTUAL
    COMMENT 'Generated: deadline_sort while the platform holds the case (platform_queue = 1), else NULL',
  ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE cases
  ADD KEY ix_cases_mine_deadline (assigned_to, mine_deadline, id),
  ADD KEY ix_cases_mine_created (mine_open, created_at, id),
  ADD KEY ix_cases_platform_deadline (platform_deadline, id),
  DROP KEY ix_cases_assigned_deadline,
  DROP KEY ix_cases_assigned_created,
  DROP KEY ix_cases_platform_queue,
  ALGORITHM = INPLACE, LOCK = NONE;
