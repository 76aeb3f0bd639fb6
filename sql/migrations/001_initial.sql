-- Newsline schema: editions, their UI labels, categories, articles, related
-- links and former slugs. All times are UTC. utf8mb4 + InnoDB throughout.

CREATE TABLE editions (
  code        CHAR(2)      NOT NULL PRIMARY KEY,   -- az, en, ru
  name        VARCHAR(64)  NOT NULL,               -- shown in the edition switcher
  position    SMALLINT     NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- UI labels per edition ("News line", "All news", ...).
CREATE TABLE edition_labels (
  edition     CHAR(2)      NOT NULL,
  label       VARCHAR(64)  NOT NULL,
  text        VARCHAR(255) NOT NULL,
  PRIMARY KEY (edition, label),
  CONSTRAINT fk_label_edition FOREIGN KEY (edition) REFERENCES editions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  edition     CHAR(2)      NOT NULL,
  slug        VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name        VARCHAR(100) NOT NULL,
  position    SMALLINT     NOT NULL DEFAULT 0,
  UNIQUE KEY uq_category_slug (edition, slug),
  CONSTRAINT fk_category_edition FOREIGN KEY (edition) REFERENCES editions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE articles (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  edition      CHAR(2)       NOT NULL,
  category_id  INT UNSIGNED  NOT NULL,
  slug         VARCHAR(200)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title        VARCHAR(500)  NOT NULL,
  body         MEDIUMTEXT    NOT NULL,            -- paragraphs separated by blank lines
  author       VARCHAR(200)  NOT NULL DEFAULT '',
  source       VARCHAR(200)  NOT NULL DEFAULT '',
  status       ENUM('draft','published','deleted') NOT NULL DEFAULT 'draft',
  published_at DATETIME      NOT NULL,            -- UTC; visible once status='published' and this has passed
  created_at   DATETIME      NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at   DATETIME      NOT NULL DEFAULT UTC_TIMESTAMP(),
  revision     INT UNSIGNED  NOT NULL DEFAULT 1,  -- optimistic locking for editors
  -- news line, all news, home: newest published first within an edition
  KEY ix_edition_feed (edition, status, published_at, id),
  -- category pages
  KEY ix_category_feed (category_id, status, published_at, id),
  CONSTRAINT fk_article_edition FOREIGN KEY (edition) REFERENCES editions (code),
  CONSTRAINT fk_article_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE article_related (
  article_id  BIGINT UNSIGNED NOT NULL,
  related_id  BIGINT UNSIGNED NOT NULL,
  position    SMALLINT NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, related_id),
  KEY ix_related_target (related_id),
  CONSTRAINT fk_related_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_related_target FOREIGN KEY (related_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Slugs an article had before; a request with one of them is redirected (301).
CREATE TABLE article_old_slugs (
  article_id  BIGINT UNSIGNED NOT NULL,
  slug        VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  replaced_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (article_id, slug),
  CONSTRAINT fk_old_slug_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO editions (code, name, position) VALUES
  ('az', 'Azərbaycanca', 1), ('en', 'English', 2), ('ru', 'Русский', 3);

INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'newsline', 'News line'), ('az', 'newsline', 'Xəbər lenti'), ('ru', 'newsline', 'Лента новостей'),
  ('en', 'all_news', 'All news'),  ('az', 'all_news', 'Hamısı'),      ('ru', 'all_news', 'Все новости'),
  ('en', 'latest', 'Latest news'), ('az', 'latest', 'Son xəbərlər'),  ('ru', 'latest', 'Последние новости'),
  ('en', 'related', 'Related'),    ('az', 'related', 'Əlaqəli'),      ('ru', 'related', 'По теме'),
  ('en', 'older', 'Older news'),   ('az', 'older', 'Əvvəlki xəbərlər'), ('ru', 'older', 'Более ранние новости'),
  ('en', 'newest', 'Newest'),      ('az', 'newest', 'Ən yeni'),       ('ru', 'newest', 'Самые свежие'),
  ('en', 'not_found', 'Page not found'), ('az', 'not_found', 'Səhifə tapılmadı'), ('ru', 'not_found', 'Страница не найдена'),
  ('en', 'not_found_text', 'There is no page at this address. The news line has the latest stories.'),
  ('az', 'not_found_text', 'Bu ünvanda səhifə yoxdur. Son xəbərlər xəbər lentindədir.'),
  ('ru', 'not_found_text', 'По этому адресу страницы нет. Последние новости — в ленте новостей.'),
  ('en', 'no_articles', 'No news yet.'), ('az', 'no_articles', 'Hələ xəbər yoxdur.'), ('ru', 'no_articles', 'Новостей пока нет.');
