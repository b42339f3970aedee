// In-file thread wrappers seen through (issue 15 item 7): a class holding
// a std::thread, started by launch(), is judged by what its destructor
// does, read from its body: it joins (a joined task at scope end:
// silent), it detaches (the task must not capture the frame: TL102), or
// neither (TL103 when the wrapper dies with its thread joinable).
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -verify %s

#include <thread>

void use(int &);

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

class DetachingThread {
public:
  template <typename F> void launch(F f) { t_ = std::thread(std::move(f)); }
  void wait() {
    if (t_.joinable())
      t_.join();
  }
  ~DetachingThread() { // expected-note {{'DetachingThread' detaches its thread in its destructor}}
    if (t_.joinable())
      t_.detach();
  }

private:
  std::thread t_;
};

class BareThread {
public:
  template <typename F> void launch(F f) { t_ = std::thread(std::move(f)); } // expected-note {{Thread started here}}

private:
  std::thread t_;
};

// Joined at scope end: the frame outlives the task.
void joinedAtScopeEnd() {
  int x = 0;
  JoiningThread jt;
  jt.launch([&] { use(x); });
}

// Detached at scope end while the task refers to the frame.
void detachedWithFrame() {
  int x = 0;
  DetachingThread dt;
  dt.launch([&x] { use(x); }); // expected-warning {{The task started through 'dt' captures 'x' by reference, and the destructor of 'DetachingThread' detaches it: it may use 'x' after the frame ends}} expected-note {{The task started through 'dt' captures 'x' by reference}}
}

// Fixed: captured by value.
void detachedByValue() {
  int x = 0;
  DetachingThread dt;
  dt.launch([x]() mutable { use(x); });
}

// Fixed: waited for before the frame ends.
void detachedButWaited() {
  int x = 0;
  DetachingThread dt;
  dt.launch([&] { use(x); });
  dt.wait();
}

// Neither joins nor detaches: std::terminate at scope end.
void bare() {
  BareThread b;
  b.launch([] {}); // expected-note {{Calling 'BareThread::launch'}}
  // expected-note@-1 {{Returning from 'BareThread::launch'}}
} // expected-warning {{std::thread 'b.t_' is destroyed while joinable (std::terminate)}} expected-note {{std::thread 'b.t_' is destroyed while joinable (std::terminate)}}
