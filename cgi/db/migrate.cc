#include "db/migrate.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "db/db.h"

namespace {

struct Migration {
  int version;
  std::string file;
};

std::vector<Migration> migration_files(const std::string& dir) {
  std::vector<Migration> found;
  DIR* d = opendir(dir.c_str());
  if (!d) throw std::runtime_error("cannot open " + dir);
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() < 5 || name.substr(name.size() - 4) != ".sql") continue;
    size_t digits = name.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string::npos || name[digits] != '_') continue;
    found.push_back({std::stoi(name.substr(0, digits)), dir + "/" + name});
  }
  closedir(d);
  std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < found.size(); ++i)
    if (found[i].version == found[i - 1].version)
      throw std::runtime_error("two migrations share version " + std::to_string(found[i].version));
  return found;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::vector<int64_t> apply_migrations(Db& db, const std::string& sql_dir, std::string& log) {
  db.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INT NOT NULL PRIMARY KEY,"
      " name VARCHAR(200) NOT NULL,"
      " applied_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
      {});
  std::set<int64_t> applied;
  for (const Row& r : db.select("SELECT version FROM schema_migrations", {})) applied.insert(r[0].i);
  std::vector<int64_t> done;
  for (const Migration& m : migration_files(sql_dir + "/migrations")) {
    if (applied.count(m.version)) continue;
    db.run_script(read_file(m.file));
    std::string name = m.file.substr(m.file.rfind('/') + 1);
    db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", {m.version, name});
    log += "applied " + name + "\n";
    done.push_back(m.version);
  }
  return done;
}
