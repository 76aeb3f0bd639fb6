// What an import brought in, by its old site's ids, and the old site's
// addresses (sql/migrations/016_imports.sql).
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"

struct ImportedItem {
  std::string source;  // the old site's address
  std::string kind;    // post, page, category, tag, author, attachment
  int64_t wp_id = 0;
  int64_t newsline_id = 0;
  std::string guid;
  std::string fingerprint;  // of what was imported; the same again means nothing changed
  int64_t revision = 0;     // the article's revision the import wrote
};

std::optional<ImportedItem> find_imported(Db& db, const std::string& source, const std::string& kind, int64_t wp_id);
void remember_imported(Db& db, const ImportedItem& item, std::time_t now);

// Old address (old_address_key) -> a path of this site; an existing one is pointed at `target`.
void put_redirect(Db& db, const std::string& old_address, const std::string& target, const std::string& origin,
                  std::time_t now);
std::optional<std::string> redirect_target(Db& db, const std::string& old_address);

struct Redirect {
  std::string old_address, target, origin;
  std::time_t created_at = 0;
};
// The redirects whose old address starts with `prefix` (a key, see
// http/old_address.h), in the key's order after `after`, at most `limit`.
std::vector<Redirect> find_redirects(Db& db, const std::string& prefix, const std::string& after, int limit);
// False when there was no such old address.
bool delete_redirect(Db& db, const std::string& old_address);
// Tells the workers the redirects changed (they read the keys again).
void bump_redirects_version(Db& db);
int64_t redirects_version(Db& db);
// Every old address, for the workers' set of keys.
std::vector<std::string> all_old_addresses(Db& db);
