// TL201 for std::promise / std::future: get() or wait() blocks forever when
// the promise is still alive and unset, held by the waiting function
// itself (never handed to a task, never set).  A promise destroyed unset
// is no hang: get() then throws std::future_error (broken_promise).
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.channel.RecvNeverSatisfied -verify %s

#include <future>
#include <thread>
#include <utility>

void produce(std::promise<int> p);
void produceInto(std::promise<int> &p);
bool ready();

// Plain: the task that would set it is never started.
int checkNeverHanded() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  return f.get(); // expected-warning{{This get() waits forever: the promise 'p' is still held by this function, neither set nor handed to a task}}
}

// Error path: the task is started on one path only.
int checkStartedOnOnePath() {
  std::promise<int> p;
  auto f = p.get_future();
  if (ready())
    std::thread(produce, std::move(p)).detach();
  return f.get(); // expected-warning{{This get() waits forever: the promise 'p' is still held}}
}

int checkStarted() {
  std::promise<int> p;
  auto f = p.get_future();
  std::thread(produce, std::move(p)).detach();
  return f.get(); // no warning
}

// Helper form: the promise handed by reference to unseen code (which may
// start the task), or set before the wait.
int checkHandedByReference() {
  std::promise<int> p;
  auto f = p.get_future();
  produceInto(p);
  return f.get(); // no warning
}

int checkSetFirst() {
  std::promise<int> p;
  auto f = p.get_future();
  p.set_value(1);
  return f.get(); // no warning
}

void checkWaitOnly() {
  std::promise<int> p;
  auto f = p.get_future();
  f.wait(); // expected-warning{{This wait() waits forever: the promise 'p' is still held}}
}

// Struct/member form: the promise is a member of a local.
struct Job {
  int input = 0;
  std::promise<int> done;
};

int checkMemberPromise() {
  Job j;
  auto f = j.done.get_future();
  return f.get(); // expected-warning{{This get() waits forever: the promise 'j.done' is still held}}
}

int checkMemberPromiseMovedToTask() {
  Job j;
  auto f = j.done.get_future();
  std::thread([pr = std::move(j.done)]() mutable { pr.set_value(2); }).detach();
  return f.get(); // no warning
}

// Broken promise: the promise's scope ended before the wait, so get()
// throws instead of blocking.
int checkBrokenPromise() {
  std::future<int> f;
  {
    std::promise<int> p;
    f = p.get_future();
  }
  return f.get(); // no warning: future_error(broken_promise)
}

// A lambda run on a thread captures the promise by reference.
int checkCapturedByReference() {
  std::promise<int> p;
  auto f = p.get_future();
  std::thread t([&p] { p.set_value(3); });
  int v = f.get(); // no warning
  t.join();
  return v;
}
