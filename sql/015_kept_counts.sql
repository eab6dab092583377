-- 015: counts kept rather than recomputed (issue 12). The seller's tab
-- counts read an index range as long as the shop's whole history (27k rows
-- for the heavy shop at 100k cases); the "assigned to me" count and the
-- buyer's history with the shop on the case page did the same for their
-- accounts. One generic table keeps such counts: (kind, owner, bucket) -> n.
-- The engine (src/engine/counts.c) moves them in the transaction that
-- changes a case's state, assignment or opens it, with one upsert per row
-- at the end of the transaction; `deskctl recount` rebuilds them all from
-- the cases (the same statements as the backfill below).
--
-- Kinds (src/engine/counts.h enum count_kind):
--   1 shop's cases per queue tab      owner shops.id,  bucket cases.queue_tab (1..5)
--   2 open cases assigned to a seller owner users.id,  bucket 0
--   3 a buyer's cases with a shop     owner users.id (buyer), bucket shops.id
--   4 of them refunded                owner buyer, bucket shop
--   5 of them open                    owner buyer, bucket shop
--   6 amount refunded on them (cents) owner buyer, bucket shop
--   7 a buyer's orders with a shop    owner buyer, bucket shop
CREATE TABLE kept_counts (
  kind      TINYINT NOT NULL COMMENT 'What is counted: 1 shop cases per queue tab, 2 open cases assigned to a seller, 3 buyer cases with a shop, 4 of them refunded, 5 of them open, 6 cents refunded on them, 7 buyer orders with a shop (src/engine/counts.h)',
  owner_id  BIGINT  NOT NULL COMMENT 'Whose count: the shop (kind 1), the seller (kind 2), the buyer (kinds 3-7)',
  bucket    BIGINT  NOT NULL COMMENT 'Which count of the owner: the queue tab (kind 1), 0 (kind 2), the shop (kinds 3-7)',
  n         BIGINT  NOT NULL COMMENT 'The count (cents for kind 6); kept in the transaction of each change, rebuilt by deskctl recount',
  CONSTRAINT pk_kept_counts PRIMARY KEY (kind, owner_id, bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Counts kept by the engine in the transaction of each change instead of COUNT(*) over an account''s history; deskctl recount rebuilds them';

INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT 1, shop_id, queue_tab, COUNT(*) FROM cases GROUP BY shop_id, queue_tab;
INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT 2, assigned_to, 0, COUNT(*) FROM cases
  WHERE assigned_to IS NOT NULL AND queue_open = 1 GROUP BY assigned_to;
INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT k.kind, c.buyer_id, c.shop_id,
    SUM(CASE k.kind WHEN 3 THEN 1 WHEN 4 THEN c.state = 'refunded'
        WHEN 5 THEN c.queue_open ELSE c.refunded_cents END)
  FROM cases c JOIN (SELECT 3 AS kind UNION ALL SELECT 4 UNION ALL SELECT 5
    UNION ALL SELECT 6) k GROUP BY k.kind, c.buyer_id, c.shop_id;
INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT 7, buyer_id, shop_id, COUNT(*) FROM orders GROUP BY buyer_id, shop_id;

-- The seller's search by buyer (store/queue.c queue_search()): the newest
-- cases of one buyer with one shop, an index range in order, bounded.
ALTER TABLE cases
  ADD KEY ix_cases_buyer_shop_created (buyer_id, shop_id, created_at, id);
