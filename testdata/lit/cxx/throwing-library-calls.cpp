// TL103 at library calls documented to throw (model role `throws`,
// rules/models/cxx-throws.json): std::vector::at, std::stoi.  The library throws from a noreturn helper the path
// never shows, so the model row says it: while a local std::thread is
// joinable and no try block covers the call, the exception destroys it.
// Calls with no such row (join(), getline(), an allocation) stay silent.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -verify %s
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-config c++-stdlib-inlining=false -verify=noinline %s

#include <future>
#include <istream>
#include <string>
#include <thread>
#include <vector>

void work(int);

void checkAt(const std::vector<int> &v, int i) {
  std::thread t(work, i); // expected-note{{Thread started here}}
  int x = v.at(i); // expected-warning{{An exception from this call ('std::vector::at' may throw) destroys std::thread 't' while it is joinable (std::terminate)}} expected-note{{An exception from this call ('std::vector::at' may throw) destroys std::thread 't' while it is joinable (std::terminate)}} noinline-warning{{'std::vector::at' may throw}}
  work(x);
  t.join();
}

void checkStoi(const std::string &s) {
  std::thread t(work, 1); // expected-note{{Thread started here}}
  int n = std::stoi(s); // expected-warning{{('std::stoi' may throw) destroys std::thread 't'}} expected-note{{('std::stoi' may throw) destroys std::thread 't'}} noinline-warning{{'std::stoi' may throw}}
  work(n);
  t.join();
}

// std::future::get has no `throws` row: it throws only what the task
// stored, and a task that always sets its value is the common case.
void checkFutureGetNotModelled(std::future<int> &f) {
  std::thread t(work, 2);
  int n = f.get(); // no warning
  work(n);
  t.join();
}

// Helper form: the throwing call is in a function the analyzer steps into;
// the caller's thread is unwound through it.
static int parsePort(const std::string &s) { return std::stoi(s); } // expected-warning{{('std::stoi' may throw) destroys std::thread 't'}} expected-note{{('std::stoi' may throw) destroys std::thread 't'}}  noinline-warning{{'std::stoi' may throw}}

void checkHelper(const std::string &s) {
  std::thread t(work, 3); // expected-note{{Thread started here}}
  int port = parsePort(s); // expected-note{{Calling 'parsePort'}}
  work(port);
  t.join();
}

// Error-path form: only the path that parses reaches the call.
void checkErrorPath(const std::string &s, bool parse) {
  std::thread t(work, 4); // expected-note{{Thread started here}}
  if (parse) // expected-note{{Assuming 'parse' is true}} expected-note{{Taking true branch}}
    work(std::stoi(s)); // expected-warning{{('std::stoi' may throw) destroys std::thread 't'}} expected-note{{('std::stoi' may throw) destroys std::thread 't'}} noinline-warning{{'std::stoi' may throw}}
  t.join();
}

// Member form: the thread is a member of a local object.
struct Worker {
  std::thread th;
};

void checkMember(const std::vector<int> &v) {
  Worker w;
  w.th = std::thread(work, 5); // expected-note{{Thread started here}}
  work(v.at(0)); // expected-warning{{('std::vector::at' may throw) destroys std::thread 'w.th'}} expected-note{{('std::vector::at' may throw) destroys std::thread 'w.th'}} noinline-warning{{'std::vector::at' may throw}}
  w.th.join();
}

//===--- fixed: silent ---===//

// A try block whose handler joins covers the call.
void checkCaughtAndJoined(const std::string &s) {
  std::thread t(work, 6);
  try {
    work(std::stoi(s)); // no warning
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

// Joined before the call.
void checkJoinedBefore(const std::vector<int> &v) {
  std::thread t(work, 7);
  t.join();
  work(v.at(1)); // no warning
}

// Detached before the call.
void checkDetachedBefore(const std::string &s) {
  std::thread t(work, 8);
  t.detach();
  work(std::stoi(s)); // no warning
}

// Calls with no `throws` row: operator[], getline, an allocation, join.
void checkUnmodelled(std::vector<int> &v, std::istream &in) {
  std::thread t(work, 9);
  std::string line;
  std::getline(in, line);   // no warning
  v.push_back(v[0]);        // no warning
  int *p = new int(v[0]);   // no warning
  work(*p);
  delete p;
  t.join();
}
