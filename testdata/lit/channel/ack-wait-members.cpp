// TL201 taskleak.channel.RecvNeverSatisfied, the C++ owner (issue 15 item
// 8): the owner waits on a member flag of its own object (`ready_`,
// `this->ready_`, an atomic's load()) that only a task started with its
// `this` writes (a lambda capturing `this`, `&C::run`), on a path where
// that task is not started.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.channel.RecvNeverSatisfied -analyzer-output=text -verify %s

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

void work();

// Plain: a bool member, a lambda capturing `this`, started on one branch.
class Starter {
public:
  void start(bool threaded) {
    if (threaded) // expected-note{{Assuming 'threaded' is false}} expected-note{{Taking false branch}}
      t_ = std::thread([this] {
        ready_ = true;
        work();
      });
    while (!ready_) // expected-warning{{The owner waits forever for 'ready_', which only the thread running a lambda writes: it is not started on this path}} expected-note{{The owner waits forever for 'ready_', which only the thread running a lambda writes: it is not started on this path}} expected-note{{Assuming field 'ready_' is false}}
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Starter() {
    if (t_.joinable())
      t_.join();
  }

private:
  bool ready_ = false;
  std::thread t_;
};

// Fixed: the wait only where the task was started.
class CheckedStarter {
public:
  void start(bool threaded) {
    if (!threaded)
      return;
    t_ = std::thread([this] {
      ready_ = true;
      work();
    });
    while (!ready_) // no warning
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~CheckedStarter() { t_.join(); }

private:
  bool ready_ = false;
  std::thread t_;
};

// An atomic flag read with load(), a member function started with `this`,
// through a helper that marks the start.
class Runner {
public:
  void open(bool enabled) {
    if (enabled) // expected-note{{Assuming 'enabled' is false}} expected-note{{Taking false branch}}
      t_ = std::thread(&Runner::run, this);
    while (!this->ready_.load()) // expected-warning{{The owner waits forever for 'ready_', which only the thread running 'Runner::run' writes: it is not started on this path}} expected-note{{The owner waits forever for 'ready_', which only the thread running 'Runner::run' writes: it is not started on this path}}
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void run() {
    markReady();
    work();
  }
  void markReady() { ready_.store(true); }
  ~Runner() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::atomic<bool> ready_{false};
  std::thread t_;
};

// A spin that yields the processor (std::this_thread::yield, a pause as
// sched_yield is), the flag written by a member function started with
// `this`.
class Yielder {
public:
  void open(bool enabled) {
    if (enabled) // expected-note{{Assuming 'enabled' is false}} expected-note{{Taking false branch}}
      t_ = std::thread(&Yielder::run, this);
    while (!ready_.load()) // expected-warning{{The owner waits forever for 'ready_', which only the thread running 'Yielder::run' writes: it is not started on this path}} expected-note{{The owner waits forever for 'ready_', which only the thread running 'Yielder::run' writes: it is not started on this path}}
      std::this_thread::yield();
  }
  void run() {
    ready_.store(true);
    work();
  }
  ~Yielder() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::atomic<bool> ready_{false};
  std::thread t_;
};

// Fixed: another method may set the flag (a stop() or notify() from
// another thread): the wait may end.
class Notified {
public:
  void open(bool enabled) {
    if (enabled)
      t_ = std::thread(&Notified::run, this);
    while (!ready_) // no warning
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void run() { ready_ = true; }
  void notify() { ready_ = true; }
  ~Notified() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::atomic<bool> ready_{false};
  std::thread t_;
};

// A condition variable wait on an atomic converted to bool, error path:
// the start is skipped by an early check that falls through.
bool configOk();

class Waiter {
public:
  int open() {
    int rc = 0;
    if (!configOk()) // expected-note{{Assuming the condition is true}} expected-note{{Taking true branch}}
      rc = -1;
    else
      t_ = std::thread([this] {
        std::lock_guard<std::mutex> lk(mu_);
        started_ = true;
        cv_.notify_all();
      });
    std::unique_lock<std::mutex> lk(mu_);
    while (!started_) // expected-warning{{The owner waits forever for 'started_', which only the thread running a lambda writes: it is not started on this path}} expected-note{{The owner waits forever for 'started_', which only the thread running a lambda writes: it is not started on this path}}
      cv_.wait(lk);
    return rc;
  }
  ~Waiter() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> started_{false};
  std::thread t_;
};

// Fixed: the error path returns before the wait.
class WaiterFixed {
public:
  int open() {
    if (!configOk())
      return -1;
    t_ = std::thread([this] {
      std::lock_guard<std::mutex> lk(mu_);
      started_ = true;
      cv_.notify_all();
    });
    std::unique_lock<std::mutex> lk(mu_);
    while (!started_) // no warning
      cv_.wait(lk);
    return 0;
  }
  ~WaiterFixed() { t_.join(); }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool started_ = false;
  std::thread t_;
};

// Fixed: a loop with a budget is no wait forever.
class Budget {
public:
  void start(bool threaded) {
    if (threaded)
      t_ = std::thread([this] { ready_ = true; });
    int tries = 0;
    while (!ready_ && tries < 100) // no warning
      ++tries;
  }
  ~Budget() {
    if (t_.joinable())
      t_.join();
  }

private:
  bool ready_ = false;
  std::thread t_;
};

// Fixed: the flag the task writes is not the one waited for.
class OtherFlag {
public:
  void start(bool threaded) {
    if (threaded)
      t_ = std::thread([this] { done_ = true; });
    while (!ready_) // no warning: the task never writes 'ready_'
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~OtherFlag() {
    if (t_.joinable())
      t_.join();
  }

private:
  bool ready_ = false;
  bool done_ = false;
  std::thread t_;
};

// A C spawn given `this`: the trampoline acknowledges through its
// argument, and the spawn fails on the path.
#include <pthread.h>
#include <sched.h>

void log_error(const char *msg);

class PosixWorker {
public:
  int start() {
    if (pthread_create(&tid_, nullptr, &PosixWorker::trampoline, this) != 0) // expected-note{{Spawn of the thread running 'trampoline'; it fails on this path}} expected-note{{Assuming the condition is true}} expected-note{{Taking true branch}}
      log_error("cannot start");
    while (!ready_) // expected-warning{{The owner waits forever for 'ready_', which only the thread running 'PosixWorker::trampoline' writes: its spawn failed on this path}} expected-note{{The owner waits forever for 'ready_', which only the thread running 'PosixWorker::trampoline' writes: its spawn failed on this path}} expected-note{{Assuming field 'ready_' is false}}
      sched_yield();
    return 0;
  }

private:
  static void *trampoline(void *arg) {
    static_cast<PosixWorker *>(arg)->ready_ = true;
    return nullptr;
  }
  pthread_t tid_;
  bool ready_ = false;
};

// Fixed: the failure returns before the wait.
class PosixWorkerFixed {
public:
  int start() {
    if (pthread_create(&tid_, nullptr, &PosixWorkerFixed::trampoline, this) != 0)
      return -1;
    while (!ready_) // no warning
      sched_yield();
    return pthread_join(tid_, nullptr);
  }

private:
  static void *trampoline(void *arg) {
    static_cast<PosixWorkerFixed *>(arg)->ready_ = true;
    return nullptr;
  }
  pthread_t tid_;
  bool ready_ = false;
};
