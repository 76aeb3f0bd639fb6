// Tells a worker process when its logins are being flooded: how many logins
// it answered with a refusal or a wrong password within the last minute. Past
// cfg.login_flood_failures, a login from a browser that has not logged in
// before (no device cookie, see auth/session.h) is refused at once, by the
// accepting thread, without a password check: a flood from any number of
// addresses then costs no more than a cached page, and editors on the browsers
// they use go on logging in (OWASP's device cookies). Each process counts what
// it sees; that is enough to notice a flood, which reaches them all.
#pragma once
#include <array>
#include <cstdint>
#include <ctime>
#include <mutex>

class FloodWatch {
 public:
  // One login answered with a refusal or a wrong password, at `now`.
  void note(std::time_t now);
  // Those noted within the 60 seconds up to `now`.
  int last_minute(std::time_t now) const;

 private:
  mutable std::mutex mutex_;
  std::array<std::time_t, 60> second_{};  // the second each slot counts
  std::array<int, 60> count_{};
};
