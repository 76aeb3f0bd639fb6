#include "import/check_redirects.h"

#include <curl/curl.h>
#include <libxml/xmlreader.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "util/text.h"

namespace {

// The path and query of an address ("https://old.example/a/b/?p=1#x" -> "/a/b/?p=1").
std::string path_and_query(const std::string& address) {
  std::string a = address.substr(0, address.find('#'));
  size_t scheme = a.find("://");
  if (scheme == std::string::npos) return a.empty() || a[0] != '/' ? "/" + a : a;
  size_t path = a.find_first_of("/?", scheme + 3);
  if (path == std::string::npos) return "/";
  return a[path] == '?' ? "/" + a.substr(path) : a.substr(path);
}

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

// One GET without following redirects: its status and Location.
int get(CURL* easy, const std::string& url, std::string& location) {
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  location.clear();
  if (curl_easy_perform(easy) != CURLE_OK) return 0;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  char* redirect = nullptr;
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &redirect);
  if (redirect) location = redirect;
  return static_cast<int>(status);
}

std::vector<std::string> sitemap_locs(const std::string& path) {
  std::vector<std::string> out;
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
      xmlReaderForFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeTextReader);
  if (!reader) return out;
  bool in_loc = false;
  std::string text;
  while (xmlTextReaderRead(reader.get()) == 1) {
    int type = xmlTextReaderNodeType(reader.get());
    const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) return {};  // no DTD is read from a file of elsewhere
    if (type == XML_READER_TYPE_ELEMENT && name && std::string(name) == "loc") {
      in_loc = true;
      text.clear();
    } else if (type == XML_READER_TYPE_END_ELEMENT && in_loc) {
      in_loc = false;
      if (!trimmed(text).empty()) out.push_back(trimmed(text));
    } else if (in_loc && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)) {
      const xmlChar* value = xmlTextReaderConstValue(reader.get());
      if (value) text += reinterpret_cast<const char*>(value);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> addresses_in_file(const std::string& path) {
  std::ifstream in(path);
  std::string first;
  in >> first;
  if (first.rfind("<", 0) == 0) return sitemap_locs(path);
  in.clear();
  in.seekg(0);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    std::string address = trimmed(line);
    if (!address.empty() && address[0] != '#') out.push_back(address);
  }
  return out;
}

std::vector<RedirectCheck> check_redirects(const std::string& site, const std::vector<std::string>& addresses) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), curl_easy_cleanup);
  curl_easy_setopt(easy.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy.get(), CURLOPT_USERAGENT, "Newsline check-redirects");
  std::string base = site;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<RedirectCheck> out;
  for (const std::string& address : addresses) {
    RedirectCheck c;
    c.address = address;
    c.status = get(easy.get(), base + path_and_query(address), c.location);
    if (c.status == 301 && !c.location.empty()) {
      std::string ignored;
      std::string target = c.location.find("://") == std::string::npos ? base + c.location : c.location;
      c.landed = get(easy.get(), target, ignored);
    }
    out.push_back(std::move(c));
  }
  return out;
}

int check_redirects_command(const std::string& default_site, const std::vector<std::string>& args) {
  std::string file, site = default_site;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--site" && i + 1 < args.size())
      site = args[++i];
    else if (file.empty())
      file = args[i];
  }
  if (file.empty()) {
    std::fprintf(stderr, "usage: newsline check-redirects FILE [--site URL]\n");
    return 2;
  }
  std::vector<std::string> addresses = addresses_in_file(file);
  if (addresses.empty()) {
    std::fprintf(stderr, "newsline: no address in %s\n", file.c_str());
    return 2;
  }
  int failed = 0;
  for (const RedirectCheck& c : check_redirects(site, addresses)) {
    if (c.ok()) continue;
    ++failed;
    if (c.status != 301)
      std::printf("%s\tanswered %d, not 301\n", c.address.c_str(), c.status);
    else
      std::printf("%s\t301 to %s, which answered %d\n", c.address.c_str(), c.location.c_str(), c.landed);
  }
  std::printf("%zu addresses: %zu lead to a page, %d do not (asked of %s)\n", addresses.size(),
              addresses.size() - failed, failed, site.c_str());
  return failed ? 1 : 0;
}
