// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL401 for a std::thread (not a jthread) whose body runs until a
// std::stop_token taken from a std::stop_source is stopped: the owner must
// request the stop on that source before it joins.  A std::thread has no
// stop of its own; its token comes as an argument or as a lambda capture.
#include <atomic>
#include <stop_token>
#include <thread>
#include <vector>

std::atomic<int> ticks;

static void worker(std::stop_token st) {
  while (!st.stop_requested())
    ticks++;
}

// --- the token as an argument ----------------------------------------------------

void run_argument() {
  std::stop_source src;
  std::thread t(worker, src.get_token()); // expected-note{{'t' started here in 'run_argument'; its body runs until stop token 'st' is stopped}}
  t.join(); // expected-warning{{'t' is joined without a stop request: its body ends only when its stop token 'st' is stopped, so the join waits forever}}
  // expected-note@-1{{Joined here; no stop was requested on this path}}
}

void run_argument_fixed() {
  std::stop_source src;
  std::thread t(worker, src.get_token());
  src.request_stop();
  t.join();
}

// --- the token captured ------------------------------------------------------------

void run_capture() {
  std::stop_source src;
  std::thread t([tok = src.get_token()] { // expected-note{{'t' started here in 'run_capture'; its body runs until stop token 'tok' is stopped}}
    while (!tok.stop_requested())
      ticks++;
  });
  t.join(); // expected-warning{{'t' is joined without a stop request}}
  // expected-note@-1{{Joined here; no stop was requested on this path}}
}

void run_capture_local_fixed() {
  std::stop_source src;
  std::stop_token tok = src.get_token();
  std::thread t([tok] {
    while (!tok.stop_requested())
      ticks++;
  });
  src.request_stop();
  t.join();
}

// --- error path ----------------------------------------------------------------------

int run_error_path(bool fail) {
  std::stop_source src;
  std::thread t(worker, src.get_token()); // expected-note{{'t' started here in 'run_error_path'; its body runs until stop token 'st' is stopped}}
  if (fail) { // expected-note{{Assuming 'fail' is true}}
    t.join(); // expected-warning{{'t' is joined without a stop request}}
    // expected-note@-1{{Joined here; no stop was requested on this path}}
    return -1;
  }
  src.request_stop();
  t.join();
  return 0;
}

// --- a class: the source is a member, a helper stops it ------------------------------

class Service {
public:
  Service() : worker_(worker, source_.get_token()) {} // expected-note{{'worker_' started here in 'Service'; its body runs until stop token 'st' is stopped}}
  void stop() {
    worker_.join(); // expected-warning{{'worker_' is joined without a stop request}}
    // expected-note@-1{{Joined here; no stop was requested on this path}}
  }
  void stop_fixed() {
    halt();
    worker_.join();
  }

private:
  void halt() { source_.request_stop(); }
  std::stop_source source_;
  std::thread worker_;
};

// --- a pool of std::threads sharing one source -------------------------------------

class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; i++)
      threads_.emplace_back(worker, source_.get_token()); // expected-note{{'t' started here in 'Pool'; its body runs until stop token 'st' is stopped}}
  }
  void shutdown() {
    for (auto &t : threads_) // expected-note{{Entering the loop over 'threads_'}}
      t.join(); // expected-warning{{'t' is joined without a stop request}}
      // expected-note@-1{{Joined here; no stop was requested on this path}}
  }
  void shutdown_fixed() {
    source_.request_stop();
    for (auto &t : threads_)
      t.join();
  }

private:
  std::stop_source source_;
  std::vector<std::thread> threads_;
};

// --- silent: a token handed in is stopped by whoever passed it; a body that ---------
// --- does not read its token ends by itself; the source handed to other code ------

void run_handed_in(std::stop_token st) {
  std::thread t([st] {
    while (!st.stop_requested())
      ticks++;
  });
  t.join();
}

void run_finite() {
  std::stop_source src;
  std::thread t([](std::stop_token) { ticks++; }, src.get_token());
  t.join();
}

void stop_later(std::stop_source &s);

void run_source_handed_over() {
  std::stop_source src;
  std::thread t(worker, src.get_token());
  stop_later(src);
  t.join();
}
