// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL103 JoinableDestroyed, std::thread member of a
// class with an implicit destructor).
// Source: eclipse-ecal/ecal issue #1329, "ecal_thread.h misses Destructor",
//   https://github.com/eclipse-ecal/ecal/issues/1329
// The periodic callback-thread helper owns a std::thread member started by
// its start() function; the class had no destructor, so an instance
// destroyed while its thread was still joinable called std::terminate.
// The fix gives the class a destructor that stops and joins the thread.
// Reduction written for taskleak; no project code is copied.
#include <atomic>
#include <thread>

class CallbackThread {
public:
  void start(int period_ms) {
    running_ = true;
    thread_ = std::thread(&CallbackThread::loop, this, period_ms); // expected-note{{'thread_' is started here, in 'CallbackThread::start'}}
  }
  void stop() { running_ = false; } // asks the loop to end, but never joins

private:
  void loop(int period_ms);
  std::atomic<bool> running_{false};
  std::thread thread_; // expected-warning{{The implicit destructor of 'CallbackThread' destroys std::thread 'thread_' while it may be joinable (std::terminate)}}
};

void checkDestroyedTimerStopped() {
  CallbackThread timer;
  timer.start(100);
  timer.stop();
} // expected-warning{{std::thread 'timer.thread_' is destroyed while joinable (std::terminate)}}

// The fix: a destructor that stops the loop and joins the thread.
class FixedCallbackThread {
public:
  ~FixedCallbackThread() {
    stop();
    if (thread_.joinable())
      thread_.join();
  }
  void start(int period_ms) {
    running_ = true;
    thread_ = std::thread(&FixedCallbackThread::loop, this, period_ms);
  }
  void stop() { running_ = false; }

private:
  void loop(int period_ms);
  std::atomic<bool> running_{false};
  std::thread thread_;
};

void checkNotDestroyedTimerStopped() {
  FixedCallbackThread timer;
  timer.start(100);
  timer.stop();
} // no warning
