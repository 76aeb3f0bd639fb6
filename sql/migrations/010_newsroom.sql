-- A newsroom's content: tags, authors, corrections, simple pages, the
-- curated front page, breaking news and linked translations.

-- Tags, per edition. article_tags repeats each article's status and time, so
-- that a tag page is one range of ix_tag_feed in the listing's order (the
-- admin keeps them in step when the article is saved).
CREATE TABLE tags (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  edition     CHAR(2)      NOT NULL,
  slug        VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name        VARCHAR(100) NOT NULL,
  UNIQUE KEY uq_tag_slug (edition, slug),
  CONSTRAINT fk_tag_edition FOREIGN KEY (edition) REFERENCES editions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE article_tags (
  article_id   BIGINT UNSIGNED NOT NULL,
  tag_id       INT UNSIGNED NOT NULL,
  position     SMALLINT NOT NULL DEFAULT 0,
  status       ENUM('draft','published','deleted') NOT NULL,
  published_at DATETIME NOT NULL,
  PRIMARY KEY (article_id, tag_id),
  KEY ix_tag_feed (tag_id, status, published_at, article_id),
  CONSTRAINT fk_article_tag_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_article_tag_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Authors as records: one person across editions, with a page per edition.
CREATE TABLE authors (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name        VARCHAR(200) NOT NULL,
  bio         VARCHAR(1000) NOT NULL DEFAULT '',
  photo_id    BIGINT UNSIGNED NULL,
  UNIQUE KEY uq_author_slug (slug),
  UNIQUE KEY uq_author_name (name),
  CONSTRAINT fk_author_photo FOREIGN KEY (photo_id) REFERENCES media (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE article_authors (
  article_id   BIGINT UNSIGNED NOT NULL,
  author_id    INT UNSIGNED NOT NULL,
  position     SMALLINT NOT NULL DEFAULT 0,
  role         VARCHAR(60) NOT NULL DEFAULT '',   -- "" = wrote it; else e.g. "translated by"
  edition      CHAR(2) NOT NULL,
  status       ENUM('draft','published','deleted') NOT NULL,
  published_at DATETIME NOT NULL,
  PRIMARY KEY (article_id, author_id),
  KEY ix_author_feed (author_id, edition, status, published_at, article_id),
  CONSTRAINT fk_article_author_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_article_author_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Corrections, dated, shown under the article and listed per edition.
CREATE TABLE corrections (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id  BIGINT UNSIGNED NOT NULL,
  edition     CHAR(2) NOT NULL,
  noted_at    DATETIME NOT NULL,
  text        VARCHAR(2000) NOT NULL,
  user_id     INT UNSIGNED NULL,
  KEY ix_article_corrections (article_id, noted_at),
  KEY ix_edition_corrections (edition, noted_at, id),
  CONSTRAINT fk_correction_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Simple pages per edition (About, Contacts, Advertising ...), in the footer.
CREATE TABLE pages (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  edition     CHAR(2)      NOT NULL,
  slug        VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title       VARCHAR(200) NOT NULL,
  body        MEDIUMTEXT   NOT NULL,          -- Markdown
  body_html   MEDIUMTEXT   NOT NULL,
  position    SMALLINT     NOT NULL DEFAULT 0,
  updated_at  DATETIME     NOT NULL,
  UNIQUE KEY uq_page_slug (edition, slug),
  CONSTRAINT fk_page_edition FOREIGN KEY (edition) REFERENCES editions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The curated front page: the stories editors pin to its top, in order.
CREATE TABLE front_slots (
  edition     CHAR(2) NOT NULL,
  position    TINYINT UNSIGNED NOT NULL,
  article_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (edition, position),
  CONSTRAINT fk_slot_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Breaking news until a time; translations as a group of articles of other editions.
ALTER TABLE articles
  ADD COLUMN breaking_until DATETIME NULL AFTER lead_written,
  ADD COLUMN translation_group BIGINT UNSIGNED NULL AFTER breaking_until,
  ADD KEY ix_breaking (breaking_until),
  ADD KEY ix_translation (translation_group);

INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'tags', 'Tags'), ('az', 'tags', 'Teqlər'), ('ru', 'tags', 'Теги'),
  ('en', 'by', 'By'), ('az', 'by', 'Müəllif'), ('ru', 'by', 'Автор'),
  ('en', 'breaking', 'Breaking'), ('az', 'breaking', 'Təcili'), ('ru', 'breaking', 'Срочно'),
  ('en', 'corrections', 'Corrections'), ('az', 'corrections', 'Düzəlişlər'), ('ru', 'corrections', 'Исправления'),
  ('en', 'correction', 'Correction'), ('az', 'correction', 'Düzəliş'), ('ru', 'correction', 'Исправление'),
  ('en', 'no_corrections', 'No corrections so far.'), ('az', 'no_corrections', 'Hələ düzəliş yoxdur.'),
  ('ru', 'no_corrections', 'Исправлений пока нет.'),
  ('en', 'top_stories', 'Top stories'), ('az', 'top_stories', 'Əsas xəbərlər'), ('ru', 'top_stories', 'Главное'),
  ('en', 'more_in', 'More'), ('az', 'more_in', 'Daha çox'), ('ru', 'more_in', 'Ещё');
