// /media/{id}/{hash}-{width}.{jpg|webp} and crops /media/{id}/{hash}-{width}x{height}.jpg: nginx serves the variants
// this host has on disk; a request reaches a worker only for one it does not have yet.
#include <algorithm>

#include "context.h"
#include "db/media.h"
#include "media/image_process.h"
#include "media/variant_store.h"
#include "pages/pages.h"

namespace {

// Only the variants a page can ask for are made: a client cannot fill the disk
// with sizes of its choosing.
bool offered(const Photo& photo, const VariantSpec& v) {
  if (v.height > 0) {
    std::vector<VariantSpec> crops = crops_for(photo.width, photo.height);
    return std::find(crops.begin(), crops.end(), v) != crops.end();
  }
  for (int w : widths_for(photo.width))
    if (w == v.width) return true;
  return v.width == kPreviewWidth && photo.width > kPreviewWidth;
}

}  // namespace

// GET -> 200 with the image (immutable for a year); 404 for an unknown photo,
// an old hash, or a size the photo does not offer.
void site_photo_variant(Context& ctx, const RouteParams& p) {
  VariantName name;
  if (!parse_variant_name(p[1].text, name)) throw HttpError{404};
  // The photo's small row first: a made-up address costs no read of a master's megabytes.
  std::optional<Photo> photo = find_photo(ctx.db, p[0].id);
  if (!photo || photo->hash != name.hash || !offered(*photo, name.spec)) throw HttpError{404};
  std::optional<std::string> master = photo_master(ctx.db, p[0].id);
  if (!master) throw HttpError{404};
  ctx.res.body = VariantStore(ctx.cfg.media_dir).get_or_make(p[0].id, p[1].text, [&] {
    return make_variant_apart(*master, name.spec);
  });
  ctx.res.content_type = variant_mime(name.spec.format);
  ctx.res.cache_control = "public, max-age=31536000, immutable";
}
