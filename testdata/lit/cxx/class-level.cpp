// TL103 judged at class level: a member thread started by its own class,
// and a destructor (implicit, defaulted or written) that never joins or
// detaches it.  No object of these classes is ever analysed on a path.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -verify %s
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -analyzer-config taskleak.lifetime.JoinableDestroyed:ReportStopOnlyJoin=true -verify=expected,stoponly %s

#include <algorithm>
#include <memory>
#include <thread>
#include <vector>

void work(int);

//===--- implicit destructor, started in a start method ---===//

class Ticker {
public:
  void start() { thread_ = std::thread(work, 1); } // expected-note{{'thread_' is started here, in 'Ticker::start'}}

private:
  std::thread thread_; // expected-warning{{The implicit destructor of 'Ticker' destroys std::thread 'thread_' while it may be joinable (std::terminate)}} expected-note{{The implicit destructor of 'Ticker' destroys std::thread 'thread_' while it may be joinable (std::terminate)}}
};

//===--- defaulted destructor, started in the initialiser list ---===//

class Listener {
public:
  Listener() : thread_(&Listener::run, this) {} // expected-note{{'thread_' is started here, in 'Listener::Listener'}}
  ~Listener() = default;
  void run();

private:
  std::thread thread_; // expected-warning{{The defaulted destructor of 'Listener' destroys std::thread 'thread_' while it may be joinable (std::terminate)}} expected-note{{The defaulted destructor of 'Listener' destroys std::thread 'thread_' while it may be joinable (std::terminate)}}
};

//===--- written destructor that forgets the join ---===//

class Forgetful {
public:
  Forgetful() { thread_ = std::thread(work, 2); } // expected-note{{'thread_' is started here, in 'Forgetful::Forgetful'}}
  ~Forgetful() {
    running_ = false;
  } // expected-warning{{The destructor of 'Forgetful' destroys std::thread 'thread_' while it may be joinable (std::terminate)}} expected-note{{The destructor of 'Forgetful' destroys std::thread 'thread_' while it may be joinable (std::terminate)}}

private:
  bool running_ = true;
  std::thread thread_;
};

//===--- joined only by stop(), which the destructor never calls ---===//
// A contract (call stop() before destroying) that most owners keep: only
// with ReportStopOnlyJoin.

class NeedsStop {
public:
  void start() { t_ = std::thread(work, 3); } // stoponly-note{{'t_' is started here, in 'NeedsStop::start'}}
  void stop() { t_.join(); } // stoponly-note{{'t_' is joined only in 'NeedsStop::stop', which the destructor does not call}}

private:
  std::thread t_; // stoponly-warning{{The implicit destructor of 'NeedsStop' destroys std::thread 't_' while it may be joinable (std::terminate)}} stoponly-note{{The implicit destructor of 'NeedsStop' destroys std::thread 't_' while it may be joinable (std::terminate)}}
};

//===--- containers and smart pointers of threads ---===//

class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(work, i); // expected-note{{'workers_' is started here, in 'Pool::Pool'}}
  }

private:
  std::vector<std::thread> workers_; // expected-warning{{The implicit destructor of 'Pool' destroys 'workers_' while a std::thread in it may be joinable (std::terminate)}} expected-note{{The implicit destructor of 'Pool' destroys 'workers_' while a std::thread in it may be joinable (std::terminate)}}
};

class HeapWorker {
public:
  void start() { t_ = std::make_unique<std::thread>(work, 4); } // expected-note{{'t_' is started here, in 'HeapWorker::start'}}
  ~HeapWorker() {} // expected-warning{{The destructor of 'HeapWorker' destroys 't_' while a std::thread in it may be joinable (std::terminate)}} expected-note{{The destructor of 'HeapWorker' destroys 't_' while a std::thread in it may be joinable (std::terminate)}}

private:
  std::unique_ptr<std::thread> t_;
};

//===--- fixed variants: silent ---===//

class GoodTicker {
public:
  void start() { thread_ = std::thread(work, 1); }
  ~GoodTicker() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::thread thread_;
};

class GoodStop {
public:
  GoodStop() : t_(&GoodStop::run, this) {}
  ~GoodStop() { stop(); }
  void run();
  void stop() {
    done_ = true;
    if (t_.joinable())
      t_.join();
  }

private:
  bool done_ = false;
  std::thread t_;
};

class GoodPool {
public:
  explicit GoodPool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(work, i);
  }
  ~GoodPool() {
    for (std::thread &w : workers_)
      w.join();
  }

private:
  std::vector<std::thread> workers_;
};

class GoodIndexPool {
public:
  GoodIndexPool() { workers_.push_back(std::thread(work, 5)); }
  ~GoodIndexPool() {
    for (size_t i = 0; i < workers_.size(); ++i)
      workers_[i].join();
  }

private:
  std::vector<std::thread> workers_;
};

class GoodHeapPool {
public:
  GoodHeapPool() { workers_.push_back(std::make_unique<std::thread>(work, 6)); }
  ~GoodHeapPool() {
    for (size_t i = 0; i < workers_.size(); ++i)
      workers_[i]->join();
  }

private:
  std::vector<std::unique_ptr<std::thread>> workers_;
};

class Detacher {
public:
  Detacher() : t_(work, 7) { t_.detach(); }

private:
  std::thread t_;
};

class JThreadMember {
public:
  JThreadMember() : t_(work, 8) {}

private:
  std::jthread t_; // its destructor joins
};

void shutdownAll(void *owner);
class HandsOff {
public:
  HandsOff() : t_(work, 9) {}
  ~HandsOff() { shutdownAll(this); } // unseen code may join it

private:
  std::thread t_;
};

class ForEachPool {
public:
  ForEachPool() { workers_.emplace_back(work, 10); }
  ~ForEachPool() {
    std::for_each(workers_.begin(), workers_.end(),
                  [](std::thread &t) { t.join(); });
  }

private:
  std::vector<std::thread> workers_;
};

// shutdown() hands the threads over to a local it joins: a stop() contract
// (reported only with ReportStopOnlyJoin).
class HandOver {
public:
  void start() { workers_.emplace_back(work, 13); } // stoponly-note{{'workers_' is started here, in 'HandOver::start'}}
  void shutdown() {
    std::vector<std::thread> all = std::move(workers_); // stoponly-note{{'workers_' is joined only in 'HandOver::shutdown', which the destructor does not call}}
    for (auto &t : all)
      t.join();
  }

private:
  std::vector<std::thread> workers_; // stoponly-warning{{The implicit destructor of 'HandOver' destroys 'workers_' while a std::thread in it may be joinable (std::terminate)}} stoponly-note{{The implicit destructor of 'HandOver' destroys 'workers_' while a std::thread in it may be joinable (std::terminate)}}
};

// Declared here, defined in another translation unit: unknown.
class Elsewhere {
public:
  Elsewhere() : t_(work, 11) {}
  ~Elsewhere();

private:
  std::thread t_;
};

// An owner's destructor joins the member's thread.
struct Inner {
  void start() { t = std::thread(work, 12); }
  std::thread t;
};
struct Outer {
  Inner in;
  ~Outer() { in.t.join(); }
};
