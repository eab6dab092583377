-- 026: one unique key per case on refunds, not two (issue 12). refunds had
--   uq_refunds_live    (case_id, live_marker)     live_marker 1 when pending
--                                                 or succeeded
--   uq_refunds_success (case_id, success_marker)  success_marker 1 when
--                                                 succeeded
-- A succeeded refund is also live, so the first already allows one success
-- per case at most (and never one in flight beside it); the second refused
-- nothing the first lets through. It cost every refund an entry, and an
-- approval at a million cases a leaf read from disk to check it
-- (docs/PERFORMANCE.md, the ninth round). success_marker was read by
-- nothing else: it goes with its key. tests/db/test_cases.c
-- test_refund_keys: a second refund of a case, succeeded or pending, is
-- refused; a failed one is not.
--
-- Dropping a PERSISTENT column copies the table: refunds' writes wait for
-- it (4.9 s for 450,000 refunds on the benchmark's machine); reads go on.
ALTER TABLE refunds
  DROP KEY uq_refunds_success,
  DROP COLUMN success_marker,
  ALGORITHM = COPY, LOCK = SHARED;
