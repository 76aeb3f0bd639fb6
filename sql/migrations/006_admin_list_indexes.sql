-- The editors' article list, newest change first, filtered by status alone or by
-- category and status, reads a range of one of these in order (as ix_admin_list
-- serves edition and status), instead of sorting every article of the filter:
-- at a million articles that sort took longer than the read timeout.
ALTER TABLE articles
  ADD KEY ix_admin_status (status, updated_at, id),
  ADD KEY ix_admin_category (category_id, status, updated_at, id);
