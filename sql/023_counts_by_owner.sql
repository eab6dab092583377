-- 023: the kept counts ordered by their owner first (issue 12). The key was
-- (kind, owner_id, bucket): each kind a range of its own over every owner.
-- A buyer's refund moves the buyer's rows of five kinds (4 refunded, 5 open,
-- 6 cents with the shop; 21 the buyer's totals; 22 the cases with news),
-- and at a million cases (5.6 million rows, 300 MB) those were five pages
-- far apart, which a 2 GB pool did not all keep: most of what an approval
-- still read from disk (198 of 252 pages read over 210 approvals at 1M).
-- Ordered (owner_id, kind, bucket), an owner's rows of every kind sit
-- together, about 30 for a buyer: one page. Every statement over the table
-- names the kind and the owner (src/store/sql.c, block kept-counts), so
-- each stays a range of the key.
--
-- owner_id is a shop (kinds 1, 20) or a user (the others): their ids may
-- be equal, the kind in the key keeps the rows apart.
ALTER TABLE kept_counts
  DROP PRIMARY KEY,
  ADD CONSTRAINT pk_kept_counts PRIMARY KEY (owner_id, kind, bucket),
  ALGORITHM = INPLACE, LOCK = NONE;
