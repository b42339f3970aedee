// TL301 / TL302 at class level, issue 15 item 3: a timerfd descriptor kept
// in a member that nothing closes, and an embedded libuv handle whose
// storage ends with the object while the loop still holds it.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.timer -verify %s

#include <sys/timerfd.h>
#include <unistd.h>
#include <uv.h>

// Plain: the fd is created in the constructor, the destructor is implicit.
class Ticker {
  int fd_; // expected-warning{{The implicit destructor of 'Ticker' leaves the timer descriptor 'fd_' open: nothing in the class closes it}}
public:
  Ticker() : fd_(timerfd_create(CLOCK_MONOTONIC, 0)) {} // expected-note{{'fd_' is set up here, in 'Ticker'}}
};

// Fixed: the destructor closes it.
class ClosingTicker {
  int fd_ = -1;
public:
  ClosingTicker() { fd_ = timerfd_create(CLOCK_MONOTONIC, 0); }
  ~ClosingTicker() { close(fd_); } // no warning
};

// Start method, defaulted destructor.
class Pacer {
  int fd_ = -1; // expected-warning{{The defaulted destructor of 'Pacer' leaves the timer descriptor 'fd_' open: nothing in the class closes it}}
public:
  bool start() {
    fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC); // expected-note{{'fd_' is set up here, in 'start'}}
    return fd_ >= 0;
  }
  ~Pacer() = default;
};

// Helper method: a stop() the users call closes it: silent.
class StoppedPacer {
  int fd_ = -1;
public:
  void start() { fd_ = timerfd_create(CLOCK_MONOTONIC, 0); }
  void stop() { close(fd_); }
}; // no warning

// Embedded libuv timer: the destructor starts the close and returns (a
// written destructor: judged on paths, by the owner protocol).
static void on_tick(uv_timer_t *) {}
static void on_closed(uv_handle_t *) {}

class UvTicker {
  uv_timer_t timer_;
public:
  explicit UvTicker(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    uv_timer_start(&timer_, on_tick, 10, 10);
  }
  ~UvTicker() {
    uv_close(reinterpret_cast<uv_handle_t *>(&timer_), on_closed);
  } // a written destructor is the path analysis' (its owner protocol): expected-warning{{The libuv timer 'timer_' is never closed before '~UvTicker' ends its owner (created in 'UvTicker')}}
};

// Embedded, never closed, implicit destructor.
struct UvHolder {
  uv_timer_t timer; // expected-warning{{The implicit destructor of 'UvHolder' ends the storage of 'timer', which the loop still holds: nothing in the class closes it}}
  void arm(uv_loop_t *loop) {
    uv_timer_init(loop, &timer); // expected-note{{'timer' is set up here, in 'arm'}}
    uv_timer_start(&timer, on_tick, 5, 0);
  }
};

// Fixed: the destructor runs the loop until the close callback ran.
class DrainingTicker {
  uv_loop_t *loop_;
  uv_timer_t timer_;
public:
  explicit DrainingTicker(uv_loop_t *loop) : loop_(loop) { uv_timer_init(loop, &timer_); }
  ~DrainingTicker() {
    uv_close(reinterpret_cast<uv_handle_t *>(&timer_), on_closed);
    uv_run(loop_, UV_RUN_DEFAULT); // no warning
  }
};

// Fixed: a close() method whose callback deletes the object.
class SelfDeleting {
  uv_timer_t timer_;
  static void on_close(uv_handle_t *h) { delete static_cast<SelfDeleting *>(h->data); }
public:
  explicit SelfDeleting(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    timer_.data = this;
  }
  void close() { uv_close(reinterpret_cast<uv_handle_t *>(&timer_), on_close); }
}; // no warning
