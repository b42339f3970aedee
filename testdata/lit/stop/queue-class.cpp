// TL403 StopNeverSignalled through an in-file queue class: the task loops
// `while (queue_.blocking_get(item))`, and blocking_get() returns false
// only after shutdown() closed the queue (a predicated wait on a condition
// variable, then `if (closed_) return false;`).  An owner that joins
// without calling queue_.shutdown() waits forever.  Plain, helper-function,
// member-of-member, missing-notify and error-path forms, each with its
// fixed variant.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

void process(int);
int flush();

class Queue {
public:
  bool blocking_get(int &item) {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [&] { return closed_ || !items_.empty(); }); // expected-note 1+ {{It may wait here on 'cv_'}}
    if (closed_)
      return false;
    item = items_.front();
    items_.pop_front();
    return true;
  }
  void put(int v) {
    {
      std::lock_guard<std::mutex> g(mu_);
      items_.push_back(v);
    }
    cv_.notify_one();
  }
  void shutdown() {
    {
      std::lock_guard<std::mutex> g(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }
  // Closes, but nobody asleep in blocking_get() hears it.
  void closeQuietly() {
    std::lock_guard<std::mutex> g(mu_);
    closed_ = true;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> items_;
  bool closed_ = false;
};

// Plain: the destructor joins, nobody shuts the queue.
class PlainOwner {
public:
  PlainOwner() : t_([this] { run(); }) {}
  ~PlainOwner() {
    t_.join(); // expected-warning{{Thread running 'PlainOwner::run' never stops: its loop ends only when 'o.queue_.closed_' is set, which this path never does before the join}}
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item)) // expected-note 1+ {{The thread running 'PlainOwner::run': this loop ends only when 'closed_' is set}}
      process(item);
  }
  Queue queue_;
  std::thread t_;
};

void checkPlain() {
  PlainOwner o;
}

class FixedOwner {
public:
  FixedOwner() : t_([this] { run(); }) {}
  ~FixedOwner() {
    queue_.shutdown();
    t_.join(); // no warning
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item))
      process(item);
  }
  Queue queue_;
  std::thread t_;
};

void checkFixed() {
  FixedOwner o;
}

// Helper-function form: stop() shuts the queue, but the destructor's path
// only reaches finish().
class HelperOwner {
public:
  explicit HelperOwner(bool fast) : fast_(fast), t_([this] { run(); }) {}
  ~HelperOwner() {
    if (!fast_)
      stop();
    finish();
  }
  void stop() { queue_.shutdown(); }
  void finish() {
    t_.join(); // expected-warning{{Thread running 'HelperOwner::run' never stops}}
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item)) // expected-note 1+ {{The thread running 'HelperOwner::run': this loop ends only when}}
      process(item);
  }
  bool fast_;
  Queue queue_;
  std::thread t_;
};

void checkHelperNotCalled() {
  HelperOwner o(true);
}

void checkHelperCalled() {
  HelperOwner o(false); // no warning
}

// Member of a member: the queue lives inside a channel the owner holds.
struct Channel {
  int id = 0;
  Queue q;
};

class ChannelOwner {
public:
  explicit ChannelOwner(bool close) : close_(close), t_([this] { run(); }) {}
  ~ChannelOwner() {
    if (close_)
      ch_.q.shutdown();
    t_.join(); // expected-warning{{Thread running 'ChannelOwner::run' never stops: its loop ends only when 'o.ch_.q.closed_' is set}}
  }

private:
  void run() {
    int item;
    while (ch_.q.blocking_get(item)) // expected-note 1+ {{The thread running 'ChannelOwner::run': this loop ends only when}}
      process(item);
  }
  bool close_;
  Channel ch_;
  std::thread t_;
};

void checkMemberOfMemberOpen() {
  ChannelOwner o(false);
}

void checkMemberOfMemberClosed() {
  ChannelOwner o(true); // no warning
}

// The queue is closed, but without the notify: a task asleep in
// blocking_get() sleeps on.
class QuietOwner {
public:
  QuietOwner() : t_([this] { run(); }) {}
  ~QuietOwner() {
    queue_.closeQuietly();
    t_.join(); // expected-warning{{Thread running 'QuietOwner::run' may sleep forever on 'o.queue_.cv_': it is not signalled after 'o.queue_.closed_' is set, and the join waits for it}}
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item)) // expected-note 1+ {{The thread running 'QuietOwner::run': this loop ends only when}}
      process(item);
  }
  Queue queue_;
  std::thread t_;
};

void checkQuiet() {
  QuietOwner o;
}

// Error path: close() shuts the queue only when the flush worked; the
// destructor is left with a joined thread either way.
class ErrorOwner {
public:
  ErrorOwner() : t_([this] { run(); }) {}
  int close() {
    if (flush() < 0) {
      t_.join(); // expected-warning{{Thread running 'ErrorOwner::run' never stops}}
      return -1;
    }
    queue_.shutdown();
    t_.join(); // no warning
    return 0;
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item)) // expected-note 1+ {{The thread running 'ErrorOwner::run': this loop ends only when}}
      process(item);
  }
  Queue queue_;
  std::thread t_;
};

int checkErrorPath() {
  ErrorOwner o;
  return o.close();
}

class ErrorOwnerFixed {
public:
  ErrorOwnerFixed() : t_([this] { run(); }) {}
  int close() {
    int rc = flush() < 0 ? -1 : 0;
    queue_.shutdown();
    t_.join(); // no warning
    return rc;
  }

private:
  void run() {
    int item;
    while (queue_.blocking_get(item))
      process(item);
  }
  Queue queue_;
  std::thread t_;
};

int checkErrorPathFixed() {
  ErrorOwnerFixed o;
  return o.close();
}
