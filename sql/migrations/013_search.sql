-- Search: one row per published article with its words folded for search
-- (util/search_text.h: lower case, marks dropped, so "Şəki", "ŞƏKİ" and "Seki"
-- are one word) under an InnoDB FULLTEXT index. Written by the application in
-- the transaction that saves the article; `newsline migrate` and `newsline
-- load` index the articles that have no row yet (those written by SQL).
-- The edition and publication time are copied here so that a search reads
-- no other table until it has its page of results.

-- Every word is indexed, the commonest too: the application leaves them out
-- of a query itself, per language (InnoDB's list is English only, and a query
-- of common words alone must still find something). The setting is read when
-- the index is made and kept with it.
SET SESSION innodb_ft_enable_stopword = OFF;

CREATE TABLE article_search (
  article_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  edition      CHAR(2)    NOT NULL,
  published_at DATETIME   NOT NULL,   -- UTC, as articles.published_at
  words        MEDIUMTEXT NOT NULL,   -- title twice (it weighs more), lead and body, folded
  FULLTEXT KEY ft_words (words),
  CONSTRAINT fk_search_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO edition_labels (edition, label, text) VALUES
  ('en', 'search', 'Search'), ('az', 'search', 'Axtarış'), ('ru', 'search', 'Поиск'),
  ('en', 'search_button', 'Search'), ('az', 'search_button', 'Axtar'), ('ru', 'search_button', 'Найти'),
  ('en', 'search_for', 'Search results for'), ('az', 'search_for', 'Axtarışın nəticələri:'),
  ('ru', 'search_for', 'Результаты поиска:'),
  ('en', 'search_hint', 'Type one or more words from the story you are looking for.'),
  ('az', 'search_hint', 'Axtardığınız xəbərdən bir və ya bir neçə söz yazın.'),
  ('ru', 'search_hint', 'Введите одно или несколько слов из новости, которую вы ищете.'),
  ('en', 'search_none', 'No stories contain all of these words. Try fewer or other words.'),
  ('az', 'search_none', 'Bu sözlərin hamısı olan xəbər tapılmadı. Daha az və ya başqa söz yazın.'),
  ('ru', 'search_none', 'Новостей со всеми этими словами не найдено. Попробуйте меньше слов или другие слова.'),
  ('en', 'search_too_long', 'This search is too long: use at most 200 characters.'),
  ('az', 'search_too_long', 'Axtarış çox uzundur: ən çoxu 200 simvol yazın.'),
  ('ru', 'search_too_long', 'Слишком длинный запрос: не больше 200 символов.'),
  ('en', 'search_slow', 'This search took too long. Add a word to make it more precise.'),
  ('az', 'search_slow', 'Axtarış çox uzun çəkdi. Daha dəqiq olması üçün bir söz əlavə edin.'),
  ('ru', 'search_slow', 'Поиск занял слишком много времени. Добавьте слово, чтобы уточнить запрос.'),
  ('en', 'search_more', 'More results'), ('az', 'search_more', 'Daha çox nəticə'), ('ru', 'search_more', 'Ещё результаты'),
  ('en', 'search_busy', 'Too many searches from your address in the last minute. Please wait a little and try again.'),
  ('az', 'search_busy', 'Son dəqiqədə ünvanınızdan çox axtarış edilib. Bir az gözləyin və yenidən cəhd edin.'),
  ('ru', 'search_busy', 'Слишком много поисков с вашего адреса за последнюю минуту. Подождите немного и попробуйте снова.');
