-- The stored links of an article (article_bodies.links, db/article_links.h)
-- now carry its related stories too, so that an uncached article page is one
-- statement of one SELECT. The links stored before have none: they are
-- cleared, and the workers' housekeeping writes them again (the pages read
-- the tables meanwhile, and show the same).
UPDATE article_bodies SET links = NULL WHERE links IS NOT NULL;
INSERT IGNORE INTO article_links_due (article_id) SELECT article_id FROM article_bodies;
