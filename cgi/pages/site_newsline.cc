// The News line sidebar, on every page of the site.
#include "context.h"
#include "pages/pages.h"
#include "view/view.h"

namespace {
std::string fragment_key(const Edition& edition) { return "newsline/" + edition.code; }
}  // namespace

Newsline::Newsline(Context& ctx, const Edition& edition) : ctx_(ctx), edition_(edition) {
  if (ctx.fragments) html_ = ctx.fragments->find(fragment_key(edition), ctx.generation);
}

int Newsline::rows_to_read() const { return html_ ? 0 : ctx_.cfg.newsline_size; }

void Newsline::add_to(PageView& view) {
  if (!html_) {
    if (!read_) read_ = latest_headlines(ctx_.db, ctx_.catalogue, edition_.code, ctx_.now, ctx_.cfg.newsline_size);
    const Headline* breaking = ctx_.catalogue.breaking(edition_.code, ctx_.now);
    html_ = std::make_shared<const std::string>(render_newsline(edition_, *read_, breaking ? breaking->id : 0));
    if (ctx_.fragments) ctx_.fragments->store(fragment_key(edition_), ctx_.generation, html_);
  }
  view.set_newsline(html_);
}
