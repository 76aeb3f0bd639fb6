#include "server/lane_pool.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>

LanePool::LanePool(const Config& cfg, const Settings& settings, DbServers& servers, LaneCounters* counters)
    : cfg_(cfg), settings_(settings), servers_(servers), counters_(counters) {
  for (int i = 0; i < settings_.threads; ++i) threads_.emplace_back([this] { run(); });
}

LanePool::~LanePool() { stop(); }

bool LanePool::submit(Work work, const std::string& one_at_a_time) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    bool refused =
        stopping_ || queue_.size() >= settings_.max_queued || (!one_at_a_time.empty() && in_hand_.count(one_at_a_time));
    if (refused) {
      if (counters_) counters_->busy.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    if (!one_at_a_time.empty()) in_hand_.insert(one_at_a_time);
    queue_.push_back({std::move(work), std::chrono::steady_clock::now(), one_at_a_time});
    if (counters_) counters_->queued.fetch_add(1, std::memory_order_relaxed);
  }
  ready_.notify_one();  // after unlocking: the thread woken does not block at once on the mutex still held
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
  if (settings_.idle_time_only) {
    sched_param none{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &none);
  }
  DbConnections dbs(cfg_, servers_, settings_.limits);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to answer
    Job job = std::move(queue_.front());
    queue_.pop_front();
    auto start = std::chrono::steady_clock::now();
    bool expired = start - job.queued_at > settings_.max_wait;
    if (!expired && settings_.max_per_second) {
      start = std::max(start, last_start_ + std::chrono::microseconds(1000000 / settings_.max_per_second));
      expired = start - job.queued_at > settings_.max_wait;
      if (!expired) last_start_ = start;
    }
    lock.unlock();
    if (counters_) {
      counters_->queued.fetch_sub(1, std::memory_order_relaxed);
      counters_->active.fetch_add(1, std::memory_order_relaxed);
      if (expired) counters_->busy.fetch_add(1, std::memory_order_relaxed);
    }
    if (!expired) std::this_thread::sleep_until(start);
    try {
      job.work(dbs, expired);
    } catch (...) {  // the work answers every failure itself; nothing may end the thread
    }
    if (counters_) counters_->active.fetch_sub(1, std::memory_order_relaxed);
    lock.lock();
    if (!job.one_at_a_time.empty()) in_hand_.erase(in_hand_.find(job.one_at_a_time));
  }
}
