// Path notes of TL103 (and TL102 / TL104 on std::thread): the start, each
// move, join or detach, and the point where std::terminate is certain.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s

#include <thread>
#include <utility>

void work(int);
bool ready();

int earlyReturn() {
  std::thread t(work, 1); // expected-note{{Thread started here}}
  if (!ready()) // expected-note{{Assuming the condition is true}}
    // expected-note@-1{{Taking true branch}}
    return -1; // expected-warning{{std::thread 't' is destroyed while joinable (std::terminate)}}
    // expected-note@-1{{std::thread 't' is destroyed while joinable (std::terminate)}}
  t.join();
  return 0;
}

void movedThenDropped() {
  std::thread a(work, 2); // expected-note{{Thread started here}}
  std::thread b = std::move(a); // expected-note{{'a' moved into 'b' here}}
} // expected-warning{{std::thread 'b' is destroyed while joinable (std::terminate)}}
  // expected-note@-1{{std::thread 'b' is destroyed while joinable (std::terminate)}}

struct Worker {
  std::thread worker;
};

void assignedOver() {
  Worker w;
  std::thread first(work, 3); // expected-note{{Thread started here}}
  w.worker = std::move(first); // expected-note{{'first' moved into 'w.worker' here}}
  w.worker = std::thread(work, 4); // expected-warning{{std::thread 'w.worker' is assigned to while joinable (std::terminate)}}
  // expected-note@-1{{std::thread 'w.worker' is assigned to while joinable (std::terminate)}}
}

void joinedTwice() {
  std::thread t(work, 5); // expected-note{{Thread started here}}
  t.join(); // expected-note{{Joined here}}
  t.join(); // expected-warning{{std::thread 't' is joined after it was joined (std::system_error)}}
  // expected-note@-1{{std::thread 't' is joined after it was joined (std::system_error)}}
}

void detachedWithReference() {
  int local = 0;
  std::thread t([&] { ++local; }); // expected-note{{Thread started here with a reference to local 'local'}}
  t.detach(); // expected-note{{Detached here; the thread keeps a reference to local 'local'}}
} // expected-warning{{The detached thread running a lambda may use local 'local' after 'detachedWithReference' returns}}
  // expected-note@-1{{The detached thread running a lambda may use local 'local' after 'detachedWithReference' returns}}
