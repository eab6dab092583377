-- 016: the platform's desk fast at a million cases (issue 12). Every admin
-- list is a keyset page over an index that serves its filter and its sort;
-- the totals over every refund and case, and the analytics tables, are read
-- from admin_stats, which the worker refills (src/engine/aggregates.c,
-- admin_aggregates_pass) and which says as of when.

-- The platform's queue: escalated cases and those waiting for evidence the
-- platform asked for, soonest deadline first (past deadlines lead).
ALTER TABLE cases
  ADD COLUMN platform_queue TINYINT AS (IF(state IN ('escalated','evidence_from_buyer','evidence_from_seller'), 1, 0)) PERSISTENT
    COMMENT 'Generated: 1 while the case waits for the platform (escalated, or evidence the platform asked for), else 0',
  ADD KEY ix_cases_platform_queue (platform_queue, deadline_sort, id),
  ADD KEY ix_cases_policy_open (policy_id, queue_open);

-- The ledger's views: what needs a person (failed, or pending after a failed
-- attempt), pending, succeeded; each newest first.
ALTER TABLE refunds
  ADD COLUMN ledger_tab TINYINT AS (CASE
      WHEN status = 'failed' THEN 1
      WHEN status = 'pending' AND last_error IS NOT NULL THEN 1
      WHEN status = 'pending' THEN 2
      ELSE 3 END) PERSISTENT
    COMMENT 'Generated: the ledger view of the row: 1 needs attention (given up, or failing and retried), 2 pending, 3 succeeded',
  ADD KEY ix_refunds_ledger_tab (ledger_tab, created_at, id),
  ADD KEY ix_refunds_ledger_all (created_at, id);

-- Accounts: by role, newest first; the staff (sellers and admins) together.
ALTER TABLE users
  ADD COLUMN staff TINYINT AS (IF(role = 'buyer', 0, 1)) PERSISTENT
    COMMENT 'Generated: 1 for sellers and admins, 0 for buyers (the accounts page lists the staff first)',
  ADD KEY ix_users_role_id (role, id),
  ADD KEY ix_users_staff_id (staff, id);

-- The audit list, newest first, keyset on (created_at, id): ix_admin_audit_when
-- (sql/005) serves it. The policy versions: by version (uq_policies_version);
-- their open cases counted by the worker over ix_cases_policy_open.

-- What the worker keeps for the admin's totals and analytics.
CREATE TABLE admin_stats (
  tbl            VARCHAR(16) NOT NULL COMMENT 'Which figures: refunds (k1 status, k2 currency), reconcile (k1 problem, ref_id subject, sort_n value), shops (k1 shop name, k2 currency, ref_id shop), reasons, skus (k1 code, k2 currency, sort_n cases), months (k1 yyyy-mm, k2 currency), outcomes (k1 kind, k2 state), median (k1 decide or close, sort_n seconds, cases how many), as_of (k1 ledger, analytics or reconcile; sort_n unix time of its refill)',
  k1             VARCHAR(100) NOT NULL COMMENT 'First key, see tbl',
  k2             VARCHAR(32)  NOT NULL COMMENT 'Second key, see tbl',
  ref_id         BIGINT       NOT NULL DEFAULT 0 COMMENT 'The shop, case, line or refund a row is about, 0 when none',
  sort_n         BIGINT       NOT NULL DEFAULT 0 COMMENT 'What the table is sorted by when not its keys (cases for reasons and skus), or a value',
  orders         BIGINT       NOT NULL DEFAULT 0 COMMENT 'Orders (shops)',
  cases          BIGINT       NOT NULL DEFAULT 0 COMMENT 'Cases, or executions (refunds), or how many (median)',
  refunded       BIGINT       NOT NULL DEFAULT 0 COMMENT 'Of them, refunded',
  refunded_cents BIGINT       NOT NULL DEFAULT 0 COMMENT 'Amount refunded, or the executions'' amount (refunds), in k2 or the currency of the row',
  fast           BIGINT       NOT NULL DEFAULT 0 COMMENT 'Of them, fast-tracked',
  escalated      BIGINT       NOT NULL DEFAULT 0 COMMENT 'Of them, escalated',
  comp_given     BIGINT       NOT NULL DEFAULT 0 COMMENT 'Compensations given',
  comp_cents     BIGINT       NOT NULL DEFAULT 0 COMMENT 'Their stated value',
  CONSTRAINT pk_admin_stats PRIMARY KEY (tbl, k1, k2, ref_id),
  KEY ix_admin_stats_sort (tbl, sort_n DESC, k1, k2)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Kept by the worker (admin_aggregates_pass): the admin''s totals, reconciliation and analytics tables, refilled whole, as of the as_of row';

INSERT INTO admin_stats (tbl, k1, k2, ref_id, sort_n)
  VALUES ('as_of', 'ledger', '', 0, 0), ('as_of', 'analytics', '', 0, 0),
         ('as_of', 'reconcile', '', 0, 0);
