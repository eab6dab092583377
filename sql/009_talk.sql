-- 009: the shop's conversation and staff (issue 9) and in-desk unread
-- markers (issue 11): a case assigned to one of the shop's staff, the
-- staff's internal notes (a table of their own, which no page or statement
-- of the buyer's desk reads), and the unread markers of each user.

ALTER TABLE cases
  ADD COLUMN assigned_to BIGINT NULL
    COMMENT 'Seller account of the case''s shop the case is assigned to, NULL = nobody; history in case_notes (kind assign)',
  ADD CONSTRAINT fk_cases_assigned FOREIGN KEY (assigned_to) REFERENCES users (id),
  ADD KEY ix_cases_assigned_deadline (assigned_to, queue_open, deadline_sort, id),
  ADD KEY ix_cases_assigned_created (assigned_to, queue_open, created_at, id);

CREATE TABLE case_notes (
  id           BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Note id, orders the notes of a case',
  case_id      BIGINT       NOT NULL COMMENT 'Case',
  at           DATETIME(3)  NOT NULL COMMENT 'When it was written (UTC, milliseconds)',
  author_id    BIGINT       NOT NULL COMMENT 'Seller of the case''s shop or platform admin who wrote it',
  author_role  ENUM('seller','admin') NOT NULL COMMENT 'Role the author wrote in; buyers never write or read notes',
  kind         ENUM('note','assign') NOT NULL COMMENT 'note: free text for the staff; assign: the case was assigned to assignee_id (NULL = unassigned)',
  assignee_id  BIGINT       NULL COMMENT 'For kind assign: the seller the case was assigned to, NULL = nobody',
  body         TEXT         NULL COMMENT 'For kind note: the text',
  CONSTRAINT pk_case_notes PRIMARY KEY (id),
  CONSTRAINT fk_case_notes_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_case_notes_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_case_notes_assignee FOREIGN KEY (assignee_id) REFERENCES users (id),
  CONSTRAINT ck_case_notes_kind CHECK ((kind = 'note') = (body IS NOT NULL AND body <> '')
    AND (kind = 'assign' OR assignee_id IS NULL)),
  KEY ix_case_notes_case (case_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Internal notes and assignments of a case, for the shop''s staff and the platform; never shown to the buyer; append-only';

CREATE TABLE case_unread (
  user_id   BIGINT   NOT NULL COMMENT 'User for whom the case has news: a seller of its shop, or its buyer',
  case_id   BIGINT   NOT NULL COMMENT 'Case',
  first_id  BIGINT   NOT NULL COMMENT 'First timeline.id the user has not seen',
  last_id   BIGINT   NOT NULL COMMENT 'Latest timeline.id the user has not seen; marking read up to it deletes the row',
  message   TINYINT  NOT NULL DEFAULT 0 COMMENT '1 when one of the unseen rows is a message (the queue''s "has a new message" filter)',
  CONSTRAINT pk_case_unread PRIMARY KEY (user_id, case_id),
  CONSTRAINT fk_case_unread_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_case_unread_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT ck_case_unread_ids CHECK (first_id <= last_id AND message IN (0, 1)),
  KEY ix_case_unread_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Unread markers: written with each timeline row (by a POST or the worker) for the other side, deleted by a POST that marks the case read; never written by a GET';
