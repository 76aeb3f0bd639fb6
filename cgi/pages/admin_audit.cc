// The audit log (admins), newest first, paginated by id.
#include "context.h"
#include "db/audit.h"
#include "pages/admin.h"
#include "util/parse.h"
#include "view/admin_view.h"

namespace {
constexpr int kAuditPageSize = 100;
}

void admin_audit_log(Context& ctx, const RouteParams&) {
  int64_t before = 0;
  if (ctx.req.has_param("before")) {
    auto id = parse_id(ctx.req.param("before"));
    if (!id) throw HttpError{400};
    before = *id;
  }
  std::vector<AuditEntry> entries = audit_page(ctx.db, before, kAuditPageSize + 1);
  int64_t next = 0;
  if (entries.size() > static_cast<size_t>(kAuditPageSize)) {
    entries.pop_back();
    next = entries.back().id;
  }
  AdminView view(ctx, "Audit log", "admin/audit.tpl");
  fill_audit(view.content(), entries, next);
  view.render(ctx.res);
}
