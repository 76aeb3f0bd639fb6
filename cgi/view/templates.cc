#include "view/templates.h"

#include <ctemplate/template.h>

#include <cstdio>
#include <stdexcept>

const std::vector<TemplateFile>& all_templates() {
  static const std::vector<TemplateFile> list = {
      // The public site
      {"site/layout.tpl", "HTML"},
      {"site/newsline.tpl", "HTML"},
      {"site/article.tpl", "HTML"},
      {"site/home.tpl", "HTML"},
      {"site/listing.tpl", "HTML"},
      {"site/error.tpl", "HTML"},
      {"site/unavailable.tpl", "HTML"},
      {"site/picture.tpl", "HTML"},
      {"site/figure.tpl", "HTML"},
      {"site/page.tpl", "HTML"},
      {"site/corrections.tpl", "HTML"},
      {"site/search.tpl", "HTML"},
      // Feeds and sitemaps
      {"feed/rss.tpl", "XML"},
      {"sitemap/index.tpl", "XML"},
      {"sitemap/urlset.tpl", "XML"},
      {"sitemap/news.tpl", "XML"},
      // The admin area
      {"admin/layout.tpl", "HTML"},
      {"admin/login.tpl", "HTML"},
      {"admin/article_list.tpl", "HTML"},
      {"admin/article_form.tpl", "HTML"},
      {"admin/conflict.tpl", "HTML"},
      {"admin/delete_confirm.tpl", "HTML"},
      {"admin/revision_list.tpl", "HTML"},
      {"admin/revision_show.tpl", "HTML"},
      {"admin/category_list.tpl", "HTML"},
      {"admin/user_list.tpl", "HTML"},
      {"admin/password.tpl", "HTML"},
      {"admin/audit.tpl", "HTML"},
      {"admin/message.tpl", "HTML"},
      {"admin/photo_upload.tpl", "HTML"},
      {"admin/media_library.tpl", "HTML"},
      {"admin/media_edit.tpl", "HTML"},
      {"admin/front.tpl", "HTML"},
      {"admin/tags.tpl", "HTML"},
      {"admin/authors.tpl", "HTML"},
      {"admin/author_edit.tpl", "HTML"},
      {"admin/pages.tpl", "HTML"},
      {"admin/page_form.tpl", "HTML"},
      {"admin/unsaved.tpl", "HTML"},
      {"admin/redirects.tpl", "HTML"},
  };
  return list;
}

bool load_templates(const std::string& dir) {
  ctemplate::Template::SetTemplateRootDirectory(dir);
  bool ok = true;
  for (const TemplateFile& t : all_templates()) {
    if (!ctemplate::LoadTemplate(t.path, ctemplate::STRIP_BLANK_LINES)) {
      std::fprintf(stderr, "newsline: cannot load template %s/%s\n", dir.c_str(), t.path);
      ok = false;
    }
  }
  return ok;
}

std::string expand_template(const char* file, const ctemplate::TemplateDictionary& d, size_t expected_bytes) {
  std::string out;
  out.reserve(expected_bytes);
  if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES, &d, &out))
    throw std::runtime_error(std::string("template expansion failed: ") + file);
  return out;
}
