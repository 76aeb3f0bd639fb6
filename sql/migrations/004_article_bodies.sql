-- Bodies move to their own table: the article rows that every listing reads
-- stay small and dense (a listing at a million articles no longer walks pages
-- full of bodies). The home page's lead is kept with the article.

CREATE TABLE article_bodies (
  article_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  body        MEDIUMTEXT NOT NULL,        -- Markdown, as the editor wrote it
  body_html   MEDIUMTEXT NULL,            -- rendered by libcmark (safe mode) when saved
  CONSTRAINT fk_body_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO article_bodies (article_id, body, body_html) SELECT id, body, body_html FROM articles;

ALTER TABLE articles
  ADD COLUMN lead VARCHAR(1000) NOT NULL DEFAULT '' AFTER title;   -- the body's first paragraph, for the home page

UPDATE articles SET lead = LEFT(SUBSTRING_INDEX(body, '\n\n', 1), 1000);

ALTER TABLE articles DROP COLUMN body, DROP COLUMN body_html;
