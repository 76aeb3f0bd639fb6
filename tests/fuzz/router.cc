// The route table against any path: a match's placeholders hold what their
// types promise ({edition} two letters, {id} a positive id, slugs and file
// names of their characters only), so a handler never sees anything else.
#include <fuzzer/FuzzedDataProvider.h>

#include <cctype>
#include <cstring>

#include "fuzz.h"
#include "pages/routes.h"
#include "util/parse.h"

namespace {

void check_param(std::string_view type, const RouteParam& p) {
  if (type == "{edition}") {
    FUZZ_CHECK(p.text.size() == 2 && std::islower(static_cast<unsigned char>(p.text[0])) &&
               std::islower(static_cast<unsigned char>(p.text[1])));
  } else if (type == "{category}" || type == "{slug}") {
    FUZZ_CHECK(is_slug_text(p.text, kMaxCategorySlug));
  } else if (type == "{article}") {
    FUZZ_CHECK(p.id > 0 && (p.slug.empty() || is_slug_text(p.slug, kMaxArticleSlug)));
  } else if (type == "{file}") {
    FUZZ_CHECK(!p.text.empty() && p.text[0] != '.' && p.text.find('/') == std::string::npos);
  } else {
    FUZZ_CHECK(p.id > 0 && parse_id(p.text) == p.id);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  static const char* const kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"};
  std::string method = kMethods[in.ConsumeIntegralInRange<size_t>(0, 5)];
  bool trailing_slash = in.ConsumeBool();
  std::vector<std::string> segments;
  while (in.remaining_bytes() && segments.size() < 8) segments.push_back(in.ConsumeRandomLengthString(60));
  RouteMatch m = match_route(routes(), method, segments, trailing_slash);
  if (!m.route) return 0;
  // Each {placeholder} of the pattern, in order, against its parameter.
  std::vector<std::string_view> types;
  for (const char* p = m.route->pattern; (p = std::strchr(p, '{')) != nullptr;) {
    const char* end = std::strchr(p, '}');
    types.emplace_back(p, end - p + 1);
    p = end;
  }
  FUZZ_CHECK(types.size() == m.params.size());
  for (size_t i = 0; i < types.size(); ++i) check_param(types[i], m.params[i]);
  if (m.method_allowed) FUZZ_CHECK(std::strstr(m.route->methods, method.c_str()) != nullptr);
  return 0;
}
