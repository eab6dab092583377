-- 017: the buyer's desk stays fast at a million cases (issue 12). "My cases"
-- is two keyset lists read in one index order each: the open cases, newest
-- first, then the finished ones, newest first; the index serves the buyer,
-- the part (queue_open, sql/004) and the sort (created_at, id) without a
-- filesort. "My orders" pages by keyset over ix_orders_buyer_paid (buyer_id,
-- paid_at and the primary key id InnoDB appends), which needs no change.
ALTER TABLE cases
  ADD KEY ix_cases_buyer_open_created (buyer_id, queue_open, created_at, id);

-- A case page lists the case's evidence in id order: (case_id) with the
-- primary key InnoDB appends serves it without a filesort (the unique key
-- (case_id, sha256) does not).
ALTER TABLE evidence
  ADD KEY ix_evidence_case (case_id);
