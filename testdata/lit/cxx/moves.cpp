// TL103 on moves: move construction hands the thread over, move assignment
// onto a joinable std::thread terminates, swap trades threads.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -verify %s

#include <thread>
#include <utility>

void work(int);

//===--- move construction ---===//

void checkNotDestroyed01() {
  std::thread a(work, 1);
  std::thread b = std::move(a); // a has no thread now
  b.join();
} // no warning

void checkDestroyed01() {
  std::thread a(work, 1);
  std::thread b(std::move(a));
  a = std::thread(); // fine: a has no thread
} // expected-warning{{std::thread 'b' is destroyed while joinable (std::terminate)}}

std::thread makeThread() {
  std::thread t(work, 2);
  return t; // moved to the caller
}

void checkNotDestroyed02() {
  std::thread t = makeThread();
  t.join();
} // no warning

void checkDestroyed02() {
  std::thread t = makeThread();
} // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}

//===--- move assignment ---===//

void checkAssigned01() {
  std::thread t(work, 1);
  t = std::thread(work, 2); // expected-warning{{std::thread 't' is assigned to while joinable (std::terminate)}}
  t.join();
}

void checkNotAssigned01() {
  std::thread t(work, 1);
  t.join();
  t = std::thread(work, 2); // no warning: joined first
  t.join();
}

void checkNotAssigned02() {
  std::thread t(work, 1);
  t.detach();
  t = std::thread(work, 2); // no warning: detached first
  t.join();
}

struct Service {
  std::thread worker;
  void restart() {
    worker = std::thread(work, 3); // expected-warning{{std::thread 's.worker' is assigned to while joinable (std::terminate)}}
  }
};

void checkAssigned02() {
  Service s;
  s.worker = std::thread(work, 3);
  s.restart(); // the assignment inside restart() overwrites a running thread
  s.worker.join();
}

void checkAssigned03() {
  std::thread a(work, 1);
  std::thread b(work, 2);
  a = std::move(b); // expected-warning{{std::thread 'a' is assigned to while joinable (std::terminate)}}
  a.join();
}

void checkNotAssigned03() {
  std::thread a(work, 1);
  std::thread b(work, 2);
  a.join();
  a = std::move(b);
  a.join();
} // no warning: b was moved into a and joined

//===--- swap ---===//

void checkNotDestroyed03() {
  std::thread a(work, 1);
  std::thread b;
  a.swap(b);
  b.join();
} // no warning

void checkDestroyed03() {
  std::thread a(work, 1);
  std::thread b;
  std::swap(a, b);
  a = std::thread(work, 4); // no warning: a's thread went to b
  a.join();
} // expected-warning{{std::thread 'b' is destroyed while joinable (std::terminate)}}
