// The key an address of an old site (before an import) is kept and looked up
// under, so that what WordPress treats as one address is one key: the path
// with its percent-encoding made canonical (unreserved characters decoded,
// others encoded with upper-case hex), ASCII letters in lower case, without a
// trailing slash, and of the query only the parameters WordPress finds an
// item by (?p=, ?page_id=, ...), sorted.
#pragma once
#include <optional>
#include <string>
#include <string_view>

constexpr size_t kMaxOldAddressBytes = 1000;

// nullopt when the key would be longer than kMaxOldAddressBytes.
std::optional<std::string> old_address_key(std::string_view path, std::string_view query);

// A file WordPress made from an upload named as the upload itself:
// "photo-1024x683.jpg" and "photo-scaled.jpg" are "photo.jpg".
std::string wordpress_original_file(const std::string& path);

// The same for a full address ("https://old.example/2020/01/x/?p=1#top"):
// its path and query, whatever its host. nullopt for what is not an http(s) address.
std::optional<std::string> old_address_key_of_url(std::string_view url);
