// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL401 for C++20: a std::jthread whose body runs until its stop token is
// stopped, joined on a path where no stop was requested.  (Its destructor
// requests the stop itself; an explicit join() does not.)
#include <atomic>
#include <stop_token>
#include <thread>

std::atomic<int> ticks;

// --- plain ---------------------------------------------------------------------

void run_plain() {
  std::jthread t([](std::stop_token st) { // expected-note{{'t' started here in 'run_plain'; its body runs until stop token 'st' is stopped}}
    while (!st.stop_requested())
      ticks++;
  });
  t.join(); // expected-warning{{'t' is joined without a stop request: its body ends only when its stop token 'st' is stopped, so the join waits forever}}
  // expected-note@-1{{Joined here; no stop was requested on this path}}
}

void run_plain_fixed() {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      ticks++;
  });
  t.request_stop();
  t.join();
}

// Through its stop source: the same stop.
void run_stop_source() {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      ticks++;
  });
  t.get_stop_source().request_stop();
  t.join();
}

// A body that ignores its token ends by itself.
void run_finite() {
  std::jthread t([](std::stop_token) { ticks++; });
  t.join();
}

// --- error path ----------------------------------------------------------------

int run_error_path(bool fail) {
  std::jthread t([](std::stop_token st) { // expected-note{{'t' started here in 'run_error_path'; its body runs until stop token 'st' is stopped}}
    while (!st.stop_requested())
      ticks++;
  });
  if (fail) { // expected-note{{Assuming 'fail' is true}}
    t.join(); // expected-warning{{'t' is joined without a stop request}}
    // expected-note@-1{{Joined here; no stop was requested on this path}}
    return -1;
  }
  t.request_stop();
  t.join();
  return 0;
}

// --- class member, helper function -----------------------------------------------

class Poller {
public:
  void start() {
    worker = std::jthread([this](std::stop_token st) { // expected-note{{'worker' started here in 'start'; its body runs until stop token 'st' is stopped}}
      while (!st.stop_requested())
        poll();
    });
  }
  void stop() {
    worker.join(); // expected-warning{{'worker' is joined without a stop request}}
    // expected-note@-1{{Joined here; no stop was requested on this path}}
  }
  void stop_fixed() {
    ask_stop();
    worker.join();
  }
  void stop_fixed_direct() {
    worker.request_stop();
    if (worker.joinable())
      worker.join();
  }

private:
  void ask_stop() { worker.request_stop(); }
  void poll() { ticks++; }
  std::jthread worker;
};

// A task handed to code that may stop it.
void stop_elsewhere(std::jthread &t);

void run_handed_over() {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      ticks++;
  });
  stop_elsewhere(t);
  t.join();
}

// --- a pool: the stop requested on a stop_source the workers do not use ----------

#include <vector>

class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; i++)
      threads.emplace_back([](std::stop_token st) { // expected-note{{'t' started here in 'Pool'; its body runs until stop token 'st' is stopped}}
        while (!st.stop_requested())
          ticks++;
      });
  }
  void shutdown() {
    stopSource.request_stop();
    for (auto &t : threads) // expected-note{{Entering the loop over 'threads'}}
      t.join(); // expected-warning{{'t' is joined without a stop request: its body ends only when its stop token 'st' is stopped, so the join waits forever}}
      // expected-note@-1{{Joined here; no stop was requested on this path}}
  }
  void shutdown_fixed() {
    for (auto &t : threads)
      t.request_stop();
    for (auto &t : threads)
      t.join();
  }

private:
  std::vector<std::jthread> threads;
  std::stop_source stopSource;
};
