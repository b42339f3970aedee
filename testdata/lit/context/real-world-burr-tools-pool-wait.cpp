// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Reduced from the review of burr-tools#98, rewritten: a pool's std::jthread
// workers wait for jobs on a std::condition_variable, which a stop request
// cannot wake, so stopping the pool (the jthreads' destructors) hangs with
// idle workers.  The fix waits on a condition_variable_any with the token.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <stop_token>
#include <thread>
#include <vector>

class Pool {
public:
  explicit Pool(unsigned n) {
    for (unsigned i = 0; i < n; i++)
      workers.emplace_back([this](std::stop_token st) { run(st); });
  }
  void push(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lk(m);
      jobs.push(std::move(job));
    }
    cv.notify_one();
  }

private:
  void run(std::stop_token st) { // expected-note{{'run' receives cancellation handle 'st' here}}
    while (!st.stop_requested()) {
      std::unique_lock<std::mutex> lk(m);
      cv.wait(lk, [this] { return !jobs.empty(); }); // expected-warning{{'run' blocks in 'std::condition_variable::wait', which cannot see 'st': a stop request does not wake it}}
      auto job = std::move(jobs.front());
      jobs.pop();
      lk.unlock();
      job();
    }
  }
  std::mutex m;
  std::condition_variable cv;
  std::queue<std::function<void()>> jobs;
  std::vector<std::jthread> workers;
};

class PoolFixed {
public:
  explicit PoolFixed(unsigned n) {
    for (unsigned i = 0; i < n; i++)
      workers.emplace_back([this](std::stop_token st) { run(st); });
  }

private:
  void run(std::stop_token st) {
    while (!st.stop_requested()) {
      std::unique_lock<std::mutex> lk(m);
      if (!cv.wait(lk, st, [this] { return !jobs.empty(); }))
        return;
      auto job = std::move(jobs.front());
      jobs.pop();
      lk.unlock();
      job();
    }
  }
  std::mutex m;
  std::condition_variable_any cv;
  std::queue<std::function<void()>> jobs;
  std::vector<std::jthread> workers;
};
