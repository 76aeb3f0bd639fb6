// The addresses of the static files pages link to (styles, icon), each with a
// version drawn from its content (?v=...), so a changed file gets a new
// address and the long `immutable` caching nginx gives /static/ stays true.
#pragma once
#include <string>

// Reads the files under `dir` once, at start, and makes their addresses
// template globals (SITE_CSS_URL, ADMIN_CSS_URL, ICON_URL). A file that cannot
// be read keeps its plain address (and is logged).
void load_static_versions(const std::string& dir);
