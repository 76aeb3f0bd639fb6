// A JSON Lines file of articles, for sites that do not run WordPress: one
// article per line (README, "Moving a site to Newsline"), read as a stream
// and handed to the same importer as a WordPress export's items. Each photo
// is an attachment of its own, each article a post.
#pragma once
#include <string>

#include "import/wxr.h"

// `source`: the name the articles' ids are kept under (a second run updates them).
// A line that is not an article is handed to sink.refused(); throws WxrError
// when the file cannot be read.
void read_jsonl_file(const std::string& path, const std::string& source, WxrSink& sink);
