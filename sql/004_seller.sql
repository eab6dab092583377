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

CREATE TABLE compensations (
  id           BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Compensation id',
  offer_id     BIGINT       NOT NULL COMMENT 'Offer it is part of; accepted, declined or expired with it (offers.status)',
  case_id      BIGINT       NOT NULL COMMENT 'Case of the offer (copied for the case page and statistics)',
  kind         ENUM('coupon','gift','free_shipping','postage_refund') NOT NULL COMMENT 'coupon (value, code, expiry), gift (described), free_shipping (on the next order), postage_refund (return postage paid back)',
  value_cents  BIGINT       NULL COMMENT 'Value of a coupon or of the postage refunded, in currency; NULL for a gift or free shipping without a stated value',
  currency     CHAR(3)      NOT NULL COMMENT 'ISO 4217 currency of value_cents (the case currency)',
  coupon_code  VARCHAR(64)  NULL COMMENT 'Code of a coupon, if the shop gives one',
  expires_on   DATE         NULL COMMENT 'Last day a coupon can be used, NULL = no expiry',
  description  VARCHAR(255) NULL COMMENT 'What the gift is, or the terms of the compensation as the seller wrote them',
  created_at   DATETIME     NOT NULL COMMENT 'When it was offered (UTC)',
  CONSTRAINT pk_compensations PRIMARY KEY (id),
  CONSTRAINT uq_compensations_offer UNIQUE (offer_id),
  CONSTRAINT fk_compensations_offer FOREIGN KEY (offer_id) REFERENCES offers (id),
  CONSTRAINT fk_compensations_case FOREIGN KEY (case_id, currency) REFERENCES cases (id, currency),
  CONSTRAINT ck_compensations_value CHECK (value_cents IS NULL OR value_cents > 0),
  CONSTRAINT ck_compensations_kind CHECK (
    (kind NOT IN ('coupon','postage_refund') OR value_cents IS NOT NULL)
    AND (kind <> 'gift' OR description IS NOT NULL)
    AND (kind = 'coupon' OR (coupon_code IS NULL AND expires_on IS NULL))),
  KEY ix_compensations_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Structured compensation offered with a settlement (coupon, gift, free shipping, return postage), never free text only';
