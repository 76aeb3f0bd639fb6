// A WordPress post's content (classic HTML with automatic paragraphs, or
// Gutenberg blocks, with shortcodes) as Newsline's own Markdown, which the
// site renders with libcmark like any editor's text. What Markdown cannot
// say is dropped or kept as plain text and counted; no markup passes through.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

// A picture of the old site, as the body names it.
struct WpImage {
  int64_t attachment_id = 0;  // from class="wp-image-ID", [caption id="attachment_ID"] or [gallery ids]; 0 unknown
  std::string src;            // the <img> address ("" for a gallery's ids)
  std::string alt;
  std::string caption;  // from [caption] or <figcaption>
};

// What the conversion asks of the import.
struct WpBodyHooks {
  // The library photo for a picture: its id, or 0 when it cannot be had (the
  // picture is then left out and counted).
  std::function<int64_t(const WpImage&)> photo;
  // A link's new address: an old site's article becomes its Newsline address;
  // any other address comes back as it is.
  std::function<std::string(const std::string& href)> link;
  // The attachments of the post itself, in order: a [gallery] that names no
  // ids shows them all (WordPress before 3.5 wrote galleries so).
  std::function<std::vector<int64_t>()> post_attachments;
};

struct WpBody {
  std::string markdown;
  // What was left out or changed, by kind ("script", "iframe", "shortcode [foo]",
  // "photo not found", "table"), with how many times.
  std::map<std::string, int> dropped;
};

// `content`: the post's content:encoded.
WpBody wordpress_to_markdown(const std::string& content, const WpBodyHooks& hooks);

// A title, an excerpt or a term's name as plain text: tags removed,
// character references decoded, spaces collapsed.
std::string wordpress_plain_text(const std::string& html);

// WordPress's wpautop, in short: blank lines make paragraphs and single line
// breaks <br>, except around block elements. (Exposed for its tests.)
std::string wordpress_autop(const std::string& text);

// The shortcodes WordPress would expand, turned into plain HTML the
// converter reads: [caption] a <figure>, [gallery] a <figure class="gallery">,
// [embed] and [video]/[audio] a paragraph with the address. Unknown ones lose
// their brackets and keep their inner text, counted in `dropped`. (Exposed for its tests.)
std::string expand_shortcodes(const std::string& text, std::map<std::string, int>& dropped);
