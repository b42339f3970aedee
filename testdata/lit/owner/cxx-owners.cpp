// The owner-object protocol in C++: a class that starts a pthread in a
// member function and whose destructor does not join it.  The destructor is
// analysed with the handle assumed live.
// RUN: %clang_analyze_cc1 -x c++ -std=c++17 -analyzer-checker=core,cplusplus,taskleak -verify %s

#include <pthread.h>

class Listener {
public:
  ~Listener(); // defined below
  int start();
  void stop();

private:
  static void *run(void *self) { return self; }
  pthread_t tid_;
  bool started_ = false; // written by the owner only
};

int Listener::start() {
  if (pthread_create(&tid_, nullptr, run, this) != 0)
    return -1;
  started_ = true;
  return 0;
}

void Listener::stop() {
  if (started_) {
    pthread_join(tid_, nullptr);
    started_ = false;
  }
}

Listener::~Listener() {
} // expected-warning{{Thread running 'run' is never joined or detached before its owner is destroyed (handle 'tid_', started in 'start')}}
  // expected-warning@-1{{The unjoined thread running 'run' may use its owner after it is destroyed}}

class Worker {
public:
  ~Worker() { stop(); } // no warning: stop() joins when started
  int start() { return pthread_create(&tid_, nullptr, loop, this); }
  void stop() {
    if (running_) {
      pthread_join(tid_, nullptr);
      running_ = false;
    }
  }

private:
  static void *loop(void *self) { return self; }
  pthread_t tid_;
  bool running_ = true;
};

class Detacher {
public:
  ~Detacher() { pthread_detach(tid_); } // no warning: the task was not given the object
  int start() { return pthread_create(&tid_, nullptr, body, nullptr); }

private:
  static void *body(void *) { return nullptr; }
  pthread_t tid_;
};

class FlagByTask {
public:
  ~FlagByTask() {
    if (alive_)
      pthread_join(tid_, nullptr);
  } // expected-warning{{Thread running 'body' is never joined or detached before its owner is destroyed (handle 'tid_', started in 'start')}}
    // expected-warning@-1{{The unjoined thread running 'body' may use its owner after it is destroyed}}
  int start() { return pthread_create(&tid_, nullptr, body, this); }

private:
  static void *body(void *p) {
    static_cast<FlagByTask *>(p)->alive_ = false;
    return nullptr;
  }
  pthread_t tid_;
  bool alive_ = true; // cleared by the task: not a guard the owner can trust
};
