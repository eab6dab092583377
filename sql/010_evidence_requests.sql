-- 010: the platform asks one side of an escalated case for more evidence
-- (issue 10): two states that wait for the buyer or the seller until a
-- deadline of the policy, then go back to the platform by themselves.

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
