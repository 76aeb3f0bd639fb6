#include "db/categories.h"

#include "db/db.h"

namespace {

CategoryRow category_from(const Row& r) { return {r[0].i, r[1].s, r[2].s, r[3].s, r[4].i, r[5].i}; }

std::vector<CategoryRow> categories_from(const Rows& rows) {
  std::vector<CategoryRow> out;
  for (const Row& r : rows) out.push_back(category_from(r));
  return out;
}

}  // namespace

#define NL_ALL_CATEGORIES \
  " FROM categories c JOIN editions e ON e.code = c.edition ORDER BY e.position, c.position, c.name"

std::vector<CategoryRow> list_categories(Db& db) {
  return categories_from(db.select("SELECT c.id, c.edition, c.slug, c.name, c.position, 0" NL_ALL_CATEGORIES, {}));
}

std::vector<CategoryRow> list_categories_with_article_counts(Db& db) {
  std::vector<CategoryRow> categories = list_categories(db);
  for (CategoryRow& c : categories)
    c.article_count = db.select("SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE category_id = ? LIMIT ?) counted",
                                {c.id, kArticleCountCap + 1})[0][0]
                          .i;
  return categories;
}

std::optional<CategoryRow> find_category_by_id(Db& db, int64_t id) {
  Rows rows = db.select("SELECT c.id, c.edition, c.slug, c.name, c.position, 0 FROM categories c WHERE c.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return category_from(rows[0]);
}

bool category_slug_taken(Db& db, const std::string& edition, const std::string& slug) {
  return !db.select("SELECT 1 FROM categories WHERE edition = ? AND slug = ?", {edition, slug}).empty();
}

int64_t insert_category(Db& db, const std::string& edition, const std::string& slug, const std::string& name,
                        int64_t position) {
  db.execute("INSERT INTO categories (edition, slug, name, position) VALUES (?, ?, ?, ?)",
             {edition, slug, name, position});
  return static_cast<int64_t>(db.last_insert_id());
}

void update_category(Db& db, int64_t id, const std::string& name, int64_t position) {
  db.execute("UPDATE categories SET name = ?, position = ? WHERE id = ?", {name, position, id});
}

bool delete_category_if_empty(Db& db, int64_t id) {
  return db.execute("DELETE FROM categories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE category_id = ?)",
                    {id, id}) == 1;
}
