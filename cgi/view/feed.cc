#include "view/feed.h"

#include <algorithm>

#include <ctemplate/template.h>

#include "context.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/templates.h"
#include "view/urls.h"

namespace {

// Our own renderings link within the site by path ("/en/...", "/media/..."):
// in a feed reader they must carry the site's address. A path starts an
// attribute value (cmark writes a quote in text as &quot;, so a bare quote
// only delimits attributes), or follows ", " in a srcset of photo variants.
std::string with_absolute_links(const std::string& html, const std::string& site_url) {
  std::string out;
  out.reserve(html.size() + 256);
  for (size_t i = 0; i < html.size(); ++i) {
    bool path = html[i] == '/' && i > 0 && html.compare(i, 2, "//") != 0;
    bool starts_value = path && html[i - 1] == '"';
    bool next_variant = path && i > 1 && html.compare(i - 2, 2, ", ") == 0 && html.compare(i, 7, "/media/") == 0;
    if (starts_value || next_variant) out += site_url;
    out += html[i];
  }
  return out;
}

}  // namespace

std::string render_feed(const Context& ctx, const Edition& e, const FeedChannel& channel,
                        const std::vector<FeedItem>& items) {
  const std::string& site = ctx.cfg.site_url;
  ctemplate::TemplateDictionary d("feed");
  d.SetValue("TITLE", channel.title);
  d.SetValue("LINK", site + channel.link);
  d.SetValue("SELF", site + channel.self);
  d.SetValue("DESCRIPTION", channel.description);
  d.SetValue("LANGUAGE", e.code);
  std::time_t built = 0;
  for (const FeedItem& item : items) {
    const Headline& h = item.headline;
    built = std::max({built, h.published_at, item.updated_at});
    auto* entry = d.AddSectionDictionary("ITEM");
    entry->SetValue("TITLE", h.title);
    entry->SetValue("LINK", site + article_path(e.code, h));
    // The id, not the address: a new slug or category must not make it a new item.
    entry->SetValue("GUID", site + "/article/" + std::to_string(h.id));
    entry->SetValue("DATE", format_rfc822(h.published_at));
    entry->SetValue("CATEGORY", h.category_name);
    entry->SetValue("LEAD", h.lead);
    entry->SetValue("BODY", with_absolute_links(item.body_html, site));
    if (h.photo.id) {
      int w = preview_width(h.photo);
      auto* image = entry->AddSectionDictionary("IMAGE");
      image->SetValue("URL", site + photo_url(h.photo, w, VariantFormat::jpeg));
      image->SetIntValue("WIDTH", w);
      image->SetIntValue("HEIGHT", scaled_height(h.photo.width, h.photo.height, w));
      image->SetValue("ALT", h.photo.alt);
    }
  }
  if (built) d.SetValueAndShowSection("DATE", format_rfc822(built), "BUILT");
  return expand_template("feed/rss.tpl", d);
}
