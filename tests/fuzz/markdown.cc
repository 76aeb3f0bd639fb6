// Article bodies (Markdown, libcmark) with the site's rules: whatever an
// editor types, the HTML has only the elements Markdown and the photo markup
// make, no event handler, and no link to a script or a local file (data: only
// for images, as cmark's safe mode allows); it is valid UTF-8. The plain text for search is valid UTF-8 without tags.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

#include "fuzz.h"
#include "util/markdown.h"

namespace {

const std::set<std::string> kElements = {
    "p",  "em", "strong", "a",  "code", "pre",    "blockquote", "ul",      "ol",     "li",  "h1",   "h2",  "h3", "h4",
    "h5", "h6", "hr",     "br", "del",  "figure", "figcaption", "picture", "source", "img", "span", "sup", "sub"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool dangerous_link(std::string value) {
  value.erase(
      std::remove_if(value.begin(), value.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
      value.end());
  value = lower(value);
  // cmark's safe mode lets photos inline (data:image/png, gif, jpeg, webp), nothing else of data:.
  for (const char* image : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"})
    if (value.rfind(image, 0) == 0) return false;
  for (const char* scheme : {"javascript:", "vbscript:", "data:", "file:"})
    if (value.rfind(scheme, 0) == 0) return true;
  return false;
}

// One tag's attributes: none is an event handler, no link is dangerous.
void check_attributes(const std::string& tag, size_t at) {
  while (at < tag.size()) {
    if (tag[at] == ' ' || tag[at] == '/') {
      ++at;
      continue;
    }
    size_t name_end = tag.find_first_of("= />", at);
    std::string name = lower(tag.substr(at, name_end - at));
    FUZZ_CHECK(name.rfind("on", 0) != 0);
    at = name_end;
    if (at >= tag.size() || tag[at] != '=') continue;
    FUZZ_CHECK(at + 1 < tag.size() && tag[at + 1] == '"');  // cmark and our templates quote every value
    size_t close = tag.find('"', at + 2);
    FUZZ_CHECK(close != std::string::npos);
    if (name == "href" || name == "src" || name == "srcset")
      FUZZ_CHECK(!dangerous_link(tag.substr(at + 2, close - at - 2)));
    at = close + 1;
  }
}

// Every tag of `html` is an element Markdown or the photo markup makes, with
// safe attributes; the only comment is cmark's note where it left raw HTML out.
void check_tags(const std::string& html) {
  static const std::string kOmitted = "<!-- raw HTML omitted -->";
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at)) {
    if (html.compare(at, kOmitted.size(), kOmitted) == 0) {
      at += kOmitted.size();
      continue;
    }
    size_t end = html.find('>', at);
    FUZZ_CHECK(end != std::string::npos);
    std::string tag = html.substr(at + 1, end - at - 1);
    size_t name_start = !tag.empty() && tag[0] == '/' ? 1 : 0;
    size_t name_end = std::min(tag.find_first_of(" /", name_start), tag.size());
    std::string name = tag.substr(name_start, name_end - name_start);
    if (!kElements.count(name)) std::fprintf(stderr, "unexpected element <%s>\n", name.c_str());
    FUZZ_CHECK(kElements.count(name));
    check_attributes(tag, name_end);
    at = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(fuzz_text(data, size));
  std::string html = markdown_to_html(body, [](int64_t id, const std::string& alt, bool block) {
    return std::string(block ? "<figure><img src=\"/media/" : "<img src=\"/media/") + std::to_string(id) + "\">" +
           (block ? "</figure>" : "");
  });
  FUZZ_CHECK(is_valid_utf8(html));
  check_tags(html);
  std::string text = markdown_plain_text(body);
  FUZZ_CHECK(is_valid_utf8(text));
  for (int64_t id : photo_references(body)) FUZZ_CHECK(id > 0);
  return 0;
}
