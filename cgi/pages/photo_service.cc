// The photo work that several admin pages call: storing an uploaded photo
// (the library's upload form, an article's lead photo) with its variants,
// and rendering a body (an article's, a simple page's) with the library
// photos it shows.
#include "pages/photo_service.h"

#include <algorithm>

#include "auth/crypto.h"
#include "context.h"
#include "db/media.h"
#include "media/image.h"
#include "media/image_process.h"
#include "media/variant_store.h"
#include "pages/admin.h"
#include "util/markdown.h"
#include "util/text.h"
#include "view/photo.h"

namespace {

// MariaDB's default max_allowed_packet is 16 MB: a master must fit one statement.
constexpr size_t kMaxMasterBytes = 15u << 20;

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

// The clean master of `bytes`, or nullopt with the reason in `why`.
std::optional<MasterImage> checked_master(Context& ctx, const std::string& bytes, std::string& why) {
  ImageRefusal refusal;
  std::optional<MasterImage> master = make_master_apart(bytes, limits_of(ctx.cfg), refusal);
  if (!master) {
    why = refusal.message;
    return std::nullopt;
  }
  if (master->bytes.size() > kMaxMasterBytes) {
    why = "The photo is too detailed to store. Save it smaller (at most 3840 pixels wide) and try again.";
    return std::nullopt;
  }
  return master;
}

int64_t store_master(Context& ctx, const MasterImage& master, const PhotoWords& words, bool variants_now) {
  NewPhoto p{token_hash(master.bytes).substr(0, 16),
             master.mime,
             image_kind_name(master.source_kind),
             master.width,
             master.height,
             words.alt,
             words.caption,
             words.credit};
  int64_t id = insert_photo(ctx.db, p, master.bytes, ctx.session->user_id, ctx.now);
  audit(ctx, "photo_upload", "photo " + std::to_string(id),
        p.alt + " (" + p.source_kind + ", " + std::to_string(p.width) + "x" + std::to_string(p.height) + ")");
  if (variants_now) make_variants(ctx.cfg, id, p.hash, master);
  return id;
}

}  // namespace

PhotoWords read_photo_words(const Request& r, std::vector<std::string>& errors) {
  PhotoWords w{trimmed(r.field("alt")), trimmed(r.field("caption")), trimmed(r.field("credit"))};
  if (w.alt.empty()) errors.push_back("Write the alt text: what the photo shows, for readers who cannot see it.");
  if (utf8_length(w.alt) > 300) errors.push_back("The alt text is longer than 300 characters.");
  if (utf8_length(w.caption) > 1000) errors.push_back("The caption is longer than 1000 characters.");
  if (utf8_length(w.credit) > 200) errors.push_back("The credit is longer than 200 characters.");
  return w;
}

std::optional<int64_t> store_uploaded_photo(Context& ctx, std::vector<std::string>& errors) {
  PhotoWords words = read_photo_words(ctx.req, errors);
  const UploadedFile* file = ctx.req.file("photo");
  if (!file || (file->bytes.empty() && file->filename.empty())) {
    errors.push_back("Choose a photo file to upload.");
    return std::nullopt;
  }
  std::string why;
  std::optional<MasterImage> master = checked_master(ctx, file->bytes, why);
  if (!master) errors.push_back(why);
  if (!errors.empty()) return std::nullopt;
  return store_master(ctx, *master, words, true);
}

std::optional<int64_t> store_photo(Context& ctx, const std::string& bytes, const PhotoWords& words, std::string& why) {
  std::optional<MasterImage> master = checked_master(ctx, bytes, why);
  if (!master) return std::nullopt;
  return store_master(ctx, *master, words, false);
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
