// A C++ class whose thread member is started in another unit (the project
// model's owner row, `Worker::start` in worker.cpp) and whose destructor is
// defined here: the destructor is the owner's ender (issue 12), judged as
// for a member started in this file.  The class is found inside its
// namespace, the start method and the entry by their class.
// RUN: %clang_analyze_cc1 -std=c++17 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/cxx_owner.json -verify=project %s
// RUN: %clang_analyze_cc1 -std=c++17 -analyzer-checker=core,taskleak -verify=unit %s

#include <pthread.h>

namespace app {
class Worker {
public:
  int start();
  ~Worker();

private:
  static void *run(void *self);
  pthread_t tid_;
  int stop_ = 0;
};

class Joiner {
public:
  int start();
  ~Joiner();

private:
  static void *run(void *self);
  pthread_t tid_;
  int stop_ = 0;
};
} // namespace app

app::Worker::~Worker() { // project-note 2{{Assuming 'tid_' holds the running thread started in 'start' (worker.cpp:12)}}
  stop_ = 1;
} // project-warning{{Thread running 'run' is never joined or detached before its owner is destroyed (handle 'tid_', started in 'start' (worker.cpp:12))}}
  // project-note@-1{{Thread running 'run' is never joined or detached before its owner is destroyed (handle 'tid_', started in 'start' (worker.cpp:12))}}
  // project-warning@-2{{The unjoined thread running 'run' may use its owner after it is destroyed (handle 'tid_', started in 'start' (worker.cpp:12))}}
  // project-note@-3{{The unjoined thread running 'run' may use its owner after it is destroyed (handle 'tid_', started in 'start' (worker.cpp:12))}}

app::Joiner::~Joiner() {
  stop_ = 1;
  pthread_join(tid_, nullptr); // no warning: joined before the object ends
}

// unit-no-diagnostics
