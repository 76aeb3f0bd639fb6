#include "view/sidebars.h"

#include <ctemplate/template.h>

#include "context.h"
#include "view/templates.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

struct Sidebar {
  const char* slot;  // the layout's variable, and the fragment's key with the edition
  std::string (*make)(const Context& ctx, const Edition& edition);  // reads and renders it
};

std::string make_newsline(const Context& ctx, const Edition& edition) {
  std::vector<Headline> headlines =
      latest_headlines(ctx.db, ctx.catalogue, edition.code, ctx.now, ctx.cfg.newsline_size);
  const Headline* breaking = ctx.catalogue.breaking(edition.code, ctx.now);
  return render_newsline(edition, headlines, breaking ? breaking->id : 0);
}

constexpr Sidebar kSidebars[] = {
    {"NEWSLINE", make_newsline},
};

std::shared_ptr<const std::string> fragment(const Context& ctx, const Edition& edition, const Sidebar& sidebar) {
  return FragmentCache::find_or_make(ctx.fragments, std::string(sidebar.slot) + "/" + edition.code, ctx.generation,
                                     [&] { return sidebar.make(ctx, edition); });
}

}  // namespace

void fill_sidebars(ctemplate::TemplateDictionary& layout, const Context& ctx, const Edition& edition,
                   std::vector<std::shared_ptr<const std::string>>& kept) {
  for (const Sidebar& sidebar : kSidebars) {
    kept.push_back(fragment(ctx, edition, sidebar));
    layout.SetValueWithoutCopy(sidebar.slot, *kept.back());
  }
}

std::string render_newsline(const Edition& edition, const std::vector<Headline>& headlines, int64_t breaking_id) {
  ctemplate::TemplateDictionary d("newsline");
  d.SetValue(TPL_NAME("HEADING"), edition.label("newsline"));
  d.SetValue(TPL_NAME("ALL_NEWS"), edition.label("all_news"));
  d.SetValue(TPL_NAME("ALL_NEWS_URL"), all_news_path(edition.code));
  for (const Headline& h : headlines) {
    auto* item = d.AddSectionDictionary(TPL_NAME("ITEM"));
    fill_headline(item, edition.code, h, false);
    if (h.id == breaking_id)
      item->SetValueAndShowSection(TPL_NAME("LABEL"), edition.label("breaking"), TPL_NAME("BREAKING"));
  }
  return expand_template("site/newsline.tpl", d);
}
