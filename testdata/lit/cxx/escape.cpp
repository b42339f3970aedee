// TL103 stays silent when a std::thread leaves the analyzer's sight: its
// address passed to code it cannot see, stored outside the stack, moved
// into a container or an unknown function.  Containers of threads never
// crash the checker.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,cplusplus,taskleak -verify %s

#include <memory>
#include <thread>
#include <utility>
#include <vector>

void work(int);
void adopt(std::thread &t);
void adopt_ptr(std::thread *t);
void consume(std::thread &&t);
std::thread *global_slot;
std::thread global_thread;

struct Registry {
  std::thread worker;
  void shutdown(); // defined elsewhere: may join
};

//===--- escapes ---===//

void checkEscape01() {
  std::thread t(work, 1);
  adopt(t); // may join or detach
} // no warning

void checkEscape02() {
  std::thread t(work, 1);
  adopt_ptr(&t);
} // no warning

void checkEscape03() {
  std::thread t(work, 1);
  global_slot = &t;
  work(2); // may join through global_slot
  global_slot = nullptr;
} // no warning

void checkEscape04() {
  std::thread t(work, 1);
  consume(std::move(t));
} // no warning

void checkEscape05() {
  Registry r;
  r.worker = std::thread(work, 2);
  r.shutdown(); // unknown method of the owner
} // no warning

void checkEscape08() {
  Registry r;
  r.worker = std::thread(work, 2);
  adopt(r.worker); // the member itself is handed over
} // no warning

struct Timer {
  int ticks = 0;
  std::thread worker;
};

void checkNoEscape08() {
  Timer t;
  t.worker = std::thread(work, 2);
  work(t.ticks);       // reads a sibling member only
  adopt_ptr(nullptr);
} // expected-warning{{std::thread 't.worker' is destroyed while joinable (std::terminate)}}

void checkNoEscape05() {
  Registry r;
  r.worker = std::thread(work, 2);
  work(3); // unrelated unknown call: the local owner is not reachable from it
} // expected-warning{{std::thread 'r.worker' is destroyed while joinable (std::terminate)}}

void checkEscape06() {
  global_thread = std::thread(work, 1); // static storage: never reported
} // no warning

void checkEscape07() {
  auto p = std::make_unique<std::thread>(work, 1);
  adopt(*p);
} // no warning

//===--- containers ---===//

void checkContainer01() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back(work, i);
  for (auto &t : pool)
    t.join();
} // no warning

void checkContainer02() {
  std::vector<std::thread> pool;
  pool.push_back(std::thread(work, 1));
  pool.push_back(std::thread(work, 2));
  for (std::thread &t : pool)
    if (t.joinable())
      t.join();
} // no warning

void checkContainer03() {
  std::vector<std::thread> pool;
  std::thread t(work, 1);
  pool.push_back(std::move(t)); // expected-note{{A std::thread is put into 'pool' here}}
} // no path warning: t was moved into the vector; the container is judged
  // from the function's statements (LocalContainers.cpp):
  // expected-warning@-2{{'pool' goes out of scope while a std::thread in it may be joinable (std::terminate)}}

void checkContainer04() {
  std::thread pool[2];
  pool[0] = std::thread(work, 1);
  pool[1] = std::thread(work, 2);
  pool[0].join();
  pool[1].join();
} // no warning

//===--- by-value parameters ---===//

void join_it(std::thread t) { t.join(); }
void drop_it(std::thread t) {}

void checkNoEscape09() {
  std::thread t(work, 1);
  join_it(std::move(t));
} // no warning

void checkEscape09() {
  std::thread t(work, 1);
  drop_it(std::move(t)); // FIXME: drop_it's parameter is destroyed joinable;
                         // the analyzer does not run parameter destructors
} // no warning
