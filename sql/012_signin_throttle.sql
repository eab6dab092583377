-- 012_signin_throttle.sql: sign-in under attack (issue 13). Failures are counted per login name
-- (known or not, so that the answers do not tell which logins exist) and per client address
-- block; addresses an account has signed in from are remembered; refusals are counted per day.
-- The rule that uses them is written in src/store/session.c (login_check).

ALTER TABLE login_failures
  MODIFY user_id BIGINT NULL COMMENT 'Account whose password was wrong; NULL when no account has this login',
  ADD COLUMN login VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'Login name as typed (the per-account throttle counts by it, for unknown logins too)' AFTER user_id,
  ADD COLUMN addr VARCHAR(45) NOT NULL DEFAULT '' COMMENT 'Client address block: an IPv4 address or an IPv6 /64 prefix (the per-address throttle counts by it)' AFTER login,
  ADD INDEX ix_login_failures_login_at (login, failed_at),
  ADD INDEX ix_login_failures_addr_at (addr, failed_at),
  COMMENT = 'Failed password attempts per login name and client address, for growing delays (no lockout)';

CREATE TABLE login_known_addrs (
  user_id     BIGINT      NOT NULL COMMENT 'Account that signed in',
  addr        VARCHAR(45) NOT NULL COMMENT 'Client address block it signed in from (IPv4 address or IPv6 /64 prefix)',
  last_ok_at  DATETIME    NOT NULL COMMENT 'Last successful sign-in from there (UTC); remembered for 90 days',
  CONSTRAINT pk_login_known_addrs PRIMARY KEY (user_id, addr),
  CONSTRAINT fk_login_known_addrs_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  INDEX ix_login_known_addrs_at (last_ok_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Where each account has signed in from: such an address is not held back by failures other addresses caused';

CREATE TABLE login_refusals (
  day       DATE        NOT NULL COMMENT 'Day of the refusals (UTC)',
  reason    ENUM('address','account','busy') NOT NULL COMMENT 'address: too many failures from the client address; account: too many for the login name; busy: every password-hash slot was taken',
  refusals  BIGINT      NOT NULL DEFAULT 0 COMMENT 'Sign-in attempts refused that day for that reason (each also logged)',
  CONSTRAINT pk_login_refusals PRIMARY KEY (day, reason),
  CONSTRAINT ck_login_refusals_count CHECK (refusals >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Sign-in attempts refused without checking the password, counted per day and reason, for admins';
