-- What each edition says of itself in search results and link previews
-- (<meta name="description"> of pages that have no lead of their own) and
-- its locale for OpenGraph.
INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'description', 'News from Azerbaijan and the world as it happens: politics, economy, society, culture and science.'),
  ('az', 'description', 'Azərbaycan və dünya xəbərləri: siyasət, iqtisadiyyat, cəmiyyət, mədəniyyət və elm.'),
  ('ru', 'description', 'Новости Азербайджана и мира: политика, экономика, общество, культура и наука.'),
  ('en', 'locale', 'en_US'), ('az', 'locale', 'az_AZ'), ('ru', 'locale', 'ru_RU');
