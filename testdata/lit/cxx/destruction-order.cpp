// TL102 extended to object lifetimes (issue 15 item 4): C++ destroys the
// derived destructor's body, then the derived members, then the base's
// destructor; members die in reverse order of declaration.  A task the
// base (or a member wrapper) joins only in its destructor may still run on
// members that are already destroyed.  Judged at class level: no object of
// these classes is analysed on a path.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -analyzer-output=text -verify %s

#include <atomic>
#include <string>
#include <thread>
#include <vector>

void consume(int);

//===--- the base joins; a derived override uses derived members ---===//

class Worker {
public:
  void start() { thread_ = std::thread([this] { loop(); }); } // expected-note 2 {{The task is started here, in 'Worker::start'}}
  virtual ~Worker() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }

protected:
  virtual void step() = 0;

private:
  void loop() {
    while (!stop_)
      step();
  }
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class Collector : public Worker {
  void step() override { items_.push_back(1); } // expected-note {{The task uses 'items_' here}}
  std::vector<int> items_; // expected-warning {{The task held in 'thread_' may use 'items_' after it is destroyed: 'Collector' and its members are destroyed before 'Worker' stops the task (the destructor of 'Worker' joins it)}} expected-note {{The task held in 'thread_' may use 'items_' after it is destroyed}}
};

// A written destructor that does not stop the task: reported at its end.
class Counter : public Worker {
public:
  ~Counter() override { consume(count_); }
  // expected-warning@-1 {{The task held in 'thread_' may use 'count_' after it is destroyed: 'Counter' and its members are destroyed before 'Worker' stops the task}}
  // expected-note@-2 {{The task held in 'thread_' may use 'count_' after it is destroyed}}

private:
  void step() override { ++count_; } // expected-note {{The task uses 'count_' here}}
  int count_ = 0;
};

// Fixed: the derived destructor stops and joins first.
class CollectorFixed : public Worker {
public:
  ~CollectorFixed() override { stop(); }

private:
  void step() override { items_.push_back(1); }
  std::vector<int> items_;
};

// Silent: the override uses no member of its own.
class Beeper : public Worker {
  void step() override { consume(7); }
};

//===--- a member wrapper declared before the members its task uses ---===//

// JoiningThread-style: its destructor joins (through wait()).
class JoiningThread {
public:
  template <typename F> void launch(F f) { t_ = std::thread(std::move(f)); }
  void wait() {
    if (t_.joinable())
      t_.join();
  }
  ~JoiningThread() { wait(); }

private:
  std::thread t_;
};

class Poller {
public:
  Poller() {
    worker_.launch([this] { // expected-note {{The task is started here, in 'Poller::Poller'}}
      while (!stop_)
        queue_.push_back(1); // expected-note {{The task uses 'queue_' here}}
    });
  }
  ~Poller() { stop_ = true; }
  // expected-warning@-1 {{The task held in 'worker_' may use 'queue_' after it is destroyed: 'queue_' is declared after 'worker_', so it is destroyed first, while the task still runs (the destructor of 'worker_' joins it)}}
  // expected-note@-2 {{The task held in 'worker_' may use 'queue_' after it is destroyed}}

private:
  JoiningThread worker_;
  std::vector<int> queue_;
  std::atomic<bool> stop_{false};
};

// Fixed: the wrapper is declared last, so it is destroyed (and joins) first.
class PollerOrdered {
public:
  PollerOrdered() {
    worker_.launch([this] {
      while (!stop_)
        queue_.push_back(1);
    });
  }
  ~PollerOrdered() { stop_ = true; }

private:
  std::vector<int> queue_;
  std::atomic<bool> stop_{false};
  JoiningThread worker_;
};

// Fixed: the owner's destructor stops and waits before any member dies.
class PollerWaits {
public:
  PollerWaits() {
    worker_.launch([this] {
      while (!stop_)
        queue_.push_back(1);
    });
  }
  ~PollerWaits() {
    stop_ = true;
    worker_.wait();
  }

private:
  JoiningThread worker_;
  std::vector<int> queue_;
  std::atomic<bool> stop_{false};
};

// std::jthread joins in its destructor too.
class Logger {
public:
  Logger()
      : worker_([this](std::stop_token st) { // expected-note {{The task is started here, in 'Logger::Logger'}}
          while (!st.stop_requested())
            consume(static_cast<int>(name_.size())); // expected-note {{The task uses 'name_' here}}
        }) {}

private:
  std::jthread worker_;
  std::string name_ = "log"; // expected-warning {{The task held in 'worker_' may use 'name_' after it is destroyed: 'name_' is declared after 'worker_'}} expected-note {{The task held in 'worker_' may use 'name_' after it is destroyed}}
};

class LoggerOrdered {
public:
  LoggerOrdered()
      : worker_([this](std::stop_token st) {
          while (!st.stop_requested())
            consume(static_cast<int>(name_.size()));
        }) {}

private:
  std::string name_ = "log";
  std::jthread worker_;
};

// Silent: a member declared later but trivially destroyed (an int keeps
// its bits; the flag pattern above relies on it).
class Ticker {
public:
  Ticker() {
    worker_.launch([this] {
      while (!stop_)
        ++ticks_;
    });
  }
  ~Ticker() { stop_ = true; }

private:
  JoiningThread worker_;
  int ticks_ = 0;
  std::atomic<bool> stop_{false};
};
