// WordPress exports (the WXR reader, libxml2's xmlTextReader) and the bodies
// in them (WordPress HTML to Markdown): whatever the bytes, the reader hands
// over only valid UTF-8 within its limits or stops with a WxrError, and each
// body's Markdown renders to valid UTF-8.
#include "import/wxr.h"
#include "fuzz.h"
#include "import/wp_body.h"
#include "util/markdown.h"

namespace {

struct Checked : WxrSink {
  WxrLimits limits;
  void author(const WxrAuthor& a) override { FUZZ_CHECK(is_valid_utf8(a.login) && is_valid_utf8(a.display_name)); }
  void term(const WxrTerm& t) override { FUZZ_CHECK(is_valid_utf8(t.slug) && is_valid_utf8(t.name)); }
  void item(const WxrItem& i) override {
    FUZZ_CHECK(is_valid_utf8(i.title) && is_valid_utf8(i.content) && is_valid_utf8(i.post_name));
    FUZZ_CHECK(i.content.size() <= limits.max_text && i.meta.size() <= limits.max_meta);
    WpBodyHooks hooks;
    hooks.photo = [](const WpImage& image) -> int64_t { return image.attachment_id > 0 ? image.attachment_id : 0; };
    WpBody body = wordpress_to_markdown(i.content, hooks);
    FUZZ_CHECK(is_valid_utf8(body.markdown));
    FUZZ_CHECK(is_valid_utf8(markdown_to_html(body.markdown)));
    FUZZ_CHECK(is_valid_utf8(wordpress_plain_text(i.title)));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Checked sink;
  sink.limits.max_text = 1 << 16;
  try {
    read_wxr_memory(fuzz_text(data, size), sink, sink.limits);
  } catch (const WxrError& e) {
    FUZZ_CHECK(e.what()[0] != '\0');
  }
  return 0;
}
