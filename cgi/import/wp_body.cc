#include "import/wp_body.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <set>

#include "util/text.h"

namespace {

// ----- Shortcodes -----

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

struct Shortcode {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<std::string> positional;
  size_t end = 0;  // just past its ']'
  bool self_closed = false;
};

// The quoted value starting at text[i] (its quote), `i` moved past it; false when it never ends.
bool read_quoted(const std::string& text, size_t& i, std::string& value) {
  char quote = text[i++];
  size_t close = text.find(quote, i);
  if (close == std::string::npos) return false;
  value = text.substr(i, close - i);
  i = close + 1;
  return true;
}

// The shortcode opening at text[at] ('['), or nullopt.
std::optional<Shortcode> shortcode_at(const std::string& text, size_t at) {
  size_t i = at + 1;
  if (i >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i]))) return std::nullopt;
  Shortcode sc;
  while (i < text.size() && is_name_char(text[i])) sc.name += static_cast<char>(std::tolower(text[i++]));
  while (i < text.size() && text[i] != ']') {
    if (text[i] == '[') return std::nullopt;  // no nesting inside a tag
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (text[i] == '/' && i + 1 < text.size() && text[i + 1] == ']') {
      sc.self_closed = true;
      ++i;
      continue;
    }
    std::string key;
    while (i < text.size() && (is_name_char(text[i]) || text[i] == ':')) key += text[i++];
    std::string value;
    bool has_value = false;
    if (i < text.size() && text[i] == '=') {
      ++i;
      has_value = true;
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
        if (!read_quoted(text, i, value)) return std::nullopt;
      } else {
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != ']')
          value += text[i++];
      }
    } else if (key.empty()) {
      if (text[i] == '"' || text[i] == '\'') {  // a positional value in quotes
        if (!read_quoted(text, i, key)) return std::nullopt;
      } else {
        ++i;  // a character no attribute starts with
        continue;
      }
    }
    if (has_value) {
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      sc.attrs.emplace(key, value);
    } else if (!key.empty()) {
      sc.positional.push_back(key);
    }
  }
  if (i >= text.size()) return std::nullopt;
  sc.end = i + 1;
  return sc;
}

std::string attr(const Shortcode& sc, const char* name) {
  auto it = sc.attrs.find(name);
  return it == sc.attrs.end() ? "" : it->second;
}

std::string html_escape_attr(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string digits_after(const std::string& s, const char* prefix) {
  size_t at = s.find(prefix);
  if (at == std::string::npos) return "";
  at += std::strlen(prefix);
  size_t end = at;
  while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
  return s.substr(at, end - at);
}

// The HTML a known shortcode stands for.
std::string expand_known(const Shortcode& sc, const std::string& inner, std::map<std::string, int>& dropped) {
  if (sc.name == "caption" || sc.name == "wp_caption") {
    std::string id = digits_after(attr(sc, "id"), "attachment_");
    std::string caption = attr(sc, "caption");
    return "<figure data-attachment=\"" + id + "\" data-caption=\"" + html_escape_attr(caption) + "\">" + inner +
           "</figure>";
  }
  if (sc.name == "gallery") {
    std::string ids = attr(sc, "ids");
    if (ids.empty()) ids = attr(sc, "include");
    if (ids.empty()) return "<figure class=\"wp-gallery\" data-all=\"1\"></figure>";  // the post's own
    return "<figure class=\"wp-gallery\" data-ids=\"" + html_escape_attr(ids) + "\"></figure>";
  }
  if (sc.name == "embed") return "<p>" + trimmed(inner) + "</p>";
  // [video] and [audio]: Newsline plays neither yet, so the address stays, as a link.
  std::string src = attr(sc, "src");
  for (const char* format : {"mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "flv", "wmv"})
    if (src.empty()) src = attr(sc, format);
  if (src.empty()) src = trimmed(inner);
  ++dropped[sc.name + " kept as a link"];
  if (src.empty()) return "";
  std::string href = html_escape_attr(src);
  return "<p><a href=\"" + href + "\">" + href + "</a></p>";
}

bool is_known(const std::string& name) {
  static const std::set<std::string> known = {"caption", "wp_caption", "gallery", "embed", "video", "audio"};
  return known.count(name) > 0;
}

// Where [/name] closes, from `from`; npos when it does not.
size_t closing_tag(const std::string& text, const std::string& name, size_t from) {
  std::string close = "[/" + name + "]";
  for (size_t at = text.find("[/", from); at != std::string::npos; at = text.find("[/", at + 2)) {
    if (at + close.size() > text.size()) break;
    bool same = true;
    for (size_t k = 0; k < close.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(text[at + k])) == close[k];
    if (same) return at;
  }
  return std::string::npos;
}

// ----- wpautop -----

const std::set<std::string>& block_tags() {
  static const std::set<std::string> tags = {
      "address",  "article",    "aside",  "blockquote", "caption", "dd",       "details", "div",   "dl",    "dt",
      "fieldset", "figcaption", "figure", "footer",     "form",    "h1",       "h2",      "h3",    "h4",    "h5",
      "h6",       "header",     "hgroup", "hr",         "li",      "main",     "menu",    "nav",   "ol",    "p",
      "pre",      "section",    "table",  "tbody",      "td",      "tfoot",    "th",      "thead", "tr",    "ul",
      "iframe",   "script",     "style",  "math",       "svg",     "object",   "embed",   "video", "audio", "center",
      "noscript", "summary",    "legend", "option",     "select",  "textarea", "map",     "area"};
  return tags;
}

// The element name a chunk starts or ends with ("" for text).
std::string tag_name_at(const std::string& s, size_t at) {
  if (at >= s.size() || s[at] != '<') return "";
  size_t i = at + 1;
  if (i < s.size() && s[i] == '/') ++i;
  std::string name;
  while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])))
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
  return name;
}

bool starts_with_block(const std::string& chunk) {
  size_t at = chunk.find_first_not_of(" \t\n");
  if (at == std::string::npos) return false;
  if (chunk.compare(at, 4, "<!--") == 0) return true;
  return block_tags().count(tag_name_at(chunk, at)) > 0;
}

bool ends_with_block(const std::string& chunk) {
  size_t end = chunk.find_last_not_of(" \t\n");
  if (end == std::string::npos) return false;
  if (chunk[end] != '>') return false;
  size_t open = chunk.rfind('<', end);
  return open != std::string::npos && block_tags().count(tag_name_at(chunk, open)) > 0;
}

// ----- HTML to Markdown -----

struct DocFree {
  void operator()(xmlDocPtr d) const { xmlFreeDoc(d); }
};

std::string name_of(xmlNodePtr n) {
  std::string s = n->name ? reinterpret_cast<const char*>(n->name) : "";
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string prop(xmlNodePtr n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

// Whitespace runs as one space, as a browser shows them.
std::string collapse_spaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (space) out += ' ';
  return out;
}

// Text made literal for Markdown: every character that could start markup is escaped.
std::string escape_markdown(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::strchr("\\`*_[]<>", c)) {
      out += '\\';
    } else if (c == '&') {  // only where it would start a character reference
      size_t j = i + 1;
      if (j < text.size() && text[j] == '#') ++j;
      while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
      if (j > i + 1 && j < text.size() && text[j] == ';') out += '\\';
    }
    out += c;
  }
  return out;
}

// A paragraph's first characters that Markdown would read as a heading, a
// list, a quote or a rule are escaped (after every line break too).
std::string guard_line_starts(const std::string& block) {
  std::string out;
  size_t line_start = 0;
  while (line_start <= block.size()) {
    size_t end = block.find('\n', line_start);
    std::string line = block.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    line.erase(0, std::min<size_t>(i, 3));
    i = 0;
    bool escape = false;
    if (!line.empty() && std::strchr("#-+=>|~", line[0])) escape = true;
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
      line.insert(digits, "\\");
    } else if (escape) {
      line.insert(0, "\\");
    }
    out += line;
    if (end == std::string::npos) break;
    out += '\n';
    line_start = end + 1;
  }
  return out;
}

bool is_url(const std::string& s) {
  if (s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0) return false;
  return s.find_first_of(" \t\n<>\"") == std::string::npos && s.size() > 8;
}

// An address as a Markdown link destination in <...>: nothing in it can end it.
std::string link_destination(const std::string& href) {
  std::string out = "<";
  for (char c : href) {
    if (c == '<')
      out += "%3C";
    else if (c == '>')
      out += "%3E";
    else if (c == '\n' || c == '\r')
      continue;
    else if (c == ' ')
      out += "%20";
    else
      out += c;
  }
  return out + ">";
}

bool safe_href(const std::string& href) {
  std::string lower;
  for (char c : href)
    if (!std::isspace(static_cast<unsigned char>(c)) && !std::iscntrl(static_cast<unsigned char>(c)))
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty()) return false;
  size_t colon = lower.find(':');
  size_t slash = lower.find_first_of("/?#");
  if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return true;  // relative
  std::string scheme = lower.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

// Emphasis marks hug their words: "** a **" is not bold in Markdown.
std::string wrap(const std::string& inner, const char* mark) {
  size_t b = inner.find_first_not_of(' ');
  if (b == std::string::npos) return inner;
  size_t e = inner.find_last_not_of(' ');
  return inner.substr(0, b) + mark + inner.substr(b, e - b + 1) + mark + inner.substr(e + 1);
}

class Converter {
 public:
  Converter(const WpBodyHooks& hooks, std::map<std::string, int>& dropped) : hooks_(hooks), dropped_(dropped) {}

  std::vector<std::string> blocks(xmlNodePtr first) {
    std::vector<std::string> out;
    Inline para;
    for (xmlNodePtr n = first; n; n = n->next) {
      if (n->type == XML_ELEMENT_NODE && is_block(name_of(n))) {
        flush(para, out);
        block(n, out);
      } else {
        inline_node(n, para);
      }
    }
    flush(para, out);
    return out;
  }

 private:
  // A paragraph being gathered: its Markdown and its text as a reader sees it.
  struct Inline {
    std::string markdown, plain;
    int images = 0;
    bool other = false;  // anything beside images and spaces
  };

  static bool is_block(const std::string& name) {
    static const std::set<std::string> names = {
        "p",      "div",      "section", "article",  "header",  "footer",   "main",    "aside",      "h1",
        "h2",     "h3",       "h4",      "h5",       "h6",      "ul",       "ol",      "blockquote", "pre",
        "hr",     "figure",   "table",   "dl",       "address", "center",   "details", "nav",        "iframe",
        "script", "style",    "form",    "object",   "embed",   "noscript", "svg",     "canvas",     "video",
        "audio",  "template", "select",  "textarea", "button",  "math",     "hgroup",  "menu",       "fieldset"};
    return names.count(name) > 0;
  }

  void flush(Inline& para, std::vector<std::string>& out) {
    std::string plain = trimmed(para.plain);
    std::string md = trimmed(para.markdown);
    if (!md.empty()) {
      // A bare address alone in its paragraph is an embed in WordPress: here a link to it.
      if (para.images == 0 && is_url(plain) && md == escape_markdown(plain))
        out.push_back("<" + plain + ">");
      else
        out.push_back(para.images && !para.other ? md : guard_line_starts(md));
    }
    para = Inline{};
  }

  void drop(const std::string& what) { ++dropped_[what]; }

  std::string text_of(xmlNodePtr n) {
    std::string out;
    for (xmlNodePtr c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        out += reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "");
      else if (c->type == XML_ELEMENT_NODE)
        out += (name_of(c) == "br" ? "\n" : "") + text_of(c);
    }
    return out;
  }

  std::string inline_markdown(xmlNodePtr first) {
    Inline run;
    for (xmlNodePtr n = first; n; n = n->next) inline_node(n, run);
    return trimmed(run.markdown);
  }

  void block(xmlNodePtr n, std::vector<std::string>& out) {
    std::string name = name_of(n);
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      std::string text = inline_markdown(n->children);
      std::replace(text.begin(), text.end(), '\n', ' ');
      std::string clean;
      for (size_t i = 0; i < text.size(); ++i) {  // a line break in a heading ("\" then newline) is a space
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ' ' && (i == 0 || text[i - 1] != '\\')) continue;
        clean += text[i];
      }
      if (!trimmed(clean).empty()) out.push_back(std::string(std::max(2, name[1] - '0'), '#') + " " + trimmed(clean));
      return;
    }
    if (name == "ul" || name == "ol") return list(n, name == "ol", out);
    if (name == "blockquote") {
      std::string inner = join(blocks(n->children));
      if (inner.empty()) return;
      std::string quoted;
      size_t start = 0;
      for (;;) {
        size_t end = inner.find('\n', start);
        std::string line = inner.substr(start, end == std::string::npos ? std::string::npos : end - start);
        quoted += line.empty() ? ">" : "> " + line;
        if (end == std::string::npos) break;
        quoted += '\n';
        start = end + 1;
      }
      out.push_back(quoted);
      return;
    }
    if (name == "pre") return code_block(text_of(n), out);
    if (name == "hr") return out.push_back("* * *");
    if (name == "figure") return figure(n, out);
    if (name == "table") return table(n, out);
    if (name == "iframe" || name == "embed" || name == "video" || name == "audio") return media_link(n, name, out);
    static const std::set<std::string> never = {"script", "style",    "form",   "object",   "noscript", "svg",
                                                "canvas", "template", "select", "textarea", "button",   "math"};
    if (never.count(name)) return drop(name);
    std::vector<std::string> inner = blocks(n->children);  // p, div, section ...: their content
    out.insert(out.end(), inner.begin(), inner.end());
  }

  static std::string join(const std::vector<std::string>& blocks) {
    std::string out;
    for (const std::string& b : blocks) out += (out.empty() ? "" : "\n\n") + b;
    return out;
  }

  void list(xmlNodePtr n, bool ordered, std::vector<std::string>& out) {
    std::string md;
    long number = 1;
    if (ordered) {
      std::string start = prop(n, "start");
      if (!start.empty() && std::all_of(start.begin(), start.end(), ::isdigit) && start.size() < 9)
        number = std::stol(start);
    }
    for (xmlNodePtr li = n->children; li; li = li->next) {
      if (li->type != XML_ELEMENT_NODE) continue;
      std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
      std::string item = join(blocks(li->children));
      std::string indent(marker.size(), ' ');
      std::string indented;
      size_t start = 0;
      for (bool first = true;; first = false) {
        size_t end = item.find('\n', start);
        std::string line = item.substr(start, end == std::string::npos ? std::string::npos : end - start);
        indented += first ? marker + line : (line.empty() ? "" : indent + line);
        if (end == std::string::npos) break;
        indented += '\n';
        start = end + 1;
      }
      md += (md.empty() ? "" : "\n") + indented;
    }
    if (!md.empty()) out.push_back(md);
  }

  void code_block(const std::string& text, std::vector<std::string>& out) {
    if (trimmed(text).empty()) return;
    size_t longest = 0, run = 0;
    for (char c : text) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    std::string fence(std::max<size_t>(3, longest + 1), '`');
    std::string body = text;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    out.push_back(fence + "\n" + body + "\n" + fence);
  }

  // A figure: its pictures, each a photo of its own, and their caption;
  // a gallery's ids; or, with no picture, what it holds (an embed's address).
  void figure(xmlNodePtr n, std::vector<std::string>& out) {
    std::string caption = prop(n, "data-caption");
    std::vector<WpImage> images;
    std::string loose;
    gather_figure(n->children, images, caption, loose);
    if (caption.empty()) caption = trimmed(collapse_spaces(loose));
    int64_t attachment = 0;
    std::string id = prop(n, "data-attachment");
    if (!id.empty() && id.size() < 18) attachment = std::stoll(id);
    std::string ids = prop(n, "data-ids");
    size_t at = 0;
    while (at < ids.size()) {
      size_t comma = ids.find(',', at);
      std::string one = trimmed(ids.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
      if (!one.empty() && one.size() < 18 && std::all_of(one.begin(), one.end(), ::isdigit))
        images.push_back({std::stoll(one), "", "", ""});
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    if (!prop(n, "data-all").empty()) {
      std::vector<int64_t> own = hooks_.post_attachments ? hooks_.post_attachments() : std::vector<int64_t>{};
      if (own.empty()) return drop("gallery without ids");
      for (int64_t one : own) images.push_back({one, "", "", ""});
    }
    if (images.empty()) {
      std::vector<std::string> inner = blocks(n->children);
      out.insert(out.end(), inner.begin(), inner.end());
      return;
    }
    for (WpImage& image : images) {
      if (images.size() == 1 && attachment && !image.attachment_id) image.attachment_id = attachment;
      if (images.size() == 1) image.caption = caption;
      std::string md = photo(image);
      if (!md.empty()) out.push_back(md);
    }
  }

  void gather_figure(xmlNodePtr first, std::vector<WpImage>& images, std::string& caption, std::string& loose) {
    for (xmlNodePtr c = first; c; c = c->next) {
      if (c->type == XML_TEXT_NODE) {
        loose += reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "");
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = name_of(c);
      if (name == "img") {
        images.push_back(image_of(c));
      } else if (name == "figcaption") {
        if (caption.empty()) caption = trimmed(collapse_spaces(text_of(c)));
      } else if (!is_block(name) || name == "div" || name == "figure") {
        gather_figure(c->children, images, caption, loose);
      } else {
        loose += text_of(c);
      }
    }
  }

  static WpImage image_of(xmlNodePtr img) {
    WpImage image;
    image.src = prop(img, "src");
    image.alt = prop(img, "alt");
    std::string id = digits_after(prop(img, "class"), "wp-image-");
    if (!id.empty() && id.size() < 18) image.attachment_id = std::stoll(id);
    return image;
  }

  // The photo's Markdown, or "" (counted) when it cannot be had.
  std::string photo(const WpImage& image) {
    int64_t id = hooks_.photo ? hooks_.photo(image) : 0;
    if (!id) {
      drop("photo not found");
      return "";
    }
    std::string alt = escape_markdown(collapse_spaces(image.alt));
    return "![" + trimmed(alt) + "](media:" + std::to_string(id) + ")";
  }

  void table(xmlNodePtr n, std::vector<std::string>& out) {
    drop("table kept as rows");
    std::vector<std::string> rows;
    table_rows(n->children, rows);
    std::string md;
    for (const std::string& row : rows) md += (md.empty() ? "" : "\n") + ("- " + row);
    if (!md.empty()) out.push_back(md);
  }

  void table_rows(xmlNodePtr first, std::vector<std::string>& rows) {
    for (xmlNodePtr c = first; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = name_of(c);
      if (name != "tr") {
        table_rows(c->children, rows);
        continue;
      }
      std::string row;
      for (xmlNodePtr cell = c->children; cell; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE) continue;
        std::string text = inline_markdown(cell->children);
        std::replace(text.begin(), text.end(), '\n', ' ');
        if (text.empty()) continue;
        row += (row.empty() ? "" : " · ") + (name_of(cell) == "th" ? wrap(text, "**") : text);
      }
      if (!row.empty()) rows.push_back(row);
    }
  }

  void media_link(xmlNodePtr n, const std::string& name, std::vector<std::string>& out) {
    std::string src = prop(n, "src");
    if (src.empty())
      for (xmlNodePtr c = n->children; c && src.empty(); c = c->next)
        if (c->type == XML_ELEMENT_NODE && name_of(c) == "source") src = prop(c, "src");
    if (src.rfind("//", 0) == 0) src = "https:" + src;
    drop(name + " kept as a link");
    if (is_url(src)) out.push_back("<" + src + ">");
  }

  void inline_node(xmlNodePtr n, Inline& run) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      std::string text = collapse_spaces(reinterpret_cast<const char*>(n->content ? n->content : BAD_CAST ""));
      if (run.markdown.empty() || run.markdown.back() == '\n') text.erase(0, text.find_first_not_of(' '));
      if (text.empty()) return;
      if (!trimmed(text).empty()) run.other = true;
      run.plain += text;
      run.markdown += escape_markdown(text);
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;  // comments (Gutenberg's block marks), processing instructions
    std::string name = name_of(n);
    if (name == "br") {
      while (!run.markdown.empty() && run.markdown.back() == ' ') run.markdown.pop_back();
      if (!run.markdown.empty() && run.markdown.back() != '\n') run.markdown += "\\\n";
      run.plain += ' ';
      return;
    }
    if (name == "img") {
      std::string md = photo(image_of(n));
      if (md.empty()) return;
      run.markdown += md;
      ++run.images;
      return;
    }
    if (name == "a") return link(n, run);
    static const std::map<std::string, const char*> marks = {{"strong", "**"}, {"b", "**"}, {"em", "*"}, {"i", "*"}};
    auto mark = marks.find(name);
    if (mark != marks.end()) {
      Inline inner;
      for (xmlNodePtr c = n->children; c; c = c->next) inline_node(c, inner);
      if (trimmed(inner.markdown).empty()) {
        run.markdown += inner.markdown;
        return;
      }
      run.markdown += inner.images && !inner.other ? inner.markdown : wrap(inner.markdown, mark->second);
      run.plain += inner.plain;
      run.images += inner.images;
      run.other = run.other || inner.other;
      return;
    }
    if (name == "code" || name == "kbd" || name == "tt" || name == "samp") {
      std::string text = collapse_spaces(text_of(n));
      if (trimmed(text).empty()) return;
      std::string ticks = text.find('`') == std::string::npos ? "`" : "``";
      run.markdown += ticks + (text.front() == '`' ? " " : "") + text + (text.back() == '`' ? " " : "") + ticks;
      run.plain += text;
      run.other = true;
      return;
    }
    static const std::set<std::string> never = {"script", "style", "input", "select", "textarea", "button",
                                                "object", "embed", "svg",   "canvas", "template", "noscript"};
    if (never.count(name)) return drop(name);
    for (xmlNodePtr c = n->children; c; c = c->next) inline_node(c, run);  // span, u, sup, sub, font ...
  }

  void link(xmlNodePtr n, Inline& run) {
    Inline inner;
    for (xmlNodePtr c = n->children; c; c = c->next) inline_node(c, inner);
    // A link around a picture only (to the full-size file, in WordPress): the picture alone.
    if (inner.images && !inner.other) {
      run.markdown += inner.markdown;
      run.images += inner.images;
      return;
    }
    std::string text = trimmed(inner.markdown);
    run.plain += inner.plain;
    run.other = run.other || inner.other;
    run.images += inner.images;
    std::string href = trimmed(prop(n, "href"));
    if (text.empty()) return;
    if (href.empty() || href[0] == '#' || !safe_href(href)) {
      if (!href.empty() && href[0] != '#') drop("unsafe link");
      run.markdown += inner.markdown;
      return;
    }
    if (hooks_.link) href = hooks_.link(href);
    size_t lead = inner.markdown.find_first_not_of(' ');
    run.markdown += (lead ? " " : "") + ("[" + text + "](" + link_destination(href) + ")");
    if (inner.markdown.size() > 1 && inner.markdown.back() == ' ') run.markdown += ' ';
  }

  const WpBodyHooks& hooks_;
  std::map<std::string, int>& dropped_;
};

// `s` with every invalid UTF-8 sequence replaced by U+FFFD and control
// characters other than tab and newline removed (the HTML parser would stop
// at the first, or guess another encoding).
std::string clean_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c == '\r' || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) continue;
    append_utf8(out, c);
  }
  return out;
}

}  // namespace

std::string expand_shortcodes(const std::string& text, std::map<std::string, int>& dropped) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('[', at);
    if (open == std::string::npos) break;
    out.append(text, at, open - at);
    // [[name]] is WordPress's way of writing a shortcode as text.
    if (open + 1 < text.size() && text[open + 1] == '[') {
      size_t close = text.find("]]", open);
      if (close != std::string::npos && shortcode_at(text, open + 1)) {
        out.append(text, open + 1, close - open);
        at = close + 2;
        continue;
      }
    }
    std::optional<Shortcode> sc = shortcode_at(text, open);
    if (!sc) {
      out += '[';
      at = open + 1;
      continue;
    }
    size_t close = sc->self_closed ? std::string::npos : closing_tag(text, sc->name, sc->end);
    std::string inner = close == std::string::npos ? "" : text.substr(sc->end, close - sc->end);
    size_t next = close == std::string::npos ? sc->end : close + sc->name.size() + 3;
    if (is_known(sc->name)) {
      out += expand_known(*sc, expand_shortcodes(inner, dropped), dropped);
    } else if (close != std::string::npos || !sc->attrs.empty() || sc->self_closed) {
      ++dropped["shortcode [" + sc->name + "]"];  // a plugin's: its words stay, its brackets go
      out += expand_shortcodes(inner, dropped);
    } else {
      out.append(text, open, sc->end - open);  // "[Update]": words in brackets, not a shortcode
    }
    at = next;
  }
  if (at < text.size()) out.append(text, at, std::string::npos);
  return out;
}

std::string wordpress_autop(const std::string& text) {
  std::string s = text;
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  std::vector<std::string> chunks;
  size_t start = 0;
  while (start <= s.size()) {
    size_t blank = s.find("\n\n", start);
    std::string chunk = s.substr(start, blank == std::string::npos ? std::string::npos : blank - start);
    if (!trimmed(chunk).empty()) chunks.push_back(chunk);
    if (blank == std::string::npos) break;
    start = blank + 2;
    while (start < s.size() && s[start] == '\n') ++start;
  }
  std::string out;
  for (const std::string& chunk : chunks) {
    if (starts_with_block(chunk) || ends_with_block(chunk)) {
      out += chunk + "\n";
      continue;
    }
    std::string para = trimmed(chunk);
    std::string with_breaks;
    for (char c : para) with_breaks += c == '\n' ? std::string("<br />\n") : std::string(1, c);
    out += "<p>" + with_breaks + "</p>\n";
  }
  return out;
}

namespace {

std::unique_ptr<xmlDoc, DocFree> parse_html(const std::string& html) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>";
  return std::unique_ptr<xmlDoc, DocFree>(htmlReadMemory(page.data(), static_cast<int>(page.size()), "body.html",
                                                         "UTF-8",
                                                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
}

xmlNodePtr body_of(xmlDocPtr doc) {
  xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : nullptr;
  for (xmlNodePtr n = root ? root->children : nullptr; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && name_of(n) == "body") return n;
  return nullptr;
}

void append_text(xmlNodePtr n, std::string& out) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      out += reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "");
    else if (c->type == XML_ELEMENT_NODE && name_of(c) != "script" && name_of(c) != "style")
      append_text(c, out);
  }
}

}  // namespace

std::string wordpress_plain_text(const std::string& html) {
  if (html.find_first_of("<&") == std::string::npos) return trimmed(collapse_spaces(clean_utf8(html)));
  auto doc = parse_html(clean_utf8(html));
  xmlNodePtr body = body_of(doc.get());
  std::string text;
  if (body) append_text(body, text);
  return trimmed(collapse_spaces(text));
}

WpBody wordpress_to_markdown(const std::string& content, const WpBodyHooks& hooks) {
  WpBody body;
  std::string html = clean_utf8(content);
  bool blocks = html.find("<!-- wp:") != std::string::npos;  // Gutenberg: WordPress adds no paragraphs
  html = expand_shortcodes(html, body.dropped);
  if (!blocks) html = wordpress_autop(html);
  auto doc = parse_html(html);
  xmlNodePtr body_node = body_of(doc.get());
  if (!body_node) return body;
  Converter converter(hooks, body.dropped);
  std::vector<std::string> out = converter.blocks(body_node->children);
  for (const std::string& b : out) body.markdown += (body.markdown.empty() ? "" : "\n\n") + b;
  return body;
}
