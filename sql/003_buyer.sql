-- 003: the buyer's desk, second round (issue 8). Each reason says from
-- when its window counts: a parcel that never came, or an order that never
-- shipped, must stay refundable while that lasts, whatever the days since
-- payment.

ALTER TABLE policy_reasons
  ADD COLUMN window_from ENUM('delivery','undelivered','unshipped') NOT NULL DEFAULT 'delivery'
    COMMENT 'When the window counts from: delivery (days after delivery, after payment while undelivered), undelivered (no end while the order is undelivered, then days after delivery), unshipped (no end while the order is unshipped, closed once it ships)'
    AFTER window_days;

-- The reasons for goods that did not arrive were refused 7 days after
-- payment: a wrong rule, corrected in every version.
UPDATE policy_reasons SET window_from = 'unshipped'
  WHERE needs_unshipped = 1;
UPDATE policy_reasons SET window_from = 'undelivered'
  WHERE needs_not_received = 1 AND needs_unshipped = 0;
