-- Demo content of the newsroom: tags, authors, translations linked across the
-- editions, the front page's pinned stories, a correction, and the simple
-- pages of the footer. Article 1 (the seed page) keeps its free-text byline.
START TRANSACTION;

INSERT INTO tags (id, edition, slug, name) VALUES
  (1, 'en', 'human-rights', 'Human rights'),
  (2, 'en', 'hikmat-hajiyev', 'Hikmat Hajiyev'),
  (3, 'en', 'iran', 'Iran'),
  (4, 'en', 'milli-majlis', 'Milli Majlis'),
  (5, 'en', 'oil', 'Oil'),
  (6, 'az', 'insan-huquqlari', 'İnsan hüquqları'),
  (7, 'ru', 'prava-cheloveka', 'Права человека');

INSERT INTO article_tags (article_id, tag_id, position, status, published_at)
SELECT a.id, t.tag_id, t.position, a.status, a.published_at
FROM articles a JOIN (
  SELECT 1 AS article_id, 1 AS tag_id, 1 AS position UNION ALL SELECT 2, 1, 1 UNION ALL SELECT 27, 1, 1
  UNION ALL SELECT 13, 2, 1 UNION ALL SELECT 15, 2, 1 UNION ALL SELECT 16, 2, 1 UNION ALL SELECT 17, 2, 1
  UNION ALL SELECT 19, 2, 1 UNION ALL SELECT 25, 2, 1 UNION ALL SELECT 15, 3, 2 UNION ALL SELECT 16, 3, 2
  UNION ALL SELECT 19, 3, 2 UNION ALL SELECT 25, 3, 2 UNION ALL SELECT 7, 4, 1 UNION ALL SELECT 22, 4, 1
  UNION ALL SELECT 24, 4, 1 UNION ALL SELECT 37, 4, 1 UNION ALL SELECT 6, 5, 1 UNION ALL SELECT 43, 6, 1
  UNION ALL SELECT 47, 7, 1
) t ON t.article_id = a.id;

INSERT INTO authors (id, slug, name, bio) VALUES
  (1, 'madina-mammadova', 'Madina Mammadova', 'Madina Mammadova covers human rights and parliament for EDnews in Baku.'),
  (2, 'rashad-aliyev', 'Rashad Aliyev', 'Rashad Aliyev edits the English edition and translates from Azerbaijani.');

INSERT INTO article_authors (article_id, author_id, position, role, edition, status, published_at)
SELECT a.id, w.author_id, w.position, w.role, a.edition, a.status, a.published_at
FROM articles a JOIN (
  SELECT 2 AS article_id, 1 AS author_id, 1 AS position, '' AS role UNION ALL SELECT 27, 1, 1, ''
  UNION ALL SELECT 42, 1, 1, '' UNION ALL SELECT 42, 2, 2, 'translated by' UNION ALL SELECT 43, 1, 1, ''
  UNION ALL SELECT 44, 1, 1, '' UNION ALL SELECT 47, 1, 1, '' UNION ALL SELECT 48, 1, 1, ''
) w ON w.article_id = a.id;

-- The same stories in the three editions.
UPDATE articles SET translation_group = 1 WHERE id IN (1, 43, 47);
UPDATE articles SET translation_group = 42 WHERE id IN (42, 44, 48);
UPDATE articles SET translation_group = 41 WHERE id IN (41, 45);
UPDATE articles SET translation_group = 6 WHERE id IN (6, 46, 50);
UPDATE articles SET translation_group = 33 WHERE id IN (33, 49);

INSERT INTO front_slots (edition, position, article_id) VALUES ('en', 1, 42), ('en', 2, 36), ('en', 3, 28);

INSERT INTO corrections (article_id, edition, noted_at, text)
SELECT id, edition, published_at + INTERVAL 3 HOUR,
       'An earlier version of this article gave the wrong date for the next OPEC+ meeting.'
FROM articles WHERE id = 6;

INSERT INTO pages (edition, slug, title, body, body_html, position, updated_at) VALUES
  ('en', 'about', 'About us', 'Newsline is a demo newsroom.', '<p>Newsline is a demo newsroom.</p>\n', 1, UTC_TIMESTAMP()),
  ('en', 'contacts', 'Contacts', 'Write to the newsroom: news@example.com', '<p>Write to the newsroom: news@example.com</p>\n', 2, UTC_TIMESTAMP()),
  ('en', 'advertising', 'Advertising', 'Advertising: ads@example.com', '<p>Advertising: ads@example.com</p>\n', 3, UTC_TIMESTAMP()),
  ('az', 'haqqimizda', 'Haqqımızda', 'Newsline nümayiş redaksiyasıdır.', '<p>Newsline nümayiş redaksiyasıdır.</p>\n', 1, UTC_TIMESTAMP()),
  ('az', 'elaqe', 'Əlaqə', 'Redaksiya: news@example.com', '<p>Redaksiya: news@example.com</p>\n', 2, UTC_TIMESTAMP()),
  ('az', 'reklam', 'Reklam', 'Reklam: ads@example.com', '<p>Reklam: ads@example.com</p>\n', 3, UTC_TIMESTAMP()),
  ('ru', 'o-nas', 'О нас', 'Newsline — демонстрационная редакция.', '<p>Newsline — демонстрационная редакция.</p>\n', 1, UTC_TIMESTAMP()),
  ('ru', 'kontakty', 'Контакты', 'Редакция: news@example.com', '<p>Редакция: news@example.com</p>\n', 2, UTC_TIMESTAMP()),
  ('ru', 'reklama', 'Реклама', 'Реклама: ads@example.com', '<p>Реклама: ads@example.com</p>\n', 3, UTC_TIMESTAMP());

COMMIT;
