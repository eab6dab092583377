-- 021: one index fewer that moves with a case's state (issue 12). Every
-- change of state rewrites the entry of each index of cases that holds the
-- state (or a column generated from it): a seller's approval paid at once
-- touched 22 entries, most of them in pages of the shop's own range that
-- a large database no longer keeps in memory (the approval's p50 grew
-- 13 -> 51 ms from 10k to 1M cases). The approval is now one update
-- (src/engine/apply.c), and ix_cases_shop_queue (shop, state, deadline),
-- which no statement reads since the queue moved to the generated tab and
-- deadline columns (sql/004, tests/perf/explain.test), goes.
ALTER TABLE cases DROP KEY ix_cases_shop_queue;
