#pragma once
#include <string>

class Db;

// Applies, in order, every sql/migrations/NNN_name.sql not yet recorded in
// schema_migrations, recording each. Returns how many it applied; throws on error.
int apply_migrations(Db& db, const std::string& sql_dir, std::string& log);
