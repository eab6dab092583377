-- 010: the platform's desk, second part (issue 10). First, the platform
-- asks one side of an escalated case for more evidence: two states that wait
-- for the buyer or the seller until a deadline of the policy, then go back to
-- the platform by themselves.

ALTER TABLE policies
  ADD COLUMN evidence_request_hours INT NOT NULL DEFAULT 72
    COMMENT 'Hours the buyer or the seller has to send the evidence the platform asked for; then the case goes back to the platform with a timeline row saying none came'
    AFTER escalation_days,
  ADD CONSTRAINT ck_policies_evidence_request CHECK (evidence_request_hours > 0 AND evidence_request_hours <= 8760);

ALTER TABLE cases
  MODIFY COLUMN state ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed','evidence_from_buyer','evidence_from_seller') NOT NULL DEFAULT 'requested'
    COMMENT 'Current state, see DESIGN.md. Terminal: refunded, exchanged, closed. evidence_from_buyer / evidence_from_seller: escalated, the platform waits for more evidence from that side',
  MODIFY COLUMN queue_tab TINYINT AS (CASE
      WHEN state IN ('requested','return_shipped','reshipping','evidence_from_seller') THEN 1
      WHEN state IN ('offered','rejected','awaiting_return','replacement_shipped','evidence_from_buyer') THEN 2
      WHEN state = 'escalated' THEN 3
      WHEN state = 'refunding' THEN 4
      ELSE 5 END) PERSISTENT
    COMMENT 'Generated: the seller queue tab of the state: 1 waiting for the seller (also asked for evidence), 2 waiting for the buyer (also asked for evidence), 3 escalated, 4 refunding, 5 finished';

ALTER TABLE timeline
  MODIFY COLUMN from_state ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed','evidence_from_buyer','evidence_from_seller') NULL
    COMMENT 'State before the event, NULL for submit',
  MODIFY COLUMN to_state ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed','evidence_from_buyer','evidence_from_seller') NOT NULL
    COMMENT 'State after the event (same as from_state for message and add_evidence)';

-- Platform analytics at a million cases (issue 10): daily aggregates that
-- the worker keeps (src/engine/aggregates.c), recomputing each day whose
-- cases changed since its last pass (found from the timeline's ids), and
-- each changed case's time to decide and to close, indexed for medians.
CREATE TABLE daily_case_stats (
  day             DATE        NOT NULL COMMENT 'Day the cases were opened (UTC)',
  shop_id         BIGINT      NOT NULL COMMENT 'Shop of the cases',
  reason_code     VARCHAR(32) NOT NULL COMMENT 'Reason code of the cases',
  sku             VARCHAR(64) NOT NULL COMMENT 'SKU of the case''s first order line (lowest order_line_id): each case counts once, under that product',
  currency        CHAR(3)     NOT NULL COMMENT 'Currency of the amounts',
  state           ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed','evidence_from_buyer','evidence_from_seller') NOT NULL COMMENT 'State the cases are in as of the last pass',
  cases           INT         NOT NULL COMMENT 'Cases opened that day with these keys',
  fast_tracked    INT         NOT NULL COMMENT 'Of them, approved at once by the fast-track rule',
  escalated       INT         NOT NULL COMMENT 'Of them, escalated to the platform at some time',
  refunded_cents  BIGINT      NOT NULL COMMENT 'Refunded on them, in currency',
  fast_refunded_cents BIGINT  NOT NULL COMMENT 'Refunded on the fast-tracked ones, in currency',
  escalated_refunded_cents BIGINT NOT NULL COMMENT 'Refunded on the escalated ones, in currency',
  comp_given      INT         NOT NULL COMMENT 'Compensations given with them (with an accepted offer)',
  comp_cents      BIGINT      NOT NULL COMMENT 'Stated value of those compensations, in currency',
  CONSTRAINT pk_daily_case_stats PRIMARY KEY (day, shop_id, reason_code, sku, currency, state),
  KEY ix_daily_case_stats_shop (shop_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: cases per opening day, shop, reason, product, currency and current state; a day is recomputed whole when one of its cases changes';

CREATE TABLE case_durations (
  case_id      BIGINT NOT NULL COMMENT 'Case',
  decide_secs  BIGINT NULL COMMENT 'Seconds from the request to its first answer (approve, reject, offer or the deadline), NULL while unanswered or when withdrawn first',
  close_secs   BIGINT NULL COMMENT 'Seconds from the request to the end of the case, NULL while open',
  CONSTRAINT pk_case_durations PRIMARY KEY (case_id),
  CONSTRAINT fk_case_durations_case FOREIGN KEY (case_id) REFERENCES cases (id),
  KEY ix_case_durations_decide (decide_secs),
  KEY ix_case_durations_close (close_secs)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker: how long each case took to be decided and to close; medians read the indexes';

CREATE TABLE aggregate_marks (
  name     VARCHAR(32) NOT NULL COMMENT 'What is followed: timeline',
  last_id  BIGINT      NOT NULL COMMENT 'Highest timeline id already folded into daily_case_stats and case_durations',
  CONSTRAINT pk_aggregate_marks PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='How far the worker''s aggregates have read; one row, locked by the pass that moves it';

INSERT INTO aggregate_marks (name, last_id) VALUES ('timeline', 0);
