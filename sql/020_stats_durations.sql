-- 020: the seller's median durations at any size (issue 12). The statistics
-- page's two medians (time to the shop's first answer, time to the close)
-- read every case of the period (12,000 for the heavy shop of the 1M
-- benchmark). Here a histogram per shop and opening day of each duration,
-- kept by the worker with the shop's other figures of that day
-- (src/engine/aggregates.c; a (shop, day) is recomputed whole) and rebuilt
-- by deskctl recount, so that a long period's medians come from its days'
-- histograms (src/store/stats_store.c); a period of at most 1,000 cases
-- still reads them exactly from the cases.
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
