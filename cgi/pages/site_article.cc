// The article page: /{edition}/news/{category}/{id}-{slug}.
#include "context.h"
#include "db/article_links.h"
#include "pages/pages.h"
#include "view/page_meta.h"
#include "view/urls.h"
#include "view/view.h"

// GET -> 200; 301 to the canonical URL when the category or slug is not the current one
// (a former slug, or none); 404 for an unknown edition, id, or a slug the article never had.
void site_article(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  const int64_t id = p[2].id;  // the router checked both: a positive id, an ASCII slug
  const std::string& slug = p[2].slug;
  std::optional<Article> article = article_page(ctx.db, ctx.catalogue, edition.code, id, ctx.now);
  if (!article) throw HttpError{404, &edition};

  std::string canonical = article_path(edition.code, *article);
  if (slug != article->slug || p[1].text != article->category_slug) {
    if (!slug.empty() && slug != article->slug && !article_had_slug(ctx.db, id, slug)) throw HttpError{404, &edition};
    ctx.res.redirect(301, canonical);
    return;
  }
  ArticleExtras extras = article_extras_for_page(ctx.db, ctx.catalogue, *article, ctx.now);
  PageView view(ctx, edition, article->title, "site/article.tpl");
  fill_article(view.content(), edition, *article, extras.related, &extras);
  for (const Translation& t : extras.translations)
    view.set_edition_link(t.edition, article_path(t.edition, t.headline));
  view.set_canonical(canonical);
  describe_article(view, ctx, edition, *article, extras, canonical);
  view.render(ctx.res);
}
