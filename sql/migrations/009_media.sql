-- Photos. The master (the upload cleaned: upright, sRGB, no metadata, at most
-- 3840 pixels wide) lives in MariaDB, so replication and backups carry it; the
-- sized variants are files each host derives from it (see media/variant_store.h),
-- at addresses that carry `hash`, so a changed photo never reuses an address.
CREATE TABLE media (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hash         CHAR(16)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- of the master's bytes
  mime         VARCHAR(20)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the master's: image/jpeg, image/png
  source_kind  VARCHAR(12)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- what was uploaded: JPEG, PNG, ...
  width        INT UNSIGNED NOT NULL,
  height       INT UNSIGNED NOT NULL,
  bytes        INT UNSIGNED NOT NULL,
  alt          VARCHAR(300)  NOT NULL,              -- required: what the photo shows, for those who cannot see it
  caption      VARCHAR(1000) NOT NULL DEFAULT '',
  credit       VARCHAR(200)  NOT NULL DEFAULT '',
  uploaded_by  INT UNSIGNED  NULL,
  created_at   DATETIME      NOT NULL DEFAULT UTC_TIMESTAMP(),
  CONSTRAINT fk_media_user FOREIGN KEY (uploaded_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The masters apart from their fields: the library's pages read small rows.
CREATE TABLE media_masters (
  media_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  data         MEDIUMBLOB NOT NULL,
  CONSTRAINT fk_master_media FOREIGN KEY (media_id) REFERENCES media (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- An article's lead photo, and an editor-written lead (standfirst): until one
-- is written, `lead` stays the body's first paragraph.
ALTER TABLE articles
  ADD COLUMN lead_media_id BIGINT UNSIGNED NULL AFTER lead,
  ADD COLUMN lead_written TINYINT(1) NOT NULL DEFAULT 0 AFTER lead_media_id,
  ADD CONSTRAINT fk_article_lead_media FOREIGN KEY (lead_media_id) REFERENCES media (id);

-- The listings show each story's photo: with it in the feed indexes, a
-- listing stays one range scan of an index.
ALTER TABLE articles
  DROP INDEX ix_edition_feed,
  ADD INDEX ix_edition_feed (edition, status, published_at, id, category_id, slug, title, lead_media_id),
  DROP INDEX ix_category_feed,
  ADD INDEX ix_category_feed (category_id, status, published_at, id, slug, title, lead_media_id);

-- The photos each article's body shows (![alt](media:ID)): a photo in use is
-- not deleted, and its articles are rendered again when its fields change.
CREATE TABLE article_media (
  article_id   BIGINT UNSIGNED NOT NULL,
  media_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (article_id, media_id),
  KEY ix_media_articles (media_id),
  CONSTRAINT fk_article_media_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_article_media_media FOREIGN KEY (media_id) REFERENCES media (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'photo', 'Photo'), ('az', 'photo', 'Foto'), ('ru', 'photo', 'Фото'),
  ('en', 'sections', 'Sections'), ('az', 'sections', 'Bölmələr'), ('ru', 'sections', 'Разделы'),
  ('en', 'menu', 'Menu'), ('az', 'menu', 'Menyu'), ('ru', 'menu', 'Меню'),
  ('en', 'updated', 'Updated'), ('az', 'updated', 'Yenilənib'), ('ru', 'updated', 'Обновлено'),
  ('en', 'breadcrumbs', 'You are here'), ('az', 'breadcrumbs', 'Siz buradasınız'), ('ru', 'breadcrumbs', 'Вы здесь');
