#include "util/markdown.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "util/parse.h"

namespace {

// CMARK_OPT_DEFAULT is cmark's safe mode since 0.29 (CMARK_OPT_UNSAFE is not set).
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

struct FreeNode {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// "media:123" -> 123; 0 for any other address.
int64_t photo_id_of(const char* url) {
  std::string_view u = url ? url : "";
  if (u.rfind("media:", 0) != 0) return 0;
  auto id = parse_id(u.substr(6));
  return id ? *id : 0;
}

// The text inside an image node: its alt text.
std::string text_of(cmark_node* node) {
  std::string text;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER &&
        (cmark_node_get_type(n) == CMARK_NODE_TEXT || cmark_node_get_type(n) == CMARK_NODE_CODE))
      text += cmark_node_get_literal(n);
  }
  cmark_iter_free(it);
  return text;
}

// The images of `doc` that are not inside another one's description
// ("![a ![b](media:1)](media:2)"): those are only words of the outer image,
// and replacing the outer one frees them (found by the markdown fuzz target).
std::vector<cmark_node*> images_in(cmark_node* doc) {
  std::vector<cmark_node*> images;
  int inside = 0;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (cmark_node_get_type(cmark_iter_get_node(it)) != CMARK_NODE_IMAGE) continue;
    if (ev == CMARK_EVENT_ENTER && inside++ == 0) images.push_back(cmark_iter_get_node(it));
    if (ev == CMARK_EVENT_EXIT) --inside;
  }
  cmark_iter_free(it);
  return images;
}

// True when `image` is all its paragraph holds (blank text around it aside).
bool alone_in_paragraph(cmark_node* image) {
  cmark_node* parent = cmark_node_parent(image);
  if (!parent || cmark_node_get_type(parent) != CMARK_NODE_PARAGRAPH) return false;
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    if (n == image) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) continue;
    if (t == CMARK_NODE_TEXT &&
        std::string_view(cmark_node_get_literal(n)).find_first_not_of(" \t") == std::string_view::npos)
      continue;
    return false;
  }
  return true;
}

// Replaces `old` by `fresh` in the tree and frees `old` with what it held.
void replace(cmark_node* old, cmark_node* fresh) {
  cmark_node_replace(old, fresh);
  cmark_node_free(old);
}

}  // namespace

std::string markdown_to_html(const std::string& markdown, const PhotoMarkup& photo) {
  std::unique_ptr<cmark_node, FreeNode> doc(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
  if (!doc) return "";
  for (cmark_node* image : images_in(doc.get())) {
    std::string alt = text_of(image);
    int64_t id = photo_id_of(cmark_node_get_url(image));
    bool block = alone_in_paragraph(image);
    // The markup comes from the site's auto-escaped templates (view/photo.cc),
    // which is why it may go into the page as it is.
    std::string markup = id && photo ? photo(id, alt, block) : "";
    if (markup.empty()) {  // an outside address, or no such photo: its words only
      cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(text, alt.c_str());
      replace(image, text);
    } else if (block) {
      cmark_node* figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
      cmark_node_set_on_enter(figure, markup.c_str());
      replace(cmark_node_parent(image), figure);
    } else {
      cmark_node* inline_photo = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter(inline_photo, markup.c_str());
      replace(image, inline_photo);
    }
  }
  char* html = cmark_render_html(doc.get(), kOptions);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

std::vector<int64_t> photo_references(const std::string& markdown) {
  std::unique_ptr<cmark_node, FreeNode> doc(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
  std::vector<int64_t> ids;
  if (!doc) return ids;
  for (cmark_node* image : images_in(doc.get()))
    if (int64_t id = photo_id_of(cmark_node_get_url(image)); id && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  return ids;
}

std::string markdown_plain_text(const std::string& markdown) {
  std::unique_ptr<cmark_node, FreeNode> doc(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
  std::string text;
  if (!doc) return text;
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        text += cmark_node_get_literal(n);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text += ' ';
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (ev == CMARK_EVENT_EXIT && !text.empty() && text.back() != '\n') text += '\n';
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}
