// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL302 Leaked, timerfd, C++ destructor).
// Source: pistacheio/pistache PR #1158, commit a4ec2fb1024880da40f7b05e47455ae922da3120,
//   https://github.com/pistacheio/pistache/pull/1158
// Original bug: the HTTP transport created a timerfd when it registered with
// its poller and nothing ever closed it; each endpoint start/stop leaked a
// descriptor.  The fix added a destructor that closes it.
// Reduction written for taskleak; no project code is copied.
#include <sys/timerfd.h>
#include <unistd.h>

class Transport {
public:
  void registerPoller(int poller) {
    poller_ = poller;
    timerFd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  }
  ~Transport() {
  } // expected-warning{{The timerfd 'timerFd_' is never closed before '~Transport' ends its owner (created in 'registerPoller')}}

private:
  int poller_ = -1;
  int timerFd_ = -1;
};

class FixedTransport {
public:
  void registerPoller(int poller) {
    poller_ = poller;
    timerFd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  }
  ~FixedTransport() {
    if (timerFd_ >= 0)
      close(timerFd_);
  } // no warning

private:
  int poller_ = -1;
  int timerFd_ = -1;
};
