// RUN: %clang_analyze_cc1 -x c++ -std=c++17 -analyzer-checker=core,cplusplus,taskleak -verify %s
//
// Real-world reduction (owner-object protocol: TL101 and TL102 in a
// destructor).
// Source: google/filament PR #10306, "backend: join the worker thread in
//   ~ThreadWorker()", https://github.com/google/filament/pull/10306
// Original bug: ThreadWorker's destructor was defaulted, so its thread was
// joined only by an explicit terminate(); destroying the worker without it
// (an initialization failure) left the thread running, and the thread body
// dereferences `this`. The fix calls terminate() from the destructor.
// Reduction written for taskleak; no project code is copied. The original
// holds a std::thread; this reduction keeps the shape with a pthread member
// (the std::thread form is TL103's, see testdata/lit/cxx).
#include <pthread.h>

class ThreadWorkerBuggy {
public:
  ~ThreadWorkerBuggy();
  int start() { return pthread_create(&thread_, nullptr, body, this); }
  void terminate() {
    if (started_) {
      pthread_join(thread_, nullptr);
      started_ = false;
    }
  }

private:
  static void *body(void *self) {
    static_cast<ThreadWorkerBuggy *>(self)->jobs_++;
    return nullptr;
  }
  pthread_t thread_;
  bool started_ = true;
  int jobs_ = 0;
};

ThreadWorkerBuggy::~ThreadWorkerBuggy() = default;
// expected-warning@-1{{Thread running 'body' is never joined or detached before its owner is destroyed (handle 'thread_', started in 'start')}}
// expected-warning@-2{{The unjoined thread running 'body' may use its owner after it is destroyed}}

class ThreadWorkerFixed {
public:
  ~ThreadWorkerFixed() { terminate(); } // no warning
  int start() { return pthread_create(&thread_, nullptr, body, this); }
  void terminate() {
    if (started_) {
      pthread_join(thread_, nullptr);
      started_ = false;
    }
  }

private:
  static void *body(void *self) {
    static_cast<ThreadWorkerFixed *>(self)->jobs_++;
    return nullptr;
  }
  pthread_t thread_;
  bool started_ = true;
  int jobs_ = 0;
};
