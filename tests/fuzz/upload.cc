// An uploaded file, as the media lane's helper sees it: its kind from its
// magic number, then the master made by libvips under small limits. Every
// file is either refused with a message for the editor, or becomes a clean
// JPEG or PNG within the limits, without metadata.
#include "fuzz.h"
#include "media/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz_text(data, size);
  ImageKind kind = sniff_image_kind(bytes);
  if (kind == ImageKind::none) FUZZ_CHECK(std::string(image_kind_name(kind)) == "unknown");
  ImageLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_pixels = 1 << 20;  // small: a fuzzer's bytes decode fast
  limits.max_side = 4096;
  ImageRefusal why;
  auto master = make_master(bytes, limits, why);
  if (!master) {
    FUZZ_CHECK(!why.message.empty() && why.message.back() == '.');
    return 0;
  }
  FUZZ_CHECK(kind != ImageKind::none && master->source_kind == kind);
  FUZZ_CHECK(master->width > 0 && master->height > 0);
  FUZZ_CHECK(static_cast<uint64_t>(master->width) * master->height <= limits.max_pixels);
  FUZZ_CHECK(sniff_image_kind(master->bytes) == (master->mime == "image/png" ? ImageKind::png : ImageKind::jpeg));
  FUZZ_CHECK(master->bytes.find("Exif") == std::string::npos);
  return 0;
}
