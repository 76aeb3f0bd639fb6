-- The days that have articles, per edition, for the sitemap index
-- (/sitemap.xml): it lists a day's sitemap only when that day has a published
-- article, with <lastmod> the day's latest change, read here instead of by
-- scanning the articles. Kept by the application in the transaction that
-- saves an article (db/sitemaps.h refresh_sitemap_day); `newsline load` and
-- `newsline search-index` count it again for articles written by SQL.
CREATE TABLE sitemap_days (
  edition  CHAR(2)      NOT NULL,
  day      DATE         NOT NULL,   -- UTC, the day of articles.published_at
  articles INT UNSIGNED NOT NULL,   -- published (scheduled ones too) on that day
  modified DATETIME     NOT NULL,   -- UTC: the latest publication or save among them
  PRIMARY KEY (edition, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO sitemap_days (edition, day, articles, modified)
  SELECT edition, DATE(published_at), COUNT(*), MAX(GREATEST(published_at, COALESCE(updated_at, published_at)))
  FROM articles WHERE status = 'published' GROUP BY edition, DATE(published_at);
