-- Login throttling without lockouts (OWASP ASVS 2.2.1): failures are counted
-- per (account, address) and per address, one row each, keyed by a hash of
-- the pair or of the address (IPv6 by its /64). A try is counted before the
-- password is checked, in a transaction that locks the rows, so parallel
-- tries cannot all pass the check; `wait_until_ms` (Unix time in milliseconds,
-- so that a 1 s wait is one second) grows with the failures.
-- Rows whose last failure is older than login_memory_hours are pruned.
CREATE TABLE login_throttle (
  subject          CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  failures         INT UNSIGNED NOT NULL,
  last_failure_at  DATETIME NOT NULL,
  wait_until_ms    BIGINT NOT NULL,
  refusal_noted_at DATETIME NULL,   -- the audit log gets one refusal per pair and window
  KEY ix_throttle_age (last_failure_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Replaced by login_throttle: one row per failure grew without bound under a flood.
DROP TABLE login_failures;
