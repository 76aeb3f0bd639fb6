// The article page: /{edition}/news/{category}/{id}-{slug}.
#include "context.h"
#include "pages/pages.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// "123-some-slug" -> {123, "some-slug"}; id 0 when the segment is not of that form.
std::pair<int64_t, std::string> split_id_slug(const std::string& segment) {
  size_t dash = segment.find('-');
  std::string digits = segment.substr(0, dash);
  if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos)
    return {0, ""};
  return {std::stoll(digits), dash == std::string::npos ? "" : segment.substr(dash + 1)};
}

}  // namespace

// GET -> 200; 301 to the canonical URL when the category or slug is not the current one
// (a former slug, or none); 404 for an unknown edition, id, or a slug the article never had.
void site_article(Context& ctx, const RouteParams& p) {
  const Edition& edition = edition_or_404(ctx, p[0]);
  auto [id, slug] = split_id_slug(p[2]);
  if (id <= 0) throw HttpError{404, &edition};
  Newsline newsline(ctx, edition);
  ArticlePage page = article_page(ctx.db, ctx.categories, edition.code, id, ctx.now, newsline.rows_to_read());
  newsline.set_read(std::move(page.newsline));
  std::optional<Article>& article = page.article;
  if (!article) {
    site_error_page(ctx, 404, edition, &newsline);
    return;
  }

  std::string canonical = article_path(edition.code, *article);
  if (slug != article->slug || p[1] != article->category_slug) {
    if (!slug.empty() && slug != article->slug && !article_had_slug(ctx.db, id, slug)) {
      site_error_page(ctx, 404, edition, &newsline);
      return;
    }
    ctx.res.redirect(301, canonical);
    return;
  }
  PageView view(ctx, edition, article->title, "site/article.tpl");
  fill_article(view.content(), edition, *article, page.related);
  view.set_canonical(canonical);
  newsline.add_to(view);
  view.render(ctx.res);
}
