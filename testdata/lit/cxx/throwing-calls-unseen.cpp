// TL103 through calls to the unit's own functions that throw, when the
// analyzer does not step into them (here: no inlining at all).  The throw
// in the callee's body is visible in the unit, so the call may throw past
// the caller while its thread is joinable.  A callee that catches its own
// throw, or is noexcept, is no such call.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-config ipa=none -verify %s

#include <stdexcept>
#include <thread>

void work(int);
bool valid(int);

static void check(int n) {
  if (!valid(n))
    throw std::out_of_range("n");
}

static void checkDeep(int n) { check(n + 1); }

static void checkQuiet(int n) {
  try {
    check(n);
  } catch (const std::exception &) {
  }
}

static void checkNoexcept(int n) noexcept { work(n); }

void checkThrowingHelper(int n) {
  std::thread t(work, n);
  check(n); // expected-warning{{An exception from this call ('check' throws) destroys std::thread 't' while it is joinable (std::terminate)}}
  t.join();
}

void checkThrowingTwoDeep(int n) {
  std::thread t(work, n);
  checkDeep(n); // expected-warning{{An exception from this call ('checkDeep' throws) destroys std::thread 't'}}
  t.join();
}

void checkCatchingHelper(int n) {
  std::thread t(work, n);
  checkQuiet(n); // no warning: the helper catches its own throw
  checkNoexcept(n); // no warning
  t.join();
}

void checkJoinedBefore(int n) {
  std::thread t(work, n);
  t.join();
  check(n); // no warning
}

// Struct/member form: the thread is a member of a local object.
struct Worker {
  std::thread th;
};

void checkMemberThread(int n) {
  Worker w;
  w.th = std::thread(work, n);
  check(n); // expected-warning{{An exception from this call ('check' throws) destroys std::thread 'w.th'}}
  w.th.join();
}

// Error-path form: the throwing call is on the error path only.
void checkErrorPath(int n) {
  std::thread t(work, n);
  if (n < 0)
    check(n); // expected-warning{{An exception from this call ('check' throws) destroys std::thread 't'}}
  t.join();
}

// A try block here covers the call.
void checkCaughtHere(int n) {
  std::thread t(work, n);
  try {
    check(n); // no warning
  } catch (...) {
  }
  t.join();
}

// An RAII guard covers the thread: its destructor joins while unwinding.
class ThreadGuard {
  std::thread &t_;

public:
  explicit ThreadGuard(std::thread &t) : t_(t) {}
  ~ThreadGuard() {
    if (t_.joinable())
      t_.join();
  }
};

void checkGuarded(int n) {
  std::thread t(work, n);
  ThreadGuard g(t);
  check(n); // no warning
}
