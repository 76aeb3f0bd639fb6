-- What an article page shows around the article -- its tags, authors with
-- their roles, corrections and translations -- kept beside its body, written
-- whenever one of them changes (db/article_links.h). An article page then
-- reads it with the article in one statement instead of joining five tables
-- on every render. NULL: not written yet; the page reads the tables instead.
ALTER TABLE article_bodies ADD COLUMN links MEDIUMTEXT NULL;

-- Articles whose links are to be written (by the workers' housekeeping, a
-- batch at a time): every article now, and later those of a tag or author
-- renamed with more articles than the admin rewrites at once.
CREATE TABLE article_links_due (
  article_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
INSERT INTO article_links_due (article_id) SELECT article_id FROM article_bodies;
