// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Reduced from the review of canonical/mir#5066, rewritten: a test helper
// runs a server loop on a std::jthread whose body ends on its stop token,
// and its stop() joins the thread without requesting the stop first, so
// stop() hangs.
#include <atomic>
#include <functional>
#include <stop_token>
#include <thread>

class ServerRunner {
public:
  void start(std::function<void()> iterate) {
    loop = std::jthread([iterate](std::stop_token token) { // expected-note{{'loop' started here in 'start'; its body runs until stop token 'token' is stopped}}
      while (!token.stop_requested())
        iterate();
    });
  }

  void stop() {
    loop.join(); // expected-warning{{'loop' is joined without a stop request: its body ends only when its stop token 'token' is stopped, so the join waits forever}}
    // expected-note@-1{{Joined here; no stop was requested on this path}}
  }

  void stop_fixed() {
    loop.request_stop();
    loop.join();
  }

private:
  std::jthread loop;
};
