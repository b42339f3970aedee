// TL403 StopNeverSignalled with std::condition_variable: the task waits
// with a predicate that tests the stop flag (or in a predicate loop); the
// owner must set the flag and then notify.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

void process(int);

class WorkQueue {
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> items_;
  bool stop_ = false;
  std::thread worker_;

  void run() {
    for (;;) { // expected-note 1+ {{The thread running 'WorkQueue::run': this loop ends only when 'stop_' is set}}
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [this] { return stop_ || !items_.empty(); }); // expected-note 1+ {{It may wait here on 'cv_'}}
      if (stop_)
        return;
      int item = items_.front();
      items_.pop_front();
      lk.unlock();
      process(item);
    }
  }

public:
  WorkQueue() : worker_([this] { run(); }) {}

  void shutdownNoNotify() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    worker_.join(); // expected-warning{{Thread running 'WorkQueue::run' may sleep forever on 'q.cv_': it is not signalled after 'q.stop_' is set, and the join waits for it}}
  }
  void shutdownNotifyFirst() {
    cv_.notify_all();
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    worker_.join(); // expected-warning{{Thread running 'WorkQueue::run' may sleep forever on 'q.cv_'}}
  }
  void shutdown() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join(); // no warning
  }
  void shutdownNoFlag() {
    cv_.notify_all();
    worker_.join(); // expected-warning{{Thread running 'WorkQueue::run' never stops: its loop ends only when 'q.stop_' is set, which this path never does before the join}}
  }
};

void checkNoNotify() {
  WorkQueue q;
  q.shutdownNoNotify();
}

void checkNotifyFirst() {
  WorkQueue q;
  q.shutdownNotifyFirst();
}

void checkShutdown() {
  WorkQueue q;
  q.shutdown();
}

void checkNoFlag() {
  WorkQueue q;
  q.shutdownNoFlag();
}

// A predicate loop around a plain wait, and notify_one.
class Ticker {
  std::mutex m;
  std::condition_variable cv;
  bool quit = false;
  int pending = 0;
  std::thread th;

  void loop() {
    std::unique_lock<std::mutex> lk(m);
    while (!quit) { // expected-note {{The thread running 'Ticker::loop': this loop ends only when 'quit' is set}}
      while (pending == 0 && !quit)
        cv.wait(lk); // expected-note {{It may wait here on 'cv'}}
      pending = 0;
    }
  }

public:
  Ticker() { th = std::thread(&Ticker::loop, this); }
  void stopQuietly() {
    std::lock_guard<std::mutex> g(m);
    quit = true;
  }
  void stop() {
    {
      std::lock_guard<std::mutex> g(m);
      quit = true;
    }
    cv.notify_one();
  }
  void join() { th.join(); } // expected-warning{{Thread running 'Ticker::loop' may sleep forever on 't.cv'}}
};

void checkTickerQuiet() {
  Ticker t;
  t.stopQuietly();
  t.join();
}

void checkTicker() {
  Ticker t;
  t.stop();
  t.join(); // no warning (notified after the flag)
}

// A timed wait wakes by itself.
class Poller {
  std::mutex m;
  std::condition_variable cv;
  bool quit = false;
  std::thread th;

  void loop() {
    std::unique_lock<std::mutex> lk(m);
    while (!quit)
      cv.wait_for(lk, std::chrono::seconds(1));
  }

public:
  Poller() { th = std::thread(&Poller::loop, this); }
  ~Poller() {
    {
      std::lock_guard<std::mutex> g(m);
      quit = true;
    }
    th.join(); // no warning
  }
};

void checkTimedWait() { Poller p; }
