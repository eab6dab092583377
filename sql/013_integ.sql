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
