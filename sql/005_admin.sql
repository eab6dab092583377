-- 005_admin.sql: the platform's desk (issue 10): where a policy draft was copied from, why a version
-- was published, and the audit list of every admin action.

ALTER TABLE policies
  ADD COLUMN based_on_id BIGINT NULL COMMENT 'Draft: the published version it was copied from; it is published only while that version is still the current one (else someone else published first)' AFTER status,
  ADD COLUMN publish_note VARCHAR(500) NULL COMMENT 'What the admin wrote when publishing it (why it changed); NULL for a draft',
  ADD CONSTRAINT fk_policies_based_on FOREIGN KEY (based_on_id) REFERENCES policies (id),
  ADD INDEX ix_policies_draft (created_by, status);

CREATE TABLE admin_audit (
  id           BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Audit row id',
  admin_id     BIGINT       NULL COMMENT 'Admin who acted; NULL for deskctl on the server',
  action       VARCHAR(32)  NOT NULL COMMENT 'What was done: policy_publish, refund_retry, refund_manual, user_add, user_disable, user_reset, shop_add, ...',
  subject      VARCHAR(100) NOT NULL COMMENT 'What it was done to, e.g. "policy version 3", "refund 12", "user buyer1"',
  detail       VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'A few more words: the note, the reference',
  remote_addr  VARCHAR(45)  NOT NULL COMMENT 'Address the request came from (REMOTE_ADDR), or "deskctl" for the command line',
  created_at   DATETIME     NOT NULL COMMENT 'When it was done (UTC)',
  CONSTRAINT pk_admin_audit PRIMARY KEY (id),
  CONSTRAINT fk_admin_audit_admin FOREIGN KEY (admin_id) REFERENCES users (id),
  INDEX ix_admin_audit_when (created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Every admin action, append-only: who, what, when, from which address';

-- Searching every case newest first (keyset paging on created_at, id): by state, or by date alone.
ALTER TABLE cases
  ADD INDEX ix_cases_state_created (state, created_at),
  ADD INDEX ix_cases_created (created_at);

-- The analytics count the actions deadlines took, by the state they acted in.
ALTER TABLE timeline
  ADD INDEX ix_timeline_event_from (event, from_state);
