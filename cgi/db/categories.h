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
  int64_t article_count = 0;  // of any status
};

// All categories, by edition then position.
std::vector<CategoryRow> list_categories(Db& db);
std::optional<CategoryRow> find_category_by_id(Db& db, int64_t id);
bool category_slug_taken(Db& db, const std::string& edition, const std::string& slug);
int64_t insert_category(Db& db, const std::string& edition, const std::string& slug, const std::string& name,
                        int64_t position);
void update_category(Db& db, int64_t id, const std::string& name, int64_t position);
// Deletes the category only if no article uses it; false otherwise.
bool delete_category_if_empty(Db& db, int64_t id);
