-- The admin area: users and roles, sessions, login throttling, revisions,
-- the audit log, and the rendered HTML of article bodies.

CREATE TABLE users (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- argon2id, libsodium format
  role          ENUM('admin','editor') NOT NULL DEFAULT 'editor',
  disabled      TINYINT(1)   NOT NULL DEFAULT 0,
  created_at    DATETIME     NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at    DATETIME     NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY uq_user_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only a hash of the session token is stored; the token lives in the cookie.
CREATE TABLE sessions (
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id       INT UNSIGNED NOT NULL,
  csrf_token    CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    DATETIME NOT NULL,
  last_seen_at  DATETIME NOT NULL,
  remote_addr   VARCHAR(45) NOT NULL DEFAULT '',
  KEY ix_session_user (user_id),
  KEY ix_session_created (created_at),
  CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins, counted per account and per address over a sliding window.
CREATE TABLE login_failures (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_name     VARCHAR(64) NOT NULL,
  remote_addr   VARCHAR(45) NOT NULL,
  failed_at     DATETIME NOT NULL,
  KEY ix_failure_user (user_name, failed_at),
  KEY ix_failure_addr (remote_addr, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE articles
  ADD COLUMN body_html MEDIUMTEXT NULL AFTER body,   -- body rendered by libcmark (safe mode) at save time
  ADD COLUMN updated_by INT UNSIGNED NULL AFTER updated_at,
  ADD UNIQUE KEY uq_article_slug (edition, slug),
  ADD KEY ix_admin_list (edition, status, updated_at, id),
  ADD KEY ix_admin_updated (updated_at, id);

-- Every save keeps the full text; `revision` matches articles.revision after that save.
CREATE TABLE article_revisions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id    BIGINT UNSIGNED NOT NULL,
  revision      INT UNSIGNED NOT NULL,
  user_id       INT UNSIGNED NULL,
  user_name     VARCHAR(64) NOT NULL DEFAULT '',
  saved_at      DATETIME NOT NULL,
  edition       CHAR(2) NOT NULL,
  category_id   INT UNSIGNED NOT NULL,
  slug          VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title         VARCHAR(500) NOT NULL,
  body          MEDIUMTEXT NOT NULL,
  author        VARCHAR(200) NOT NULL,
  source        VARCHAR(200) NOT NULL,
  status        ENUM('draft','published','deleted') NOT NULL,
  published_at  DATETIME NOT NULL,
  related_ids   VARCHAR(500) CHARACTER SET ascii NOT NULL DEFAULT '',
  UNIQUE KEY uq_revision (article_id, revision),
  CONSTRAINT fk_revision_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at            DATETIME NOT NULL,
  user_id       INT UNSIGNED NULL,
  user_name     VARCHAR(64) NOT NULL DEFAULT '',
  remote_addr   VARCHAR(45) NOT NULL DEFAULT '',
  action        VARCHAR(32) NOT NULL,
  target        VARCHAR(64) NOT NULL DEFAULT '',   -- "article 12", "user 3", "category 5"
  details       VARCHAR(1000) NOT NULL DEFAULT '',
  KEY ix_audit_at (at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'preview', 'Preview: not published'), ('az', 'preview', 'Önizləmə: dərc olunmayıb'),
  ('ru', 'preview', 'Предпросмотр: не опубликовано');
