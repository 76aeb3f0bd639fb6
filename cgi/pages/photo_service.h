// The photo work that several admin pages call (photo_service.cc).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct Context;
struct Request;

// The words of a photo an editor typed (alt is required).
struct PhotoWords {
  std::string alt, caption, credit;
};
// The form's alt, caption and credit; the problems, if any, added to `errors`.
PhotoWords read_photo_words(const Request& r, std::vector<std::string>& errors);

// Stores the photo a multipart form sent (field "photo", with alt, caption,
// credit) and makes its variants; nullopt with the reasons in `errors`.
std::optional<int64_t> store_uploaded_photo(Context& ctx, std::vector<std::string>& errors);
// The same door for photo `bytes` from elsewhere (the importer): every check
// an upload has (kind from the bytes, size and pixel limits, polyglots
// refused, metadata stripped), the master and the audit row; its variants
// are made when first asked for (a command may run as another user than the
// workers, who own the variant files). nullopt with the reason in `why`.
std::optional<int64_t> store_photo(Context& ctx, const std::string& bytes, const PhotoWords& words, std::string& why);

// A body (Markdown) rendered with the library photos it shows, and their ids.
struct RenderedBody {
  std::string html;
  std::vector<int64_t> photos;
};
RenderedBody render_article_body(Context& ctx, const std::string& edition, const std::string& markdown);
