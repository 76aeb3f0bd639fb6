// Photos in MariaDB: their fields, their masters, the library's pages, and
// which articles show them. One function per query, bound parameters only.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"

// What a page needs to show a photo: its address (id and hash), its size, its words.
struct Photo {
  int64_t id = 0;  // 0: no photo
  std::string hash;
  int width = 0;
  int height = 0;
  std::string alt;
  std::string caption;
  std::string credit;
};

struct NewPhoto {
  std::string hash;
  std::string mime;
  std::string source_kind;
  int width = 0;
  int height = 0;
  std::string alt, caption, credit;
};

struct LibraryItem {
  Photo photo;
  std::string source_kind;
  int64_t bytes = 0;
  std::string uploaded_by;
  std::time_t created_at = 0;
};

// Stores a photo and its master in one transaction; returns its id.
int64_t insert_photo(Db& db, const NewPhoto& p, const std::string& master, int64_t user_id, std::time_t now);
// The same, inside the caller's transaction.
int64_t insert_photo_rows(Db& db, const NewPhoto& p, const std::string& master, int64_t user_id, std::time_t now);
std::optional<Photo> find_photo(Db& db, int64_t id);
// The master's bytes of photo `id`, for making its variants.
std::optional<std::string> photo_master(Db& db, int64_t id);
// The library, newest first, after photo `before_id` (keyset); `words` ("" =
// all) filters on alt text, caption and credit.
std::vector<LibraryItem> photo_library(Db& db, const std::string& words, int64_t before_id, int limit);
void update_photo_words(Db& db, int64_t id, const std::string& alt, const std::string& caption,
                        const std::string& credit);

// Makes photo `media_id` the lead photo of article `article_id` (demo content).
void set_lead_photo(Db& db, int64_t article_id, int64_t media_id);
// The published articles without a lead photo: id and title, oldest first.
std::vector<std::pair<int64_t, std::string>> articles_without_lead_photo(Db& db, int limit);

// The photos an article's body shows, replaced as a whole when it is saved.
void replace_article_photos(Db& db, int64_t article_id, const std::vector<int64_t>& photo_ids);
// The articles whose bodies show photo `id` (rendered again when its words change).
std::vector<int64_t> articles_showing_photo(Db& db, int64_t id);
