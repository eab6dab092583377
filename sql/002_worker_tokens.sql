-- 002: signed form tokens (only their use is stored), rejected_at, and the
-- worker's claim index. Nothing is written when a page draws a form: a
-- token is signed with the configuration's form_secret, and its use is
-- recorded inside the action's transaction under a UNIQUE key.

DROP TABLE form_tokens;

CREATE TABLE form_token_uses (
  token_hash  BINARY(32)   NOT NULL COMMENT 'SHA-256 of the signed token that was sent (its use makes it spent)',
  user_id     BIGINT       NOT NULL COMMENT 'User who sent it (the token is signed for them only)',
  case_id     BIGINT       NULL COMMENT 'Case the form acted on, NULL for a request form (opening a case)',
  purpose     VARCHAR(32)  NOT NULL COMMENT 'Action the token was signed for, e.g. approve_refund, open',
  outcome     VARCHAR(255) NOT NULL COMMENT 'Result of the first use, answered again to a replay (e.g. "approve_refund 1200", or the new case id)',
  used_at     DATETIME     NOT NULL COMMENT 'When it was spent (UTC); rows older than the longest session are purged',
  CONSTRAINT pk_form_token_uses PRIMARY KEY (token_hash),
  CONSTRAINT fk_form_token_uses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_form_token_uses_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT ck_form_token_uses_purpose CHECK (purpose <> ''),
  KEY ix_form_token_uses_used (used_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Spent one-time form tokens: a replay of the same token gets the first outcome again';

ALTER TABLE cases
  ADD COLUMN rejected_at DATETIME NULL COMMENT 'When the seller last refused the request (escalation_days run from here); NULL if never'
    AFTER escalated_at,
  MODIFY close_reason VARCHAR(32) NULL COMMENT 'Why a case ended: cancelled, expired, ruled_reject, exchanged or refunded (enum close_reason in src/core/machine.h); NULL while open';

UPDATE cases c
  SET c.rejected_at = (SELECT MAX(t.at) FROM timeline t
                        WHERE t.case_id = c.id AND t.to_state = 'rejected')
  WHERE c.state = 'rejected';
