#include "util/metrics.h"

#include <sys/mman.h>

#include <cstring>
#include <new>

namespace {

const char* const kLaneNames[PoolMetrics::kLanes] = {"reader", "editor", "login", "media", "search"};

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string& out, const char* name, const std::string& labels, double value) {
  char number[32];
  std::snprintf(number, sizeof number, "%.15g", value);
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += ' ';
  out += number;
  out += '\n';
}

}  // namespace

const char* page_kind_name(PageKind kind) {
  static const char* const names[kPageKinds] = {"home",    "article", "listing", "page",  "search",   "feed",
                                                "crawler", "photo",   "admin",   "login", "internal", "other"};
  return names[static_cast<size_t>(kind)];
}

PoolMetrics* PoolMetrics::create_shared() {
  void* block = mmap(nullptr, sizeof(PoolMetrics), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) return nullptr;
  static_assert(std::atomic<uint64_t>::is_always_lock_free, "counters shared between processes must be lock-free");
  return new (block) PoolMetrics();
}

size_t PoolMetrics::status_slot(int status) {
  for (size_t i = 0; i + 1 < kStatusSlots; ++i)
    if (kStatuses[i] == status) return i;
  return kStatusSlots - 1;
}

void PoolMetrics::count_request(PageKind kind, int status) {
  requests_[static_cast<size_t>(kind)][status_slot(status)].fetch_add(1, std::memory_order_relaxed);
}

void PoolMetrics::count_cache(PageKind kind, bool hit) {
  cache_[static_cast<size_t>(kind)][hit ? 1 : 0].fetch_add(1, std::memory_order_relaxed);
}

void PoolMetrics::forget_process(size_t slot) {
  if (slot >= kMaxProcesses) return;
  for (LaneCounters& lane : lanes_[slot]) {
    lane.queued.store(0, std::memory_order_relaxed);
    lane.active.store(0, std::memory_order_relaxed);
  }
}

std::string PoolMetrics::render(const std::vector<ServerStatus>& servers) const {
  std::string out;
  out.reserve(8192);
  header(out, "newsline_requests_total", "counter", "Requests answered, by page kind and HTTP status.");
  for (size_t k = 0; k < kPageKinds; ++k)
    for (size_t s = 0; s < kStatusSlots; ++s)
      if (uint64_t n = requests_[k][s].load(std::memory_order_relaxed))
        sample(out, "newsline_requests_total",
               std::string("kind=\"") + page_kind_name(static_cast<PageKind>(k)) + "\",status=\"" +
                   (s + 1 < kStatusSlots ? std::to_string(kStatuses[s]) : "other") + "\"",
               static_cast<double>(n));
  header(out, "newsline_page_cache_total", "counter",
         "Shared pages asked for, by kind and whether the cache had them.");
  for (size_t k = 0; k < kPageKinds; ++k)
    for (int hit = 1; hit >= 0; --hit)
      if (uint64_t n = cache_[k][hit].load(std::memory_order_relaxed))
        sample(out, "newsline_page_cache_total",
               std::string("kind=\"") + page_kind_name(static_cast<PageKind>(k)) + "\",result=\"" +
                   (hit ? "hit" : "miss") + "\"",
               static_cast<double>(n));
  header(out, "newsline_login_paused_total", "counter",
         "Logins refused without a password check during a flood of failed logins (browsers not seen before).");
  sample(out, "newsline_login_paused_total", "", static_cast<double>(login_paused_.load()));

  header(out, "newsline_db_up", "gauge", "Whether the workers reach the database server (1) or find it away (0).");
  for (const ServerStatus& s : servers) sample(out, "newsline_db_up", "server=\"" + s.role + "\"", s.reachable);
  header(out, "newsline_db_behind_seconds", "gauge",
         "Seconds since the server last had the newest content (0: current; -1: not yet seen current).");
  for (const ServerStatus& s : servers)
    sample(out, "newsline_db_behind_seconds", "server=\"" + s.role + "\"", static_cast<double>(s.behind_seconds));
  header(out, "newsline_db_statements_total", "counter", "Statements answered, by server.");
  for (size_t i = 0; i < servers.size() && i < kMaxServers; ++i)
    sample(out, "newsline_db_statements_total", "server=\"" + servers[i].role + "\"",
           static_cast<double>(servers_[i].statements.load(std::memory_order_relaxed)));
  header(out, "newsline_db_statement_seconds_total", "counter", "Time statements took, by server.");
  for (size_t i = 0; i < servers.size() && i < kMaxServers; ++i)
    sample(out, "newsline_db_statement_seconds_total", "server=\"" + servers[i].role + "\"",
           servers_[i].nanoseconds.load(std::memory_order_relaxed) / 1e9);
  header(out, "newsline_db_failures_total", "counter",
         "Statements that failed (errors, lost connections, time limits).");
  for (size_t i = 0; i < servers.size() && i < kMaxServers; ++i)
    sample(out, "newsline_db_failures_total", "server=\"" + servers[i].role + "\"",
           static_cast<double>(servers_[i].failures.load(std::memory_order_relaxed)));

  struct LaneSeries {
    const char* name;
    const char* type;
    const char* help;
    int64_t (*read)(const LaneCounters&);
  };
  static const LaneSeries lane_series[] = {
      {"newsline_lane_queued", "gauge", "Requests waiting for a lane's threads now.",
       [](const LaneCounters& c) { return static_cast<int64_t>(c.queued.load(std::memory_order_relaxed)); }},
      {"newsline_lane_active", "gauge", "Requests a lane's threads are answering now.",
       [](const LaneCounters& c) { return static_cast<int64_t>(c.active.load(std::memory_order_relaxed)); }},
      {"newsline_lane_busy_total", "counter", "Requests answered busy: a lane's queue full, or its wait too long.",
       [](const LaneCounters& c) { return static_cast<int64_t>(c.busy.load(std::memory_order_relaxed)); }},
  };
  for (const LaneSeries& series : lane_series) {  // each summed over the pool's processes
    header(out, series.name, series.type, series.help);
    for (size_t i = 0; i < kLanes; ++i) {
      int64_t total = 0;
      for (size_t slot = 0; slot < kMaxProcesses; ++slot) total += series.read(lanes_[slot][i]);
      sample(out, series.name, std::string("lane=\"") + kLaneNames[i] + "\"", static_cast<double>(total));
    }
  }

  header(out, "newsline_worker_restarts_total", "counter", "Worker processes that ended and were started again.");
  sample(out, "newsline_worker_restarts_total", "", static_cast<double>(worker_restarts_.load()));
  header(out, "newsline_start_time_seconds", "gauge", "When the pool's supervisor started (Unix time).");
  sample(out, "newsline_start_time_seconds", "", static_cast<double>(started_));
  return out;
}
