#include "db/search.h"

#include <limits>

#include "db/articles.h"
#include "util/markdown.h"
#include "util/parse.h"

namespace {

// The score: log relevance plus log 2 for every 90 days since 2025 (a story's
// weight halves every 90 days), which orders as relevance × 2^(age/90 days)
// but never overflows and never depends on today. Relevance is floored so
// that a word in every article (relevance 0) still ranks by date, and capped:
// InnoDB's relevance is infinite while the table's row count statistic is 0
// (log of 0 documents in its idf: seen on a replica just restarted, its
// statistics last computed when the table was empty), and MariaDB refuses the
// logarithm of that. In
// billionths, as an integer: a cursor compares exactly, which no decimal
// spelling of a double promises.
#define NL_SEARCH_SCORE                                                                     \
  "CAST((LN(LEAST(GREATEST(MATCH(s.words) AGAINST (? IN BOOLEAN MODE), 0.001), 1e9))"       \
  " + TIMESTAMPDIFF(SECOND, TIMESTAMP'2025-01-01 00:00:00', s.published_at) * 8.913913e-8)" \
  " * 1000000000 AS SIGNED)"

// Columns: the headline (0-9: id, slug, title, category, time, photo), the lead
// (10), the body's Markdown (11), the score (12). The matches are ranked in
// the index table alone; only the page's rows are joined.
constexpr const char* kSearchSql =
    "SELECT a.id, a.slug, a.title, a.category_id, a.published_at, m.id, m.hash, m.width, m.height, m.alt, a.lead,"
    " COALESCE(b.body, ''), r.score"
    " FROM (SELECT s.article_id, " NL_SEARCH_SCORE
    " AS score FROM article_search s"
    "  WHERE MATCH(s.words) AGAINST (? IN BOOLEAN MODE) AND s.edition = ? AND s.published_at <= ?"
    "  HAVING score < ? OR (score = ? AND s.article_id < ?)"
    "  ORDER BY score DESC, s.article_id DESC LIMIT ?) r"
    " JOIN articles a ON a.id = r.article_id"
    " LEFT JOIN media m ON m.id = a.lead_media_id"
    " LEFT JOIN article_bodies b ON b.article_id = a.id"
    " WHERE a.status = 'published'"
    " ORDER BY r.score DESC, r.article_id DESC";

constexpr const char* kWriteEntrySql =
    "INSERT INTO article_search (article_id, edition, published_at, words) VALUES (?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE edition = VALUES(edition), published_at = VALUES(published_at), words = VALUES(words)";
constexpr const char* kDeleteEntrySql = "DELETE FROM article_search WHERE article_id = ?";

// An anti-join looking up each article's row (NOT EXISTS was made a semi-join
// that read the whole index table for every batch: quadratic at a million).
constexpr const char* kUnindexedSql =
    "SELECT a.id, a.edition, a.published_at, a.title, a.lead, COALESCE(b.body, '') FROM articles a"
    " LEFT JOIN article_search s ON s.article_id = a.id"
    " LEFT JOIN article_bodies b ON b.article_id = a.id"
    " WHERE a.id > ? AND a.status = 'published' AND s.article_id IS NULL"
    " ORDER BY a.id LIMIT ?";

// What is indexed of an article: the title twice (a word in it weighs more), the lead, the body's text.
std::string indexed_words(const std::string& title, const std::string& lead, const std::string& body_markdown) {
  std::string title_words = search_words(title);
  return title_words + " " + title_words + " " + search_words(lead) + " " +
         search_words(markdown_plain_text(body_markdown));
}

}  // namespace

std::vector<SearchResult> search_articles(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                          const SearchQuery& query, const std::optional<SearchCursor>& after,
                                          std::time_t now, int limit) {
  std::string expr = query.boolean_expression();
  int64_t score = after ? after->score : std::numeric_limits<int64_t>::max();
  int64_t id = after ? after->id : std::numeric_limits<int64_t>::max();
  Rows rows = db.select(kSearchSql, {expr, expr, edition, Param::time(now), score, score, id, limit});
  std::vector<SearchResult> results(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    results[i].body = std::move(rows[i][11].s);
    results[i].position = {rows[i][12].number(), rows[i][0].i};
  }
  std::vector<Headline> headlines = headlines_from(db, catalogue, std::move(rows), /*with_lead=*/true);
  for (size_t i = 0; i < results.size(); ++i) results[i].headline = std::move(headlines[i]);
  return results;
}

void write_search_entry(Db& db, const ArticleDraft& a) {
  if (a.status != "published") {
    db.execute(kDeleteEntrySql, {a.id});
    return;
  }
  db.execute(kWriteEntrySql, {a.id, a.edition, Param::time(a.published_at), indexed_words(a.title, a.lead, a.body)});
}

int index_missing_articles(Db& db) {
  constexpr int kBatch = 500;
  int indexed = 0;
  for (int64_t last = 0;;) {
    Rows rows = db.select(kUnindexedSql, {last, kBatch});
    if (rows.empty()) return indexed;
    with_transaction(db, [&] {
      for (const Row& r : rows)
        db.execute(kWriteEntrySql, {r[0].i, r[1].s, Param::time(r[2].i), indexed_words(r[3].s, r[4].s, r[5].s)});
      return 0;
    });
    indexed += static_cast<int>(rows.size());
    last = rows.back()[0].i;
  }
}

std::string format_search_cursor(const SearchCursor& c) { return std::to_string(c.score) + "_" + std::to_string(c.id); }

std::optional<SearchCursor> parse_search_cursor(const std::string& s) {
  size_t sep = s.find('_');
  if (sep == std::string::npos) return std::nullopt;
  bool negative = s[0] == '-';
  auto magnitude =
      parse_number(std::string_view(s).substr(negative, sep - negative), 0, std::numeric_limits<int64_t>::max());
  auto id = parse_id(std::string_view(s).substr(sep + 1));
  if (!magnitude || !id) return std::nullopt;
  return SearchCursor{negative ? -*magnitude : *magnitude, *id};
}

std::vector<std::pair<std::string, Rows>> explain_search_queries(Db& db, std::time_t now) {
  std::string expr = parse_search_query("Baku energy", "en").boolean_expression();
  return {{"search", db.select_once(std::string("EXPLAIN ") + kSearchSql,
                                    {expr, expr, "en", Param::time(now), int64_t{1} << 62, int64_t{1} << 62, 1, 11})}};
}
