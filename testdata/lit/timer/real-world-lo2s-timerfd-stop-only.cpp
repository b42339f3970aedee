// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, timerfd, C++ destructor).
// Source: tud-zih-energy/lo2s issue #239 and PR #256, commits
//   02bf37676ee63e20be1e3f073b6627bf788a51f0 and 2eaa984a48a9f13f63d6d3041613853e7549516d,
//   https://github.com/tud-zih-energy/lo2s/pull/256
// Original bug: a monitor created a timerfd in its constructor; the first
// fix closed it only in stop(), so a monitor destroyed without stop() still
// leaked it.  The final fix closes it in the destructor.
// Reduction written for taskleak; no project code is copied.
#include <sys/timerfd.h>
#include <unistd.h>

class PollMonitor {
public:
  PollMonitor() { timer_fd_ = timerfd_create(CLOCK_MONOTONIC, 0); }
  void stop() {
    running_ = false;
    if (timer_fd_ != -1) {
      close(timer_fd_);
      timer_fd_ = -1;
    }
  }
  ~PollMonitor() {
  } // expected-warning{{The timerfd 'timer_fd_' is never closed before '~PollMonitor' ends its owner (created in 'PollMonitor')}}

private:
  int timer_fd_ = -1;
  bool running_ = false;
};

class FixedPollMonitor {
public:
  FixedPollMonitor() { timer_fd_ = timerfd_create(CLOCK_MONOTONIC, 0); }
  void stop() { running_ = false; }
  ~FixedPollMonitor() {
    if (timer_fd_ != -1)
      close(timer_fd_);
  } // no warning

private:
  int timer_fd_ = -1;
  bool running_ = false;
};

// The same shape at path level: create, then destroy without stop.  (A
// destructor inlined here is not analysed again on its own, so this uses a
// class of its own.)
class Monitor2 {
public:
  Monitor2() { timer_fd_ = timerfd_create(CLOCK_MONOTONIC, 0); }
  void stop() {
    if (timer_fd_ != -1)
      close(timer_fd_);
  }

private:
  int timer_fd_ = -1;
};

void setup_then_abort() {
  Monitor2 m;
} // expected-warning{{The timerfd 'm.timer_fd_' is never closed}}

void setup_then_stop() {
  Monitor2 m;
  m.stop();
} // no warning
