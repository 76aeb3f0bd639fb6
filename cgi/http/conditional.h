// Conditional GET (RFC 9110): the validators a response carries and the
// request headers that ask for them, which arrive from the network as they are.
#pragma once
#include <ctime>
#include <string>

// "Thu, 15 May 2025 06:22:00 GMT" (IMF-fixdate, UTC).
std::string http_date(std::time_t t);
// The time of an IMF-fixdate written as http_date writes it; 0 for anything else.
std::time_t parse_http_date(const std::string& s);
// A strong ETag from the bytes: the same page gives the same tag on every worker of a build.
std::string strong_etag(const std::string& body);
// True when If-None-Match `if_none_match` ("*", or tags separated by commas,
// weak or not) names `etag`.
bool etag_matches(const std::string& if_none_match, const std::string& etag);
