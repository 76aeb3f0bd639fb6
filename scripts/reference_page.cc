// The straightforward page for `make bench`: the issue measured "a
// straightforward C++ page doing two prepared-statement queries and a
// ctemplate render per request" at 37% of the FastCGI floor; this is one, so
// that every run measures that reference on the same machine as the pages.
// Per request: the article (title, lead, stored HTML body) and the edition's
// newest headlines (40, as in the news line, or HEADLINES) by two prepared
// statements, one template, no cache, no router, no layout, no cookies.
//
//   NEWSLINE_DB_PASSWORD=... reference_page SOCKET DB_SOCKET DB_USER DB_NAME EDITION ARTICLE_ID
//                            [PROCESSES] [THREADS] [HEADLINES]
#include <mysql.h>

#include <ctemplate/template.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fcgi_pool.h"

namespace {

constexpr const char* kArticleSql =
    "SELECT a.title, a.lead, COALESCE(b.body_html, '') FROM articles a"
    " JOIN article_bodies b ON b.article_id = a.id"
    " WHERE a.id = ? AND a.status = 'published' AND a.published_at <= UTC_TIMESTAMP()";
constexpr const char* kNewslineSql =
    "SELECT id, slug, title, published_at FROM articles"
    " WHERE edition = ? AND status = 'published' AND published_at <= UTC_TIMESTAMP()"
    " ORDER BY published_at DESC, id DESC LIMIT ?";
constexpr const char* kTemplate =
    "{{%AUTOESCAPE context=\"HTML\"}}<!DOCTYPE html>\n"
    "<html lang=\"{{EDITION}}\"><head><meta charset=\"utf-8\"><title>{{TITLE}}</title></head><body><main>\n"
    "<article><h1>{{TITLE}}</h1><p class=\"lead\">{{LEAD}}</p>\n{{BODY:none}}</article>\n"
    "<aside><h2>News line</h2><ol>\n"
    "{{#ITEM}}<li><a href=\"/{{EDITION}}/news/{{ID}}-{{SLUG}}\">{{HEADLINE}}</a> <time>{{WHEN}}</time></li>\n{{/ITEM}}"
    "</ol><a href=\"/{{EDITION}}/news\">All news</a></aside>\n</main></body></html>\n";

struct Settings {
  const char *db_socket, *db_user, *db_name, *db_password, *edition;
  long long article_id;
  long long headlines;
};

// A string column of any length: bound with no buffer, so that a fetch reports
// its length, then read into a string of that size.
struct Text {
  unsigned long length = 0;
  void bind(MYSQL_BIND* b) {
    b->buffer_type = MYSQL_TYPE_STRING;
    b->length = &length;
  }
  std::string read(MYSQL_STMT* stmt, unsigned column) const {
    std::string value(length, '\0');
    MYSQL_BIND b{};
    b.buffer_type = MYSQL_TYPE_STRING;
    b.buffer = value.data();
    b.buffer_length = length;
    if (length && mysql_stmt_fetch_column(stmt, &b, column, 0)) value.clear();
    return value;
  }
};

// A row came (its columns without a buffer report themselves truncated).
bool fetched(int status) { return status == 0 || status == MYSQL_DATA_TRUNCATED; }

MYSQL_STMT* prepare(MYSQL* db, const char* sql) {
  MYSQL_STMT* stmt = mysql_stmt_init(db);
  if (!stmt || mysql_stmt_prepare(stmt, sql, std::strlen(sql))) {
    std::fprintf(stderr, "reference_page: %s\n", mysql_error(db));
    std::exit(1);
  }
  return stmt;
}

bool add_article(MYSQL_STMT* stmt, long long id, ctemplate::TemplateDictionary& page) {
  MYSQL_BIND param{}, result[3]{};
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &id;
  Text title, lead, body;
  title.bind(&result[0]);
  lead.bind(&result[1]);
  body.bind(&result[2]);
  if (mysql_stmt_bind_param(stmt, &param) || mysql_stmt_execute(stmt) || mysql_stmt_bind_result(stmt, result) ||
      mysql_stmt_store_result(stmt))
    return false;
  if (fetched(mysql_stmt_fetch(stmt))) {
    page.SetValue("TITLE", title.read(stmt, 0));
    page.SetValue("LEAD", lead.read(stmt, 1));
    page.SetValue("BODY", body.read(stmt, 2));
  }
  mysql_stmt_free_result(stmt);
  return true;
}

bool add_newsline(MYSQL_STMT* stmt, const char* edition, long long headlines, ctemplate::TemplateDictionary& page) {
  MYSQL_BIND params[2]{}, result[4]{};
  unsigned long edition_length = std::strlen(edition);
  params[0].buffer_type = MYSQL_TYPE_STRING;
  params[0].buffer = const_cast<char*>(edition);
  params[0].buffer_length = edition_length;
  params[0].length = &edition_length;
  params[1].buffer_type = MYSQL_TYPE_LONGLONG;
  params[1].buffer = &headlines;
  long long id = 0;
  MYSQL_TIME published{};
  Text slug, title;
  result[0].buffer_type = MYSQL_TYPE_LONGLONG;
  result[0].buffer = &id;
  slug.bind(&result[1]);
  title.bind(&result[2]);
  result[3].buffer_type = MYSQL_TYPE_DATETIME;
  result[3].buffer = &published;
  if (mysql_stmt_bind_param(stmt, params) || mysql_stmt_execute(stmt) || mysql_stmt_bind_result(stmt, result) ||
      mysql_stmt_store_result(stmt))
    return false;
  while (fetched(mysql_stmt_fetch(stmt))) {
    auto* item = page.AddSectionDictionary("ITEM");
    item->SetIntValue("ID", id);
    item->SetValue("SLUG", slug.read(stmt, 1));
    item->SetValue("HEADLINE", title.read(stmt, 2));
    char when[32];
    std::snprintf(when, sizeof when, "%02u:%02u %02u.%02u.%04u", published.hour, published.minute, published.day,
                  published.month, published.year);
    item->SetValue("WHEN", when);
  }
  mysql_stmt_free_result(stmt);
  return true;
}

void answer(FCGX_Request& req, int status, const std::string& body) {
  std::string head = "Status: " + std::to_string(status) +
                     "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\n\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), req.out);
  FCGX_PutStr(body.data(), static_cast<int>(body.size()), req.out);
}

void serve(int fd, const Settings& s) {
  MYSQL* db = mysql_init(nullptr);
  if (!mysql_real_connect(db, nullptr, s.db_user, s.db_password, s.db_name, 0, s.db_socket, 0)) {
    std::fprintf(stderr, "reference_page: %s\n", mysql_error(db));
    std::exit(1);
  }
  mysql_set_character_set(db, "utf8mb4");
  MYSQL_STMT* article = prepare(db, kArticleSql);
  MYSQL_STMT* newsline = prepare(db, kNewslineSql);
  FCGX_Request req;
  FCGX_InitRequest(&req, fd, 0);
  while (FCGX_Accept_r(&req) >= 0) {
    ctemplate::TemplateDictionary page("reference");
    page.SetValue("EDITION", s.edition);
    std::string html;
    if (add_article(article, s.article_id, page) && add_newsline(newsline, s.edition, s.headlines, page) &&
        ctemplate::ExpandTemplate("reference.tpl", ctemplate::DO_NOT_STRIP, &page, &html))
      answer(req, 200, html);
    else
      answer(req, 503, "<!DOCTYPE html><title>Unavailable</title><p>The database did not answer.</p>\n");
    FCGX_Finish_r(&req);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* password = std::getenv("NEWSLINE_DB_PASSWORD");
  if (argc < 7 || !password) {
    std::fprintf(stderr,
                 "usage: NEWSLINE_DB_PASSWORD=... reference_page SOCKET DB_SOCKET DB_USER DB_NAME EDITION "
                 "ARTICLE_ID [PROCESSES] [THREADS] [HEADLINES]\n");
    return 2;
  }
  Settings s{argv[2], argv[3], argv[4], password, argv[5], std::atoll(argv[6]), argc > 9 ? std::atoll(argv[9]) : 40};
  int processes = argc > 7 ? std::atoi(argv[7]) : 2, threads = argc > 8 ? std::atoi(argv[8]) : 4;
  if (!ctemplate::StringToTemplateCache("reference.tpl", kTemplate, ctemplate::DO_NOT_STRIP)) return 1;
  mysql_library_init(0, nullptr, nullptr);
  return run_fcgi_pool(argv[1], processes, threads, [&s](int fd) {
    mysql_thread_init();
    serve(fd, s);
    mysql_thread_end();
  });
}
