-- 004: the seller's desk (issue 9): the queue's tabs and sort keys as
-- generated columns under indexes that serve every tab, sort and keyset
-- page without a filesort, and the indexes the queue's search needs.

ALTER TABLE cases
  ADD COLUMN queue_tab TINYINT AS (CASE
      WHEN state IN ('requested','return_shipped','reshipping') THEN 1
      WHEN state IN ('offered','rejected','awaiting_return','replacement_shipped') THEN 2
      WHEN state = 'escalated' THEN 3
      WHEN state = 'refunding' THEN 4
      ELSE 5 END) PERSISTENT
    COMMENT 'Generated: the seller queue tab of the state: 1 waiting for the seller, 2 waiting for the buyer, 3 escalated, 4 refunding, 5 finished',
  ADD COLUMN queue_open TINYINT AS (IF(state IN ('refunded','exchanged','closed'), 0, 1)) PERSISTENT
    COMMENT 'Generated: 1 while the case is open (the all-open tab), 0 once terminal',
  ADD COLUMN deadline_sort DATETIME AS (IFNULL(deadline_at, TIMESTAMP '9999-12-31 00:00:00')) PERSISTENT
    COMMENT 'Generated: deadline_at, or 9999-12-31 when none, so that soonest-deadline order is one index order',
  ADD KEY ix_cases_seller_tab_deadline (shop_id, queue_tab, deadline_sort, id),
  ADD KEY ix_cases_seller_tab_created (shop_id, queue_tab, created_at, id),
  ADD KEY ix_cases_seller_open_deadline (shop_id, queue_open, deadline_sort, id),
  ADD KEY ix_cases_seller_open_created (shop_id, queue_open, created_at, id),
  ADD COLUMN refuse_reason VARCHAR(32) NULL
    COMMENT 'Code of the reason from the list the seller last refused the request with (enum refusal in src/core/machine.h: used, window, evidence, as_described, incomplete, other), NULL if never or none given';

ALTER TABLE order_lines
  ADD KEY ix_order_lines_sku (sku);

ALTER TABLE users
  ADD KEY ix_users_display_name (display_name);
