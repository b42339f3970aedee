// TL103 for local containers of threads (issue 15 item 1): the path
// analysis drops a thread moved into a container, so a local vector (or
// deque, array, unique_ptr) of threads is judged from the function's
// statements: filled, then destroyed or cleared before a loop joins or
// detaches every element.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -verify %s

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

void work(int);
bool valid(int);
void consume(std::vector<std::thread> &);

//===--- never joined ---===//

void checkNeverJoined(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back(work, i); // expected-note{{A std::thread is put into 'workers' here}}
} // expected-warning{{'workers' goes out of scope while a std::thread in it may be joinable (std::terminate)}} expected-note{{'workers' goes out of scope while a std::thread in it may be joinable (std::terminate)}}

void checkPushBackMoved(int n) {
  std::vector<std::thread> workers;
  std::thread t(work, n);
  workers.push_back(std::move(t)); // expected-note{{A std::thread is put into 'workers' here}}
} // expected-warning{{'workers' goes out of scope while a std::thread in it may be joinable (std::terminate)}} expected-note{{'workers' goes out of scope while a std::thread in it may be joinable (std::terminate)}}

void checkUniquePtr(int n) {
  auto t = std::make_unique<std::thread>(work, n); // expected-note{{A std::thread is put into 't' here}}
} // expected-warning{{'t' goes out of scope while a std::thread in it may be joinable (std::terminate)}} expected-note{{'t' goes out of scope while a std::thread in it may be joinable (std::terminate)}}

//===--- early exits and clear() before the join loop ---===//

int checkEarlyReturn(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back(work, i); // expected-note{{A std::thread is put into 'workers' here}}
  if (!valid(n))
    return -1; // expected-warning{{This return destroys 'workers' while a std::thread in it may be joinable (std::terminate)}} expected-note{{This return destroys 'workers' while a std::thread in it may be joinable (std::terminate)}}
  for (auto &w : workers)
    w.join();
  return 0;
}

void checkThrow(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n); // expected-note{{A std::thread is put into 'workers' here}}
  if (!valid(n))
    throw std::invalid_argument("n"); // expected-warning{{This throw destroys 'workers' while a std::thread in it may be joinable (std::terminate)}} expected-note{{This throw destroys 'workers' while a std::thread in it may be joinable (std::terminate)}}
  for (auto &w : workers)
    w.join();
}

void checkClear(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n); // expected-note{{A std::thread is put into 'workers' here}}
  workers.clear(); // expected-warning{{clear() destroys the threads in 'workers' while one may be joinable (std::terminate)}} expected-note{{clear() destroys the threads in 'workers' while one may be joinable (std::terminate)}}
}

//===--- fixed variants: silent ---===//

void checkRangeForJoin(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back(work, i);
  for (std::thread &w : workers)
    w.join();
}

void checkIndexJoin(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.push_back(std::thread(work, i));
  for (size_t i = 0; i < workers.size(); ++i)
    workers[i].join();
  workers.clear(); // no warning: joined first
}

void checkForEachJoin(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n);
  std::for_each(workers.begin(), workers.end(), std::mem_fn(&std::thread::join));
}

void checkDetachAll(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n);
  for (auto &w : workers)
    w.detach();
}

int checkReturnBeforeStart(int n) {
  std::vector<std::thread> workers;
  if (!valid(n))
    return -1; // no warning: nothing started yet
  workers.emplace_back(work, n);
  for (auto &w : workers)
    w.join();
  return 0;
}

void checkHandedOver(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n);
  consume(workers); // may join them
}

std::vector<std::thread> checkReturned(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back(work, n);
  return workers;
}

void checkJThreads(int n) {
  std::vector<std::jthread> workers; // jthread joins itself
  workers.emplace_back(work, n);
}

void checkUniquePtrJoined(int n) {
  auto t = std::make_unique<std::thread>(work, n);
  t->join();
}

void checkLambdaReturn(int n) {
  std::vector<std::thread> workers;
  workers.emplace_back([n] {
    if (!valid(n))
      return; // no warning: the lambda's own return
    work(n);
  });
  for (auto &w : workers)
    w.join();
}
