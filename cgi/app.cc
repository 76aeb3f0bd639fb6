#include "app.h"

#include <cstdio>
#include <ctime>

#include "context.h"
#include "db/db.h"
#include "http/response.h"
#include "pages/admin.h"
#include "pages/pages.h"
#include "router.h"
#include "view/view.h"

namespace {

void log_error(const Request& req, const char* what) {
  std::fprintf(stderr, "newsline: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what);
}

// Replaces whatever was built with a standalone error page; if even that
// fails (a broken template), with one line of text.
template <typename Render>
void replace_with(Response& res, int status, Render render) {
  res = Response{};
  try {
    render();
  } catch (const std::exception&) {
    res = Response{};
    res.status = status;
    res.content_type = "text/plain; charset=utf-8";
    res.cache_control = "no-store";
    res.body = std::string(status_text(status)) + "\n";
  }
}

}  // namespace

std::shared_ptr<const std::vector<Edition>> App::editions(Db& db) {
  std::lock_guard<std::mutex> lock(editions_mutex_);
  if (!editions_) {
    auto loaded = std::make_shared<std::vector<Edition>>(load_editions(db));
    if (loaded->empty()) throw DbError("no editions in the database: run 'newsline migrate'");
    editions_ = std::move(loaded);
  }
  return editions_;
}

void App::answer(const Request& req, Db& db, Response& res) {
  auto editions_now = editions(db);
  Context ctx{req, res, cfg_, db, *editions_now, std::time(nullptr), std::nullopt};
  try {
    dispatch(ctx);
  } catch (const HttpError& e) {
    if (!req.segments.empty() && req.segments[0] == "admin") {
      admin_error_page(ctx, e.status, e.message);
      return;
    }
    const Edition* edition = e.edition;
    if (!edition && !req.segments.empty()) edition = ctx.find_edition(req.segments[0]);
    site_error_page(ctx, e.status, edition ? *edition : ctx.default_edition());
  }
}

namespace {

int edge_status(EdgeError e) {
  switch (e) {
    case EdgeError::uri_too_long: return 414;
    case EdgeError::body_too_large: return 413;
    case EdgeError::unsupported_media_type: return 415;
    default: return 400;
  }
}

}  // namespace

void App::handle(const ParamLookup& params, const BodyReader& body, Db& db, Response& res) {
  Request req;
  EdgeError edge = build_request(params, body, req);
  try {
    if (edge != EdgeError::none) {
      render_plain_error(res, edge_status(edge), cfg_.site_name);
      return;
    }
    answer(req, db, res);
  } catch (const DbUnavailable& e) {
    log_error(req, e.what());
    replace_with(res, 503, [&] { render_unavailable(res, cfg_.site_name); });
    res.set_header("Retry-After", "5");
  } catch (const std::exception& e) {
    log_error(req, e.what());
    replace_with(res, 500, [&] { render_plain_error(res, 500, cfg_.site_name); });
  }
}
