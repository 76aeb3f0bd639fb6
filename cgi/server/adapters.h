// CGI and FastCGI: two adapters over one App (receive, answer from memory or
// with the database). Handlers never see libfcgi.
#pragma once

class App;
struct Config;

// Answers one request as a CGI program: environment and stdin in, response on stdout.
int serve_cgi(App& app);

// Serves FastCGI on cfg.listen until SIGTERM/SIGINT: a supervisor process
// forks cfg.processes workers (restarting any that die), each running
// cfg.threads threads with one database connection each.
int serve_fastcgi(App& app, const Config& cfg);
