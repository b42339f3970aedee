// TL102 taskleak.lifetime.DanglingTaskArg for containers of threads, issue
// 15 item 1: lambdas capturing the frame by reference started into a local
// std::vector<std::thread>, every element detached; the frame ends while
// they may run.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -verify %s

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

void work(int);

// Plain: [&] in an emplace loop, a range-for detach.
void rangeForDetach(int n) {
  int total = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&] { total += 1; }); // expected-note{{A thread capturing 'total' by reference is put into 'ts' here}}
  for (auto &t : ts)
    t.detach(); // expected-note{{Its threads are detached here}}
} // expected-warning{{The detached threads held in 'ts' may use local 'total' (captured by reference) after 'rangeForDetach' returns}}

// A parameter captured explicitly; an index loop detaches.
void indexLoopDetach(int budget) {
  std::vector<std::thread> ts;
  ts.push_back(std::thread([&budget] { work(budget); })); // expected-note{{A thread capturing 'budget' by reference is put into 'ts' here}}
  for (size_t i = 0; i < ts.size(); ++i)
    ts[i].detach(); // expected-note{{Its threads are detached here}}
} // expected-warning{{The detached threads held in 'ts' may use parameter 'budget' (captured by reference) after 'indexLoopDetach' returns}}

// std::for_each detaches them.
void forEachDetach() {
  int hits = 0;
  std::vector<std::thread> ts;
  ts.emplace_back([&] { ++hits; }); // expected-note{{A thread capturing 'hits' by reference is put into 'ts' here}}
  std::for_each(ts.begin(), ts.end(), [](std::thread &t) { t.detach(); }); // expected-note{{Its threads are detached here}}
} // expected-warning{{The detached threads held in 'ts' may use local 'hits' (captured by reference) after 'forEachDetach' returns}}

// Helper function: std::mem_fn(&std::thread::detach) given to
// std::for_each detaches them.
void helperDetach(int n) {
  int sum = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&sum, i] { sum += i; }); // expected-note{{A thread capturing 'sum' by reference is put into 'ts' here}}
  std::for_each(ts.begin(), ts.end(), std::mem_fn(&std::thread::detach)); // expected-note{{Its threads are detached here}}
} // expected-warning{{The detached threads held in 'ts' may use local 'sum' (captured by reference) after 'helperDetach' returns}}

// Not followed yet: a lambda stored in a local before the start.
void lambdaInLocal() {
  int seen = 0;
  auto job = [&seen] { seen = 1; };
  std::vector<std::thread> ts;
  ts.emplace_back(job);
  for (auto &t : ts)
    t.detach();
} // no warning (a known miss)

// Fixed: joined, not detached.
void rangeForJoin(int n) {
  int total = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&] { total += 1; });
  for (auto &t : ts)
    t.join();
} // no warning

// Fixed: captured by copy.
void detachByCopy(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([n] { work(n); });
  for (auto &t : ts)
    t.detach();
} // no warning

// Fixed: the owner waits until the detached threads are done.
void detachThenWait() {
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  std::vector<std::thread> ts;
  ts.emplace_back([&] {
    std::lock_guard<std::mutex> g(mu);
    ++done;
    cv.notify_one();
  });
  for (auto &t : ts)
    t.detach();
  std::unique_lock<std::mutex> l(mu);
  cv.wait(l, [&] { return done == 1; });
} // no warning

// Error path form: detached on the error return, the frame ends there.
bool errorPathDetach(bool fail) {
  int state = 0;
  std::vector<std::thread> ts;
  ts.emplace_back([&] { state = 1; }); // expected-note{{A thread capturing 'state' by reference is put into 'ts' here}}
  if (fail) {
    for (auto &t : ts)
      t.detach(); // expected-note{{Its threads are detached here}}
    return false;
  }
  for (auto &t : ts)
    t.join();
  return true;
} // expected-warning{{The detached threads held in 'ts' may use local 'state' (captured by reference) after 'errorPathDetach' returns}}

// Moved out of the frame: whoever holds them decides.
std::vector<std::thread> handedOut() {
  int local = 0;
  std::vector<std::thread> ts;
  ts.emplace_back([&] { work(local); });
  return ts;
} // no warning here (not detached)
