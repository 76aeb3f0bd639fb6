#include "import/wordpress_import.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "auth/crypto.h"
#include "auth/session.h"
#include "context.h"
#include "db/article_links.h"
#include "db/articles.h"
#include "db/categories.h"
#include "db/content.h"
#include "db/imports.h"
#include "db/newsroom.h"
#include "db/site_secrets.h"
#include "db/users.h"
#include "http/old_address.h"
#include "http/request.h"
#include "http/response.h"
#include "http/url.h"
#include "import/jsonl.h"
#include "import/wp_body.h"
#include "import/wp_photos.h"
#include "import/wxr.h"
#include "pages/admin.h"
#include "pages/photo_service.h"
#include "util/parse.h"
#include "util/signing.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/templates.h"
#include "view/urls.h"

namespace {

// "2011-01-18 07:40:14" as UTC; nullopt for WordPress's "0000-00-00 00:00:00" of drafts, or junk.
std::optional<std::time_t> utc_time(const std::string& text) {
  struct tm tm {};
  if (text.size() < 19 || text.compare(0, 4, "0000") == 0) return std::nullopt;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) != 6)
    return std::nullopt;
  if (tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

// post_date read in the old site's zone (the process's display zone, set from --time-zone).
std::optional<std::time_t> local_time(const std::string& text) {
  if (text.size() < 19 || text.compare(0, 4, "0000") == 0) return std::nullopt;
  std::string iso = text.substr(0, 19);
  iso[10] = 'T';
  return parse_input_datetime(iso);
}

// WordPress's post_name, percent-decoded, as one of Newsline's slugs (letters transliterated).
std::string slug_of(const std::string& post_name, const std::string& title) {
  std::optional<std::string> decoded = percent_decode(post_name, false);
  std::string slug = slugify(decoded && !decoded->empty() ? *decoded : title);
  return slug;
}

// One line per item in the report file: what, what happened, and why or where.
class Report {
 public:
  explicit Report(const std::string& path) : out_(path, std::ios::trunc) {}
  bool ok() const { return static_cast<bool>(out_); }
  void line(const std::string& what, const std::string& outcome, const std::string& detail) {
    out_ << what << '\t' << outcome << '\t' << detail << '\n';
    ++counts_[outcome];
  }
  const std::map<std::string, int>& counts() const { return counts_; }

 private:
  std::ofstream out_;
  std::map<std::string, int> counts_;
};

std::string signing_secret(Db& db) {
  std::string secret = load_site_secret(db, "signing");
  if (secret.empty()) throw DbError("the site has no signing key: run 'newsline migrate'");
  return secret;
}

// A Context for work done by a command rather than a request: the importing
// user's session, the site's editions and key, no request.
struct CommandContext {
  CommandContext(const Config& cfg, Db& db, const Session& session)
      : editions(load_editions(db)),
        catalogue(SiteCatalogue::load(db, std::time(nullptr))),
        key(signing_secret(db)),
        ctx{req, res, cfg, db, editions, catalogue, key, std::time(nullptr), session} {}
  Request req;
  Response res;
  std::vector<Edition> editions;
  SiteCatalogue catalogue;
  SigningKey key;
  Context ctx;
};

// The first reading of an export when photos are wanted: its attachments,
// and which of them the posts and pages show (lead photos, bodies), with the
// words the bodies give them.
class PhotoSurvey : public AttachmentIndex {
 public:
  void site(const WxrSite& s) override {
    seen_ = s;
    for (const std::string& url : {s.base_site_url, s.base_blog_url, s.link})
      if (!url.empty()) hosts.insert(host_of_url(url));
  }
  void item(const WxrItem& it) override {
    AttachmentIndex::item(it);
    if (it.post_type != "post" && it.post_type != "page") return;
    for (const std::string& url : it.old_addresses) hosts.insert(host_of_url(url));
    if (auto id = parse_id(trimmed(it.meta_value("_thumbnail_id"))))
      if (by_id(*id)) wanted[*id];
    if (it.content_is_markdown) {  // its photos are named wp-attachment:ID (import/jsonl.cc)
      for (size_t at = it.content.find("wp-attachment:"); at != std::string::npos;
           at = it.content.find("wp-attachment:", at + 1))
        if (auto id = parse_id(it.content.substr(at + 14, it.content.find(')', at) - at - 14)))
          if (by_id(*id)) wanted[*id];
      return;
    }
    WpBodyHooks hooks;
    hooks.photo = [&](const WpImage& image) -> int64_t {
      const WpAttachment* a = attachment_of(image);
      if (!a) return 0;
      WpImage& words = wanted[a->id];
      if (words.alt.empty()) words.alt = image.alt;
      if (words.caption.empty()) words.caption = image.caption;
      return 0;
    };
    int64_t post = it.post_id;
    hooks.post_attachments = [this, post] {  // they may come later in the file: see finish()
      galleries_of_their_own_.push_back(post);
      return std::vector<int64_t>{};
    };
    wordpress_to_markdown(it.content, hooks);
  }
  const WpAttachment* attachment_of(const WpImage& image) const {
    const WpAttachment* a = image.attachment_id ? by_id(image.attachment_id) : nullptr;
    return a ? a : by_address(image.src);
  }

  // After the whole file: the attachments of the posts whose gallery names no ids are wanted too.
  void finish() {
    for (int64_t post : galleries_of_their_own_)
      for (int64_t id : children_of(post)) wanted[id];
  }

  const WxrSite& site_seen() const { return seen_; }
  std::map<int64_t, WpImage> wanted;  // attachment id -> the words the bodies give it
  std::set<std::string> hosts;        // the export's own

 private:
  WxrSite seen_;
  std::vector<int64_t> galleries_of_their_own_;  // posts with a [gallery] that names no ids
};

struct Section {
  int64_t id = 0;
  std::string slug;
};

class WordPressImport : public WxrSink {
 public:
  WordPressImport(Context& ctx, const ImportOptions& options, const Edition& edition, Report& report,
                  const PhotoSurvey* photos)
      : ctx_(ctx), db_(ctx.db), options_(options), edition_(edition), report_(report), survey_(photos) {
    struct stat st {};
    if (stat(options.file.c_str(), &st) == 0) file_bytes_ = st.st_size;
    for (const CategoryRow& c : list_categories(db_)) sections_[c.edition + "/" + c.slug] = {c.id, c.slug};
  }

  void site(const WxrSite& s) override {
    std::string base = !s.base_site_url.empty() ? s.base_site_url : s.link;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (base.empty()) base = "wordpress";
    source_ = utf8_truncate(base, 255);
    site_ = s;
    for (const std::string& url : {s.base_site_url, s.base_blog_url, s.link})
      if (!url.empty()) own_hosts_.insert(host_of_url(url));
  }

  void author(const WxrAuthor& a) override {
    std::string name = trimmed(wordpress_plain_text(a.display_name));
    if (name.empty()) name = trimmed(a.login);
    if (name.empty()) return;
    name = utf8_truncate(name, 200);
    author_names_[a.login] = name;
    if (options_.dry_run) return report_.line("author " + a.login, "would import", name);
    Author made = with_transaction(db_, [&] { return author_named(db_, name); });
    with_transaction(db_, [&] {
      remember_imported(db_, {source_, "author", a.id, made.id, a.login, "", 0}, ctx_.now);
      return true;
    });
    author_slugs_[a.login] = made.slug;
    report_.line("author " + a.login, "imported", name);
  }

  // Categories and tags are made when the first item comes (every term is
  // declared before it): in the edition of the import, or, for a Polylang
  // site, in the edition of the first story that is in them.
  void term(const WxrTerm& t) override {
    if (t.taxonomy == "category") {
      terms_.push_back(t);
      category_names_[t.slug] = t.name;
      if (t.id) category_slug_by_id_[t.id] = t.slug;
    } else if (t.taxonomy == "post_tag") {
      terms_.push_back(t);
      std::string name = utf8_truncate(trimmed(wordpress_plain_text(t.name)), 100);
      tag_names_[t.slug] = name.empty() ? decoded(t.slug) : name;
    } else if (t.taxonomy == "language") {  // Polylang's
      bool known = ctx_.find_edition(t.slug) != nullptr;
      if (known) languages_.insert(t.slug);
      report_.line("language " + t.slug, known ? "edition" : "skipped",
                   known ? "its stories go to the " + t.slug + " edition"
                         : "no such edition: its stories go to " + edition_.code);
    } else if (t.taxonomy != "post_translations") {
      report_.line("term " + t.slug, "skipped", "taxonomy " + t.taxonomy + " has no place in Newsline");
    }
  }

  void item(const WxrItem& it) override {
    if (items_ == 0) make_declared_terms();
    ++items_;
    comments_ += it.comments;
    // A JSON Lines article is named by its own id (its number is made from it).
    std::string what = (it.post_type.empty() ? "item" : it.post_type) + " " +
                       (options_.format == "jsonl" && it.post_type == "post" ? it.guid : std::to_string(it.post_id));
    try {
      if (it.post_id <= 0) return report_.line(what, "skipped", "no wp:post_id (line " + std::to_string(it.line) + ")");
      if (it.post_type == "post")
        import_post(it, what);
      else if (it.post_type == "page")
        import_page(it, what);
      else if (it.post_type == "attachment")
        attachment_item(it, what);
      else
        report_.line(what, "skipped", "post type '" + it.post_type + "' has no place in Newsline");
    } catch (const DbUnavailable&) {
      throw;
    } catch (const DbError& e) {
      report_.line(what, "failed", e.what());
    }
    show_progress(it);
  }

  // A site without Polylang: every category and tag in the import's edition,
  // used or not (as WordPress's importer makes them).
  void make_declared_terms() {
    if (!languages_.empty() && options_.edition.empty()) return;
    for (const WxrTerm& t : terms_) {
      std::string what = (t.taxonomy == "category" ? "category " : "tag ") + t.slug;
      if (options_.dry_run) {
        report_.line(what, "would import", t.taxonomy == "category" ? category_names_[t.slug] : tag_names_[t.slug]);
      } else if (t.taxonomy == "category") {
        report_.line(what, "imported", "section " + section_for(edition_, t.slug).slug);
      } else {
        term_edition_.emplace("tag:" + t.slug, edition_.code);
        Tag made = with_transaction(db_, [&] { return tag_named(db_, edition_.code, tag_names_[t.slug]); });
        report_.line(what, "imported", made.name);
      }
    }
  }

  // The edition of an item: --edition, else its Polylang language, else the site's.
  const Edition& edition_of(const WxrItem& it) const {
    if (!options_.edition.empty()) return edition_;
    for (const WxrItemTerm& t : it.terms)
      if (t.domain == "language" && languages_.count(t.nicename)) return *ctx_.find_edition(t.nicename);
    return edition_;
  }

  void note_translation_groups(const WxrItem& it, int64_t article) {
    for (const WxrItemTerm& t : it.terms)
      if (t.domain == "post_translations" && !t.nicename.empty()) translation_groups_[t.nicename].push_back(article);
  }

  void link_translations_of_groups() {
    for (const auto& entry : translation_groups_) {  // (a structured binding cannot be captured in C++17)
      const std::string& group = entry.first;
      const std::vector<int64_t>& ids = entry.second;
      if (ids.size() < 2) continue;
      publish_change(ctx_, [&]() -> std::optional<Audited> {
        for (size_t i = 1; i < ids.size(); ++i)
          if (translations_of(db_, ids[i]).empty()) link_translations(db_, ids[i], ids[0]);
        refresh_article_links(db_, ids);
        return Audited{"import translations", "article " + std::to_string(ids[0]), group};
      });
      report_.line("translations " + group, "linked", std::to_string(ids.size()) + " articles");
    }
  }

  // The address a body's link to the old site's own stories now has, when
  // that story is imported; others are left as they are (for a second look
  // at the end, when it may come later in the file).
  std::string new_address(const std::string& href) {
    std::string host = host_of_url(href);
    bool own = href.rfind("/", 0) == 0 ? href.rfind("//", 0) != 0 : own_hosts_.count(host) > 0;
    if (!own) return href;
    std::optional<std::string> key =
        href[0] == '/' ? old_address_key_of_url("http://host" + href) : old_address_key_of_url(href);
    if (!key || *key == "/") return href;
    auto made = redirects_made_.find(*key);
    if (made != redirects_made_.end()) return made->second;
    if (std::optional<std::string> target = redirect_target(db_, *key)) return *target;  // an earlier import's
    old_links_left_ = true;
    return href;
  }

  // Bodies that named old stories imported after them: their links once more.
  void point_links_at_new_addresses() {
    for (int64_t post : articles_with_old_links_) {
      std::optional<ImportedItem> mapped = find_imported(db_, source_, "post", post);
      std::optional<ArticleDraft> a = mapped ? load_article(db_, mapped->newsline_id) : std::nullopt;
      if (!a || a->revision != mapped->revision) continue;  // changed here meanwhile: left as the editor has it
      load_newsroom_fields(db_, *a);
      std::string body = rewrite_link_destinations(a->body);
      if (body == a->body) continue;
      a->body = body;
      RenderedBody rendered = render_article_body(ctx_, a->edition, a->body);
      a->body_html = std::move(rendered.html);
      a->body_photos = std::move(rendered.photos);
      save_article(ctx_, *a, a->slug, a->status, "import links", [&] {
        remember_imported(db_, {source_, "post", post, a->id, mapped->guid, mapped->fingerprint, a->revision},
                          ctx_.now);
      });
      report_.line("post " + std::to_string(post), "links", "pointed at the stories' new addresses");
    }
  }

  // Each Markdown link destination "(<address>)" of the old site, at its new address.
  std::string rewrite_link_destinations(const std::string& body) {
    std::string out;
    size_t at = 0;
    for (size_t open = body.find("](<", at); open != std::string::npos; open = body.find("](<", at)) {
      size_t close = body.find(">)", open + 3);
      if (close == std::string::npos) break;
      std::string href = body.substr(open + 3, close - open - 3);
      out.append(body, at, open + 3 - at);
      out += new_address(href);
      at = close;
    }
    out.append(body, at, std::string::npos);
    return out;
  }

  // Where a photo's old addresses (its file, its attachment page) lead.
  static std::string largest_jpeg(const Photo& p) { return photo_url(p, preview_width(p), VariantFormat::jpeg); }

  static std::string upload_path_of(const WpAttachment& a) {
    return a.file.empty() ? original_upload_path(a.url) : a.file;
  }

  void store_attachment(const WpAttachment& a, const std::optional<std::string>& bytes, const std::string& why) {
    std::string what = "attachment " + std::to_string(a.id);
    if (!bytes) return report_.line(what, "failed", (why.empty() ? "no bytes" : why) + " (" + a.url + ")");
    const WpImage& seen = survey_->wanted.at(a.id);
    PhotoWords words{a.alt.empty() ? seen.alt : a.alt, a.caption.empty() ? seen.caption : a.caption, a.credit};
    std::string warning;
    if (trimmed(words.alt).empty()) {
      words.alt = a.title.empty() ? "Photo" : a.title;
      warning = "; no alt text in WordPress: its title is used";
    }
    words.alt = utf8_truncate(trimmed(words.alt), 300);
    words.caption = utf8_truncate(trimmed(words.caption), 1000);
    words.credit = utf8_truncate(trimmed(words.credit), 200);
    std::string refused;
    std::optional<int64_t> id;
    with_transaction(db_, [&] {
      id = store_photo(ctx_, *bytes, words, refused);
      if (!id) return false;
      remember_imported(db_, {source_, "attachment", a.id, *id, a.url, "", 0}, ctx_.now);
      if (std::optional<Photo> photo = find_photo(db_, *id)) {
        std::string target = largest_jpeg(*photo);
        redirect_url(a.url, target);
        redirect("/?attachment_id=" + std::to_string(a.id), target);
      }
      return true;
    });
    if (!id) return report_.line(what, "refused", refused + " (" + a.url + ")");
    photo_ids_[a.id] = *id;
    report_.line(what, "imported", "photo " + std::to_string(*id) + warning);
  }

  // A Markdown body's photos (wp-attachment:ID, import/jsonl.cc) as library
  // photos; one that could not be had is left out.
  std::string markdown_with_photos(const std::string& markdown) {
    std::string out;
    size_t at = 0;
    static const std::string kMark = "wp-attachment:";
    for (size_t found = markdown.find(kMark); found != std::string::npos; found = markdown.find(kMark, at)) {
      size_t end = found + kMark.size();
      while (end < markdown.size() && std::isdigit(static_cast<unsigned char>(markdown[end]))) ++end;
      WpImage image;
      image.attachment_id = std::atoll(markdown.substr(found + kMark.size(), end - found - kMark.size()).c_str());
      int64_t photo = photo_for(image);
      out.append(markdown, at, found - at);
      out += photo ? "media:" + std::to_string(photo) : "";
      if (!photo) ++dropped_["photo not found"];
      at = end;
    }
    out.append(markdown, at, std::string::npos);
    return out;
  }

  // The library photo of a picture a body shows, or 0.
  int64_t photo_for(const WpImage& image) const {
    if (!survey_) return 0;
    const WpAttachment* a = survey_->attachment_of(image);
    auto it = a ? photo_ids_.find(a->id) : photo_ids_.end();
    return it == photo_ids_.end() ? 0 : it->second;
  }

  // The archives of categories, tags and authors at their old addresses;
  // Polylang's translations linked; links to the old site's stories that
  // came later in the file pointed at their new addresses.
  void finish() {
    if (items_ == 0) make_declared_terms();
    if (options_.dry_run) return;
    with_transaction(db_, [&] {
      for (const WxrTerm& t : terms_) {
        if (t.taxonomy == "category") {
          auto edition = term_edition_.find("category:" + t.slug);
          auto it = edition == term_edition_.end() ? sections_.end()
                                                   : sections_.find(edition->second + "/" + slugify(decoded(t.slug)));
          if (it == sections_.end()) continue;
          const std::string& code = edition->second;
          std::string path = category_path(code, it->second.slug);
          std::string chain = category_chain(t.slug);
          redirect("/category/" + chain, path);
          redirect("/category/" + chain + "/feed", category_feed_path(code, it->second.slug));
          redirect("/?cat=" + std::to_string(t.id), path);
        } else if (t.taxonomy == "post_tag") {
          auto edition = term_edition_.find("tag:" + t.slug);
          if (edition == term_edition_.end()) continue;
          Tag tag = tag_named(db_, edition->second, tag_names_[t.slug]);
          redirect("/tag/" + t.slug, tag_path(edition->second, tag.slug));
          redirect("/tag/" + t.slug + "/feed", tag_feed_path(edition->second, tag.slug));
        }
      }
      for (const auto& [login, slug] : author_slugs_) redirect("/author/" + login, author_path(edition_.code, slug));
      redirect("/feed", feed_path(edition_.code));
      bump_redirects_version(db_);
      bump_content_version(db_, ctx_.now);
      return true;
    });
    link_translations_of_groups();
    point_links_at_new_addresses();
  }

  // The photos the items show, before the items: from the uploads copy or
  // fetched a few at a time, each through the upload's door, each once (a
  // second run finds them in imported_items).
  void import_photos(const PhotoSources& sources) {
    if (!survey_) return;
    std::vector<int64_t> needed;
    for (const auto& [id, words] : survey_->wanted) {
      std::optional<ImportedItem> known = find_imported(db_, source_, "attachment", id);
      if (known && find_photo(db_, known->newsline_id)) {
        photo_ids_[id] = known->newsline_id;
        report_.line("attachment " + std::to_string(id), "unchanged", "photo " + std::to_string(known->newsline_id));
      } else {
        needed.push_back(id);
      }
    }
    if (options_.dry_run) {
      for (int64_t id : needed) report_.line("attachment " + std::to_string(id), "would import", "");
      return;
    }
    constexpr size_t kBatch = 16;
    for (size_t at = 0; at < needed.size(); at += kBatch) {
      std::vector<int64_t> batch(needed.begin() + at, needed.begin() + std::min(needed.size(), at + kBatch));
      std::vector<std::string> to_fetch;
      std::map<int64_t, std::optional<std::string>> bytes;
      std::map<int64_t, std::string> why;
      for (int64_t id : batch) {
        const WpAttachment& a = *survey_->by_id(id);
        PhotoSources local = sources;
        local.fetch = false;
        if (!sources.uploads_dir.empty()) bytes[id] = photo_bytes(local, a.url, upload_path_of(a), why[id]);
        if ((!bytes[id]) && sources.fetch) to_fetch.push_back(a.url);
      }
      std::map<std::string, Fetched> fetched =
          sources.fetch ? fetch_all(sources, to_fetch) : std::map<std::string, Fetched>{};
      for (int64_t id : batch) {
        const WpAttachment& a = *survey_->by_id(id);
        auto got = fetched.find(a.url);
        if (!bytes[id] && got != fetched.end()) {
          bytes[id] = std::move(got->second.bytes);
          why[id] = got->second.why;
        }
        store_attachment(a, bytes[id], why[id]);
      }
    }
  }

  void refused(int line, const std::string& why) override {
    ++items_;
    report_.line("line " + std::to_string(line), "refused", why);
  }

  // Each article says its edition (a JSON Lines file): every edition is one.
  void take_editions_from_items() {
    for (const Edition& e : ctx_.editions) languages_.insert(e.code);
  }

  int items() const { return items_; }
  int comments() const { return comments_; }
  const std::map<std::string, int>& dropped() const { return dropped_; }

 private:
  static std::string decoded(const std::string& slug) {
    std::optional<std::string> d = percent_decode(slug, false);
    return d ? *d : slug;
  }

  // "parent/child": a child category's address in WordPress.
  std::string category_chain(const std::string& slug) {
    std::string chain = slug;
    std::set<std::string> seen{slug};
    std::string at = slug;
    for (int depth = 0; depth < 10; ++depth) {
      auto parent = std::find_if(terms_.begin(), terms_.end(),
                                 [&](const WxrTerm& t) { return t.taxonomy == "category" && t.slug == at; });
      if (parent == terms_.end() || parent->parent_slug.empty() || seen.count(parent->parent_slug)) break;
      chain = parent->parent_slug + "/" + chain;
      seen.insert(parent->parent_slug);
      at = parent->parent_slug;
    }
    return chain;
  }

  // The workers read the old addresses again now and then during a long
  // import (each reading costs them a statement per address), and at its end.
  void tell_workers_now_and_then() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_redirects_bump_ < std::chrono::seconds(2)) return;
    bump_redirects_version(db_);
    last_redirects_bump_ = now;
  }

  void redirect(const std::string& old_path, const std::string& target) {
    size_t q = old_path.find('?');
    std::optional<std::string> key =
        old_address_key(old_path.substr(0, q), q == std::string::npos ? "" : old_path.substr(q + 1));
    if (key && *key != target) put(*key, target);
  }

  void redirect_url(const std::string& url, const std::string& target) {
    std::optional<std::string> key = old_address_key_of_url(url);
    if (key && *key != "/" && *key != target) put(*key, target);
  }

  // Kept in memory too, up to a bound (memory stays flat whatever the export's
  // size; past it, a link is looked up): the bodies that follow link to these.
  void put(const std::string& key, const std::string& target) {
    put_redirect(db_, key, target, "import", ctx_.now);
    if (redirects_made_.size() >= kRedirectsKept) redirects_made_.clear();
    redirects_made_[key] = target;
  }
  static constexpr size_t kRedirectsKept = 100000;

  // The section of `edition` for a WordPress category slug (made when there
  // is none; a child category is a section of its own, see README "Moving a site").
  Section section_for(const Edition& edition, const std::string& wp_slug) {
    term_edition_.emplace("category:" + wp_slug, edition.code);
    std::string slug = slugify(decoded(wp_slug));
    auto found = sections_.find(edition.code + "/" + slug);
    if (found != sections_.end()) return found->second;
    if (options_.dry_run) return {0, slug};
    auto name_it = category_names_.find(wp_slug);
    std::string name = trimmed(wordpress_plain_text(name_it == category_names_.end() ? wp_slug : name_it->second));
    if (name.empty()) name = slug;
    int64_t id = with_transaction(db_, [&] {
      int64_t made = insert_category(db_, edition.code, slug, utf8_truncate(name, 100),
                                     static_cast<int64_t>(sections_.size()) + 1);
      bump_content_version(db_, ctx_.now);
      return made;
    });
    return sections_[edition.code + "/" + slug] = {id, slug};
  }

  // The item's section: Yoast's primary category, else the first listed, else "uncategorized".
  Section primary_section(const WxrItem& it, const Edition& edition) {
    const std::string& yoast = it.meta_value("_yoast_wp_primary_category");
    if (!yoast.empty()) {
      auto id = parse_id(trimmed(yoast));
      auto slug = id ? category_slug_by_id_.find(*id) : category_slug_by_id_.end();
      if (slug != category_slug_by_id_.end()) return section_for(edition, slug->second);
    }
    for (const WxrItemTerm& t : it.terms)
      if (t.domain == "category" && !t.nicename.empty()) {
        if (!category_names_.count(t.nicename)) category_names_[t.nicename] = t.name;
        return section_for(edition, t.nicename);
      }
    if (!category_names_.count("uncategorized")) category_names_["uncategorized"] = "Uncategorized";
    return section_for(edition, "uncategorized");
  }

  std::vector<std::string> tags_of_item(const WxrItem& it) {
    std::vector<std::string> names;
    for (const WxrItemTerm& t : it.terms) {
      if (t.domain != "post_tag") continue;
      auto known = tag_names_.find(t.nicename);
      std::string name = known != tag_names_.end() ? known->second : trimmed(wordpress_plain_text(t.name));
      name = utf8_truncate(name, 100);
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
  }

  // What the item says, in a fingerprint: the same again means nothing changed in WordPress.
  static std::string fingerprint(const WxrItem& it) {
    std::string all = it.title + '\x1f' + it.content + '\x1f' + it.excerpt + '\x1f' + it.status + '\x1f' +
                      it.post_date_gmt + '\x1f' + it.post_date + '\x1f' + it.post_name + '\x1f' + it.creator + '\x1f' +
                      it.post_password;
    for (const WxrItemTerm& t : it.terms) all += '\x1f' + t.domain + ':' + t.nicename;
    all += '\x1f' + it.meta_value("_thumbnail_id");
    for (const std::string& name : it.bylines)
      all +=
          "\x1f"
          "by:" +
          name;
    for (const std::string& old : it.old_addresses)
      all +=
          "\x1f"
          "was:" +
          old;
    if (!it.post_modified_gmt.empty())
      all +=
          "\x1f"
          "changed:" +
          it.post_modified_gmt;
    return token_hash(all).substr(0, 32);
  }

  // The status of the article; "" with `why` when the item is not imported.
  static std::string article_status(const WxrItem& it, std::string& why) {
    if (it.status == "publish" || it.status == "future") {
      if (!it.post_password.empty()) {
        why = "password-protected in WordPress: imported as a draft";
        return "draft";
      }
      return "published";
    }
    if (it.status == "draft" || it.status == "pending" || it.status == "private") return "draft";
    why = "status '" + it.status + "'";
    return "";
  }

  std::time_t item_time(const WxrItem& it) {
    if (auto t = utc_time(it.post_date_gmt)) return *t;
    if (auto t = local_time(it.post_date)) return *t;
    return ctx_.now;
  }

  std::string unique_slug(const std::string& edition, const std::string& wanted, int64_t id) {
    std::string slug = wanted;
    for (int n = 2; slug_taken(db_, edition, slug, id) && n < 1000; ++n)
      slug = utf8_truncate(wanted, 74) + "-" + std::to_string(n);
    return slug;
  }

  WpBody body_of(const WxrItem& it) {
    WpBodyHooks hooks;
    hooks.photo = [&](const WpImage& image) { return photo_for(image); };
    hooks.link = [&](const std::string& href) { return new_address(href); };
    hooks.post_attachments = [&] { return survey_ ? survey_->children_of(it.post_id) : std::vector<int64_t>{}; };
    WpBody body = wordpress_to_markdown(it.content, hooks);
    for (const auto& [kind, n] : body.dropped) dropped_[kind] += n;
    return body;
  }

  void import_post(const WxrItem& it, const std::string& what) {
    std::string why;
    std::string status = article_status(it, why);
    if (status.empty()) return report_.line(what, "skipped", why);
    std::string print = fingerprint(it);
    std::optional<ImportedItem> mapped = find_imported(db_, source_, "post", it.post_id);
    std::optional<ArticleDraft> stored = mapped ? load_article(db_, mapped->newsline_id) : std::nullopt;
    if (stored && mapped->fingerprint == print) {
      note_translation_groups(it, stored->id);
      return report_.line(what, "unchanged", "article " + std::to_string(stored->id));
    }
    if (stored && stored->revision != mapped->revision)
      return report_.line(what, "conflict",
                          "article " + std::to_string(stored->id) +
                              " was changed in Newsline since the last import "
                              "(revision " +
                              std::to_string(stored->revision) + "): kept as it is");
    if (options_.dry_run) return report_.line(what, stored ? "would update" : "would import", trimmed(it.title));

    ArticleDraft a = stored ? *stored : ArticleDraft{};
    if (stored) load_newsroom_fields(db_, a);  // its translation and breaking time stay
    std::string status_before = stored ? stored->status : "";
    std::string old_slug = stored ? stored->slug : "";
    const Edition& edition = edition_of(it);
    a.edition = edition.code;
    Section section = primary_section(it, edition);
    old_links_left_ = false;
    a.category_id = section.id;
    a.title = utf8_truncate(trimmed(wordpress_plain_text(it.title)), 500);
    WpBody body = it.content_is_markdown ? WpBody{markdown_with_photos(it.content), {}} : body_of(it);
    a.body = body.markdown;
    if (a.title.empty()) {
      a.title = "(untitled)";
      why += (why.empty() ? "" : "; ") + std::string("no title");
    }
    a.lead = utf8_truncate(trimmed(wordpress_plain_text(it.excerpt)), 1000);
    if (auto thumbnail = parse_id(trimmed(it.meta_value("_thumbnail_id")))) {
      WpImage lead;
      lead.attachment_id = *thumbnail;
      a.lead_media_id = photo_for(lead);
    }
    a.status = status;
    a.published_at = item_time(it);
    a.slug = unique_slug(a.edition, slug_of(it.post_name, a.title), a.id);
    a.tags = tags_of_item(it);
    for (const WxrItemTerm& t : it.terms)
      if (t.domain == "post_tag") term_edition_.emplace("tag:" + t.nicename, a.edition);
    auto author = author_names_.find(it.creator);
    std::string byline = author != author_names_.end() ? author->second : utf8_truncate(trimmed(it.creator), 200);
    a.authors.clear();
    if (!byline.empty()) a.authors.emplace_back(byline, "");
    for (const std::string& name : it.bylines)
      if (!trimmed(name).empty()) a.authors.emplace_back(utf8_truncate(trimmed(name), 200), "");
    RenderedBody rendered = render_article_body(ctx_, a.edition, a.body);
    a.body_html = std::move(rendered.html);
    a.body_photos = std::move(rendered.photos);
    std::string path;
    bool saved = save_article(ctx_, a, old_slug, status_before, stored ? "import update" : "import", [&] {
      remember_imported(db_, {source_, "post", it.post_id, a.id, it.guid, print, a.revision}, ctx_.now);
      // Readers see when the story last changed in WordPress, not when it was imported.
      std::time_t changed = utc_time(it.post_modified_gmt).value_or(a.published_at);
      set_article_updated_at(db_, a.id, std::min(std::max(changed, a.published_at), ctx_.now));
      Headline h;
      h.id = a.id;
      h.slug = a.slug;
      h.category_slug = section.slug;
      path = article_path(a.edition, h);
      if (a.status != "published") return;  // a draft has no public address for the old ones to lead to
      post_redirects(it, path);
      tell_workers_now_and_then();
    });
    if (!saved) return report_.line(what, "conflict", "article " + std::to_string(a.id) + " was saved meanwhile");
    std::string detail = path + (why.empty() ? "" : " (" + why + ")");
    for (const auto& [kind, n] : body.dropped) detail += "; " + kind + " x" + std::to_string(n);
    report_.line(what, stored ? "updated" : "imported", detail);
    if (old_links_left_) articles_with_old_links_.push_back(it.post_id);
    note_translation_groups(it, a.id);
    if (!stored) ++articles_made_;
  }

  // Every address the post had: its permalink, ?p=, its guid, its old slugs.
  void post_redirects(const WxrItem& it, const std::string& path) {
    redirect_url(it.link, path);
    for (const std::string& old : it.old_addresses) redirect_url(old, path);
    if (it.guid.find("://") != std::string::npos) redirect_url(it.guid, path);
    redirect("/?p=" + std::to_string(it.post_id), path);
    std::optional<std::string> permalink = old_address_key_of_url(it.link);
    for (const WxrMeta& m : it.meta) {
      if (m.key != "_wp_old_slug" || !permalink || permalink->find('?') != std::string::npos) continue;
      std::string base = *permalink;
      size_t slash = base.rfind('/');
      if (slash == std::string::npos) continue;
      redirect(base.substr(0, slash + 1) + trimmed(m.value), path);
    }
  }

  // An attachment's own page (its permalink) leads to its photo, when it was imported.
  // (Those the items show were reported before the items, each on its line.)
  void attachment_item(const WxrItem& it, const std::string& what) {
    if (!survey_) return report_.line(what, "skipped", "photos come with --uploads DIR or --fetch");
    auto photo = photo_ids_.find(it.post_id);
    if (photo == photo_ids_.end()) {
      if (!survey_->wanted.count(it.post_id)) report_.line(what, "skipped", "shown by no imported item");
      return;
    }
    if (options_.dry_run) return;
    if (std::optional<Photo> p = find_photo(db_, photo->second)) {
      std::string target = largest_jpeg(*p);
      with_transaction(db_, [&] {
        redirect_url(it.link, target);
        return true;
      });
    }
  }

  void import_page(const WxrItem& it, const std::string& what) {
    if (it.status != "publish" || !it.post_password.empty())
      return report_.line(what, "skipped",
                          "a " + std::string(it.post_password.empty() ? it.status : "password-protected") +
                              " page: Newsline's simple pages are all public");
    std::string print = fingerprint(it);
    std::optional<ImportedItem> mapped = find_imported(db_, source_, "page", it.post_id);
    std::optional<SimplePage> stored = mapped ? find_page_by_id(db_, mapped->newsline_id) : std::nullopt;
    if (stored && mapped->fingerprint == print) return report_.line(what, "unchanged", "page " + stored->slug);
    if (stored && stored->updated_at != mapped->revision)
      return report_.line(what, "conflict", "page " + stored->slug + " was changed in Newsline since the last import");
    if (options_.dry_run) return report_.line(what, stored ? "would update" : "would import", trimmed(it.title));
    SimplePage pg = stored ? *stored : SimplePage{};
    pg.edition = edition_of(it).code;
    pg.title = utf8_truncate(trimmed(wordpress_plain_text(it.title)), 200);
    if (pg.title.empty()) pg.title = "(untitled)";
    if (!stored) {
      std::string slug = slug_of(it.post_name, pg.title);
      std::string wanted = slug;
      for (int n = 2; find_page(db_, pg.edition, slug) && n < 1000; ++n)
        slug = utf8_truncate(wanted, 74) + "-" + std::to_string(n);
      pg.slug = slug;
      pg.position = 100 + static_cast<int>(it.menu_order);
    }
    pg.body = body_of(it).markdown;
    pg.body_html = render_article_body(ctx_, pg.edition, pg.body).html;
    std::string path = page_path(pg.edition, pg.slug);
    publish_change(ctx_, [&]() -> std::optional<Audited> {
      if (stored)
        update_page(db_, pg, ctx_.now);
      else
        pg.id = insert_page(db_, pg, ctx_.now);
      std::optional<SimplePage> written = find_page_by_id(db_, pg.id);
      remember_imported(db_, {source_, "page", it.post_id, pg.id, it.guid, print, written ? written->updated_at : 0},
                        ctx_.now);
      redirect_url(it.link, path);
      redirect("/?page_id=" + std::to_string(it.post_id), path);
      tell_workers_now_and_then();
      return Audited{stored ? "import update" : "import", "page " + std::to_string(pg.id), pg.title};
    });
    report_.line(what, stored ? "updated" : "imported", path);
  }

  void show_progress(const WxrItem& it) {
    if (!options_.progress) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(500)) return;
    last_progress_ = now;
    double seconds = std::chrono::duration<double>(now - started_).count();
    double rate = seconds > 0 ? items_ / seconds : 0;
    std::string left;
    if (file_bytes_ > 0 && it.byte_offset > 0 && seconds > 1) {
      double remaining = seconds * (static_cast<double>(file_bytes_) - it.byte_offset) / it.byte_offset;
      left = ", about " + std::to_string(static_cast<long>(remaining)) + " s left";
    }
    std::fprintf(stderr, "\r  %d items, %.0f a second%s   ", items_, rate, left.c_str());
  }

  Context& ctx_;
  Db& db_;
  const ImportOptions& options_;
  const Edition& edition_;
  Report& report_;
  const PhotoSurvey* survey_;
  std::map<int64_t, int64_t> photo_ids_;  // attachment id -> photo
  std::string source_ = "wordpress";
  WxrSite site_;
  std::map<std::string, Section> sections_;          // "edition/slug" -> section
  std::set<std::string> languages_;                  // Polylang's, that are editions here
  std::map<std::string, std::string> term_edition_;  // "category:slug", "tag:slug" -> the edition it is in
  std::map<std::string, std::vector<int64_t>> translation_groups_;  // Polylang's group -> articles
  std::vector<int64_t> articles_with_old_links_;                    // WordPress ids
  bool old_links_left_ = false;                                     // in the body being converted
  std::set<std::string> own_hosts_;
  std::unordered_map<std::string, std::string> redirects_made_;  // this run's: old address -> path
  std::map<std::string, std::string> category_names_;            // WordPress slug -> name
  std::map<int64_t, std::string> category_slug_by_id_;
  std::map<std::string, std::string> tag_names_;     // WordPress slug -> name
  std::map<std::string, std::string> author_names_;  // login -> display name
  std::map<std::string, std::string> author_slugs_;  // login -> Newsline slug
  std::vector<WxrTerm> terms_;
  std::map<std::string, int> dropped_;
  int items_ = 0, comments_ = 0, articles_made_ = 0;
  long file_bytes_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), last_progress_,
                                        last_redirects_bump_;
};

void read_export(const ImportOptions& options, WxrSink& sink) {
  if (options.format == "jsonl")
    read_jsonl_file(options.file, options.source, sink);
  else
    read_wxr_file(options.file, sink);
}

std::optional<Session> importing_user(Db& db, const std::string& name) {
  std::optional<User> user;
  if (!name.empty()) {
    user = find_user_by_name(db, name);
  } else {
    for (const User& u : list_users(db))
      if (u.role == "admin" && !u.disabled) {
        user = u;
        break;
      }
  }
  if (!user) return std::nullopt;
  Session s;
  s.user_id = user->id;
  s.user_name = user->name;
  s.role = user->role;
  return s;
}

}  // namespace

std::string parse_import_options(const std::vector<std::string>& args, ImportOptions& o) {
  // args: "import" "wordpress"|"jsonl" FILE [options]
  if (args.size() < 3 || (args[1] != "wordpress" && args[1] != "jsonl"))
    return "usage: newsline import wordpress|jsonl FILE [options]";
  o.format = args[1];
  o.source = "jsonl";
  for (size_t i = 2; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    if (a == "--dry-run") {
      o.dry_run = true;
    } else if (a == "--fetch") {
      o.fetch = true;
    } else if (a == "--allow-host") {
      std::string host;
      if (!value(host)) return a + " needs a value";
      o.allow_hosts.push_back(host);
    } else if (a == "--uploads") {
      if (!value(o.uploads_dir)) return a + " needs a value";
    } else if (a == "--source") {
      if (!value(o.source) || o.source.empty() || o.source.size() > 200) return a + " needs a name";
    } else if (a == "--edition" || a == "--time-zone" || a == "--report" || a == "--user") {
      std::string& into = a == "--edition"     ? o.edition
                          : a == "--time-zone" ? o.time_zone
                          : a == "--report"    ? o.report_path
                                               : o.user;
      if (!value(into)) return a + " needs a value";
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option " + a;
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      return "one file at a time (" + a + ")";
    }
  }
  if (o.file.empty()) return "which file? usage: newsline import wordpress FILE [options]";
  if (o.report_path.empty()) o.report_path = o.file + ".report";
  return "";
}

int import_wordpress(const Config& cfg, const ImportOptions& options) {
  if (!options.time_zone.empty() && !set_display_zone(options.time_zone)) {
    std::fprintf(stderr, "newsline: unknown time zone '%s'\n", options.time_zone.c_str());
    return 2;
  }
  if (!load_templates(cfg.template_dir)) return 1;  // a body's photos are rendered with the site's templates
  Db db(cfg, maintenance_limits(cfg));
  std::optional<Session> session = importing_user(db, options.user);
  if (!session) {
    std::fprintf(stderr, "newsline: %s\n",
                 options.user.empty() ? "no admin to import as: add one first (newsline user add NAME --role admin)"
                                      : ("no user named '" + options.user + "'").c_str());
    return 2;
  }
  CommandContext command(cfg, db, *session);
  const Edition* edition =
      options.edition.empty() ? &command.ctx.default_edition() : command.ctx.find_edition(options.edition);
  if (!edition) {
    std::fprintf(stderr, "newsline: no edition '%s'\n", options.edition.c_str());
    return 2;
  }
  Report report(options.report_path);
  if (!report.ok()) {
    std::fprintf(stderr, "newsline: cannot write the report %s\n", options.report_path.c_str());
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<PhotoSurvey> survey;
  PhotoSources sources;
  if (!options.uploads_dir.empty() || options.fetch) {
    survey = std::make_unique<PhotoSurvey>();
    try {
      read_export(options, *survey);
    } catch (const WxrError&) {  // the reading of the items stops at the same place, and says where
    }
    survey->finish();
    sources.uploads_dir = options.uploads_dir;
    sources.fetch = options.fetch;
    sources.allowed_hosts = survey->hosts;
    sources.allowed_hosts.insert(options.allow_hosts.begin(), options.allow_hosts.end());
    sources.max_bytes = static_cast<size_t>(cfg.max_upload_mb) << 20;
  }
  WordPressImport import(command.ctx, options, *edition, report, survey.get());
  int status = 0;
  try {
    if (survey) {
      import.site(survey->site_seen());
      import.import_photos(sources);
    }
    if (options.format == "jsonl") import.take_editions_from_items();
    read_export(options, import);
    import.finish();
  } catch (const WxrError& e) {
    if (options.progress) std::fputc('\n', stderr);
    std::fprintf(stderr, "newsline: %s: %s\n", options.file.c_str(), e.what());
    report.line("file", "stopped", e.what());
    status = import.items() > 0 ? 1 : 2;
  }
  if (options.progress) std::fputc('\n', stderr);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%s%d items in %.1f s (%.0f a second) into the %s edition\n", options.dry_run ? "dry run: " : "",
              import.items(), seconds, seconds > 0 ? import.items() / seconds : 0.0, edition->code.c_str());
  for (const auto& [outcome, n] : report.counts()) std::printf("  %-14s %d\n", outcome.c_str(), n);
  if (import.comments()) std::printf("  comments not imported: %d\n", import.comments());
  for (const auto& [kind, n] : import.dropped())
    std::printf("  left out or changed in bodies: %s x%d\n", kind.c_str(), n);
  std::printf("report: %s\n", options.report_path.c_str());
  return status;
}
