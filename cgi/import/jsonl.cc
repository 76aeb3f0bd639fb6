#include "import/jsonl.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>

#include "auth/crypto.h"
#include "http/url.h"
#include "util/parse.h"
#include "util/slug.h"

namespace {

using nlohmann::json;

constexpr size_t kMaxLineBytes = 32u << 20;

// A text field, or "" (a number is written out; anything else is refused).
std::string text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  throw std::invalid_argument(std::string("\"") + key + "\" is not text");
}

std::vector<std::string> texts(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string("\"") + key + "\" is not a list");
  for (const json& v : *it) {
    if (!v.is_string()) throw std::invalid_argument(std::string("\"") + key + "\" holds something else than text");
    out.push_back(v.get<std::string>());
  }
  return out;
}

// "2024-05-20T08:00:00Z" or "...+04:00" (seconds optional) as WordPress's GMT
// "2024-05-20 04:00:00"; "" for "".
std::string gmt(const std::string& iso) {
  if (iso.empty()) return "";
  struct tm tm {};
  int sec = 0, consumed = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &consumed) != 5)
    throw std::invalid_argument("a time is not ISO 8601 (2024-05-20T08:00:00Z): " + iso);
  if (tm.tm_year < 1970 || tm.tm_year > 9999 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_hour < 0 || tm.tm_min < 0)
    throw std::invalid_argument("a time is not a time: " + iso);
  std::string rest = iso.substr(consumed);
  if (rest.size() >= 3 && rest[0] == ':') {
    sec = std::atoi(rest.substr(1, 2).c_str());
    rest = rest.substr(3);
  }
  long offset = 0;
  if (rest == "Z" || rest.empty()) {
  } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':') {
    offset = (std::atoi(rest.substr(1, 2).c_str()) * 60 + std::atoi(rest.substr(4, 2).c_str())) * 60;
    if (rest[0] == '-') offset = -offset;
  } else {
    throw std::invalid_argument("a time's zone is not Z or +hh:mm: " + iso);
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec = sec;
  std::time_t t = timegm(&tm) - offset;
  char out[32];
  struct tm utc {};
  gmtime_r(&t, &utc);
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &utc);
  return out;
}

// An id as WordPress's number: itself when it is one, else a number made from it.
int64_t number_of(const std::string& id) {
  if (auto n = parse_id(id)) return *n;
  return static_cast<int64_t>(std::stoull(token_hash(id).substr(0, 12), nullptr, 16)) + 1;  // within parse_id
}

WxrItem attachment(const json& photo, int64_t post_id) {
  WxrItem a;
  a.post_type = "attachment";
  a.status = "inherit";
  a.attachment_url = text(photo, "url");
  std::string path = text(photo, "path");
  if (a.attachment_url.empty() && path.empty()) throw std::invalid_argument("a photo has neither \"url\" nor \"path\"");
  a.post_id = number_of(a.attachment_url.empty() ? "path:" + path : a.attachment_url);
  a.post_parent = post_id;
  a.title = text(photo, "alt");
  a.excerpt = text(photo, "caption");
  a.meta = {{"_wp_attached_file", path},
            {"_wp_attachment_image_alt", text(photo, "alt")},
            {"_media_credit", text(photo, "credit")}};
  return a;
}

// The article of one line, and its photos as attachments (handed first).
std::vector<WxrItem> items_of(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("a line is not an object");
  std::string id = text(j, "id");
  if (id.empty()) throw std::invalid_argument("no \"id\" (each article's own, the same at every export)");
  WxrItem post;
  post.post_type = "post";
  post.post_id = number_of(id);
  post.guid = id;
  post.title = text(j, "title");
  std::string html = text(j, "body_html"), markdown = text(j, "body_markdown");
  post.content_is_markdown = html.empty() && !markdown.empty();
  post.content = post.content_is_markdown ? markdown : html;
  post.excerpt = text(j, "lead");
  std::string status = text(j, "status");
  if (!status.empty() && status != "published" && status != "draft")
    throw std::invalid_argument("\"status\" is neither \"published\" nor \"draft\"");
  post.status = status == "draft" ? "draft" : "publish";
  post.post_date_gmt = gmt(text(j, "published_at"));
  if (post.post_date_gmt.empty()) throw std::invalid_argument("no \"published_at\"");
  post.post_modified_gmt = gmt(text(j, "updated_at"));
  post.post_name = url_escape(text(j, "slug"));
  post.bylines = texts(j, "authors");
  post.old_addresses = texts(j, "old_urls");
  if (!post.old_addresses.empty()) post.link = post.old_addresses.front();
  std::string section = text(j, "section");
  std::string section_name = text(j, "section_name");
  if (!section.empty()) post.terms.push_back({"category", section, section_name.empty() ? section : section_name});
  for (const std::string& tag : texts(j, "tags")) post.terms.push_back({"post_tag", slugify(tag), tag});
  std::string edition = text(j, "edition");
  if (!edition.empty()) post.terms.push_back({"language", edition, edition});
  std::vector<WxrItem> out;
  auto photos = j.find("photos");
  if (photos != j.end() && !photos->is_null()) {
    if (!photos->is_array()) throw std::invalid_argument("\"photos\" is not a list");
    for (const json& p : *photos) {
      if (!p.is_object()) throw std::invalid_argument("a photo is not an object");
      WxrItem a = attachment(p, post.post_id);
      bool lead = p.contains("lead") && p["lead"].is_boolean() && p["lead"].get<bool>();
      std::string id_text = std::to_string(a.post_id);
      if (lead && post.meta_value("_thumbnail_id").empty()) post.meta.push_back({"_thumbnail_id", id_text});
      // A photo the body does not show yet comes after it; one a Markdown body shows is named by its id.
      std::string src = a.attachment_url.empty() ? text(p, "path") : a.attachment_url;
      if (post.content_is_markdown) {
        std::string named = "](" + src + ")";
        for (size_t at = post.content.find(named); at != std::string::npos; at = post.content.find(named, at))
          post.content.replace(at, named.size(), "](wp-attachment:" + id_text + ")");
      }
      if (!lead && post.content.find(src) == std::string::npos &&
          post.content.find("wp-attachment:" + id_text + ")") == std::string::npos)
        post.content += post.content_is_markdown
                            ? "\n\n![](wp-attachment:" + id_text + ")"
                            : "<figure class=\"wp-gallery\" data-ids=\"" + id_text + "\"></figure>";
      out.push_back(std::move(a));
    }
  }
  out.push_back(std::move(post));
  return out;
}

}  // namespace

void read_jsonl_file(const std::string& path, const std::string& source, WxrSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw WxrError("cannot open " + path);
  WxrSite site;
  site.base_site_url = source;
  sink.site(site);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.size() > kMaxLineBytes) {
      sink.refused(number, "longer than " + std::to_string(kMaxLineBytes >> 20) + " MB");
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      sink.refused(number, "not JSON");
      continue;
    }
    try {
      for (WxrItem& item : items_of(j)) {
        item.line = number;
        sink.item(item);
      }
    } catch (const std::invalid_argument& e) {
      sink.refused(number, e.what());
    }
  }
}
