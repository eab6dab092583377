-- 024: two indexes that repeat another (issue 12): case_lines by order line,
-- refunds by date.
-- case_lines had both
--   fk_case_lines_line (order_line_id, order_id)  made for the foreign key
--   ix_case_lines_line (order_line_id)            made for the lookups
-- and every lookup by line (a line's cases counted when an order's lines
-- are read or locked, the seller's search by SKU) is served as well by the
-- first: its key starts with the line, and like every secondary index it
-- ends with the primary key (case_id, order_line_id). The optimizer picked
-- one or the other per statement, so an approval at a million cases read
-- a leaf of each from disk (0.8 pages per approval each, of 11.2, from the
-- copy's dump: docs/PERFORMANCE.md, the eighth round), and every new case
-- wrote an entry into both. The seller's search by SKU names the kept key
-- (src/store/sql.c, SQL_SELLER_FIND_SKU).
--
-- Dropping an index changes only the table's definition and frees its
-- pages: in place, without blocking writes.
ALTER TABLE case_lines
  DROP KEY ix_case_lines_line,
  ALGORITHM = NOCOPY, LOCK = NONE;

-- The same for refunds: ix_refunds_created (created_at) is, with the
-- primary key appended, (created_at, id): ix_refunds_ledger_all (sql/016),
-- which the ledger reads. Every refund wrote both.
ALTER TABLE refunds
  DROP KEY ix_refunds_created,
  ALGORITHM = NOCOPY, LOCK = NONE;
