-- The content version: every change readers can see (publish, edit, delete,
-- category changes) bumps it in the same transaction. Workers poll it (and the
-- next scheduled publication) and drop their cached pages when either moves.
CREATE TABLE content_version (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version     BIGINT UNSIGNED NOT NULL,
  changed_at  DATETIME NOT NULL,
  CONSTRAINT ck_single_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO content_version (id, version, changed_at) VALUES (1, 1, UTC_TIMESTAMP());

-- The next scheduled publication: MIN(published_at) of published articles still in the future.
ALTER TABLE articles ADD KEY ix_scheduled (status, published_at);

-- Related links in the editor's order without a sort.
ALTER TABLE article_related ADD KEY ix_related_order (article_id, position);
