// multipart/form-data bodies (RFC 7578): the photo upload forms. Fields go
// with the urlencoded ones; files are kept apart, with the name the browser
// gave only as a label (never used as a path).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/url.h"

struct UploadedFile {
  std::string field;     // the form field's name
  std::string filename;  // as the browser sent it: a label, nothing more
  std::string bytes;
};

// The boundary of a Content-Type "multipart/form-data; boundary=...", or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Splits `body` into text fields (valid UTF-8) and files. False when it is
// not well formed: no closing boundary, a part without a name, more than 32
// parts, a part's headers longer than 4 KB, a field that is not UTF-8.
bool parse_multipart(std::string_view body, std::string_view boundary, QueryParams& fields,
                     std::vector<UploadedFile>& files);
