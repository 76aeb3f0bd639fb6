#include "util/markdown.h"

#include <cmark.h>

#include <cstdlib>

std::string markdown_to_html(const std::string& markdown) {
  // CMARK_OPT_DEFAULT is cmark's safe mode since 0.29 (CMARK_OPT_UNSAFE is not set).
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}
