// Pages are compressed by the worker, not by nginx: once when a page is
// rendered and cached (the cache keeps both bodies), so a browser that asks
// for gzip -- every browser -- costs what any cached page costs. Compressing
// in nginx at every request made the cached article 7 times slower (README, Speed).
#pragma once
#include <memory>
#include <string>
#include <string_view>

struct Request;
struct Response;

// `data` in gzip format (zlib, level 6).
std::string gzip_compress(std::string_view data);

// True when the client takes gzip (Accept-Encoding names it without q=0).
bool accepts_gzip(const Request& req);

// Makes res.gzipped for a public response worth compressing (text of 1 KB or more).
void prepare_gzip(Response& res);
// Sends res.gzipped in place of the body when the client takes it (with its
// own ETag); either way, says that the answer depends on Accept-Encoding.
void choose_encoding(const Request& req, Response& res);
