#include "view/admin_view.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "context.h"
#include "http/response.h"
#include "view/templates.h"

namespace {

// ?done=<key> after a redirect shows one of these notices (an allow-list:
// nothing from the URL is ever shown as it is).
const std::map<std::string, std::string>& notices() {
  static const std::map<std::string, std::string> m = {
      {"created", "The article was created."},
      {"saved", "Saved."},
      {"published", "Published."},
      {"scheduled", "Scheduled."},
      {"unpublished", "Unpublished: it is a draft now."},
      {"deleted", "The article was deleted."},
      {"restored", "The revision was restored."},
      {"password", "Your password was changed."},
      {"user", "The user was saved."},
      {"category", "The category was saved."},
      {"category_deleted", "The category was deleted."},
      {"photo", "The photo was uploaded and is the lead photo now."},
      {"correction", "The correction was added."},
      {"front", "The front page was saved."},
      {"tag", "The tag was saved."},
      {"tag_deleted", "The tag was deleted."},
      {"author", "The author was saved."},
      {"page", "The page was saved."},
      {"page_deleted", "The page was deleted."},
      {"redirect", "The redirect was saved."},
      {"redirect_deleted", "The redirect was removed."},
  };
  return m;
}

}  // namespace

AdminView::AdminView(const Context& ctx, const std::string& title, const char* content_template) : layout_("admin") {
  layout_.SetValue("SITE_NAME", ctx.cfg.site_name);
  layout_.SetValue("PAGE_TITLE", title);
  if (ctx.session) {
    // Every form of the page carries the session's CSRF token.
    layout_.SetTemplateGlobalValue("CSRF", ctx.session->csrf_token);
    auto* user = layout_.AddSectionDictionary("USER");
    user->SetValue("NAME", ctx.session->user_name);
    user->SetValue("ROLE", ctx.session->role);
    if (ctx.session->is_admin()) user->ShowSection("ADMIN_NAV");
  }
  auto it = notices().find(ctx.req.param("done"));
  if (it != notices().end()) layout_.SetValueAndShowSection("NOTICE", it->second, "NOTICE_SECTION");
  content_ = layout_.AddIncludeDictionary("CONTENT");
  content_->SetFilename(content_template);
}

void AdminView::render(Response& res, int status) {
  res.status = status;
  res.body = expand_template("admin/layout.tpl", layout_);
}

void render_unsaved(Response& res, const std::string& site_name, const std::string& action,
                    const std::vector<std::pair<std::string, std::string>>& fields) {
  ctemplate::TemplateDictionary d("unsaved");
  d.SetValue("SITE_NAME", site_name);
  d.SetValue("ACTION", action);
  for (const auto& [name, value] : fields) {
    if (name == "csrf") {
      d.SetValue("CSRF", value);  // the editor's own token, checked again when the form comes back
      continue;
    }
    // What the editor wrote is shown; what the form says of itself (an empty
    // field, a number such as a revision or a category, the button pressed)
    // goes back unseen.
    bool written = !value.empty() && name != "action" &&
                   !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    auto* field = d.AddSectionDictionary(written ? "FIELD" : "HIDDEN");
    field->SetValue("NAME", name);
    field->SetValue("VALUE", value);
    if (!written) continue;
    std::string label = name;  // "published_at": "Published at"
    std::replace(label.begin(), label.end(), '_', ' ');
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    field->SetValue("LABEL", label);
    long lines = std::count(value.begin(), value.end(), '\n') + 1 + static_cast<long>(value.size() / 100);
    field->SetIntValue("ROWS", std::clamp<long>(lines, 1, 30));
  }
  res.status = 503;
  res.body = expand_template("admin/unsaved.tpl", d);
  res.set_header("Retry-After", "5");
}
