// A WordPress export (WXR 1.0 to 1.2) read as a stream with libxml2's
// xmlTextReader: each author, term and item is handed over as soon as its
// element closes, so memory stays flat however large the file. Elements are
// recognised by their namespace's address, never by prefix (both the http://
// and the https:// WordPress namespaces, every 1.x version); the first of a
// repeated element wins, as in WordPress's own importer.
//
// The file is hostile until read: no DTD is loaded, no entity is expanded or
// fetched, the parser opens no network connection, and a file that declares
// a DOCTYPE (no WordPress export does) is refused before its first item.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// The file cannot be read as a WordPress export: malformed XML (with the line
// and column where the parser stopped), a DOCTYPE, or a value past its limit.
struct WxrError : std::runtime_error {
  WxrError(const std::string& what, int line = 0, int column = 0)
      : std::runtime_error(what), line(line), column(column) {}
  int line, column;
};

struct WxrSite {
  std::string wxr_version;  // "1.0", "1.1", "1.2" ("" when the file does not say)
  std::string title;
  std::string link;           // the site's address
  std::string language;       // e.g. "en-US"
  std::string base_site_url;  // where WordPress is installed
  std::string base_blog_url;  // the address the permalinks start with
};

struct WxrAuthor {
  int64_t id = 0;
  std::string login, email, display_name, first_name, last_name;
};

// A category, tag or other term (`taxonomy`: "category", "post_tag", or the
// taxonomy a <wp:term> names, such as "language" or "post_translations").
struct WxrTerm {
  std::string taxonomy;
  int64_t id = 0;
  std::string slug, name, parent_slug, description;
};

// A term an item is in: <category domain="category" nicename="news">News</category>.
struct WxrItemTerm {
  std::string domain;    // "category", "post_tag", "language", ...
  std::string nicename;  // the slug
  std::string name;
};

struct WxrMeta {
  std::string key, value;
};

// One <item>: a post, page, attachment or any other post type.
struct WxrItem {
  std::string title, link, pub_date, creator, guid, description;
  std::string content;  // content:encoded, HTML (classic or Gutenberg)
  std::string excerpt;  // excerpt:encoded
  int64_t post_id = 0;
  std::string post_date, post_date_gmt;  // "YYYY-MM-DD HH:MM:SS"; drafts have "0000-00-00 00:00:00"
  std::string post_modified_gmt;         // its last change (exports of WordPress 6.x; else "")
  std::string post_name;                 // the slug, percent-encoded as WordPress stores it
  std::string status;                    // publish, future, draft, pending, private, trash, auto-draft, inherit
  std::string post_type;                 // post, page, attachment, nav_menu_item, ...
  std::string post_password;
  int64_t post_parent = 0;
  int64_t menu_order = 0;
  bool sticky = false;
  std::string attachment_url;
  std::vector<WxrItemTerm> terms;
  std::vector<WxrMeta> meta;
  int comments = 0;
  // Only from a JSON Lines file (import/jsonl.h): a body already in Markdown,
  // the authors' names, and more old addresses than <link>.
  bool content_is_markdown = false;
  std::vector<std::string> bylines;
  std::vector<std::string> old_addresses;
  int line = 0;          // where the item starts in the file (for the report)
  long byte_offset = 0;  // how far into the file it ends (for progress)

  // The value of the first postmeta `key`, or "".
  const std::string& meta_value(std::string_view key) const;
};

// What the reader hands each thing to, in the file's order. site() comes
// once, before the first author, term or item (or at the end of an export
// that has none).
class WxrSink {
 public:
  virtual ~WxrSink() = default;
  virtual void site(const WxrSite&) {}
  virtual void author(const WxrAuthor&) {}
  virtual void term(const WxrTerm&) {}
  virtual void item(const WxrItem&) {}
  // A record the reader could not take (a JSON Lines file's line), and why.
  virtual void refused(int line, const std::string& why) {}
};

// Limits on what one element may hold, against files made to exhaust memory.
struct WxrLimits {
  size_t max_text = 32u << 20;  // the text of one element (a post's content)
  size_t max_meta = 10000;      // postmeta entries of one item
  size_t max_terms = 10000;     // categories and tags of one item
};

// Reads the export at `path` (or in `bytes`), calling `sink` as it goes.
// Throws WxrError; what was handed to `sink` before stays handed.
void read_wxr_file(const std::string& path, WxrSink& sink, const WxrLimits& limits = {});
void read_wxr_memory(std::string_view bytes, WxrSink& sink, const WxrLimits& limits = {});
