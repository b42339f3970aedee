// TL102 taskleak.lifetime.DanglingTaskArg on std::thread: a lambda that
// captures locals by reference (or std::ref / a pointer to a local) runs on
// a thread that may still run when the frame ends.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -verify %s

#include <functional>
#include <thread>

void work(int);
void fill(int *out);

struct Service {
  std::thread worker;
};

void checkDangling01() {
  int counter = 0;
  std::thread t([&] { ++counter; });
  t.detach();
} // expected-warning{{The detached thread running a lambda may use local 'counter' after 'checkDangling01' returns}}

void checkNoDangling01() {
  int counter = 0;
  std::thread t([&] { ++counter; });
  t.join();
} // no warning

void checkNoDangling02() {
  int counter = 0;
  std::thread t([counter] { work(counter); }); // captured by copy
  t.detach();
} // no warning

void checkDangling02() {
  int result = 0;
  auto job = [&result] { result = 1; };
  std::thread t(job);
  t.detach();
} // expected-warning{{The detached thread running a lambda may use local 'result' after 'checkDangling02' returns}}

void checkDangling03() {
  int n = 0;
  std::thread t([](int &x) { x = 1; }, std::ref(n));
  t.detach();
} // expected-warning{{The detached thread running a lambda may use local 'n' after 'checkDangling03' returns}}

void checkDangling04() {
  int out = 0;
  std::thread t(fill, &out);
  t.detach();
} // expected-warning{{The detached thread running 'fill' may use local 'out' after 'checkDangling04' returns}}

// Started into an object that outlives the frame, and not joined here.
void checkDangling05(Service &s) {
  int budget = 10;
  s.worker = std::thread([&] { work(budget); });
} // expected-warning{{The unjoined thread running a lambda may use local 'budget' after 'checkDangling05' returns}}

void checkNoDangling05(Service &s) {
  int budget = 10;
  s.worker = std::thread([&] { work(budget); });
  s.worker.join();
} // no warning

void checkNoDangling06() {
  int n = 0;
  std::jthread t([&] { ++n; }); // joined by its destructor
} // no warning

// FIXME: a lambda capturing `this` of an object that dies before the
// detached thread ends is not reported (only locals of the frame are).
struct Owner {
  int state = 0;
  void startDetached() {
    std::thread([this] { ++state; }).detach();
  }
};

void checkDanglingThis() {
  Owner o;
  o.startDetached();
} // no warning (FIXME: TL102 expected, 'o' dies while the thread may run)
