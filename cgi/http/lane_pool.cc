#include "http/lane_pool.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

LanePool::LanePool(const Config& cfg, const Settings& settings, DbHealth* health)
    : cfg_(cfg), settings_(settings), health_(health) {
  for (int i = 0; i < settings_.threads; ++i) threads_.emplace_back([this] { run(); });
}

LanePool::~LanePool() { stop(); }

bool LanePool::submit(Work work, const std::string& one_at_a_time) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_ || queue_.size() >= settings_.max_queued) return false;
  if (!one_at_a_time.empty()) {
    if (in_hand_.count(one_at_a_time)) return false;
    in_hand_.insert(one_at_a_time);
  }
  queue_.push_back({std::move(work), std::chrono::steady_clock::now(), one_at_a_time});
  ready_.notify_one();
  return true;
}

void LanePool::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void LanePool::run() {
  if (settings_.niceness) setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), settings_.niceness);
  Db db(cfg_, settings_.limits, health_);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to answer
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    bool expired = std::chrono::steady_clock::now() - job.queued_at > settings_.max_wait;
    try {
      job.work(db, expired);
    } catch (...) {  // the work answers every failure itself; nothing may end the thread
    }
    lock.lock();
    if (!job.one_at_a_time.empty()) in_hand_.erase(in_hand_.find(job.one_at_a_time));
  }
}
