// `newsline check-redirects FILE`: every old address in FILE (one per line,
// or the <loc> of an old sitemap) requested from the running site; each must
// answer 301 to a page that answers 200. What a newsroom runs before it
// points its domain at Newsline.
#pragma once
#include <string>
#include <vector>

struct RedirectCheck {
  std::string address;  // as listed
  int status = 0;       // the site's answer to it (0: no answer)
  std::string location;
  int landed = 0;  // the answer at `location`
  bool ok() const { return status == 301 && landed == 200; }
};

// The addresses a file lists: the <loc> of a sitemap (or sitemap index: its
// sitemaps are not followed), else one per line (blank lines and # comments skipped).
std::vector<std::string> addresses_in_file(const std::string& path);

// Asks `site` (e.g. "http://127.0.0.1:8080") for the path and query of each address.
std::vector<RedirectCheck> check_redirects(const std::string& site, const std::vector<std::string>& addresses);

// The command: args "check-redirects" FILE [--site URL]; `default_site` is the
// site's own address (site_url). Exit status 0 when every address passed.
int check_redirects_command(const std::string& default_site, const std::vector<std::string>& args);
