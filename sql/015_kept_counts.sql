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

-- The seller's statistics at a million cases (issue 12): a shop's figures
-- per day, kept by the worker (src/engine/aggregates.c, from the timeline
-- and the orders since its marks; each (shop, day) touched is recomputed
-- whole) and rebuilt by deskctl recount, so that a period's statistics read
-- the period's days of the shop, not its cases (store/stats_store.c).
CREATE TABLE shop_day_stats (
  shop_id  BIGINT       NOT NULL COMMENT 'Shop',
  day      DATE         NOT NULL COMMENT 'UTC day the cases were opened (kinds 1-7) or the orders paid (kinds 10-11)',
  kind     TINYINT      NOT NULL COMMENT '1 cases (a cases, b refunded, c cents refunded, d escalated, e closed, f fast-tracked); 2 case lines (a); 3 by reason (k code, t/u labels en/zh; a cases, b refunded, c cents); 4 case lines by SKU (k sku, t title; a lines, b cents refunded); 5 escalated by ruling (k ruling event or empty; a cases, b cents); 6 compensation by kind (k kind; a offered, b accepted, c accepted cents); 7 requests approved by the deadline (a); 10 orders paid (a orders, b lines); 11 order lines paid by SKU (k sku, t title; a lines)',
  k        VARCHAR(64)  NOT NULL COMMENT 'Key within the kind, empty when none',
  t        VARCHAR(255) NOT NULL COMMENT 'Label of the key (reason label in English, product title), empty when none',
  u        VARCHAR(255) NOT NULL COMMENT 'Second label (reason label in Chinese), empty when none',
  a        BIGINT       NOT NULL COMMENT 'First figure, see kind',
  b        BIGINT       NOT NULL COMMENT 'Second figure, see kind',
  c        BIGINT       NOT NULL COMMENT 'Third figure, see kind',
  d        BIGINT       NOT NULL COMMENT 'Fourth figure, see kind',
  e        BIGINT       NOT NULL COMMENT 'Fifth figure, see kind',
  f        BIGINT       NOT NULL COMMENT 'Sixth figure, see kind',
  CONSTRAINT pk_shop_day_stats PRIMARY KEY (shop_id, kind, day, k)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: a shop''s statistics per day (cases by opening day, orders by paying day); a (shop, day) is recomputed whole when one of its cases or orders comes in or changes';

INSERT INTO aggregate_marks (name, last_id)
  SELECT 'shop_timeline', COALESCE(MAX(id), 0) FROM timeline;
INSERT INTO aggregate_marks (name, last_id)
  SELECT 'shop_orders', COALESCE(MAX(id), 0) FROM orders;

-- The backfill: every day of every shop (the statements of deskctl recount,
-- src/store/sql.c SQL_SDS_ALL_*).
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 1, '', '', '', COUNT(*), SUM(c.state = 'refunded'), SUM(c.refunded_cents), SUM(c.escalated_at IS NOT NULL), SUM(c.closed_at IS NOT NULL), SUM(c.fast_tracked) FROM cases c FORCE INDEX (ix_cases_shop_stats) WHERE 1 GROUP BY c.shop_id, DATE(c.created_at);
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 2, '', '', '', COUNT(*), 0, 0, 0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN case_lines cl FORCE INDEX (PRIMARY) ON cl.case_id = c.id WHERE 1 GROUP BY c.shop_id, DATE(c.created_at);
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 3, c.reason_code, MAX(r.label_en), MAX(r.label_zh), COUNT(*), SUM(c.state = 'refunded'), SUM(c.refunded_cents), 0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN policy_reasons r ON r.policy_id = c.policy_id AND r.code = c.reason_code WHERE 1 GROUP BY c.shop_id, DATE(c.created_at), c.reason_code;
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 4, l.sku, MAX(l.title), '', COUNT(*), SUM(cl.refunded_cents), 0, 0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN case_lines cl FORCE INDEX (PRIMARY) ON cl.case_id = c.id STRAIGHT_JOIN order_lines l ON l.id = cl.order_line_id WHERE 1 GROUP BY c.shop_id, DATE(c.created_at), l.sku;
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT e.shop_id, e.day, 5, e.ruling, '', '', COUNT(*), SUM(e.cents), 0, 0, 0, 0 FROM (SELECT c.shop_id, DATE(c.created_at) AS day, COALESCE((SELECT t.event FROM timeline t FORCE INDEX (ix_timeline_case) WHERE t.case_id = c.id AND t.event IN ('rule_refund', 'rule_partial', 'rule_reject') ORDER BY t.id DESC LIMIT 1), '') AS ruling, c.refunded_cents AS cents FROM cases c FORCE INDEX (ix_cases_shop_stats) WHERE 1 AND c.escalated_at IS NOT NULL) e GROUP BY e.shop_id, e.day, e.ruling;
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 6, k.kind, '', '', COUNT(*), SUM(o.status = 'accepted'), COALESCE(SUM(IF(o.status = 'accepted', k.value_cents, 0)), 0), 0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN compensations k FORCE INDEX (ix_compensations_case) ON k.case_id = c.id STRAIGHT_JOIN offers o FORCE INDEX (PRIMARY) ON o.id = k.offer_id WHERE 1 GROUP BY c.shop_id, DATE(c.created_at), k.kind;
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT c.shop_id, DATE(c.created_at), 7, '', '', '', COUNT(*), 0, 0, 0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN timeline t FORCE INDEX (ix_timeline_case) ON t.case_id = c.id WHERE 1 AND t.event = 'deadline' AND t.from_state = 'requested' GROUP BY c.shop_id, DATE(c.created_at);
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT o.shop_id, DATE(o.paid_at), 10, '', '', '', COUNT(*), SUM((SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id)), 0, 0, 0, 0 FROM orders o FORCE INDEX (ix_orders_shop_paid) WHERE 1 GROUP BY o.shop_id, DATE(o.paid_at);
INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, d, e, f) SELECT o.shop_id, DATE(o.paid_at), 11, l.sku, MAX(l.title), '', COUNT(*), 0, 0, 0, 0, 0 FROM orders o FORCE INDEX (ix_orders_shop_paid) STRAIGHT_JOIN order_lines l ON l.order_id = o.id WHERE 1 GROUP BY o.shop_id, DATE(o.paid_at), l.sku;
