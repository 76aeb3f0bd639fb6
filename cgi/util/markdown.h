#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// The markup of photo `id` in an article body, made from the site's
// templates: `block` for a photo in a paragraph of its own (a figure with its
// caption), else one inside a line of text. "" when there is no such photo.
using PhotoMarkup = std::function<std::string(int64_t id, const std::string& alt, bool block)>;

// Renders an article body written in Markdown to HTML with libcmark. Raw HTML
// is omitted and dangerous link schemes (javascript:, vbscript:, file:, data:
// other than PNG, GIF, JPEG and WebP images) are dropped: nothing an editor
// types can put script on a public page.
// Images show only photos of the site's library, written ![alt](media:ID), with
// the markup `photo` makes; any other image (an outside address) is left as its alt text.
std::string markdown_to_html(const std::string& markdown, const PhotoMarkup& photo = nullptr);

// The ids of the photos a body shows (![alt](media:ID)), each once, in order.
std::vector<int64_t> photo_references(const std::string& markdown);

// The words of a body as a reader sees them, without Markdown's marks: the
// text of each block on a line of its own (search index and snippets). Photos
// give their alt text; raw HTML tags give nothing, as on the page.
std::string markdown_plain_text(const std::string& markdown);
