#pragma once
#include <string>

// Renders an article body written in Markdown to HTML with libcmark. Raw HTML
// is omitted and dangerous link schemes (javascript:, vbscript:, file:, data:)
// are dropped: nothing an editor types can put script on a public page.
std::string markdown_to_html(const std::string& markdown);
