// RUN: %clang_analyze_cc1 -x c++ -std=c++17 -analyzer-checker=core,cplusplus,taskleak -verify %s
//
// Real-world reduction (TL104 DoubleJoin in a destructor, through the
// owner-object protocol).
// Source: smartdevicelink/sdl_core PR #549, "fix for pthread_join() crash in
//   some platforms", https://github.com/smartdevicelink/sdl_core/pull/549
// Original bug: Thread::~Thread() called join(), which joins the handle, and
// then pthread_join(handle_) once more; the fix guards the second join and
// clears the handle.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>

class ThreadBuggy {
public:
  int start() { return pthread_create(&handle_, nullptr, run, this); }
  void join() {
    if (!stopped_)
      pthread_join(handle_, nullptr);
    stopped_ = true;
  }
  ~ThreadBuggy() {
    join();
    pthread_join(handle_, nullptr); // expected-warning{{Thread running 'run' is joined twice (handle 'handle_')}}
  }

private:
  static void *run(void *) { return nullptr; }
  pthread_t handle_;
  bool stopped_ = false;
};

class ThreadFixed {
public:
  int start() { return pthread_create(&handle_, nullptr, run, this); }
  void join() {
    if (handle_) {
      pthread_join(handle_, nullptr);
      handle_ = 0;
    }
  }
  ~ThreadFixed() {
    join();
    if (handle_) {
      pthread_join(handle_, nullptr); // no warning
      handle_ = 0;
    }
  }

private:
  static void *run(void *) { return nullptr; }
  pthread_t handle_ = 0;
};
