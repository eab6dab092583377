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

-- A request form refused for its fields keeps the photos it carried, as
-- sent and not yet decoded (they are decoded only when a retry passes the
-- rules), under the form's signed token, so the buyer does not choose them
-- again. Rows older than a day are purged.
CREATE TABLE held_uploads (
  id          BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Held file id (keep_<id> on the request form)',
  token_hash  BINARY(32)   NOT NULL COMMENT 'SHA-256 of the request form''s signed token the file came with',
  user_id     BIGINT       NOT NULL COMMENT 'Buyer who sent it (the token is signed for them only)',
  name        VARCHAR(255) NOT NULL COMMENT 'File name the browser sent, for display only',
  data        MEDIUMBLOB   NOT NULL COMMENT 'The file as sent (within the form''s count and size limits), not yet decoded',
  created_at  DATETIME     NOT NULL COMMENT 'When it was held (UTC)',
  CONSTRAINT pk_held_uploads PRIMARY KEY (id),
  CONSTRAINT fk_held_uploads_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ck_held_uploads_data CHECK (LENGTH(data) > 0),
  KEY ix_held_uploads_token (token_hash, user_id),
  KEY ix_held_uploads_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Photos of a refused request form, held for its retry under the form token';
