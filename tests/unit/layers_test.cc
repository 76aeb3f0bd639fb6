// The layers of cgi/: each folder may include only its own files and those of
// the folders below it, so that the protocol never knows the pages, the
// database never knows the views, and the server is the only part that knows
// everything. The order is written here once; a file that includes one above
// it, or a new folder nobody placed, fails this test.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace {

// Lowest first. Folders of one rank are peers that may not include each other.
// cgi/context.h, cgi/app.* and cgi/main.cc are layers of one file (or two) each.
const std::map<std::string, int> kRank = {
    {"util", 0}, {"http", 1},  {"db", 2},     {"auth", 3}, {"cache", 3},  {"media", 3}, {"context", 4},
    {"view", 5}, {"pages", 6}, {"import", 7}, {"app", 8},  {"server", 9}, {"main", 10},
};

// "db/content.h" -> "db"; "app.h" -> "app" (a path relative to cgi/).
std::string layer_of(const std::string& path) {
  size_t slash = path.find('/');
  if (slash != std::string::npos) return path.substr(0, slash);
  return path.substr(0, path.find('.'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layers)

BOOST_AUTO_TEST_CASE(no_file_under_cgi_includes_one_of_a_layer_above_its_own) {
  namespace fs = std::filesystem;
  const std::regex include(R"re(^\s*#\s*include\s+"([^"]+)")re");
  int files = 0, includes = 0;
  for (const auto& entry : fs::recursive_directory_iterator("cgi")) {
    if (!entry.is_regular_file()) continue;
    std::string path = fs::relative(entry.path(), "cgi").generic_string();
    std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cc") continue;
    ++files;
    std::string from = layer_of(path);
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST_REQUIRE(kRank.count(from) == 1, "cgi/" << path << " is in no layer: place its folder in kRank");
      std::ifstream in(entry.path());
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        ++includes;
        std::string to = layer_of(m[1]);
        if (to == from) continue;
        BOOST_TEST_CONTEXT("line " << number << ": " << m[1]) {
          BOOST_TEST_REQUIRE(kRank.count(to) == 1, m[1] << " is in no layer");
          BOOST_TEST(kRank.at(to) < kRank.at(from), "cgi/" << path << ":" << number << " (" << from << ") includes "
                                                           << m[1] << " (" << to << "), which is not below it");
        }
      }
    }
  }
  BOOST_TEST(files > 100);  // the walk found the tree (run from the repository's root)
  BOOST_TEST(includes > 300);
}

BOOST_AUTO_TEST_CASE(the_check_sees_an_include_that_runs_upwards) {
  BOOST_TEST(layer_of("db/content.h") == "db");
  BOOST_TEST(layer_of("app.h") == "app");
  BOOST_TEST(layer_of("context.h") == "context");
  BOOST_TEST(kRank.at(layer_of("pages/pages.h")) > kRank.at(layer_of("view/view.h")));
  BOOST_TEST(kRank.at(layer_of("server/lane_pool.h")) > kRank.at(layer_of("app.h")));
  BOOST_TEST(kRank.at(layer_of("util/parse.h")) < kRank.at(layer_of("http/url.h")));
}

BOOST_AUTO_TEST_SUITE_END()
