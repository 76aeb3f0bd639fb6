// Articles as editors see them: any status, with revisions and related links.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "db/media.h"

struct ArticleDraft {
  int64_t id = 0;
  std::string edition;
  int64_t category_id = 0;
  std::string slug;
  std::string title;
  std::string body;       // Markdown
  std::string body_html;  // rendered by libcmark when saved
  std::string author;
  std::string source;
  std::string lead;              // written by the editor; "" = the body's first paragraph
  int64_t lead_media_id = 0;     // the lead photo; 0 = none
  std::string status = "draft";  // draft, published, deleted
  std::time_t published_at = 0;
  int64_t revision = 0;
  std::vector<int64_t> related;
  std::vector<int64_t> body_photos;  // the library photos body_html shows
  // Not kept in revisions (db/newsroom.h): a restore leaves them as they are.
  std::vector<std::string> tags;                             // names
  std::vector<std::pair<std::string, std::string>> authors;  // name, role ("" = wrote it)
  std::time_t breaking_until = 0;                            // 0: not breaking news
  int64_t translation_of = 0;                                // an article of another edition; 0: none
};

struct AdminListFilter {
  std::string edition;      // "" = any
  std::string status;       // "" = any but deleted
  int64_t category_id = 0;  // 0 = any
  std::string title_words;  // "" = any; else a substring of the title
};

struct AdminListItem {
  int64_t id = 0;
  std::string edition;
  std::string title;
  std::string status;
  std::string category_name;
  std::time_t published_at = 0;
  std::time_t updated_at = 0;
  std::string updated_by;
  std::string author;  // the free-text byline
  Photo photo;         // the lead photo (id 0: none)
};

struct RevisionInfo {
  int64_t revision = 0;
  std::string user_name;
  std::time_t saved_at = 0;
  std::string title;
  std::string status;
};

std::optional<ArticleDraft> load_article(Db& db, int64_t id);

// The editors' list statement for a filter, most recently changed first,
// keyset on (updated_at, id): one fixed text per combination of filters, each
// reading an index in that order. Keeps views of `filter`, which must outlive it.
class AdminListQuery {
 public:
  AdminListQuery(const AdminListFilter& filter, std::time_t before_updated, int64_t before_id, int limit);
  AdminListQuery(const AdminListQuery&) = delete;
  AdminListQuery& operator=(const AdminListQuery&) = delete;
  const char* sql() const { return sql_->c_str(); }
  const std::vector<Param>& params() const { return params_; }

 private:
  const std::string* sql_;
  std::string like_;  // the title filter as a LIKE pattern, bound by view
  std::vector<Param> params_;
};

std::vector<AdminListItem> admin_article_list(Db& db, const AdminListFilter& filter, std::time_t before_updated,
                                              int64_t before_id, int limit);

bool slug_taken(Db& db, const std::string& edition, const std::string& slug, int64_t except_id);
// How many of `ids` are articles of `edition` (to validate related links).
int count_articles_in_edition(Db& db, const std::string& edition, const std::vector<int64_t>& ids);

// Inserts a new article at revision 1; returns its id.
int64_t insert_article(Db& db, const ArticleDraft& a, int64_t user_id, std::time_t now);
// Saves `a` if the stored revision is still a.revision, making it a.revision + 1.
// False when someone else saved meanwhile (nothing is changed then).
bool update_article_if_revision(Db& db, const ArticleDraft& a, int64_t user_id, std::time_t now);

// The time of an article's last change, as another system had it (an import).
void set_article_updated_at(Db& db, int64_t article_id, std::time_t updated_at);
// Replaces the stored rendering of an article's body (its photos' words changed).
void save_body_html(Db& db, int64_t article_id, const std::string& body_html);

void replace_related(Db& db, int64_t article_id, const std::vector<int64_t>& related);
void remember_old_slug(Db& db, int64_t article_id, const std::string& slug);

// Renders body_html for articles that have none (rows written by SQL: demo
// content, imports). Returns how many it rendered.
int render_missing_body_html(Db& db);

// Keeps the full text of `a` (at a.revision) as a revision.
void insert_revision(Db& db, const ArticleDraft& a, int64_t user_id, const std::string& user_name, std::time_t now);
std::vector<RevisionInfo> list_revisions(Db& db, int64_t article_id);
std::optional<ArticleDraft> load_revision(Db& db, int64_t article_id, int64_t revision);
