// TL103 taskleak.lifetime.JoinableDestroyed on local std::thread objects:
// scope exit, early return, loops and branches, each beside a fix.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -verify %s
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-config c++-stdlib-inlining=false -verify %s

#include <thread>

void work(int);
bool ready();
int compute();

//===--- scope exit ---===//

void checkDestroyed01() {
  std::thread t(work, 1);
} // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}

void checkNotDestroyed01() {
  std::thread t(work, 1);
  t.join();
} // no warning

void checkNotDestroyed02() {
  std::thread t(work, 1);
  t.detach();
} // no warning

void checkDestroyed02() {
  std::thread t([] { work(2); });
  {
    std::thread inner(work, 3);
    inner.join();
  }
  work(4);
} // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}

void checkDestroyed03() {
  {
    std::thread inner(work, 3);
  } // expected-warning{{std::thread 'inner' is destroyed while joinable (std::terminate)}}
  work(4);
}

//===--- early return ---===//

int checkDestroyed04() {
  std::thread t(work, 1);
  if (!ready())
    return -1; // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}
  t.join();
  return 0;
}

int checkNotDestroyed04() {
  std::thread t(work, 1);
  if (!ready()) {
    t.join();
    return -1;
  }
  t.join();
  return 0;
}

int checkDestroyed05(int n) {
  std::thread a(work, 1);
  std::thread b(work, 2);
  a.join();
  if (n > 3)
    return n; // expected-warning{{std::thread 'b' is destroyed while joinable (std::terminate)}}
  b.join();
  return 0;
}

//===--- join or detach on every path ---===//

void checkNotDestroyed05(bool background) {
  std::thread t(work, 1);
  if (background)
    t.detach();
  else
    t.join();
} // no warning

void checkNotDestroyed06() {
  std::thread t(work, 1);
  if (t.joinable())
    t.join();
} // no warning

void checkDestroyed06(bool background) {
  std::thread t(work, 1);
  if (background)
    t.detach();
} // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}

//===--- default-constructed, assigned later ---===//

void checkNotDestroyed07() {
  std::thread t; // no thread yet
} // no warning

void checkDestroyed07(bool start) {
  std::thread t;
  if (start)
    t = std::thread(work, 5);
} // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}

void checkNotDestroyed08(bool start) {
  std::thread t;
  if (start)
    t = std::thread(work, 5);
  if (t.joinable())
    t.join();
} // no warning

//===--- threads in a loop ---===//

void checkNotDestroyed09() {
  for (int i = 0; i < 4; ++i) {
    std::thread t(work, i);
    t.join();
  }
} // no warning

void checkDestroyed09() {
  for (int i = 0; i < 4; ++i) {
    std::thread t(work, i);
    if (compute() == i)
      continue; // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}
    t.join();
  }
}

//===--- std::jthread joins itself ---===//

void checkNotDestroyed10() {
  std::jthread j(work, 1);
} // no warning

int checkNotDestroyed11() {
  std::jthread j([] { work(1); });
  if (!ready())
    return -1; // no warning
  return 0;
}
