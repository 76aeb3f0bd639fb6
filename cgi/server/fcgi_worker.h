// One FastCGI worker process (fcgi_worker.cc), as the supervisor starts it.
#pragma once
#include <signal.h>

#include <cstddef>

class App;
class PoolMetrics;

// The signals the supervisor and the workers wait for with sigwait(), blocked in every thread.
sigset_t control_signals();

// How often the accepting threads wake from accept() to see whether their
// process is stopping: the listening socket's receive timeout.
constexpr int kAcceptWakeMs = 200;

// Serves on `listen_fd` with cfg.threads accepting threads and the lanes'
// threads until SIGTERM or SIGINT, then finishes what it holds; returns 0.
// `slot`: this process's place among the pool's (for `metrics`, shared).
int run_worker(App& app, int listen_fd, PoolMetrics* metrics, size_t slot);
