#include "db/site_secrets.h"

#include "db/db.h"

std::string load_site_secret(Db& db, const std::string& name) {
  Rows rows = db.select("SELECT secret FROM site_secrets WHERE name = ?", {name});
  return rows.empty() ? "" : rows[0][0].s;
}
