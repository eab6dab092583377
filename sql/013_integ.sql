-- 013: the desk connected to the shop platform (issue 11): API keys of the
-- shops, the answers kept for idempotency keys, and the rate-limit counters.

CREATE TABLE api_keys (
  id           BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Key id, shown in lists (never the key itself)',
  shop_id      BIGINT       NOT NULL COMMENT 'Shop whose cases and orders the key reaches',
  user_id      BIGINT       NOT NULL COMMENT 'Seller account the key acts as (timeline rows name it)',
  label        VARCHAR(100) NOT NULL COMMENT 'What the key is for, e.g. ERP sync',
  key_hash     BINARY(32)   NOT NULL COMMENT 'SHA-256 of the key; the key is shown once, when created, and never stored',
  key_prefix   CHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'First characters of the key, to tell keys apart in lists',
  rate_per_min INT          NOT NULL DEFAULT 120 COMMENT 'Requests allowed per minute window',
  created_at   DATETIME     NOT NULL COMMENT 'When the key was created (UTC)',
  created_by   BIGINT       NULL COMMENT 'Admin who created it, NULL = deskctl',
  revoked_at   DATETIME     NULL COMMENT 'When the key was revoked (UTC), NULL = in use',
  last_used_at DATETIME     NULL COMMENT 'Last request with the key (UTC, per minute window)',
  CONSTRAINT pk_api_keys PRIMARY KEY (id),
  CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
  CONSTRAINT fk_api_keys_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_api_keys_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_api_keys_rate CHECK (rate_per_min > 0),
  CONSTRAINT ck_api_keys_label CHECK (label <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='API keys of the shops (hashed at rest), created and revoked by admins and deskctl';

CREATE TABLE api_idempotency (
  key_id      BIGINT       NOT NULL COMMENT 'API key that sent the request',
  idem_key    VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Idempotency-Key header of the request',
  request_sha BINARY(32)   NOT NULL COMMENT 'SHA-256 of method, path and body: the same key with another request is refused',
  status      INT          NOT NULL COMMENT 'HTTP status of the first answer',
  body        MEDIUMTEXT   NOT NULL COMMENT 'JSON body of the first answer, replayed as is',
  created_at  DATETIME     NOT NULL COMMENT 'When the first request was answered (UTC)',
  CONSTRAINT pk_api_idempotency PRIMARY KEY (key_id, idem_key),
  CONSTRAINT fk_api_idempotency_key FOREIGN KEY (key_id) REFERENCES api_keys (id),
  KEY ix_api_idempotency_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='First answers of API writes by idempotency key; a replay returns the stored answer';

CREATE TABLE api_rate (
  key_id    BIGINT   NOT NULL COMMENT 'API key',
  window_at DATETIME NOT NULL COMMENT 'Start of the minute window (UTC)',
  hits      INT      NOT NULL COMMENT 'Requests counted in the window',
  CONSTRAINT pk_api_rate PRIMARY KEY (key_id, window_at),
  CONSTRAINT fk_api_rate_key FOREIGN KEY (key_id) REFERENCES api_keys (id),
  CONSTRAINT ck_api_rate_hits CHECK (hits >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Requests per API key per minute window, bumped with INSERT ... ON DUPLICATE KEY UPDATE';

-- Outgoing event webhooks: every timeline row puts an event in the outbox in
-- the same transaction as the change; the worker fans it out to the
-- endpoints and delivers it, signed, with retries. Nothing leaves the desk
-- during a web request.

CREATE TABLE event_outbox (
  id           BIGINT   NOT NULL AUTO_INCREMENT COMMENT 'Event id, sent with every delivery of the event',
  case_id      BIGINT   NOT NULL COMMENT 'Case the event is about',
  timeline_id  BIGINT   NOT NULL COMMENT 'Timeline row that recorded the change (immutable: the payload is built from it)',
  created_at   DATETIME NOT NULL COMMENT 'When the change was committed (UTC)',
  fanned_at    DATETIME NULL COMMENT 'When the worker made its deliveries (one per matching endpoint), NULL = not yet',
  mailed_at    DATETIME NULL COMMENT 'When the worker queued its e-mails (mail_queue), NULL = not yet',
  CONSTRAINT pk_event_outbox PRIMARY KEY (id),
  CONSTRAINT uq_event_outbox_timeline UNIQUE (timeline_id),
  CONSTRAINT fk_event_outbox_case FOREIGN KEY (case_id) REFERENCES cases (id),
  CONSTRAINT fk_event_outbox_timeline FOREIGN KEY (timeline_id) REFERENCES timeline (id),
  KEY ix_event_outbox_fanned (fanned_at, id),
  KEY ix_event_outbox_mailed (mailed_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Case events waiting to be handed to webhook endpoints, written with the change';

CREATE TABLE webhook_endpoints (
  id          BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Endpoint id',
  shop_id     BIGINT       NULL COMMENT 'Shop whose case events go there, NULL = the platform (every shop)',
  url         VARCHAR(512) NOT NULL COMMENT 'http(s) URL the events are POSTed to',
  secret      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'HMAC-SHA256 key of the signatures (kept: the worker needs it to sign)',
  events      VARCHAR(255) NOT NULL DEFAULT '' COMMENT 'Comma-separated event types it wants (case.opened,...), empty = all',
  disabled    TINYINT      NOT NULL DEFAULT 0 COMMENT '1 = no new deliveries',
  created_at  DATETIME     NOT NULL COMMENT 'When it was registered (UTC)',
  CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id),
  CONSTRAINT fk_webhook_endpoints_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT ck_webhook_endpoints_url CHECK (url REGEXP '^https?://'),
  CONSTRAINT ck_webhook_endpoints_disabled CHECK (disabled IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Receivers of case events, registered per shop or for the platform';

CREATE TABLE webhook_deliveries (
  id            BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Delivery id',
  event_id      BIGINT       NOT NULL COMMENT 'Event of the outbox',
  endpoint_id   BIGINT       NOT NULL COMMENT 'Where it goes',
  status        ENUM('pending','delivered','failed') NOT NULL DEFAULT 'pending' COMMENT 'pending (to try at next_attempt_at), delivered (a 2xx came back), failed (gave up)',
  attempts      INT          NOT NULL DEFAULT 0 COMMENT 'POSTs made so far',
  next_attempt_at DATETIME   NOT NULL COMMENT 'When to try next (UTC); while a worker holds it, the end of its lease',
  last_status   INT          NULL COMMENT 'HTTP status of the last attempt, NULL = no answer',
  last_error    VARCHAR(255) NULL COMMENT 'What went wrong last, for the admin page',
  last_attempt_at DATETIME   NULL COMMENT 'When the last attempt was made (UTC)',
  delivered_at  DATETIME     NULL COMMENT 'When a 2xx came back (UTC)',
  created_at    DATETIME     NOT NULL COMMENT 'When the event was fanned out to the endpoint (UTC)',
  CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
  CONSTRAINT uq_webhook_deliveries UNIQUE (event_id, endpoint_id),
  CONSTRAINT fk_webhook_deliveries_event FOREIGN KEY (event_id) REFERENCES event_outbox (id),
  CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id),
  CONSTRAINT ck_webhook_deliveries_attempts CHECK (attempts >= 0),
  KEY ix_webhook_deliveries_due (status, next_attempt_at),
  KEY ix_webhook_deliveries_endpoint (endpoint_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='One event to one endpoint, with its attempts; retried with back-off by the worker';

-- E-mail notifications: built by the worker from the outbox events in the
-- recipient's language, sent through SMTP with retries.

ALTER TABLE users
  ADD COLUMN email VARCHAR(254) NULL COMMENT 'E-mail address for notifications, NULL = none',
  ADD COLUMN email_notify TINYINT NOT NULL DEFAULT 1 COMMENT '1 = send this user e-mail notifications, 0 = the user turned them off',
  ADD CONSTRAINT ck_users_email_notify CHECK (email_notify IN (0, 1));

CREATE TABLE mail_queue (
  id               BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'Mail id',
  event_id         BIGINT       NULL COMMENT 'Outbox event the mail tells about, NULL for a deadline reminder',
  user_id          BIGINT       NOT NULL COMMENT 'Recipient',
  to_addr          VARCHAR(254) NOT NULL COMMENT 'Address it goes to (as it was when queued)',
  subject          VARCHAR(255) NOT NULL COMMENT 'Subject, in the language of the recipient',
  body_text        TEXT         NOT NULL COMMENT 'Plain-text part',
  body_html        TEXT         NOT NULL COMMENT 'HTML part (escaped)',
  status           ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending' COMMENT 'pending, sent (the SMTP server took it), failed (gave up)',
  attempts         INT          NOT NULL DEFAULT 0 COMMENT 'SMTP attempts so far',
  next_attempt_at  DATETIME     NOT NULL COMMENT 'When to try next (UTC), or the end of the lease of a worker',
  last_error       VARCHAR(255) NULL COMMENT 'What went wrong last',
  sent_at          DATETIME     NULL COMMENT 'When the SMTP server took it (UTC)',
  created_at       DATETIME     NOT NULL COMMENT 'When it was queued (UTC)',
  CONSTRAINT pk_mail_queue PRIMARY KEY (id),
  CONSTRAINT uq_mail_queue UNIQUE (event_id, user_id),
  CONSTRAINT ck_mail_queue_status CHECK (attempts >= 0),
  CONSTRAINT fk_mail_queue_event FOREIGN KEY (event_id) REFERENCES event_outbox (id),
  CONSTRAINT fk_mail_queue_user FOREIGN KEY (user_id) REFERENCES users (id),
  KEY ix_mail_queue_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='E-mail notifications to send, one per event and recipient';

CREATE TABLE mail_reminders (
  case_id      BIGINT   NOT NULL COMMENT 'Case whose deadline for the buyer comes near',
  deadline_at  DATETIME NOT NULL COMMENT 'The deadline reminded of (a new deadline gets its own reminder)',
  created_at   DATETIME NOT NULL COMMENT 'When the reminder was queued (UTC)',
  CONSTRAINT pk_mail_reminders PRIMARY KEY (case_id, deadline_at),
  CONSTRAINT fk_mail_reminders_case FOREIGN KEY (case_id) REFERENCES cases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Deadline reminders sent to buyers, at most one per case and deadline';

-- Tracking links: every waybill on the pages links to its carrier's
-- tracking page. A waybill's carrier is matched by code or by either name
-- (case-insensitive), as buyers and the platform write them.

CREATE TABLE carriers (
  code         VARCHAR(16)  NOT NULL COMMENT 'Short code, e.g. SF',
  name_en      VARCHAR(64)  NOT NULL COMMENT 'Name in English, e.g. SF Express',
  name_zh      VARCHAR(64)  NOT NULL COMMENT 'Name in Chinese, e.g. 顺丰速运',
  url_pattern  VARCHAR(255) NOT NULL COMMENT 'Tracking page, {waybill} stands for the URL-encoded waybill number',
  CONSTRAINT pk_carriers PRIMARY KEY (code),
  CONSTRAINT uq_carriers_en UNIQUE (name_en),
  CONSTRAINT uq_carriers_zh UNIQUE (name_zh),
  CONSTRAINT ck_carriers_url CHECK (url_pattern LIKE 'https://%' AND url_pattern LIKE '%{waybill}%')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Parcel carriers and their tracking pages';

INSERT INTO carriers (code, name_en, name_zh, url_pattern) VALUES
  ('SF',   'SF Express',     '顺丰速运', 'https://www.kuaidi100.com/chaxun?com=shunfeng&nu={waybill}'),
  ('YTO',  'YTO Express',    '圆通速递', 'https://www.kuaidi100.com/chaxun?com=yuantong&nu={waybill}'),
  ('ZTO',  'ZTO Express',    '中通快递', 'https://www.kuaidi100.com/chaxun?com=zhongtong&nu={waybill}'),
  ('STO',  'STO Express',    '申通快递', 'https://www.kuaidi100.com/chaxun?com=shentong&nu={waybill}'),
  ('YUNDA','Yunda Express',  '韵达快递', 'https://www.kuaidi100.com/chaxun?com=yunda&nu={waybill}'),
  ('JD',   'JD Logistics',   '京东物流', 'https://www.kuaidi100.com/chaxun?com=jd&nu={waybill}'),
  ('EMS',  'China Post EMS', '中国邮政EMS', 'https://www.kuaidi100.com/chaxun?com=ems&nu={waybill}'),
  ('DBL',  'Deppon',         '德邦快递', 'https://www.kuaidi100.com/chaxun?com=debangwuliu&nu={waybill}');
