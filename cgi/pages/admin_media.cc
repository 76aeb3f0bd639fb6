// The photo library in the admin area: upload (a multipart form, no script),
// search and page through photos, edit their words; and the photo renderings
// an article body gets when it is saved. Uploads run in the media lane.
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
#include "util/markdown.h"
#include "util/parse.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/photo.h"

namespace {

constexpr int kLibraryPageSize = 24;
// MariaDB's default max_allowed_packet is 16 MB: a master must fit one statement.
constexpr size_t kMaxMasterBytes = 15u << 20;

struct PhotoWords {
  std::string alt, caption, credit;
};

PhotoWords read_words(const Request& r, std::vector<std::string>& errors) {
  PhotoWords w{trimmed(r.field("alt")), trimmed(r.field("caption")), trimmed(r.field("credit"))};
  if (w.alt.empty()) errors.push_back("Write the alt text: what the photo shows, for readers who cannot see it.");
  if (utf8_length(w.alt) > 300) errors.push_back("The alt text is longer than 300 characters.");
  if (utf8_length(w.caption) > 1000) errors.push_back("The caption is longer than 1000 characters.");
  if (utf8_length(w.credit) > 200) errors.push_back("The credit is longer than 200 characters.");
  return w;
}

ImageLimits limits_of(const Config& cfg) {
  ImageLimits limits;
  limits.max_bytes = static_cast<size_t>(cfg.max_upload_mb) << 20;
  limits.max_pixels = static_cast<uint64_t>(cfg.max_photo_megapixels) * 1'000'000;
  return limits;
}

// Makes this host's variants of a new photo now, so that its first readers
// find them on disk. A failure here is not the upload's: the worker makes a
// missing variant when it is first asked for.
void make_variants(const Config& cfg, int64_t id, const std::string& hash, const MasterImage& master) {
  std::vector<int> widths = widths_for(master.width);
  if (master.width > kPreviewWidth) widths.push_back(kPreviewWidth);
  std::vector<VariantSpec> specs;
  for (int w : widths)
    for (VariantFormat f : {VariantFormat::webp, VariantFormat::jpeg}) specs.push_back({w, f});
  try {
    std::vector<std::string> made = make_variants_apart(master.bytes, specs);  // one helper process for all
    VariantStore store(cfg.media_dir);
    for (size_t i = 0; i < specs.size(); ++i) {
      store.get_or_make(id, variant_file_name(hash, specs[i]), [&] { return std::move(made[i]); });
    }
  } catch (const std::exception&) {
  }
}

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
  AdminView view(ctx, "Photos", "admin/media_library.tpl");
  auto& d = view.content();
  if (auto done = parse_id(r.param("done")))
    if (auto photo = find_photo(ctx.db, *done)) {
      auto* section = d.AddSectionDictionary("DONE");
      section->SetIntValue("ID", photo->id);
      section->SetValue("ALT", photo->alt);
    }
  fill_errors(d, all_errors);
  add_upload_form(d, "UPLOAD", library_upload_form(ctx.cfg, typed));
  d.SetValue("Q", words);
  bool more = items.size() > static_cast<size_t>(kLibraryPageSize);
  if (more) items.pop_back();
  for (const LibraryItem& item : items) {
    const Photo& p = item.photo;
    auto* row = d.AddSectionDictionary("PHOTO");
    row->SetIntValue("ID", p.id);
    row->SetValue("ALT", p.alt);
    row->SetValue("THUMB_URL", photo_url(p, widths_for(p.width).front(), VariantFormat::jpeg));
    row->SetIntValue("THUMB_HEIGHT", scaled_height(p.width, p.height, 320));
    if (!p.caption.empty()) row->SetValueAndShowSection("CAPTION", p.caption, "CAPTION_SECTION");
    if (!p.credit.empty()) row->SetValueAndShowSection("CREDIT", p.credit, "CREDIT_SECTION");
    row->SetIntValue("WIDTH", p.width);
    row->SetIntValue("HEIGHT", p.height);
    row->SetValue("KIND", item.source_kind);
    row->SetValue("UPLOADED_BY", item.uploaded_by);
    row->SetValue("UPLOADED_AT", format_time_date(item.created_at));
  }
  if (items.empty()) {
    auto* empty = d.AddSectionDictionary("EMPTY");
    if (!words.empty()) empty->ShowSection("SEARCHED");
  }
  if (more) d.SetValueAndShowSection("BEFORE", std::to_string(items.back().photo.id), "NEXT_PAGE");
  view.render(ctx.res, status);
}

}  // namespace

std::optional<int64_t> store_uploaded_photo(Context& ctx, std::vector<std::string>& errors) {
  PhotoWords words = read_words(ctx.req, errors);
  const UploadedFile* file = ctx.req.file("photo");
  if (!file || (file->bytes.empty() && file->filename.empty())) {
    errors.push_back("Choose a photo file to upload.");
    return std::nullopt;
  }
  ImageRefusal why;
  std::optional<MasterImage> master = make_master_apart(file->bytes, limits_of(ctx.cfg), why);
  if (!master) {
    errors.push_back(why.message);
    return std::nullopt;
  }
  if (master->bytes.size() > kMaxMasterBytes) {
    errors.push_back("The photo is too detailed to store. Save it smaller (at most 3840 pixels wide) and try again.");
    return std::nullopt;
  }
  if (!errors.empty()) return std::nullopt;
  NewPhoto p{token_hash(master->bytes).substr(0, 16),
             master->mime,
             image_kind_name(master->source_kind),
             master->width,
             master->height,
             words.alt,
             words.caption,
             words.credit};
  int64_t id = insert_photo(ctx.db, p, master->bytes, ctx.session->user_id, ctx.now);
  audit(ctx, "photo_upload", "photo " + std::to_string(id),
        p.alt + " (" + p.source_kind + ", " + std::to_string(p.width) + "x" + std::to_string(p.height) + ")");
  make_variants(ctx.cfg, id, p.hash, *master);
  return id;
}

RenderedBody render_article_body(Context& ctx, const std::string& edition_code, const std::string& markdown) {
  RenderedBody out;
  const Edition* edition = ctx.find_edition(edition_code);
  const Edition& e = edition ? *edition : ctx.default_edition();
  out.html = markdown_to_html(markdown, [&](int64_t id, const std::string& alt, bool block) -> std::string {
    std::optional<Photo> photo = find_photo(ctx.db, id);
    if (!photo) return "";
    if (std::find(out.photos.begin(), out.photos.end(), id) == out.photos.end()) out.photos.push_back(id);
    return render_body_photo(*photo, alt, block, e);
  });
  return out;
}

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
  auto& d = view.content();
  fill_errors(d, errors);
  d.SetIntValue("ID", p.id);
  d.SetValue("ALT", p.alt);
  d.SetValue("CAPTION", p.caption);
  d.SetValue("CREDIT", p.credit);
  d.SetIntValue("WIDTH", p.width);
  d.SetIntValue("HEIGHT", p.height);
  int preview = widths_for(p.width).size() > 1 ? 640 : widths_for(p.width).front();
  d.SetValue("PREVIEW_URL", photo_url(p, preview, VariantFormat::jpeg));
  d.SetIntValue("PREVIEW_HEIGHT", scaled_height(p.width, p.height, 640));
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
  PhotoWords w = read_words(ctx.req, errors);
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
