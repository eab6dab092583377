-- refund-desk schema, migration 001: the whole initial schema.
--
-- Conventions (read these before adding a migration):
--   * MariaDB 10.11, InnoDB, utf8mb4 / utf8mb4_unicode_ci. Every table and every column has a
--     COMMENT. Constraints are named (pk_/uq_/fk_/ck_/ix_ + table) so that error 1062 (duplicate
--     key), 1451/1452 (foreign key) and 4025 (CHECK) name the rule that refused the row.
--   * Ids are BIGINT (signed, to match int64_t in C) AUTO_INCREMENT.
--   * Money is BIGINT minor units (cents, fen) next to a CHAR(3) ISO 4217 currency code. Never
--     floating point. CHECK constraints keep amounts non-negative and within what was paid.
--   * Times are DATETIME in UTC. The application sets time_zone = '+00:00' on every connection and
--     passes every time itself (no DEFAULT CURRENT_TIMESTAMP), so tests can run on a fake clock.
--   * Booleans are TINYINT 0/1 with a CHECK.
--   * "At most one X" rules use a generated marker column that is 1 when the row counts and NULL
--     otherwise, under a UNIQUE key (NULLs never collide): one default address per shop, one
--     current policy, one open case per order line, one successful refund per case.
--   * Composite foreign keys tie rows that must agree: a case has the shop, buyer and currency of
--     its order, a case line belongs to the order of its case, a case reason exists in the frozen
--     policy version.
--   * Plain CREATE TABLE: a migration runner records which files ran. The file has no DELIMITER,
--     no triggers, and no semicolon inside comments or strings, so any statement splitter works.
--   * The application account needs SELECT, INSERT, UPDATE, DELETE only. Timeline rows are
--     append-only by rule of the code (never UPDATE or DELETE timeline).

-- ---------------------------------------------------------------------------------------------
-- Shops and people
-- ---------------------------------------------------------------------------------------------

CREATE TABLE shops (
  id          BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Shop id',
  name        VARCHAR(100) NOT NULL COMMENT 'Shop name as shown to buyers, may mix Chinese and English',
  currency    CHAR(3)      NOT NULL DEFAULT 'CNY' COMMENT 'ISO 4217 currency the shop sells in',
  disabled    TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = shop suspended by an admin',
  created_at  DATETIME     NOT NULL COMMENT 'When the shop was registered (UTC)',
  CONSTRAINT pk_shops PRIMARY KEY (id),
  CONSTRAINT uq_shops_name UNIQUE (name),
  CONSTRAINT ck_shops_currency CHECK (currency REGEXP BINARY '^[A-Z]{3}$'),
  CONSTRAINT ck_shops_disabled CHECK (disabled IN (0, 1)),
  CONSTRAINT ck_shops_name CHECK (name <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Shops selling on the marketplace, each run by seller accounts';

CREATE TABLE shop_addresses (
  id              BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Address id',
  shop_id         BIGINT       NOT NULL COMMENT 'Shop that receives returns here',
  label           VARCHAR(64)  NOT NULL COMMENT 'Short name for sellers, e.g. main warehouse',
  recipient       VARCHAR(100) NOT NULL COMMENT 'Person or department the buyer writes on the parcel',
  phone           VARCHAR(32)  NOT NULL COMMENT 'Phone number for the carrier',
  address         TEXT         NOT NULL COMMENT 'Full postal address (province, city, district, street, building)',
  is_default      TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = the address given to buyers when a return is approved automatically',
  default_marker  TINYINT      AS (IF(is_default, 1, NULL)) PERSISTENT COMMENT 'Generated: 1 for the default address, NULL otherwise (UNIQUE per shop = at most one default)',
  archived_at     DATETIME     NULL COMMENT 'When sellers removed the address (kept because cases refer to it), NULL = in use',
  created_at      DATETIME     NOT NULL COMMENT 'When the address was added (UTC)',
  CONSTRAINT pk_shop_addresses PRIMARY KEY (id),
  CONSTRAINT uq_shop_addresses_default UNIQUE (shop_id, default_marker),
  CONSTRAINT fk_shop_addresses_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT ck_shop_addresses_default CHECK (is_default IN (0, 1)),
  CONSTRAINT ck_shop_addresses_archived CHECK (is_default = 0 OR archived_at IS NULL),
  CONSTRAINT ck_shop_addresses_text CHECK (label <> '' AND recipient <> '' AND phone <> '' AND address <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Return addresses of a shop, at most one default per shop';

CREATE TABLE users (
  id             BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'User id',
  role           ENUM('buyer','seller','admin') NOT NULL COMMENT 'What the account may do: buyer (own orders), seller (one shop), admin (platform)',
  login          VARCHAR(64)  NOT NULL COMMENT 'Login name, unique without regard to case',
  display_name   VARCHAR(100) NOT NULL COMMENT 'Name shown to other parties and in timelines',
  password_hash  VARCHAR(255) NOT NULL COMMENT 'crypt(3) hash, yescrypt ($y$) preferred, upgraded on login when crypt_checksalt says so',
  shop_id        BIGINT       NULL COMMENT 'Shop a seller works for, NULL for buyers and admins',
  timezone       VARCHAR(64)  NOT NULL DEFAULT 'Asia/Shanghai' COMMENT 'IANA time zone used to display times to this user',
  locale         VARCHAR(16)  NOT NULL DEFAULT 'zh-CN' COMMENT 'Preferred UI language (zh-CN or en)',
  disabled       TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = may not log in (sessions are deleted when set)',
  created_at     DATETIME     NOT NULL COMMENT 'When the account was created (UTC)',
  CONSTRAINT pk_users PRIMARY KEY (id),
  CONSTRAINT uq_users_login UNIQUE (login),
  CONSTRAINT fk_users_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT ck_users_shop CHECK ((role = 'seller') = (shop_id IS NOT NULL)),
  CONSTRAINT ck_users_disabled CHECK (disabled IN (0, 1)),
  CONSTRAINT ck_users_text CHECK (login <> '' AND CHAR_LENGTH(login) = CHAR_LENGTH(TRIM(login)) AND display_name <> '' AND timezone <> '' AND locale <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Accounts of buyers, sellers and platform admins';

CREATE TABLE sessions (
  id_hash       BINARY(32)   NOT NULL COMMENT 'SHA-256 of the session cookie token (the token itself is never stored)',
  user_id       BIGINT       NOT NULL COMMENT 'Logged-in user',
  csrf_token    CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Per-session CSRF token, 32 random bytes in unpadded base64url',
  created_at    DATETIME     NOT NULL COMMENT 'Login time (UTC), for the absolute session lifetime',
  last_seen_at  DATETIME     NOT NULL COMMENT 'Last request (UTC), for the idle timeout',
  user_agent    VARCHAR(255) NULL COMMENT 'User-Agent at login, truncated, shown in the account page',
  CONSTRAINT pk_sessions PRIMARY KEY (id_hash),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ck_sessions_csrf CHECK (CHAR_LENGTH(csrf_token) = 43),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_last_seen (last_seen_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Server-side login sessions keyed by the hash of the cookie';

CREATE TABLE login_failures (
  id         BIGINT   NOT NULL AUTO_INCREMENT COMMENT 'Row id',
  user_id    BIGINT   NOT NULL COMMENT 'Account whose password was wrong',
  failed_at  DATETIME NOT NULL COMMENT 'When the failed attempt happened (UTC)',
  CONSTRAINT pk_login_failures PRIMARY KEY (id),
  CONSTRAINT fk_login_failures_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  KEY ix_login_failures_user_at (user_id, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Failed password attempts per account, for throttling and lockout';

-- ---------------------------------------------------------------------------------------------
-- Orders (imported from the shop platform)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE orders (
  id                BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Order id',
  order_no          VARCHAR(32)  NOT NULL COMMENT 'Order number of the shop platform, shown to everyone',
  shop_id           BIGINT       NOT NULL COMMENT 'Selling shop',
  buyer_id          BIGINT       NOT NULL COMMENT 'Buying user',
  currency          CHAR(3)      NOT NULL COMMENT 'ISO 4217 currency of every amount in the order',
  total_paid_cents  BIGINT       NOT NULL COMMENT 'What the buyer paid for the whole order, equals the sum of order_lines.paid_cents',
  paid_at           DATETIME     NOT NULL COMMENT 'Payment time (UTC)',
  shipped_at        DATETIME     NULL COMMENT 'When the shop shipped the parcel, NULL = not shipped yet',
  delivered_at      DATETIME     NULL COMMENT 'When the carrier reported delivery, NULL = not delivered, start of the return window',
  ship_carrier      VARCHAR(64)  NULL COMMENT 'Carrier of the outbound parcel',
  ship_waybill      VARCHAR(64)  NULL COMMENT 'Waybill (tracking) number of the outbound parcel',
  created_at        DATETIME     NOT NULL COMMENT 'When the order was imported into the desk (UTC)',
  CONSTRAINT pk_orders PRIMARY KEY (id),
  CONSTRAINT uq_orders_order_no UNIQUE (order_no),
  CONSTRAINT uq_orders_parties UNIQUE (id, shop_id, buyer_id, currency),
  CONSTRAINT fk_orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT fk_orders_buyer FOREIGN KEY (buyer_id) REFERENCES users (id),
  CONSTRAINT ck_orders_currency CHECK (currency REGEXP BINARY '^[A-Z]{3}$'),
  CONSTRAINT ck_orders_total CHECK (total_paid_cents >= 0),
  CONSTRAINT ck_orders_shipping CHECK (
    (shipped_at IS NULL OR shipped_at >= paid_at)
    AND (delivered_at IS NULL OR (shipped_at IS NOT NULL AND delivered_at >= shipped_at))
    AND (shipped_at IS NOT NULL OR (ship_carrier IS NULL AND ship_waybill IS NULL))),
  KEY ix_orders_buyer_paid (buyer_id, paid_at),
  KEY ix_orders_shop_paid (shop_id, paid_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Paid orders imported from the shop platform, one shop and one buyer each';

CREATE TABLE order_lines (
  id                BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Order line id',
  order_id          BIGINT       NOT NULL COMMENT 'Order the line belongs to',
  line_no           INT          NOT NULL COMMENT 'Position in the order, from 1',
  sku               VARCHAR(64)  NOT NULL COMMENT 'Stock keeping unit of the shop (product and variant)',
  title             VARCHAR(255) NOT NULL COMMENT 'Product title at the time of purchase',
  quantity          INT          NOT NULL COMMENT 'Units bought',
  unit_price_cents  BIGINT       NOT NULL COMMENT 'List price of one unit',
  paid_cents        BIGINT       NOT NULL COMMENT 'What the buyer paid for the line after discounts, the most that can ever be refunded for it',
  refunded_cents    BIGINT       NOT NULL DEFAULT 0 COMMENT 'Sum of successful refunds allocated to this line',
  pending_cents     BIGINT       NOT NULL DEFAULT 0 COMMENT 'Amount held by open cases and refunds in flight, released when they close or settle',
  CONSTRAINT pk_order_lines PRIMARY KEY (id),
  CONSTRAINT uq_order_lines_no UNIQUE (order_id, line_no),
  CONSTRAINT uq_order_lines_order UNIQUE (id, order_id),
  CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT ck_order_lines_line_no CHECK (line_no > 0),
  CONSTRAINT ck_order_lines_quantity CHECK (quantity > 0),
  CONSTRAINT ck_order_lines_price CHECK (unit_price_cents >= 0 AND paid_cents >= 0),
  CONSTRAINT ck_order_lines_refundable CHECK (refunded_cents >= 0 AND pending_cents >= 0 AND refunded_cents + pending_cents <= paid_cents),
  CONSTRAINT ck_order_lines_text CHECK (sku <> '' AND title <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Lines of an order: refundable = paid_cents - refunded_cents - pending_cents';

-- ---------------------------------------------------------------------------------------------
-- Return policy (versioned, a published version is immutable)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE policies (
  id                             BIGINT   NOT NULL AUTO_INCREMENT COMMENT 'Policy row id (drafts too)',
  version                        INT      NULL COMMENT 'Version number, set when published (1, 2, ...), NULL for a draft',
  status                         ENUM('draft','published','retired') NOT NULL DEFAULT 'draft' COMMENT 'draft (editable), published (the current version, immutable), retired (an earlier version, immutable, still governs its cases)',
  current_marker                 TINYINT  AS (IF(status = 'published', 1, NULL)) PERSISTENT COMMENT 'Generated: 1 for the published version, NULL otherwise (UNIQUE = at most one current version)',
  return_window_days             INT      NOT NULL COMMENT 'Days after delivery during which a case may be opened (reasons may have their own window)',
  seller_response_hours          INT      NOT NULL COMMENT 'Deadline for the seller on a requested case, then the system approves',
  buyer_response_hours           INT      NOT NULL COMMENT 'Deadline for the buyer on an offered or rejected case, then it closes',
  buyer_ship_days                INT      NOT NULL COMMENT 'Days the buyer has to ship the goods back and enter the waybill, then the case closes',
  seller_receive_days            INT      NOT NULL COMMENT 'Days the seller has to confirm receipt of a return, then receipt is confirmed automatically',
  seller_reship_days             INT      NOT NULL COMMENT 'Days the seller has to ship a replacement, then the exchange becomes a refund',
  buyer_confirm_days             INT      NOT NULL COMMENT 'Days the buyer has to confirm a replacement arrived, then it is confirmed automatically',
  platform_ruling_days           INT      NOT NULL COMMENT 'Days the platform has to rule on an escalated case (shown as overdue, no automatic action)',
  escalation_days                INT      NOT NULL COMMENT 'Days after a rejection during which the buyer may escalate to the platform',
  max_attempts                   INT      NOT NULL COMMENT 'Most cases an order line may ever be part of',
  evidence_max_files             INT      NOT NULL COMMENT 'Most evidence files per case',
  evidence_max_bytes             INT      NOT NULL COMMENT 'Largest evidence file in bytes (at most 16 MiB - 1, the MEDIUMBLOB limit)',
  evidence_types                 VARCHAR(255) NOT NULL COMMENT 'Accepted media types, comma separated, e.g. image/jpeg,image/png,image/webp',
  fast_track_enabled             TINYINT  NOT NULL DEFAULT 0 COMMENT '1 = fast track (automatic approval of low-risk refund-only requests) is on',
  fast_track_max_cents           BIGINT   NOT NULL DEFAULT 0 COMMENT 'Fast track applies to requests of at most this amount (in the order currency)',
  fast_track_max_recent_refunds  INT      NOT NULL DEFAULT 1 COMMENT 'Fast track applies when the buyer had fewer than this many refunds in the recent period',
  fast_track_recent_days         INT      NOT NULL DEFAULT 30 COMMENT 'Length of the recent period for fast_track_max_recent_refunds, in days',
  text_en                        TEXT     NOT NULL COMMENT 'Policy text for buyers, English, plain text with blank lines between paragraphs',
  text_zh                        TEXT     NOT NULL COMMENT 'Policy text for buyers, Chinese, plain text with blank lines between paragraphs',
  created_at                     DATETIME NOT NULL COMMENT 'When the draft was created (UTC)',
  created_by                     BIGINT   NULL COMMENT 'Admin who created the draft',
  updated_at                     DATETIME NULL COMMENT 'Last edit of the draft (UTC)',
  published_at                   DATETIME NULL COMMENT 'When it was published (UTC), NULL for a draft',
  published_by                   BIGINT   NULL COMMENT 'Admin who published it',
  retired_at                     DATETIME NULL COMMENT 'When a newer version replaced it (UTC)',
  CONSTRAINT pk_policies PRIMARY KEY (id),
  CONSTRAINT uq_policies_version UNIQUE (version),
  CONSTRAINT uq_policies_current UNIQUE (current_marker),
  CONSTRAINT fk_policies_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT fk_policies_published_by FOREIGN KEY (published_by) REFERENCES users (id),
  CONSTRAINT ck_policies_version CHECK ((status = 'draft') = (version IS NULL) AND (version IS NULL OR version > 0)),
  CONSTRAINT ck_policies_published_at CHECK ((status = 'draft') = (published_at IS NULL)),
  CONSTRAINT ck_policies_deadlines CHECK (
    return_window_days > 0 AND return_window_days <= 365
    AND seller_response_hours > 0 AND buyer_response_hours > 0
    AND buyer_ship_days > 0 AND seller_receive_days > 0 AND seller_reship_days > 0
    AND buyer_confirm_days > 0 AND platform_ruling_days > 0 AND escalation_days > 0),
  CONSTRAINT ck_policies_attempts CHECK (max_attempts > 0),
  CONSTRAINT ck_policies_evidence CHECK (
    evidence_max_files > 0 AND evidence_max_files <= 50
    AND evidence_max_bytes > 0 AND evidence_max_bytes <= 16777215 AND evidence_types <> ''),
  CONSTRAINT ck_policies_fast_track CHECK (
    fast_track_enabled IN (0, 1) AND fast_track_max_cents >= 0
    AND fast_track_max_recent_refunds > 0 AND fast_track_recent_days > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Return policy versions: drafts, the one published version, retired versions';

CREATE TABLE policy_reasons (
  id                   BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Reason row id',
  policy_id            BIGINT       NOT NULL COMMENT 'Policy version the reason belongs to',
  code                 VARCHAR(32)  NOT NULL COMMENT 'Stable machine code, e.g. quality, the same across versions for statistics',
  label_en             VARCHAR(100) NOT NULL COMMENT 'Label shown to buyers, English',
  label_zh             VARCHAR(100) NOT NULL COMMENT 'Label shown to buyers, Chinese',
  explain_en           TEXT         NOT NULL COMMENT 'When to choose it and what happens, English',
  explain_zh           TEXT         NOT NULL COMMENT 'When to choose it and what happens, Chinese',
  allow_refund_only    TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = may be used for a refund-only case',
  allow_return_refund  TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = may be used for a return-and-refund case',
  allow_exchange       TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = may be used for an exchange case',
  evidence_required    TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = the buyer must attach at least one photo',
  shipping_payer       ENUM('buyer','seller') NOT NULL COMMENT 'Who pays return shipping under this reason',
  window_days          INT          NULL COMMENT 'Own window in days after delivery, NULL = the policy return_window_days',
  needs_received       TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = only when the buyer has received the goods (order delivered)',
  needs_not_received   TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = only when the goods were not received (order undelivered or buyer says not received)',
  needs_unshipped      TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = only while the order has not been shipped',
  fast_track           TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = the fast-track rule may approve cases with this reason',
  sort_order           INT          NOT NULL DEFAULT 0 COMMENT 'Display order in the reason list, ascending',
  CONSTRAINT pk_policy_reasons PRIMARY KEY (id),
  CONSTRAINT uq_policy_reasons_code UNIQUE (policy_id, code),
  CONSTRAINT fk_policy_reasons_policy FOREIGN KEY (policy_id) REFERENCES policies (id) ON DELETE CASCADE,
  CONSTRAINT ck_policy_reasons_flags CHECK (
    allow_refund_only IN (0, 1) AND allow_return_refund IN (0, 1) AND allow_exchange IN (0, 1)
    AND evidence_required IN (0, 1) AND needs_received IN (0, 1) AND needs_not_received IN (0, 1)
    AND needs_unshipped IN (0, 1) AND fast_track IN (0, 1)),
  CONSTRAINT ck_policy_reasons_some_type CHECK (allow_refund_only + allow_return_refund + allow_exchange > 0),
  CONSTRAINT ck_policy_reasons_receipt CHECK (
    NOT (needs_received = 1 AND needs_not_received = 1)
    AND (needs_unshipped = 0 OR needs_not_received = 1)
    AND (needs_not_received = 0 OR (allow_return_refund = 0 AND allow_exchange = 0))),
  CONSTRAINT ck_policy_reasons_window CHECK (window_days IS NULL OR (window_days > 0 AND window_days <= 365)),
  CONSTRAINT ck_policy_reasons_code CHECK (code REGEXP BINARY '^[a-z][a-z0-9_]*$'),
  CONSTRAINT ck_policy_reasons_text CHECK (label_en <> '' AND label_zh <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Refund reasons of a policy version and the rules attached to each';

-- ---------------------------------------------------------------------------------------------
-- Cases
-- ---------------------------------------------------------------------------------------------

CREATE TABLE rma_counters (
  day       DATE NOT NULL COMMENT 'UTC day the case numbers belong to',
  last_seq  INT  NOT NULL COMMENT 'Last sequence number handed out that day (RMA + yyyymmdd + sequence)',
  CONSTRAINT pk_rma_counters PRIMARY KEY (day),
  CONSTRAINT ck_rma_counters_seq CHECK (last_seq >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Daily sequence for readable case numbers, bumped with INSERT ... ON DUPLICATE KEY UPDATE';

CREATE TABLE cases (
  id                       BIGINT      NOT NULL AUTO_INCREMENT COMMENT 'Case id',
  rma_no                   VARCHAR(32) NOT NULL COMMENT 'Readable case number, RMA + yyyymmdd + sequence',
  order_id                 BIGINT      NOT NULL COMMENT 'Order the case is about (one order, one shop)',
  shop_id                  BIGINT      NOT NULL COMMENT 'Shop of the order (copied, checked by foreign key)',
  buyer_id                 BIGINT      NOT NULL COMMENT 'Buyer of the order (copied, checked by foreign key)',
  policy_id                BIGINT      NOT NULL COMMENT 'Policy version the case was opened under, governs it to the end',
  type                     ENUM('refund_only','return_refund','exchange') NOT NULL COMMENT 'refund_only (goods kept or never received), return_refund (goods back, money back), exchange (goods back, replacement out)',
  state                    ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed') NOT NULL DEFAULT 'requested' COMMENT 'Current state, see DESIGN.md. Terminal: refunded, exchanged, closed',
  reason_code              VARCHAR(32) NOT NULL COMMENT 'Reason code in the frozen policy version',
  goods_received           TINYINT     NOT NULL COMMENT '1 = buyer says the goods arrived, 0 = not received',
  requested_cents          BIGINT      NOT NULL COMMENT 'Amount the buyer asks for (sum of case_lines.amount_cents), for an exchange the value of the goods',
  offered_cents            BIGINT      NULL COMMENT 'Amount of the open seller offer, NULL when none',
  approved_cents           BIGINT      NULL COMMENT 'Amount agreed to be refunded (approval, accepted offer or ruling), what the refund executor pays',
  refunded_cents           BIGINT      NOT NULL DEFAULT 0 COMMENT 'Amount actually refunded (successful refund row)',
  currency                 CHAR(3)     NOT NULL COMMENT 'ISO 4217 currency of the order',
  description              TEXT        NULL COMMENT 'Explanation of the problem written by the buyer',
  attempt                  INT         NOT NULL DEFAULT 1 COMMENT 'Ordinal of this case among the cases ever opened on its order lines (1 = first), at most policy max_attempts',
  deadline_at              DATETIME    NULL COMMENT 'When the current waiting state times out (UTC), NULL in refunding and terminal states',
  escalated_at             DATETIME    NULL COMMENT 'When the buyer escalated to the platform, kept after the ruling',
  return_address_id        BIGINT      NULL COMMENT 'Shop address the goods go back to (set when a return or exchange is approved)',
  return_address_snapshot  TEXT        NULL COMMENT 'Recipient, phone and address as given to the buyer, unaffected by later edits of the address',
  fast_tracked             TINYINT     NOT NULL DEFAULT 0 COMMENT '1 = approved at submit by the fast-track rule',
  close_reason             VARCHAR(32) NULL COMMENT 'Why a closed case closed, e.g. cancelled, expired, ruled_reject, settled',
  version                  INT         NOT NULL DEFAULT 0 COMMENT 'Optimistic lock counter, bumped by every change (UPDATE ... WHERE version = ?)',
  created_at               DATETIME    NOT NULL COMMENT 'When the buyer submitted the case (UTC)',
  updated_at               DATETIME    NOT NULL COMMENT 'Last change of the case (UTC)',
  closed_at                DATETIME    NULL COMMENT 'When the case reached a terminal state (UTC)',
  CONSTRAINT pk_cases PRIMARY KEY (id),
  CONSTRAINT uq_cases_rma_no UNIQUE (rma_no),
  CONSTRAINT uq_cases_order UNIQUE (id, order_id),
  CONSTRAINT uq_cases_currency UNIQUE (id, currency),
  CONSTRAINT fk_cases_order FOREIGN KEY (order_id, shop_id, buyer_id, currency) REFERENCES orders (id, shop_id, buyer_id, currency),
  CONSTRAINT fk_cases_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT fk_cases_buyer FOREIGN KEY (buyer_id) REFERENCES users (id),
  CONSTRAINT fk_cases_policy FOREIGN KEY (policy_id) REFERENCES policies (id),
  CONSTRAINT fk_cases_reason FOREIGN KEY (policy_id, reason_code) REFERENCES policy_reasons (policy_id, code),
  CONSTRAINT fk_cases_return_address FOREIGN KEY (return_address_id) REFERENCES shop_addresses (id),
  CONSTRAINT ck_cases_amounts CHECK (
    requested_cents >= 0 AND (requested_cents > 0 OR type = 'exchange')
    AND (offered_cents IS NULL OR offered_cents >= 0)
    AND (approved_cents IS NULL OR (approved_cents > 0 AND approved_cents <= requested_cents))
    AND refunded_cents >= 0 AND refunded_cents <= requested_cents
    AND (refunded_cents = 0 OR refunded_cents <= approved_cents)),
  CONSTRAINT ck_cases_currency CHECK (currency REGEXP BINARY '^[A-Z]{3}$'),
  CONSTRAINT ck_cases_flags CHECK (goods_received IN (0, 1) AND fast_tracked IN (0, 1) AND attempt > 0 AND version >= 0),
  CONSTRAINT ck_cases_terminal CHECK ((state IN ('refunded','exchanged','closed')) = (closed_at IS NOT NULL)),
  CONSTRAINT ck_cases_deadline CHECK ((state IN ('refunding','refunded','exchanged','closed')) = (deadline_at IS NULL)),
  CONSTRAINT ck_cases_state_type CHECK (
    (state NOT IN ('awaiting_return','return_shipped') OR type <> 'refund_only')
    AND (state NOT IN ('reshipping','replacement_shipped','exchanged') OR type = 'exchange')),
  CONSTRAINT ck_cases_state_money CHECK (
    (state <> 'offered' OR offered_cents IS NOT NULL)
    AND (state NOT IN ('refunding','refunded') OR approved_cents IS NOT NULL)
    AND (state <> 'refunded' OR refunded_cents > 0)
    AND (state <> 'escalated' OR escalated_at IS NOT NULL)),
  KEY ix_cases_shop_queue (shop_id, state, deadline_at),
  KEY ix_cases_buyer_created (buyer_id, created_at),
  KEY ix_cases_state_deadline (state, deadline_at),
  KEY ix_cases_shop_created (shop_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='After-sale cases (RMA): one order, one or more of its lines, one type, one state';

CREATE TABLE case_lines (
  case_id         BIGINT NOT NULL COMMENT 'Case',
  order_line_id   BIGINT NOT NULL COMMENT 'Order line covered by the case',
  order_id        BIGINT NOT NULL COMMENT 'Order of both the case and the line (foreign keys make them agree)',
  quantity        INT    NOT NULL COMMENT 'Units of the line covered (at most the line quantity)',
  amount_cents    BIGINT NOT NULL COMMENT 'Amount requested for this line (at most what is refundable on it)',
  refunded_cents  BIGINT NOT NULL DEFAULT 0 COMMENT 'Part of the case refund allocated to this line (added to order_lines.refunded_cents)',
  open_line_id    BIGINT NULL COMMENT 'order_line_id while the case is open, NULL once terminal (UNIQUE = one open case per line)',
  CONSTRAINT pk_case_lines PRIMARY KEY (case_id, order_line_id),
  CONSTRAINT uq_case_lines_open UNIQUE (open_line_id),
  CONSTRAINT fk_case_lines_case FOREIGN KEY (case_id, order_id) REFERENCES cases (id, order_id),
  CONSTRAINT fk_case_lines_line FOREIGN KEY (order_line_id, order_id) REFERENCES order_lines (id, order_id),
  CONSTRAINT ck_case_lines_open CHECK (open_line_id IS NULL OR open_line_id = order_line_id),
  CONSTRAINT ck_case_lines_amounts CHECK (quantity > 0 AND amount_cents >= 0 AND refunded_cents >= 0 AND refunded_cents <= amount_cents),
  KEY ix_case_lines_line (order_line_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Order lines and quantities covered by a case';

CREATE TABLE evidence (
  id                BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Evidence id (referenced from timeline.evidence_ids)',
  case_id           BIGINT       NOT NULL COMMENT 'Case the file belongs to',
  uploader_id       BIGINT       NOT NULL COMMENT 'User who uploaded it',
  role              ENUM('buyer','seller','admin') NOT NULL COMMENT 'Role of the uploader in the case',
  media_type        VARCHAR(32)  NOT NULL COMMENT 'Media type sniffed from the bytes (not the one the browser sent)',
  byte_size         INT          NOT NULL COMMENT 'Size of data in bytes',
  sha256            BINARY(32)   NOT NULL COMMENT 'SHA-256 of data (UNIQUE per case = the same file is stored once)',
  data              MEDIUMBLOB   NOT NULL COMMENT 'The file as uploaded',
  thumb             MEDIUMBLOB   NULL COMMENT 'Small preview image, NULL when none could be made',
  thumb_media_type  VARCHAR(32)  NULL COMMENT 'Media type of thumb',
  original_name     VARCHAR(255) NULL COMMENT 'File name the browser sent, for display only',
  width             INT          NULL COMMENT 'Image width in pixels, NULL if unknown',
  height            INT          NULL COMMENT 'Image height in pixels, NULL if unknown',
  created_at        DATETIME     NOT NULL COMMENT 'Upload time (UTC)',
  CONSTRAINT pk_evidence PRIMARY KEY (id),
  CONSTRAINT uq_evidence_case_sha256 UNIQUE (case_id, sha256),
  CONSTRAINT fk_evidence_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_evidence_uploader FOREIGN KEY (uploader_id) REFERENCES users (id),
  CONSTRAINT ck_evidence_size CHECK (byte_size > 0 AND byte_size = LENGTH(data)),
  CONSTRAINT ck_evidence_thumb CHECK ((thumb IS NULL) = (thumb_media_type IS NULL)),
  CONSTRAINT ck_evidence_dimensions CHECK ((width IS NULL OR width > 0) AND (height IS NULL OR height > 0)),
  CONSTRAINT ck_evidence_media_type CHECK (media_type <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Photos and other files attached to a case, stored in the database';

CREATE TABLE timeline (
  id            BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Row id, orders the events of a case',
  case_id       BIGINT       NOT NULL COMMENT 'Case',
  at            DATETIME(3)  NOT NULL COMMENT 'When it happened (UTC, milliseconds)',
  actor_id      BIGINT       NULL COMMENT 'User who acted, NULL for the system',
  actor_role    ENUM('buyer','seller','admin','system') NOT NULL COMMENT 'Role the actor acted in',
  event         VARCHAR(32)  NOT NULL COMMENT 'Event name: submit, approve_refund, offer, deadline, refund_succeeded, message, ...',
  from_state    ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed') NULL COMMENT 'State before the event, NULL for submit',
  to_state      ENUM('requested','offered','rejected','awaiting_return','return_shipped','reshipping','replacement_shipped','escalated','refunding','refunded','exchanged','closed') NOT NULL COMMENT 'State after the event (same as from_state for message and add_evidence)',
  amount_cents  BIGINT       NULL COMMENT 'Amount the event is about (requested, offered, approved, refunded), in the case currency',
  note          TEXT         NULL COMMENT 'Free text: message, rejection reason, ruling, waybill',
  evidence_ids  VARCHAR(255) NULL COMMENT 'Comma-separated evidence ids attached with the event',
  rule          VARCHAR(64)  NULL COMMENT 'Policy rule or deadline that fired, e.g. fast_track, seller_response_hours',
  CONSTRAINT pk_timeline PRIMARY KEY (id),
  CONSTRAINT fk_timeline_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_timeline_actor FOREIGN KEY (actor_id) REFERENCES users (id),
  CONSTRAINT ck_timeline_actor CHECK ((actor_role = 'system') = (actor_id IS NULL)),
  CONSTRAINT ck_timeline_amount CHECK (amount_cents IS NULL OR amount_cents >= 0),
  CONSTRAINT ck_timeline_event CHECK (event <> ''),
  CONSTRAINT ck_timeline_evidence_ids CHECK (evidence_ids IS NULL OR evidence_ids REGEXP '^[0-9]+(,[0-9]+)*$'),
  KEY ix_timeline_case (case_id, id),
  KEY ix_timeline_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Append-only history of every case change, written in the same transaction as the change';

CREATE TABLE refunds (
  id               BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Refund execution id',
  case_id          BIGINT       NOT NULL COMMENT 'Case being refunded',
  idempotency_key  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Key sent to the payment system, the same on every retry of this row',
  amount_cents     BIGINT       NOT NULL COMMENT 'Amount to pay back',
  currency         CHAR(3)      NOT NULL COMMENT 'ISO 4217 currency (the case currency, checked by foreign key)',
  executor         ENUM('ledger','webhook') NOT NULL COMMENT 'ledger (recorded and settled at once) or webhook (POST to the payment system)',
  status           ENUM('pending','succeeded','failed') NOT NULL DEFAULT 'pending' COMMENT 'pending (not settled, retried), succeeded (money moved), failed (given up, an admin may start a new row)',
  success_marker   TINYINT      AS (IF(status = 'succeeded', 1, NULL)) PERSISTENT COMMENT 'Generated: 1 when succeeded (UNIQUE per case = at most one successful refund)',
  live_marker      TINYINT      AS (IF(status IN ('pending','succeeded'), 1, NULL)) PERSISTENT COMMENT 'Generated: 1 when pending or succeeded (UNIQUE per case = never two executions in flight)',
  attempts         INT          NOT NULL DEFAULT 0 COMMENT 'Delivery attempts so far',
  last_error       VARCHAR(255) NULL COMMENT 'Error of the last failed attempt (HTTP status, message)',
  external_ref     VARCHAR(128) NULL COMMENT 'Reference the payment system returned, if any',
  created_at       DATETIME     NOT NULL COMMENT 'When the refund was decided (UTC)',
  settled_at       DATETIME     NULL COMMENT 'When it succeeded (UTC)',
  next_attempt_at  DATETIME     NULL COMMENT 'When a pending refund is tried again (UTC), NULL = not scheduled',
  CONSTRAINT pk_refunds PRIMARY KEY (id),
  CONSTRAINT uq_refunds_idempotency_key UNIQUE (idempotency_key),
  CONSTRAINT uq_refunds_success UNIQUE (case_id, success_marker),
  CONSTRAINT uq_refunds_live UNIQUE (case_id, live_marker),
  CONSTRAINT fk_refunds_case FOREIGN KEY (case_id, currency) REFERENCES cases (id, currency),
  CONSTRAINT ck_refunds_amount CHECK (amount_cents > 0),
  CONSTRAINT ck_refunds_attempts CHECK (attempts >= 0),
  CONSTRAINT ck_refunds_settled CHECK ((status = 'succeeded') = (settled_at IS NOT NULL)),
  CONSTRAINT ck_refunds_key CHECK (idempotency_key <> ''),
  KEY ix_refunds_due (status, next_attempt_at),
  KEY ix_refunds_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Refund ledger: one row per refund execution, at most one success per case';

CREATE TABLE offers (
  id           BIGINT   NOT NULL AUTO_INCREMENT COMMENT 'Offer id',
  case_id      BIGINT   NOT NULL COMMENT 'Case the offer is made in',
  seller_id    BIGINT   NOT NULL COMMENT 'Seller who made the offer',
  amount_cents BIGINT   NOT NULL COMMENT 'Refund offered (may be 0 when the settlement is a coupon or gift described in note)',
  note         TEXT     NULL COMMENT 'Terms of the offer as written by the seller, e.g. partial refund plus a coupon',
  status       ENUM('open','accepted','declined','expired') NOT NULL DEFAULT 'open' COMMENT 'open (waiting for the buyer), accepted, declined, expired (buyer did not answer in time)',
  open_marker  TINYINT  AS (IF(status = 'open', 1, NULL)) PERSISTENT COMMENT 'Generated: 1 while open (UNIQUE per case = one open offer at a time)',
  created_at   DATETIME NOT NULL COMMENT 'When the offer was made (UTC)',
  answered_at  DATETIME NULL COMMENT 'When it stopped being open (UTC)',
  CONSTRAINT pk_offers PRIMARY KEY (id),
  CONSTRAINT uq_offers_open UNIQUE (case_id, open_marker),
  CONSTRAINT fk_offers_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_offers_seller FOREIGN KEY (seller_id) REFERENCES users (id),
  CONSTRAINT ck_offers_amount CHECK (amount_cents >= 0),
  CONSTRAINT ck_offers_answered CHECK ((status = 'open') = (answered_at IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Settlement offers of sellers (partial refund, coupon) and the answers of buyers';

CREATE TABLE return_shipments (
  id              BIGINT      NOT NULL AUTO_INCREMENT COMMENT 'Shipment id',
  case_id         BIGINT      NOT NULL COMMENT 'Case',
  direction       ENUM('return','replacement') NOT NULL COMMENT 'return (buyer to shop) or replacement (shop to buyer, exchange)',
  carrier         VARCHAR(64) NOT NULL COMMENT 'Carrier name',
  waybill         VARCHAR(64) NOT NULL COMMENT 'Waybill (tracking) number',
  shipped_by      BIGINT      NULL COMMENT 'User who entered the waybill',
  shipped_at      DATETIME    NOT NULL COMMENT 'When the waybill was entered (UTC)',
  received_at     DATETIME    NULL COMMENT 'When receipt was confirmed, refused or auto-confirmed (UTC)',
  receipt_status  ENUM('confirmed','refused','auto_confirmed') NULL COMMENT 'How receipt was settled, NULL while in transit',
  condition_note  TEXT        NULL COMMENT 'State of the goods on arrival, required when refused',
  CONSTRAINT pk_return_shipments PRIMARY KEY (id),
  CONSTRAINT uq_return_shipments_direction UNIQUE (case_id, direction),
  CONSTRAINT fk_return_shipments_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_return_shipments_by FOREIGN KEY (shipped_by) REFERENCES users (id),
  CONSTRAINT ck_return_shipments_text CHECK (carrier <> '' AND waybill <> ''),
  CONSTRAINT ck_return_shipments_received CHECK (
    (received_at IS NULL) = (receipt_status IS NULL)
    AND (received_at IS NULL OR received_at >= shipped_at)
    AND (receipt_status IS NULL OR receipt_status <> 'refused' OR condition_note IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Parcels of a case: the return to the shop and the replacement to the buyer';

CREATE TABLE form_tokens (
  token_hash    BINARY(32)   NOT NULL COMMENT 'SHA-256 of the one-time token in the form',
  user_id       BIGINT       NOT NULL COMMENT 'User the token was issued to (only they can use it)',
  session_hash  BINARY(32)   NULL COMMENT 'Session it was issued in (sessions.id_hash), tokens go away with the session',
  case_id       BIGINT       NULL COMMENT 'Case the form acts on, NULL for forms not about one case',
  purpose       VARCHAR(32)  NOT NULL COMMENT 'Action the token allows, e.g. approve, accept_offer, rule',
  used_at       DATETIME     NULL COMMENT 'When it was spent (UTC), NULL = unused',
  outcome       VARCHAR(255) NULL COMMENT 'Result of the first use (e.g. where to redirect), replayed on a resubmit',
  created_at    DATETIME     NOT NULL COMMENT 'When it was issued (UTC)',
  CONSTRAINT pk_form_tokens PRIMARY KEY (token_hash),
  CONSTRAINT fk_form_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_form_tokens_session FOREIGN KEY (session_hash) REFERENCES sessions (id_hash) ON DELETE CASCADE,
  CONSTRAINT fk_form_tokens_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT ck_form_tokens_purpose CHECK (purpose <> ''),
  KEY ix_form_tokens_user (user_id, created_at),
  KEY ix_form_tokens_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='One-time tokens of money-moving forms: spent once, a resubmit gets the first outcome';
