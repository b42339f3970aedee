// RUN: %clang_analyze_cc1 -x c++ -std=c++17 -analyzer-checker=core,cplusplus,taskleak -verify %s
//
// Real-world reduction (owner-object protocol in a destructor: TL101).
// Source: alliedmodders/amtl PR #16, "POSIX threading fixes",
//   https://github.com/alliedmodders/amtl/pull/16
// Original bug: the POSIX Thread class leaked its thread when Join() was never
// called (threads released without a join), and Join() twice could join the
// wrong thread. The fix detaches in the destructor when nobody joined, and
// remembers that Join() ran.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>

class ThreadBuggy {
public:
  int Start() { return pthread_create(&thread_, nullptr, Main, nullptr); }
  void Join() { pthread_join(thread_, nullptr); }
  ~ThreadBuggy() {
  } // expected-warning{{Thread running 'Main' is never joined or detached before its owner is destroyed (handle 'thread_', started in 'Start')}}

private:
  static void *Main(void *) { return nullptr; }
  pthread_t thread_;
};

class ThreadFixed {
public:
  int Start() {
    if (pthread_create(&thread_, nullptr, Main, nullptr) != 0)
      return -1;
    started_ = true;
    return 0;
  }
  void Join() {
    if (started_ && !joined_) {
      pthread_join(thread_, nullptr);
      joined_ = true;
    }
  }
  ~ThreadFixed() {
    if (started_ && !joined_)
      pthread_detach(thread_); // no warning
  }

private:
  static void *Main(void *) { return nullptr; }
  pthread_t thread_;
  bool started_ = false;
  bool joined_ = false;
};
