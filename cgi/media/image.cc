#include "media/image.h"

#include <vips/vips.h>
#include <webp/mux.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace {

// libvips is started once per process, on first use (after the worker forked):
// one thread per operation, no operation cache (every upload is new, and
// memory stays what one photo needs), and none of the loaders libvips itself
// calls untrusted (ImageMagick, PDF, SVG, JPEG 2000 ...).
void start_vips() {
  static std::once_flag started;
  std::call_once(started, [] {
    if (VIPS_INIT("newsline") != 0) throw std::runtime_error("libvips did not start");
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
  });
}

struct Unref {
  void operator()(VipsImage* p) const { g_object_unref(p); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// libvips' last error message for this failure, and the buffer cleared.
std::string vips_failure() {
  std::string message = vips_error_buffer();
  vips_error_clear();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

Image checked(int status, VipsImage*& out, const char* what) {  // `out` by reference: read after the call that set it
  if (status != 0) {
    if (out) g_object_unref(out);
    throw std::runtime_error(std::string(what) + ": " + vips_failure());
  }
  return Image(out);
}

// Opens `bytes` with the loader of `kind` only: a file is never read by a
// loader its magic number did not choose. Pixels are decoded later, on demand;
// a truncated or corrupt file fails then (fail_on error).
Image open_as(std::string_view bytes, ImageKind kind) {
  void* data = const_cast<char*>(bytes.data());
  size_t size = bytes.size();
  VipsImage* out = nullptr;
  int status = -1;
  switch (kind) {
    case ImageKind::jpeg:
      status = vips_jpegload_buffer(data, size, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageKind::png:
      status = vips_pngload_buffer(data, size, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageKind::webp:
      status = vips_webpload_buffer(data, size, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageKind::gif:
      status = vips_gifload_buffer(data, size, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageKind::heif:
      status = vips_heifload_buffer(data, size, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageKind::none:
      break;
  }
  return checked(status, out, "cannot read the image");
}

// Upright, 8-bit sRGB (with its alpha, if any).
Image to_srgb(Image in) {
  VipsImage* out = nullptr;
  Image upright = checked(vips_autorot(in.get(), &out, nullptr), out, "cannot turn the image upright");
  out = nullptr;
  Image srgb;
  if (vips_image_get_typeof(upright.get(), VIPS_META_ICC_NAME) &&
      vips_icc_transform(upright.get(), &out, "srgb", "embedded", TRUE, "depth", 8, nullptr) == 0) {
    srgb = Image(out);
  } else {  // no profile, or one that does not work: the image's own interpretation
    vips_error_clear();
    out = nullptr;
    srgb = checked(vips_colourspace(upright.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr), out,
                   "cannot convert the colours");
  }
  if (vips_image_get_format(srgb.get()) == VIPS_FORMAT_UCHAR) return srgb;
  out = nullptr;
  return checked(vips_cast(srgb.get(), &out, VIPS_FORMAT_UCHAR, nullptr), out, "cannot convert the colours");
}

// A copy of `image` without metadata: libvips 8.14's WebP writer ignores
// "strip" and writes the EXIF an image carries (an orientation at least).
Image without_metadata(VipsImage* image) {
  VipsImage* out = nullptr;
  Image copy = checked(vips_copy(image, &out, nullptr), out, "cannot copy the image");
  for (const char* name : {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_IPTC_NAME, VIPS_META_ICC_NAME,
                           VIPS_META_PHOTOSHOP_NAME, VIPS_META_ORIENTATION})
    vips_image_remove(copy.get(), name);
  return copy;
}

std::string take_buffer(void* buf, size_t len) {
  std::string bytes(static_cast<const char*>(buf), len);
  g_free(buf);
  return bytes;
}

std::string save_jpeg(VipsImage* in, int quality) {
  Image image = without_metadata(in);
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(image.get(), &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace",
                           TRUE, nullptr) != 0)
    throw std::runtime_error("cannot write JPEG: " + vips_failure());
  return take_buffer(buf, len);
}

// On white: JPEG has no transparency.
Image flattened(VipsImage* image) {
  if (!vips_image_hasalpha(image)) {
    g_object_ref(image);
    return Image(image);
  }
  VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
  VipsImage* out = nullptr;
  int status = vips_flatten(image, &out, "background", white, nullptr);
  vips_area_unref(VIPS_AREA(white));
  return checked(status, out, "cannot flatten the image");
}

// libvips 8.14's WebP writer adds an EXIF chunk even with "strip": it is
// taken out with libwebpmux, which rewrites the container without it.
std::string without_webp_metadata(const std::string& webp) {
  WebPData in{reinterpret_cast<const uint8_t*>(webp.data()), webp.size()};
  WebPMux* mux = WebPMuxCreate(&in, 0);
  if (!mux) throw std::runtime_error("cannot read the WebP just written");
  WebPMuxDeleteChunk(mux, "EXIF");
  WebPMuxDeleteChunk(mux, "XMP ");
  WebPMuxDeleteChunk(mux, "ICCP");
  WebPData out;
  WebPDataInit(&out);
  WebPMuxError status = WebPMuxAssemble(mux, &out);
  WebPMuxDelete(mux);
  if (status != WEBP_MUX_OK) throw std::runtime_error("cannot write WebP without metadata");
  std::string bytes(reinterpret_cast<const char*>(out.bytes), out.size);
  WebPDataClear(&out);
  return bytes;
}

// True when the file also carries a web page or a script (a polyglot: a
// valid image that a browser or a server would also run as something else).
// Photos have no reason to; their XMP metadata is XML of other names.
bool carries_markup(std::string_view bytes) {
  static const char* const kMarks[] = {"<script", "<html",   "<?php",  "<svg",       "<iframe",
                                       "<body",   "<object", "<embed", "javascript:"};
  std::string lower(bytes);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const char* mark : kMarks)
    if (lower.find(mark) != std::string::npos) return true;
  return false;
}

bool starts_with(std::string_view bytes, std::string_view magic, size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

}  // namespace

ImageKind sniff_image_kind(std::string_view b) {
  if (starts_with(b, "\xFF\xD8\xFF")) return ImageKind::jpeg;
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return ImageKind::png;
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return ImageKind::gif;
  if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) return ImageKind::webp;
  // ISO base media: a box "ftyp" with a HEIF brand (AVIF is HEIF with AV1 inside).
  if (starts_with(b, "ftyp", 4))
    for (std::string_view brand : {"avif", "avis", "heic", "heix", "heim", "heis", "mif1", "msf1"})
      if (starts_with(b, brand, 8)) return ImageKind::heif;
  return ImageKind::none;
}

const char* image_kind_name(ImageKind kind) {
  switch (kind) {
    case ImageKind::jpeg:
      return "JPEG";
    case ImageKind::png:
      return "PNG";
    case ImageKind::webp:
      return "WebP";
    case ImageKind::gif:
      return "GIF";
    case ImageKind::heif:
      return "AVIF/HEIC";
    case ImageKind::none:
      break;
  }
  return "unknown";
}

std::optional<MasterImage> make_master(std::string_view upload, const ImageLimits& limits, ImageRefusal& why) {
  auto refuse = [&](std::string message) {
    why.message = std::move(message);
    return std::nullopt;
  };
  if (upload.empty()) return refuse("The file is empty.");
  if (upload.size() > limits.max_bytes)
    return refuse("The file is larger than " + std::to_string(limits.max_bytes >> 20) + " MB.");
  ImageKind kind = sniff_image_kind(upload);
  if (kind == ImageKind::none)
    return refuse("This is not a photo this site takes: upload a JPEG, PNG, WebP, GIF, AVIF or HEIC file.");
  if (carries_markup(upload))
    return refuse("The file carries a web page or a script besides the photo. Upload a clean copy of the photo.");
  start_vips();
  try {
    Image image = open_as(upload, kind);
    // The header alone says how large the decoded image would be.
    int w = vips_image_get_width(image.get()), h = vips_image_get_height(image.get());
    if (w > limits.max_side || h > limits.max_side ||
        static_cast<uint64_t>(w) * static_cast<uint64_t>(h) > limits.max_pixels)
      return refuse("The photo is too large: " + std::to_string(w) + " x " + std::to_string(h) + " pixels (at most " +
                    std::to_string(limits.max_pixels / 1'000'000) + " megapixels).");
    Image srgb = to_srgb(std::move(image));
    VipsImage* out = nullptr;
    Image sized = checked(vips_thumbnail_image(srgb.get(), &out, kMasterSide, "height", kMasterSide, "size",
                                               VIPS_SIZE_DOWN, "no_rotate", TRUE, nullptr),
                          out, "cannot resize the image");
    MasterImage master;
    master.source_kind = kind;
    if (vips_image_hasalpha(sized.get())) {
      void* buf = nullptr;
      size_t len = 0;
      if (vips_pngsave_buffer(without_metadata(sized.get()).get(), &buf, &len, "compression", 6, "strip", TRUE,
                              nullptr) != 0)
        throw std::runtime_error("cannot write PNG: " + vips_failure());
      master.bytes = take_buffer(buf, len);
      master.mime = "image/png";
    } else {
      master.bytes = save_jpeg(sized.get(), 90);  // decoding happens here, as the pixels are written
      master.mime = "image/jpeg";
    }
    master.width = vips_image_get_width(sized.get());
    master.height = vips_image_get_height(sized.get());
    master.peak_memory = static_cast<size_t>(vips_tracked_get_mem_highwater());
    return master;
  } catch (const std::runtime_error& e) {
    return refuse(std::string("The file is damaged or not a complete ") + image_kind_name(kind) + " image (" +
                  e.what() + ").");
  }
}

const std::vector<int>& variant_widths() {
  static const std::vector<int> widths = {320, 640, 960, 1280, 1920};
  return widths;
}

std::vector<int> widths_for(int width) {
  std::vector<int> out;
  for (int w : variant_widths())
    if (w < width) out.push_back(w);
  if (width < variant_widths().back()) out.push_back(width);
  if (out.empty()) out.push_back(variant_widths().back());
  return out;
}

int scaled_height(int width, int height, int to_width) {
  if (width <= 0) return height;
  return std::max(1, static_cast<int>(std::lround(static_cast<double>(height) * to_width / width)));
}

const char* variant_extension(VariantFormat f) { return f == VariantFormat::webp ? "webp" : "jpg"; }
const char* variant_mime(VariantFormat f) { return f == VariantFormat::webp ? "image/webp" : "image/jpeg"; }

std::vector<VariantSpec> crops_for(int width, int height) {
  std::vector<VariantSpec> crops;
  for (auto [across, down] : {std::pair{16, 9}, std::pair{4, 3}, std::pair{1, 1}}) {
    // Whole units of the shape, so that the crop has it exactly (1200 x 675).
    int units = std::min({width / across, height / down, kPreviewWidth / across});
    if (units * std::min(across, down) >= 16) crops.push_back({units * across, VariantFormat::jpeg, units * down});
  }
  return crops;
}

std::string make_variant(std::string_view master, const VariantSpec& spec) {
  start_vips();
  VipsImage* out = nullptr;
  void* data = const_cast<char*>(master.data());
  // A crop: scaled to cover width x height, then cut where libvips' attention
  // measure (edges, skin, saturation) finds the subject, not blindly in the middle.
  int status = spec.height > 0
                   ? vips_thumbnail_buffer(data, master.size(), &out, spec.width, "height", spec.height, "size",
                                           VIPS_SIZE_DOWN, "crop", VIPS_INTERESTING_ATTENTION, nullptr)
                   : vips_thumbnail_buffer(data, master.size(), &out, spec.width, "height", VIPS_MAX_COORD, "size",
                                           VIPS_SIZE_DOWN, nullptr);
  Image sized = checked(status, out, "cannot resize the photo");
  if (spec.format == VariantFormat::jpeg) return save_jpeg(flattened(sized.get()).get(), 80);
  void* buf = nullptr;
  size_t len = 0;
  if (vips_webpsave_buffer(without_metadata(sized.get()).get(), &buf, &len, "Q", 75, "strip", TRUE, nullptr) != 0)
    throw std::runtime_error("cannot write WebP: " + vips_failure());
  return without_webp_metadata(take_buffer(buf, len));
}

std::string make_demo_photo(int width, int height, unsigned seed, const std::string& label) {
  start_vips();
  auto next = [&seed] {  // a small LCG: the same seed gives the same photo
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  auto colour = [&] { return 40.0 + next() % 180; };
  double top[3] = {colour(), colour(), colour()}, bottom[3] = {colour(), colour(), colour()};
  VipsImage* xyz = nullptr;
  Image coords = checked(vips_xyz(&xyz, width, height, nullptr), xyz, "demo photo");
  VipsImage* y = nullptr;
  Image rows = checked(vips_extract_band(coords.get(), &y, 1, nullptr), y, "demo photo");
  VipsImage* bands[3];
  std::vector<Image> keep;
  for (int b = 0; b < 3; ++b) {
    VipsImage* out = nullptr;
    double slope = (bottom[b] - top[b]) / height;
    keep.push_back(checked(vips_linear1(rows.get(), &out, slope, top[b], "uchar", TRUE, nullptr), out, "demo photo"));
    bands[b] = keep.back().get();
  }
  VipsImage* joined = nullptr;
  Image gradient = checked(vips_bandjoin(bands, &joined, 3, nullptr), joined, "demo photo");
  VipsImage* copy = nullptr;
  Image srgb = checked(vips_copy(gradient.get(), &copy, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), copy,
                       "demo photo");
  Image canvas(vips_image_copy_memory(srgb.get()));
  if (!canvas) throw std::runtime_error("demo photo: " + vips_failure());
  double sun[3] = {250.0, 235.0 - next() % 60, 150.0 - next() % 80};
  vips_draw_circle(canvas.get(), sun, 3, width / 4 + next() % (width / 2), height / 4, height / 8, "fill", TRUE,
                   nullptr);
  double ground[3] = {colour() / 2, colour() / 2, colour() / 3};
  for (int i = 0; i < 4; ++i) {
    int x = next() % width, w = width / 5 + next() % (width / 3), h = height / 6 + next() % (height / 3);
    vips_draw_rect(canvas.get(), ground, 3, x - w / 2, height - h, w, h, "fill", TRUE, nullptr);
  }
  VipsImage* text = nullptr;
  if (!label.empty() && vips_text(&text, label.c_str(), "width", width - width / 8, "dpi", 72 * width / 640, "font",
                                  "DejaVu Sans Bold", nullptr) == 0) {
    Image mask(text);
    double white[3] = {255, 255, 255};
    vips_draw_mask(canvas.get(), white, 3, mask.get(), width / 16,
                   height - vips_image_get_height(mask.get()) - height / 16, nullptr);
  }
  vips_error_clear();
  return save_jpeg(canvas.get(), 85);
}
