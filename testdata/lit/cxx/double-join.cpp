// TL104 taskleak.lifetime.DoubleJoin on std::thread: join() or detach() on
// an object with no thread throws std::system_error.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DoubleJoin -verify %s

#include <thread>
#include <utility>

void work(int);

void checkMisuse01() {
  std::thread t(work, 1);
  t.join();
  t.join(); // expected-warning{{std::thread 't' is joined after it was joined (std::system_error)}}
}

void checkMisuse02() {
  std::thread t(work, 1);
  t.detach();
  t.join(); // expected-warning{{std::thread 't' is joined after it was detached (std::system_error)}}
}

void checkMisuse03() {
  std::thread t;
  t.detach(); // expected-warning{{std::thread 't' is detached but it has no thread (std::system_error)}}
}

void checkMisuse04() {
  std::thread a(work, 1);
  std::thread b = std::move(a);
  b.join();
  a.join(); // expected-warning{{std::thread 'a' is joined but it has no thread (std::system_error)}}
}

void checkNoMisuse01() {
  std::thread t(work, 1);
  t.join();
  if (t.joinable())
    t.join(); // no warning: not joinable any more
}

void checkNoMisuse02(bool wait) {
  std::thread t(work, 1);
  if (wait)
    t.join();
  else
    t.detach();
} // no warning

void checkMisuse05() {
  std::jthread j(work, 1);
  j.detach();
  j.detach(); // expected-warning{{std::jthread 'j' is detached after it was detached (std::system_error)}}
}
