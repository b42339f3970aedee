// TL403 at class level (issue 15 items 4 and 7): a member that joins its
// task in its own destructor (an in-file JoiningThread-style wrapper, or a
// std::jthread whose entry ignores its stop token) is destroyed after the
// owner's destructor body; if nothing ever sets the flag the task's loop
// waits for, that join never returns.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.context.StopNeverSignalled -analyzer-output=text -verify %s

#include <atomic>
#include <thread>

void poll_once();

// Its destructor joins: derived from the body (through wait()), not the name.
class TaskHolder {
public:
  template <typename F> void launch(F f) { t_ = std::thread(std::move(f)); }
  void wait() {
    if (t_.joinable())
      t_.join();
  }
  ~TaskHolder() { wait(); }

private:
  std::thread t_;
};

// The owner never asks the task to stop.
class Service {
public:
  Service() {
    worker_.launch([this] { // expected-note {{The task is started here, in 'Service::Service'}}
      while (!stop_) // expected-note {{The task's loop}}
        poll_once();
    });
  }

private:
  std::atomic<bool> stop_{false};
  TaskHolder worker_; // expected-warning {{The destructor of 'worker_' joins a task that never stops: its loop ends only when 'stop_' is set, which 'Service' never does before 'worker_' is destroyed}} expected-note {{The destructor of 'worker_' joins a task that never stops}}
};

// Fixed: the owner's destructor requests the stop; the member joins after.
class ServiceFixed {
public:
  ServiceFixed() {
    worker_.launch([this] {
      while (!stop_)
        poll_once();
    });
  }
  ~ServiceFixed() { stop_ = true; }

private:
  std::atomic<bool> stop_{false};
  TaskHolder worker_;
};

// Fixed through a method the destructor calls.
class ServiceShutdown {
public:
  ServiceShutdown() {
    worker_.launch([this] {
      while (running_)
        poll_once();
    });
  }
  ~ServiceShutdown() { shutdown(); }

private:
  void shutdown() { running_ = false; }
  bool running_ = true;
  TaskHolder worker_;
};

// A loop with no exit: the member's join waits forever.
class Spinner {
public:
  Spinner() {
    worker_.launch([this] { // expected-note {{The task is started here, in 'Spinner::Spinner'}}
      for (;;) // expected-note {{The task's loop}}
        poll_once();
    });
  }
  ~Spinner() {}
  // expected-warning@-1 {{The destructor of 'worker_' joins a task that never stops: its loop has no exit}}
  // expected-note@-2 {{The destructor of 'worker_' joins a task that never stops}}

private:
  TaskHolder worker_;
};

// std::jthread: request_stop() in its destructor does not reach a task
// that loops on its own flag.
class Pump {
public:
  Pump()
      : worker_([this] { // expected-note {{The task is started here, in 'Pump::Pump'}}
          while (!quit_) // expected-note {{The task's loop}}
            poll_once();
        }) {}

private:
  bool quit_ = false;
  std::jthread worker_; // expected-warning {{The destructor of 'worker_' joins a task that never stops: its loop ends only when 'quit_' is set, which 'Pump' never does before 'worker_' is destroyed}} expected-note {{The destructor of 'worker_' joins a task that never stops}}
};

// Fixed: the entry takes the stop token jthread's destructor requests.
class PumpToken {
public:
  PumpToken()
      : worker_([this](std::stop_token st) {
          while (!st.stop_requested() && !quit_)
            poll_once();
        }) {}

private:
  bool quit_ = false;
  std::jthread worker_;
};

// A wrapper whose destructor does not join is no joining member: silent here.
class Detacher {
public:
  template <typename F> void launch(F f) { t_ = std::thread(std::move(f)); }
  ~Detacher() {
    if (t_.joinable())
      t_.detach();
  }

private:
  std::thread t_;
};

class Fire {
public:
  Fire() {
    worker_.launch([this] {
      while (!stop_)
        poll_once();
    });
  }

private:
  bool stop_ = false;
  Detacher worker_;
};
