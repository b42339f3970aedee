// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL402 for C++20: a function holding a std::stop_token blocks in a wait
// that cannot see it (std::condition_variable::wait, condition_variable_any
// without the token) or sleeps in a loop that never checks it.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>

std::mutex m;
std::condition_variable cv;
std::condition_variable_any cva;
std::deque<int> jobs;

// --- plain: a worker function taking the token ----------------------------------

void worker(std::stop_token st) { // expected-note{{'worker' receives cancellation handle 'st' here}}
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [] { return !jobs.empty(); }); // expected-warning{{'worker' blocks in 'std::condition_variable::wait', which cannot see 'st': a stop request does not wake it}}
    jobs.pop_front();
  }
}

void worker_any_no_token(std::stop_token st) { // expected-note{{'worker_any_no_token' receives cancellation handle 'st' here}}
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lk(m);
    cva.wait(lk, [] { return !jobs.empty(); }); // expected-warning{{'worker_any_no_token' blocks in 'std::condition_variable_any::wait', which cannot see 'st'}}
    jobs.pop_front();
  }
}

void worker_fixed(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lk(m);
    if (!cva.wait(lk, st, [] { return !jobs.empty(); }))
      return;
    jobs.pop_front();
  }
}

// --- a jthread body (a lambda taking the token) -----------------------------------

void start_lambda() {
  std::jthread t([](std::stop_token st) { // expected-note{{'lambda' receives cancellation handle 'st' here}}
    std::unique_lock<std::mutex> lk(m);
    while (!st.stop_requested() && jobs.empty())
      cv.wait(lk); // expected-warning{{'lambda' blocks in 'std::condition_variable::wait', which cannot see 'st'}}
  });
}

void start_lambda_fixed() {
  std::jthread t([](std::stop_token st) {
    std::unique_lock<std::mutex> lk(m);
    cva.wait(lk, st, [] { return !jobs.empty(); });
  });
}

// --- a sleep loop that never looks at the token --------------------------------

void poll_forever(std::stop_token st) { // expected-note{{'poll_forever' receives cancellation handle 'st' here}}
  for (;;) { // expected-note{{This loop never looks at 'st'}}
    std::this_thread::sleep_for(std::chrono::milliseconds(10)); // expected-warning{{'poll_forever' sleeps in 'std::this_thread::sleep_for' in a loop that never checks 'st': cancelling it does not end the loop}}
    jobs.clear();
  }
}

void poll_until_stopped(std::stop_token st) {
  while (!st.stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    jobs.clear();
  }
}

// A function with no token is not this rule's business.
void plain_wait() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return !jobs.empty(); });
}

// A predicate that reads the token: a notify after the stop request wakes it
// (whether one comes is TL403's business).
void worker_predicate_reads_token(std::stop_token st) {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return !jobs.empty() || st.stop_requested(); });
}

// A counted loop of sleeps ends by itself; the loop around it checks the token.
void blink(std::stop_token st) {
  while (!st.stop_requested()) {
    for (int i = 0; i < 10; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    jobs.clear();
  }
}
