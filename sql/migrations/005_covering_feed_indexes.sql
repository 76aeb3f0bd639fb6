-- The news line and the listings read only each headline's id, slug, title,
-- category and time. With those columns in the feed indexes, a listing is one
-- range scan of an index, with no lookup of each article in the table; the
-- workers name the categories themselves (CategoryCatalogue), so no join either.
ALTER TABLE articles
  DROP INDEX ix_edition_feed,
  ADD INDEX ix_edition_feed (edition, status, published_at, id, category_id, slug, title),
  DROP INDEX ix_category_feed,
  ADD INDEX ix_category_feed (category_id, status, published_at, id, slug, title);
