// Every template of the site, listed once: start-up loads (and so checks) each
// of them, `newsline check` too, and tests/unit/template_test.cc fails on a
// file under templates/ missing from this list or without AUTOESCAPE.
#pragma once
#include <ctemplate/template_string.h>

#include <string>
#include <vector>

namespace ctemplate {
class TemplateDictionary;
}

// A template variable's or section's name, hashed and entered in ctemplate's
// table of names once, where it is first used: a plain string is hashed, and
// looked up in that table under a lock, every time it is set (a twentieth of
// an uncached article's time in a profile). For the public pages' fill code.
#define TPL_NAME(text)                                                                 \
  ([]() -> const ctemplate::StaticTemplateString& {                                    \
    static const ctemplate::StaticTemplateString name = {{text, sizeof(text) - 1, 0}}; \
    static const ctemplate::StaticTemplateStringInitializer registered(&name);         \
    return name;                                                                       \
  }())

struct TemplateFile {
  const char* path;            // under the template directory
  const char* escape_context;  // its AUTOESCAPE context: "HTML" or "XML"
};

const std::vector<TemplateFile>& all_templates();

// Loads every template from `dir` (ctemplate's cache). False, with a line on
// stderr for each, when one is missing or does not parse.
bool load_templates(const std::string& dir);

// `file` (a path of all_templates()) expanded with `d`; throws std::runtime_error
// when ctemplate cannot (a template missing since start-up).
// `expected_bytes`: room made before expanding, so that a page is not copied as it grows.
std::string expand_template(const char* file, const ctemplate::TemplateDictionary& d, size_t expected_bytes = 0);
