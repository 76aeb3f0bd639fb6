// The sidebars of the site layout: fragments that every page of an edition
// shows alike (today the News line). The layout asks for them when a page is
// rendered (PageView::render); no handler knows they exist. Each is taken
// from the worker's fragment cache for the current content, else read by its
// own statement, rendered, and kept there for the next pages.
//
// To add a sidebar: a row in kSidebars (sidebars.cc) with its layout slot and
// the function that reads and renders it, its template (listed in
// view/templates.cc), and {{SLOT:none}} where it goes in site/layout.tpl.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "db/content.h"

struct Context;

namespace ctemplate {
class TemplateDictionary;
}

// Sets every sidebar's slot in `layout`; the fragments' bytes are put in
// `kept`, which must outlive the layout's expansion.
void fill_sidebars(ctemplate::TemplateDictionary& layout, const Context& ctx, const Edition& edition,
                   std::vector<std::shared_ptr<const std::string>>& kept);

// The news line of `edition` (templates/site/newsline.tpl, auto-escaped).
// `breaking_id`: the edition's breaking story (marked), 0 for none.
std::string render_newsline(const Edition& edition, const std::vector<Headline>& headlines, int64_t breaking_id);
