// `newsline import wordpress FILE`: a WordPress export brought into the site,
// again and again. Each item is written in its own transaction, the way an
// editor's save writes it (pages/admin.h save_article), with a record of its
// WordPress id, so that a second run adds what is new, updates what changed
// in WordPress, and never overwrites what an editor changed here since.
#pragma once
#include <string>
#include <vector>

#include "util/config.h"

struct ImportOptions {
  std::string format;  // "wordpress" (WXR) or "jsonl" (import/jsonl.h)
  std::string source;  // --source: the name a JSON Lines file's ids are kept under ("jsonl")
  std::string file;
  std::string edition;                   // "" = the site's default edition
  std::string time_zone;                 // the old site's zone, for dates without a GMT twin; "" = the site's
  std::string report_path;               // "" = FILE.report
  std::string user;                      // whose name revisions and the audit log carry; "" = the first admin
  std::string uploads_dir;               // --uploads: a copy of the old site's wp-content/uploads
  bool fetch = false;                    // --fetch: photos downloaded from the old site
  std::vector<std::string> allow_hosts;  // --allow-host: more hosts --fetch may download from
  bool dry_run = false;                  // reads and reports, writes nothing
  bool progress = false;                 // a line of progress on the terminal
};

// Options from the command line (after "import wordpress"); an error message when they do not make sense.
std::string parse_import_options(const std::vector<std::string>& args, ImportOptions& options);

// Runs the import; returns the exit status (0 imported, 1 stopped by an error, 2 refused).
int import_wordpress(const Config& cfg, const ImportOptions& options);
