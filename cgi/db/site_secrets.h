// The site's own secrets (sql/migrations/007_site_secrets.sql).
#pragma once
#include <string>

class Db;

// The secret named `name` (its bytes), or "" when there is none.
std::string load_site_secret(Db& db, const std::string& name);
