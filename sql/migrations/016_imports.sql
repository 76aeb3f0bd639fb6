-- What the importer brought in (`newsline import wordpress`): each item of an
-- old site by its WordPress id, so that a second import updates instead of
-- duplicating, and the revision it wrote, so that it never overwrites an
-- editor's later change. And the old site's addresses, each answered with a
-- 301 to its new one.

CREATE TABLE imported_items (
  source       VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the old site's address
  kind         ENUM('post','page','category','tag','author','attachment') NOT NULL,
  wp_id        BIGINT UNSIGNED NOT NULL,
  newsline_id  BIGINT UNSIGNED NOT NULL,
  guid         VARCHAR(500) NOT NULL DEFAULT '',
  fingerprint  CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',  -- of what was imported
  revision     INT UNSIGNED NOT NULL DEFAULT 0,   -- the article's revision the import wrote
  imported_at  DATETIME NOT NULL,
  PRIMARY KEY (source, kind, wp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An old address (its path and query, normalised: see http/old_address.h) and
-- the path it now lives at.
CREATE TABLE redirects (
  old_address  VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  target       VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  origin       ENUM('import','manual') NOT NULL DEFAULT 'import',
  created_at   DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Moves on whenever redirects change; a worker then reads their keys again
-- (cache/old_addresses.h), so that a path that is no old address costs no statement.
CREATE TABLE redirects_version (
  id       TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version  BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;
INSERT INTO redirects_version (id, version) VALUES (1, 0);
