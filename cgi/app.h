// The application shared by all threads of a worker process: configuration, the
// edition catalogue (a read-only copy loaded from the database on first use) and
// the category catalogue (reread whenever the content version moves on).
#pragma once
#include <memory>
#include <mutex>
#include <vector>

#include "cache/content_clock.h"
#include "cache/fragment_cache.h"
#include "cache/page_cache.h"
#include "config.h"
#include "db/content.h"
#include "http/request.h"

class Db;

class App {
 public:
  explicit App(const Config& cfg) : cfg_(cfg) {}
  ~App();

  // In a worker process (after fork): starts the content clock and the caches
  // that are on (cfg.page_cache, cfg.newsline_cache). Without it nothing is cached (CGI).
  void start_caches();

  // Answers one request. Never throws: bad input is a 4xx page, an unreachable
  // database a 503 page, anything unexpected a logged 500 without details.
  void handle(const ParamLookup& params, const BodyReader& body, Db& db, Response& res);

  const Config& config() const { return cfg_; }

 private:
  std::shared_ptr<const std::vector<Edition>> editions(Db& db);
  // The catalogue of the content version the clock last saw (reread when it moves on).
  std::shared_ptr<const CategoryCatalogue> categories(Db& db);
  void answer(const Request& req, Db& db, Response& res);
  // `shared_generation`: the generation a page every reader gets alike is made in
  // (it may use cached fragments); 0 for editors' pages and before the first poll.
  void render(const Request& req, Db& db, Response& res, uint64_t shared_generation);
  // ETag, Last-Modified and Cache-Control of a public page.
  void add_validators(const Request& req, Response& res) const;

  const Config& cfg_;
  std::mutex editions_mutex_;
  std::shared_ptr<const std::vector<Edition>> editions_;
  std::mutex categories_mutex_;
  std::shared_ptr<const CategoryCatalogue> categories_;
  uint64_t categories_generation_ = 0;
  std::unique_ptr<ContentClock> clock_;
  std::unique_ptr<PageCache> cache_;
  std::unique_ptr<FragmentCache> fragments_;
};
