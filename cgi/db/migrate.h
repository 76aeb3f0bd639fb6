#pragma once
#include <string>
#include <vector>

class Db;

// Applies, in order, every sql/migrations/NNN_name.sql not yet recorded in
// schema_migrations, recording each. Returns the versions it applied, in order;
// throws on error.
std::vector<int64_t> apply_migrations(Db& db, const std::string& sql_dir, std::string& log);
