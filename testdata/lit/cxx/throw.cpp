// TL103 through exceptions.  The analyzer has no exception edges: a path
// ends at its `throw`, and the destructors that unwinding runs are never
// seen.  The checker reports a throw that leaves the function (no try block
// around it here or at the call sites up the stack) while a local
// std::thread is joinable: unwinding destroys it and calls std::terminate.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -verify %s

#include <stdexcept>
#include <thread>

void work(int);
bool valid(int);

void checkThrow01(int n) {
  std::thread t(work, n);
  if (!valid(n))
    throw std::invalid_argument("bad n"); // expected-warning{{An exception thrown here destroys std::thread 't' while it is joinable (std::terminate)}}
  t.join();
}

void checkNoThrow01(int n) {
  std::thread t(work, n);
  if (!valid(n)) {
    t.join();
    throw std::invalid_argument("bad n"); // no warning
  }
  t.join();
}

void checkNoThrow02(int n) {
  if (!valid(n))
    throw std::invalid_argument("bad n"); // no warning: no thread yet
  std::thread t(work, n);
  t.join();
}

void checkNoThrow03(int n) {
  std::thread t(work, n);
  try {
    if (!valid(n))
      throw std::runtime_error("retry"); // no warning: caught below
  } catch (const std::exception &) {
  }
  t.join();
}

void checkNoThrow04(int n) {
  std::jthread t(work, n);
  if (!valid(n))
    throw std::invalid_argument("bad n"); // no warning: jthread joins
}

// Thrown in a helper that the analyzer steps into: the caller's thread is
// destroyed by the same unwinding.
static void check(int n) {
  if (!valid(n))
    throw std::out_of_range("n"); // expected-warning{{An exception thrown here destroys std::thread 't' while it is joinable (std::terminate)}}
}

void checkThrow02(int n) {
  std::thread t(work, n);
  check(n);
  t.join();
}

void checkNoThrow05(int n) {
  std::thread t(work, n);
  try {
    check(n); // no warning: the caller catches
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

// TODO: a thrown scalar (`throw 42;`) is not seen: no callback runs for
// the literal before the throw ends the path.
void checkThrow03(int n) {
  std::thread t(work, n);
  if (!valid(n))
    throw 42; // FIXME: expected a TL103 warning here
  t.join();
}
