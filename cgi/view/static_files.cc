#include "view/static_files.h"

#include <ctemplate/template.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "auth/crypto.h"

namespace {

struct StaticFile {
  const char* global;  // the template variable
  const char* path;    // under /static/
};
constexpr StaticFile kLinked[] = {
    {"SITE_CSS_URL", "css/site.css"},
    {"ADMIN_CSS_URL", "css/admin.css"},
    {"ICON_URL", "img/favicon.svg"},
};

}  // namespace

void load_static_versions(const std::string& dir) {
  for (const StaticFile& f : kLinked) {
    std::string url = std::string("/static/") + f.path;
    std::ifstream in(dir + "/" + f.path, std::ios::binary);
    if (in) {
      std::stringstream bytes;
      bytes << in.rdbuf();
      url += "?v=" + token_hash(bytes.str()).substr(0, 12);
    } else {
      std::fprintf(stderr, "newsline: cannot read %s/%s: linked without a version\n", dir.c_str(), f.path);
    }
    ctemplate::TemplateDictionary::SetGlobalValue(f.global, url);
  }
}
