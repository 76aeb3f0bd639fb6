// Categories as the admin manages them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

class Db;

struct CategoryRow {
  int64_t id = 0;
  std::string edition;
  std::string slug;
  std::string name;
  int64_t position = 0;
  int64_t article_count = 0;  // of any status, capped (below); 0 unless counted
};

// Counts stop above this: the categories page would otherwise read the index
// entry of every article on each view (seconds at a million, when not cached).
constexpr int64_t kArticleCountCap = 10000;

// All categories, by edition then position, without counting their articles
// (which reads every article's index entry: for forms and filters).
std::vector<CategoryRow> list_categories(Db& db);
// The same with each one's article count (capped), for the categories page.
std::vector<CategoryRow> list_categories_with_article_counts(Db& db);
std::optional<CategoryRow> find_category_by_id(Db& db, int64_t id);
bool category_slug_taken(Db& db, const std::string& edition, const std::string& slug);
int64_t insert_category(Db& db, const std::string& edition, const std::string& slug, const std::string& name,
                        int64_t position);
void update_category(Db& db, int64_t id, const std::string& name, int64_t position);
// Deletes the category only if no article uses it; false otherwise.
bool delete_category_if_empty(Db& db, int64_t id);
