-- 020: the seller desk at any size (issue 12). Two parts of the
-- statistics page grew with the shop's cases: its two medians (time to the
-- shop's first answer, time to the close) read every case of the period
-- (12,000 for the heavy shop of the 1M benchmark), and its products table
-- read a row per product and day (26,000). Here:
--
-- 1. A histogram per shop and opening day of each duration, kept by the
-- worker with the shop's other figures of that day (src/engine/aggregates.c;
-- a (shop, day) is recomputed whole) and rebuilt by deskctl recount, so
-- that a long period's medians come from its days' histograms
-- (src/store/stats_store.c); a period of at most 1,000 cases still reads
-- them exactly from the cases.
--
-- Buckets (stats_bucket_of()): a duration s of under 32 seconds is its own
-- bucket; above, 16 buckets per doubling: with e the position of the
-- highest bit of s, bucket (e - 4) * 16 + (s >> (e - 4)), each bucket under
-- 1/16 (6.25%) of its lower bound wide.
CREATE TABLE shop_day_durations (
  shop_id  BIGINT  NOT NULL COMMENT 'Shop',
  kind     TINYINT NOT NULL COMMENT '1 seconds from the request to the shop''s first answer (cases.first_answer_at), 2 seconds from the request to the close (cases.closed_at)',
  day      DATE    NOT NULL COMMENT 'UTC day the cases were opened',
  n        BIGINT  NOT NULL COMMENT 'Cases counted (answered, or closed) of those opened that day',
  hist     MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'The histogram: "bucket:count:seconds" by bucket (the cases of the bucket and the sum of their durations), comma separated (buckets as in the file''s header)',
  CONSTRAINT pk_shop_day_durations PRIMARY KEY (shop_id, kind, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: histograms per shop and opening day of the times to the first answer and to the close, for the medians of long periods; rebuilt by deskctl recount';

-- The backfill (the statements of deskctl recount, src/store/sql.c
-- SQL_SDD_ALL_*).
INSERT INTO shop_day_durations (shop_id, kind, day, n, hist) SELECT g.shop_id, 1, g.day, SUM(g.n), GROUP_CONCAT(g.b, ':', g.n, ':', g.t ORDER BY g.b SEPARATOR ',') FROM (SELECT x.shop_id, x.day, IF(x.s < 32, GREATEST(x.s, 0), (LENGTH(BIN(x.s)) - 5) * 16 + (x.s >> (LENGTH(BIN(x.s)) - 5))) AS b, COUNT(*) AS n, SUM(GREATEST(x.s, 0)) AS t FROM (SELECT c.shop_id, DATE(c.created_at) AS day, TIMESTAMPDIFF(SECOND, c.created_at, c.first_answer_at) AS s FROM cases c FORCE INDEX (ix_cases_shop_stats) WHERE 1 AND c.first_answer_at IS NOT NULL) x GROUP BY x.shop_id, x.day, b) g GROUP BY g.shop_id, g.day;
INSERT INTO shop_day_durations (shop_id, kind, day, n, hist) SELECT g.shop_id, 2, g.day, SUM(g.n), GROUP_CONCAT(g.b, ':', g.n, ':', g.t ORDER BY g.b SEPARATOR ',') FROM (SELECT x.shop_id, x.day, IF(x.s < 32, GREATEST(x.s, 0), (LENGTH(BIN(x.s)) - 5) * 16 + (x.s >> (LENGTH(BIN(x.s)) - 5))) AS b, COUNT(*) AS n, SUM(GREATEST(x.s, 0)) AS t FROM (SELECT c.shop_id, DATE(c.created_at) AS day, TIMESTAMPDIFF(SECOND, c.created_at, c.closed_at) AS s FROM cases c FORCE INDEX (ix_cases_shop_stats) WHERE 1 AND c.closed_at IS NOT NULL) x GROUP BY x.shop_id, x.day, b) g GROUP BY g.shop_id, g.day;

-- 2. The products of the statistics' default period (the 30 UTC days to
-- today): read per product and day from shop_day_stats, a period is as many
-- rows as products asked about or sold each day (26,000 for the heavy shop
-- at 1M cases). The worker keeps, per shop, that period's 200 products most
-- asked about, merged as the page merges them (src/store/stats_store.c),
-- again when one of the shop's days was recomputed or the day changed;
-- the page reads them when the period asked for is that one, and the days
-- otherwise.
CREATE TABLE shop_windows (
  shop_id   BIGINT  NOT NULL COMMENT 'Shop',
  win_from  DATE    NOT NULL COMMENT 'First UTC day of the period shop_window_skus holds (today - 29 days when kept)',
  win_to    DATE    NOT NULL COMMENT 'The UTC day after its last (tomorrow when kept); another day: due',
  dirty     TINYINT NOT NULL COMMENT '1 when one of the shop''s days was recomputed since: due',
  CONSTRAINT pk_shop_windows PRIMARY KEY (shop_id),
  CONSTRAINT ck_shop_windows_dirty CHECK (dirty IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: which period each shop''s shop_window_skus holds, and whether it is due again';

CREATE TABLE shop_window_skus (
  shop_id         BIGINT       NOT NULL COMMENT 'Shop',
  pos             INT          NOT NULL COMMENT 'Place in the list: most lines in cases first, then by SKU in byte order (1..200)',
  sku             VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL COMMENT 'Product (order_lines.sku)',
  title           VARCHAR(255) COLLATE utf8mb4_bin NOT NULL COMMENT 'Its title (the greatest of the period''s, in byte order)',
  sold            BIGINT       NOT NULL COMMENT 'Order lines paid in the period',
  cased           BIGINT       NOT NULL COMMENT 'Case lines opened in the period',
  refunded_cents  BIGINT       NOT NULL COMMENT 'Refunded on those case lines',
  CONSTRAINT pk_shop_window_skus PRIMARY KEY (shop_id, pos)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: a shop''s 200 products most asked about in the period of shop_windows, for the statistics page';

-- The backfill (deskctl recount's statements, SQL_SWS_*_ALL).
INSERT INTO shop_window_skus (shop_id, pos, sku, title, sold, cased, refunded_cents) SELECT r.shop_id, r.pos, r.k, r.title, r.sold, r.cased, r.cents FROM (SELECT g.*, ROW_NUMBER() OVER (PARTITION BY g.shop_id ORDER BY g.cased DESC, g.k) AS pos FROM (SELECT shop_id, k COLLATE utf8mb4_bin AS k, MAX(t COLLATE utf8mb4_bin) AS title, SUM(IF(kind = 11, a, 0)) AS sold, SUM(IF(kind = 4, a, 0)) AS cased, SUM(IF(kind = 4, b, 0)) AS cents FROM shop_day_stats WHERE kind IN (4, 11) AND day >= UTC_DATE() - INTERVAL 29 DAY AND day < UTC_DATE() + INTERVAL 1 DAY GROUP BY shop_id, k COLLATE utf8mb4_bin) g) r WHERE r.pos <= 200;
INSERT INTO shop_windows (shop_id, win_from, win_to, dirty) SELECT id, UTC_DATE() - INTERVAL 29 DAY, UTC_DATE() + INTERVAL 1 DAY, 0 FROM shops;

-- 3. The header's count of cases with news (every buyer and seller page)
-- joined each of the user's unread markers to its case (290 for the heavy
-- seller after one benchmark run's POSTs, as many as a busy seller leaves
-- unread). It is kept in kept_counts instead (kind 22, owner the user,
-- bucket 0: markers on open cases, a seller's count; bucket 1: all, a
-- buyer's), moved where markers are written and read and where a case
-- closes (src/store/talk_store.c, src/engine/locked.c), rebuilt by deskctl
-- recount; the backfill:

INSERT INTO kept_counts (kind, owner_id, bucket, n) SELECT 22, cu.user_id, b.b, SUM(IF(b.b = 0, c.queue_open, 1)) FROM case_unread cu JOIN cases c ON c.id = cu.case_id JOIN (SELECT 0 AS b UNION ALL SELECT 1) b GROUP BY cu.user_id, b.b;
