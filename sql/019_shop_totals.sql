-- 019: all-time totals of each shop and each buyer, kept (issue 12). The
-- admin's case page showed both sides' history (cases, refunded, escalated,
-- amount refunded, orders) counted over the shop's and the buyer's whole
-- history per request: 0.2-3.5 s for the heavy shop of 150k cases at 1M.
-- They are now rows of kept_counts (sql/015), moved by the engine in the
-- transaction of each change (src/engine/counts.c: a case opened, refunded
-- or escalated, an order imported) and rebuilt by deskctl recount.
--
-- Kinds (src/store/kept_counts.h):
--   20 a shop's totals   owner shops.id, bucket 1 cases, 2 refunded,
--                        3 escalated, 4 cents refunded, 5 orders
--   21 a buyer's totals  owner users.id (buyer), the same buckets, every shop
-- The backfill (the statements of deskctl recount, src/store/sql.c
-- SQL_GROWA_TOTALS_REBUILD_*):
DELETE FROM kept_counts WHERE kind IN (20, 21);
INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT k.kind, IF(k.kind = 20, c.shop_id, c.buyer_id), k.b,
    SUM(CASE k.b WHEN 1 THEN 1 WHEN 2 THEN c.state = 'refunded'
        WHEN 3 THEN c.escalated_at IS NOT NULL ELSE c.refunded_cents END)
  FROM cases c JOIN (SELECT 20 AS kind, 1 AS b UNION ALL SELECT 20, 2
    UNION ALL SELECT 20, 3 UNION ALL SELECT 20, 4 UNION ALL SELECT 21, 1
    UNION ALL SELECT 21, 2 UNION ALL SELECT 21, 3 UNION ALL SELECT 21, 4) k
  GROUP BY k.kind, IF(k.kind = 20, c.shop_id, c.buyer_id), k.b;
INSERT INTO kept_counts (kind, owner_id, bucket, n)
  SELECT k.kind, IF(k.kind = 20, o.shop_id, o.buyer_id), 5, COUNT(*)
  FROM orders o JOIN (SELECT 20 AS kind UNION ALL SELECT 21) k
  GROUP BY k.kind, IF(k.kind = 20, o.shop_id, o.buyer_id);
