// Photos with libvips: what an upload is (found from its bytes), the checks
// before any pixel is decoded, the clean master stored in MariaDB, and the
// sized variants made from it. Nothing here touches the database or files.
// The workers run these in a helper process (media/image_process.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

enum class ImageKind { none, jpeg, png, webp, gif, heif };

// The kind of an image from its first bytes (magic numbers), never from a
// name or a Content-Type. `none` for everything else, SVG included.
ImageKind sniff_image_kind(std::string_view bytes);
const char* image_kind_name(ImageKind kind);

struct ImageLimits {
  size_t max_bytes = 20u << 20;
  uint64_t max_pixels = 50'000'000;  // decompression bombs: checked from the header, before decoding
  int max_side = 20000;
};

// The stored original: decoded, turned upright (EXIF orientation), converted
// to 8-bit sRGB, at most kMasterSide pixels on its longer side, re-encoded
// without any metadata (EXIF, XMP, GPS, ICC): JPEG, or PNG when it has alpha.
// Re-encoding also drops whatever else a file carried (a polyglot's script).
struct MasterImage {
  std::string bytes;
  std::string mime;  // image/jpeg or image/png
  int width = 0;
  int height = 0;
  ImageKind source_kind = ImageKind::none;
  size_t peak_memory = 0;  // libvips' tracked memory at its highest while decoding
};
constexpr int kMasterSide = 3840;

// What went wrong with an upload, in words an editor can act on.
struct ImageRefusal {
  std::string message;
};

// Makes the master of an uploaded file, or says why it is refused: empty,
// too large, not a photo, too many pixels, truncated or corrupt.
std::optional<MasterImage> make_master(std::string_view upload, const ImageLimits& limits, ImageRefusal& why);

// The widths of the variants (srcset), and the one for link previews.
const std::vector<int>& variant_widths();
constexpr int kPreviewWidth = 1200;
// The widths a photo `width` pixels wide offers: those below it, and its own
// width when that is smaller than the widest.
std::vector<int> widths_for(int width);
// The height of a variant `width` wide of a photo width x height.
int scaled_height(int width, int height, int to_width);

enum class VariantFormat { jpeg, webp };
const char* variant_extension(VariantFormat f);  // "jpg", "webp"
const char* variant_mime(VariantFormat f);

// A variant of a photo: `width` wide in the photo's own proportions or, with a
// `height`, a crop of exactly width x height (JPEG).
struct VariantSpec {
  int width = 0;
  VariantFormat format = VariantFormat::jpeg;
  int height = 0;
  bool operator==(const VariantSpec& o) const { return width == o.width && format == o.format && height == o.height; }
};

// The crops search engines ask for (Google: 16:9, 4:3 and 1:1 for an
// article's image), each the largest of its shape the photo holds, centred on
// what draws the eye, at most kPreviewWidth wide; none of a side under 16 px.
std::vector<VariantSpec> crops_for(int width, int height);

// A variant of `master` (never wider than the master). Throws
// std::runtime_error when libvips fails.
std::string make_variant(std::string_view master, const VariantSpec& spec);

// A photo of `width` x `height` made from nothing (for the demo content): a
// sky-to-ground gradient with a few shapes, seeded by `seed`, and `label` written on it. JPEG bytes.
std::string make_demo_photo(int width, int height, unsigned seed, const std::string& label);
