#include "db/categories.h"

#include "db/db.h"

namespace {

CategoryRow category_from(const Row& r) { return {r[0].i, r[1].s, r[2].s, r[3].s, r[4].i, r[5].i}; }

}  // namespace

std::vector<CategoryRow> list_categories(Db& db) {
  std::vector<CategoryRow> out;
  for (const Row& r : db.select(
           "SELECT c.id, c.edition, c.slug, c.name, c.position,"
           " (SELECT COUNT(*) FROM articles a WHERE a.category_id = c.id)"
           " FROM categories c JOIN editions e ON e.code = c.edition ORDER BY e.position, c.position, c.name",
           {}))
    out.push_back(category_from(r));
  return out;
}

std::optional<CategoryRow> find_category_by_id(Db& db, int64_t id) {
  Rows rows = db.select(
      "SELECT c.id, c.edition, c.slug, c.name, c.position,"
      " (SELECT COUNT(*) FROM articles a WHERE a.category_id = c.id) FROM categories c WHERE c.id = ?",
      {id});
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
  return db.execute(
             "DELETE FROM categories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE category_id = ?)",
             {id, id}) == 1;
}
