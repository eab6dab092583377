-- 014: the seller's statistics stay fast at a million cases (issue 9). The
-- median time to the shop's first answer probed the timeline once per case;
-- the case now keeps that moment itself: first_answer_at is set by the
-- engine (src/engine/locked.c timeline_add), in the transaction that writes
-- the shop's first timeline row of the case. The existing rows are filled
-- from the timeline, and ix_cases_shop_stats (sql/008) gets the column last,
-- so that the median is read from the index alone like the other figures;
-- policy_id too, so that the figures by reason (grouped by reason and
-- policy, then labelled from policy_reasons) are read from it alone as well.
ALTER TABLE cases
  ADD COLUMN first_answer_at DATETIME(3) NULL
    COMMENT 'When the shop first wrote on the case (its earliest timeline row with actor_role seller), NULL until then; set by the engine with that row';

UPDATE cases c
  JOIN (SELECT t.case_id, MIN(t.at) AS first_at FROM timeline t
        WHERE t.actor_role = 'seller' GROUP BY t.case_id) f ON f.case_id = c.id
  SET c.first_answer_at = f.first_at;

ALTER TABLE cases
  DROP KEY ix_cases_shop_stats,
  ADD KEY ix_cases_shop_stats (shop_id, created_at, state, refunded_cents, escalated_at, closed_at, fast_tracked,
                               reason_code, first_answer_at, policy_id);
