// Every template of the site, listed once: start-up loads (and so checks) each
// of them, `newsline check` too, and tests/unit/template_test.cc fails on a
// file under templates/ missing from this list or without AUTOESCAPE.
#pragma once
#include <string>
#include <vector>

namespace ctemplate {
class TemplateDictionary;
}

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
std::string expand_template(const char* file, const ctemplate::TemplateDictionary& d);
