// The photo library in the admin area: upload (a multipart form, no script),
// search and page through photos, edit their words. Uploads run in the media
// lane; storing one, and rendering the bodies that show a photo, is in
// pages/photo_service.cc.
#include <algorithm>

#include "auth/crypto.h"
#include "context.h"
#include "db/articles.h"
#include "db/content.h"
#include "db/media.h"
#include "media/image.h"
#include "media/image_process.h"
#include "media/variant_store.h"
#include "pages/admin.h"
#include "pages/photo_service.h"
#include "util/markdown.h"
#include "util/parse.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/photo.h"

namespace {

constexpr int kLibraryPageSize = 24;

UploadForm library_upload_form(const Config& cfg, const PhotoWords& w = {}) {
  return {"/admin/media", "Upload a photo", "Upload", w.alt, w.caption, w.credit, cfg.max_upload_mb};
}

void render_library(Context& ctx, const std::vector<std::string>& errors, const PhotoWords& typed, int status) {
  const Request& r = ctx.req;
  std::string words = utf8_truncate(trimmed(r.param("q")), 200);
  int64_t before = INT64_MAX;
  if (r.has_param("before")) {
    auto id = parse_id(r.param("before"));
    if (!id) throw HttpError{400, nullptr, "That page of the library does not exist."};
    before = *id;
  }
  std::vector<LibraryItem> items;
  std::vector<std::string> all_errors = errors;
  try {
    items = photo_library(ctx.db, words, before, kLibraryPageSize + 1);
  } catch (const DbTimeLimit&) {
    all_errors.push_back("Searching the photos took too long. Try other words.");
  }
  MediaLibraryPage page{std::nullopt, all_errors, library_upload_form(ctx.cfg, typed), words, std::move(items)};
  if (auto done = parse_id(r.param("done"))) page.done = find_photo(ctx.db, *done);
  page.more = page.items.size() > static_cast<size_t>(kLibraryPageSize);
  if (page.more) page.items.pop_back();
  AdminView view(ctx, "Photos", "admin/media_library.tpl");
  fill_media_library(view.content(), page);
  view.render(ctx.res, status);
}

}  // namespace

void admin_media_library(Context& ctx, const RouteParams&) { render_library(ctx, {}, {}, 200); }

void admin_media_upload(Context& ctx, const RouteParams&) {
  std::vector<std::string> errors;
  std::optional<int64_t> id = store_uploaded_photo(ctx, errors);
  if (!id) {
    render_library(ctx, errors,
                   {trimmed(ctx.req.field("alt")), trimmed(ctx.req.field("caption")), trimmed(ctx.req.field("credit"))},
                   422);
    return;
  }
  ctx.res.redirect(303, "/admin/media?done=" + std::to_string(*id));
}

namespace {

void render_photo_form(Context& ctx, const Photo& p, const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, "Photo " + std::to_string(p.id), "admin/media_edit.tpl");
  fill_photo_form(view.content(), p, errors);
  view.render(ctx.res, status);
}

}  // namespace

void admin_media_edit(Context& ctx, const RouteParams& p) {
  std::optional<Photo> photo = find_photo(ctx.db, p[0].id);
  if (!photo) throw HttpError{404, nullptr, "There is no such photo."};
  render_photo_form(ctx, *photo, {}, 200);
}

void admin_media_save(Context& ctx, const RouteParams& p) {
  std::optional<Photo> photo = find_photo(ctx.db, p[0].id);
  if (!photo) throw HttpError{404, nullptr, "There is no such photo."};
  std::vector<std::string> errors;
  PhotoWords w = read_photo_words(ctx.req, errors);
  photo->alt = w.alt;
  photo->caption = w.caption;
  photo->credit = w.credit;
  if (!errors.empty()) {
    render_photo_form(ctx, *photo, errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_photo_words(ctx.db, photo->id, w.alt, w.caption, w.credit);
    // The bodies that show it carry its words in their stored rendering.
    for (int64_t article : articles_showing_photo(ctx.db, photo->id))
      if (auto a = load_article(ctx.db, article))
        save_body_html(ctx.db, article, render_article_body(ctx, a->edition, a->body).html);
    return Audited{"photo_update", "photo " + std::to_string(photo->id), w.alt};
  });
  ctx.res.redirect(303, "/admin/media/" + std::to_string(photo->id) + "?done=saved");
}
