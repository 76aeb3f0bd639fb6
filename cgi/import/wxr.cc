#include "import/wxr.h"

#include <fcntl.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include "http/url.h"
#include "util/parse.h"
#include "util/text.h"

namespace {

// The namespaces a WordPress export uses, by address.
enum class Ns { none, wp, excerpt, content, dc, other };

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

Ns namespace_of(const xmlChar* uri) {
  std::string_view u = uri ? reinterpret_cast<const char*>(uri) : "";
  if (u.empty()) return Ns::none;
  if (u == "http://purl.org/rss/1.0/modules/content/") return Ns::content;
  if (u == "http://purl.org/dc/elements/1.1/") return Ns::dc;
  // http(s)://wordpress.org/export/1.N/ and its excerpt/ namespace, whatever N.
  for (std::string_view scheme : {"http://", "https://"}) {
    std::string_view base = "wordpress.org/export/1.";
    if (!starts_with(u, scheme) || !starts_with(u.substr(scheme.size()), base)) continue;
    std::string_view rest = u.substr(scheme.size() + base.size());
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0) return Ns::other;
    rest = rest.substr(digits);
    if (rest == "/") return Ns::wp;
    if (rest == "/excerpt/") return Ns::excerpt;
  }
  return Ns::other;
}

// The key a field is kept under: "wp:post_id", "dc:creator", "title".
std::string field_key(Ns ns, const char* name) {
  switch (ns) {
    case Ns::wp:
      return std::string("wp:") + name;
    case Ns::excerpt:
      return std::string("excerpt:") + name;
    case Ns::content:
      return std::string("content:") + name;
    case Ns::dc:
      return std::string("dc:") + name;
    case Ns::none:
      return name;
    case Ns::other:
      break;
  }
  return "";
}

int64_t number(const std::string& text) {
  auto n = parse_id(trimmed(text));
  return n ? *n : 0;
}

// No file or address named by the document is ever opened (external
// entities, external DTD subsets): the loader every libxml2 parser in this
// process uses refuses them all.
xmlParserInputPtr refuse_external(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

void refuse_external_entities() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
  });
}

// XML_PARSE_HUGE is left out on purpose: without it libxml2 bounds entity
// expansion and the size of one text node (10 MB).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

using Fields = std::map<std::string, std::string>;

// What is being read: the record whose fields the captured texts go to.
enum class Record { none, author, term, item, meta };

class Reader {
 public:
  Reader(xmlTextReaderPtr reader, WxrSink& sink, const WxrLimits& limits)
      : reader_(reader), sink_(sink), limits_(limits) {
    xmlTextReaderSetStructuredErrorHandler(reader_, &Reader::on_error, this);
  }

  void run() {
    for (;;) {
      int status = xmlTextReaderRead(reader_);
      if (status == 0) break;
      if (status < 0) throw malformed();
      node();
    }
    if (!seen_root_) throw WxrError("not a WordPress export: the file holds no XML element");
    announce_site();
  }

 private:
  static void on_error(void* self, xmlErrorPtr error) {
    auto* reader = static_cast<Reader*>(self);
    if (!error || error->level < XML_ERR_ERROR || !reader->error_.empty()) return;
    reader->error_ = error->message ? trimmed(error->message) : "unknown error";
    reader->error_line_ = error->line;
    reader->error_column_ = error->int2;
    reader->error_code_ = error->code;
  }

  WxrError malformed() const {
    int line = error_line_ ? error_line_ : xmlTextReaderGetParserLineNumber(reader_);
    int column = error_line_ ? error_column_ : xmlTextReaderGetParserColumnNumber(reader_);
    std::string what = error_.empty() ? "the XML ends too early" : error_;
    if (error_code_ == XML_ERR_ENTITY_LOOP)  // libxml2's bound on entity expansion ("billion laughs")
      return WxrError("refused: entities that expand without bound, at line " + std::to_string(line), line, column);
    return WxrError(
        "malformed XML at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what, line,
        column);
  }

  int line() const { return xmlTextReaderGetParserLineNumber(reader_); }

  void node() {
    switch (xmlTextReaderNodeType(reader_)) {
      case XML_READER_TYPE_DOCUMENT_TYPE:
        throw WxrError(
            "refused: the file declares a DOCTYPE, which no WordPress export has (entities and outside "
            "files are never read)",
            line());
      case XML_READER_TYPE_ENTITY_REFERENCE:
        throw WxrError("refused: the file refers to an entity it declares, which no WordPress export does", line());
      case XML_READER_TYPE_ELEMENT:
        start_element();
        break;
      case XML_READER_TYPE_END_ELEMENT:
        end_element(xmlTextReaderDepth(reader_));
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (capturing_) append_text();
        break;
      default:
        break;
    }
  }

  void append_text() {
    const xmlChar* value = xmlTextReaderConstValue(reader_);
    if (!value) return;
    size_t n = std::strlen(reinterpret_cast<const char*>(value));
    if (text_.size() + n > limits_.max_text)
      throw WxrError("refused: an element holds more than " + std::to_string(limits_.max_text >> 20) + " MB of text",
                     line());
    text_.append(reinterpret_cast<const char*>(value), n);
  }

  void start_element() {
    int depth = xmlTextReaderDepth(reader_);
    Ns ns = namespace_of(xmlTextReaderConstNamespaceUri(reader_));
    const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader_));
    std::string_view local = name ? name : "";
    bool empty = xmlTextReaderIsEmptyElement(reader_);
    if (depth == 0) {
      if (ns != Ns::none || local != "rss")
        throw WxrError("not a WordPress export: the root element is <" + std::string(local) + ">, not <rss>", line());
      seen_root_ = true;
      return;
    }
    if (depth == 1) {
      in_channel_ = ns == Ns::none && local == "channel";
      return;
    }
    if (!in_channel_ || capturing_) return;
    if (depth == 2) return channel_child(ns, local, empty);
    if (record_ == Record::none) return;
    if (depth == 3) return record_child(ns, local, empty);
    if (depth == 4 && record_ == Record::meta) capture(ns, name, empty, depth);
  }

  void channel_child(Ns ns, std::string_view local, bool empty) {
    Record record = Record::none;
    if (ns == Ns::wp && local == "author") record = Record::author;
    if (ns == Ns::wp && (local == "category" || local == "tag" || local == "term")) record = Record::term;
    if (ns == Ns::none && local == "item") record = Record::item;
    if (record == Record::none) {
      if (record_ == Record::none) capture_site_field(ns, local, empty);
      return;
    }
    announce_site();
    record_ = record;
    record_kind_ = std::string(local);
    record_line_ = line();
    fields_.clear();
    item_ = WxrItem{};
    if (empty) close_record();
  }

  void capture_site_field(Ns ns, std::string_view local, bool empty) {
    if (site_announced_) return;
    capture(ns, std::string(local).c_str(), empty, 2, &site_fields_);
  }

  void record_child(Ns ns, std::string_view local, bool empty) {
    if (record_ == Record::item && ns == Ns::none && local == "category") return item_term(empty);
    if (record_ == Record::item && ns == Ns::wp && local == "postmeta") {
      if (item_.meta.size() >= limits_.max_meta) throw WxrError("refused: an item has too many postmeta", line());
      item_.meta.emplace_back();
      meta_fields_.clear();
      record_ = Record::meta;
      if (empty) end_meta();
      return;
    }
    if (record_ == Record::item && ns == Ns::wp && local == "comment") {
      ++item_.comments;  // not imported; nothing inside it is captured (only a postmeta's children are)
      return;
    }
    capture(ns, std::string(local).c_str(), empty, 3);
  }

  // An item's <category domain="..." nicename="...">Name</category>. One
  // without a domain (WXR 1.0 lists each twice) is the RSS copy: left out.
  void item_term(bool empty) {
    xmlChar* domain = xmlTextReaderGetAttribute(reader_, BAD_CAST "domain");
    xmlChar* nicename = xmlTextReaderGetAttribute(reader_, BAD_CAST "nicename");
    std::unique_ptr<xmlChar, decltype(xmlFree)> hold_domain(domain, xmlFree), hold_nicename(nicename, xmlFree);
    if (!domain) return;
    if (item_.terms.size() >= limits_.max_terms) throw WxrError("refused: an item is in too many terms", line());
    item_.terms.push_back(
        {reinterpret_cast<const char*>(domain), nicename ? reinterpret_cast<const char*>(nicename) : "", ""});
    start_capture(3, empty, &item_.terms.back().name);
  }

  // The text of this element goes to fields[key] (the first one wins).
  void capture(Ns ns, const char* name, bool empty, int depth, Fields* fields = nullptr) {
    std::string key = field_key(ns, name);
    if (key.empty()) return;
    Fields& into = fields ? *fields : record_ == Record::meta ? meta_fields_ : fields_;
    if (into.count(key)) return;
    capture_fields_ = &into;
    capture_key_ = key;
    start_capture(depth, empty, nullptr);
  }

  void start_capture(int depth, bool empty, std::string* into) {
    text_.clear();
    capture_into_ = into;
    if (empty) return finish_capture();
    capturing_ = true;
    capture_depth_ = depth;
  }

  void finish_capture() {
    capturing_ = false;
    // libxml2 lets some malformed sequences through (an overlong C1 BD in a CDATA section).
    if (!is_valid_utf8(text_)) text_ = valid_utf8(text_);
    if (capture_into_) {
      *capture_into_ = text_;
      capture_into_ = nullptr;
    } else if (capture_fields_) {
      capture_fields_->emplace(capture_key_, text_);
      capture_fields_ = nullptr;
    }
    text_.clear();
  }

  void end_element(int depth) {
    if (capturing_ && depth == capture_depth_) return finish_capture();
    if (capturing_) return;
    if (depth == 3 && record_ == Record::meta) return end_meta();
    if (depth == 2 && record_ != Record::none) return close_record();
    if (depth == 1) in_channel_ = false;
  }

  void end_meta() {
    item_.meta.back() = {meta_fields_["wp:meta_key"], meta_fields_["wp:meta_value"]};
    record_ = Record::item;
  }

  void close_record() {
    Record record = record_;
    record_ = Record::none;
    if (record == Record::author) return sink_.author(author());
    if (record == Record::term) return sink_.term(term());
    if (record == Record::item) {
      fill_item();
      sink_.item(item_);
      item_ = WxrItem{};
    }
  }

  WxrAuthor author() {
    return {number(fields_["wp:author_id"]),   fields_["wp:author_login"],      fields_["wp:author_email"],
            fields_["wp:author_display_name"], fields_["wp:author_first_name"], fields_["wp:author_last_name"]};
  }

  WxrTerm term() {
    WxrTerm t;
    t.id = number(fields_["wp:term_id"]);
    if (record_kind_ == "category") {
      t.taxonomy = "category";
      t.slug = fields_["wp:category_nicename"];
      t.name = fields_["wp:cat_name"];
      t.parent_slug = fields_["wp:category_parent"];
      t.description = fields_["wp:category_description"];
    } else if (record_kind_ == "tag") {
      t.taxonomy = "post_tag";
      t.slug = fields_["wp:tag_slug"];
      t.name = fields_["wp:tag_name"];
      t.description = fields_["wp:tag_description"];
    } else {
      t.taxonomy = trimmed(fields_["wp:term_taxonomy"]);
      t.slug = fields_["wp:term_slug"];
      t.name = fields_["wp:term_name"];
      t.parent_slug = fields_["wp:term_parent"];
      t.description = fields_["wp:term_description"];
    }
    t.slug = trimmed(t.slug);
    t.parent_slug = trimmed(t.parent_slug);
    return t;
  }

  void fill_item() {
    WxrItem& i = item_;
    i.line = record_line_;
    i.byte_offset = xmlTextReaderByteConsumed(reader_);
    i.title = fields_["title"];
    i.link = trimmed(fields_["link"]);
    i.pub_date = trimmed(fields_["pubDate"]);
    i.creator = trimmed(fields_["dc:creator"]);
    i.guid = trimmed(fields_["guid"]);
    i.description = fields_["description"];
    i.content = fields_["content:encoded"];
    i.excerpt = fields_["excerpt:encoded"];
    i.post_id = number(fields_["wp:post_id"]);
    i.post_date = trimmed(fields_["wp:post_date"]);
    i.post_date_gmt = trimmed(fields_["wp:post_date_gmt"]);
    i.post_modified_gmt = trimmed(fields_["wp:post_modified_gmt"]);
    i.post_name = trimmed(fields_["wp:post_name"]);
    i.status = trimmed(fields_["wp:status"]);
    i.post_type = trimmed(fields_["wp:post_type"]);
    i.post_password = fields_["wp:post_password"];
    i.post_parent = number(fields_["wp:post_parent"]);
    i.menu_order = number(fields_["wp:menu_order"]);
    i.sticky = trimmed(fields_["wp:is_sticky"]) == "1";
    i.attachment_url = trimmed(fields_["wp:attachment_url"]);
  }

  void announce_site() {
    if (site_announced_) return;
    site_announced_ = true;
    WxrSite s;
    s.wxr_version = trimmed(site_fields_["wp:wxr_version"]);
    s.title = site_fields_["title"];
    s.link = trimmed(site_fields_["link"]);
    s.language = trimmed(site_fields_["language"]);
    s.base_site_url = trimmed(site_fields_["wp:base_site_url"]);
    s.base_blog_url = trimmed(site_fields_["wp:base_blog_url"]);
    sink_.site(s);
  }

  xmlTextReaderPtr reader_;
  WxrSink& sink_;
  const WxrLimits& limits_;
  std::string error_;
  int error_line_ = 0, error_column_ = 0, error_code_ = 0;
  bool seen_root_ = false, in_channel_ = false, site_announced_ = false;
  Record record_ = Record::none;
  std::string record_kind_;  // category, tag, term, author, item
  int record_line_ = 0;
  Fields site_fields_, fields_, meta_fields_;
  WxrItem item_;
  bool capturing_ = false;
  int capture_depth_ = 0;
  std::string text_;
  Fields* capture_fields_ = nullptr;
  std::string capture_key_;
  std::string* capture_into_ = nullptr;
};

struct ReaderCloser {
  void operator()(xmlTextReaderPtr r) const { xmlFreeTextReader(r); }
};

void read_with(xmlTextReaderPtr raw, WxrSink& sink, const WxrLimits& limits) {
  std::unique_ptr<xmlTextReader, ReaderCloser> reader(raw);
  if (!reader) throw WxrError("libxml2 cannot make a reader");
  Reader(reader.get(), sink, limits).run();
}

}  // namespace

const std::string& WxrItem::meta_value(std::string_view key) const {
  static const std::string none;
  for (const WxrMeta& m : meta)
    if (m.key == key) return m.value;
  return none;
}

void read_wxr_file(const std::string& path, WxrSink& sink, const WxrLimits& limits) {
  refuse_external_entities();
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw WxrError("cannot open " + path + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  read_with(xmlReaderForFd(fd, path.c_str(), nullptr, kParseOptions), sink, limits);
}

void read_wxr_memory(std::string_view bytes, WxrSink& sink, const WxrLimits& limits) {
  refuse_external_entities();
  if (bytes.size() > INT32_MAX) throw WxrError("refused: more than 2 GB in memory (read it from a file)");
  read_with(xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), "memory.xml", nullptr, kParseOptions),
            sink, limits);
}
