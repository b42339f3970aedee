// TL403 StopNeverSignalled for std::thread: a lambda or a member function
// whose loop ends only on a member flag (or never), joined by the owner.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s

#include <pthread.h>
#include <semaphore.h>
#include <thread>

void poll_once();

// A member function started with `this`.
struct Poller {
  volatile bool stop = false;
  std::thread th;

  void run() {
    while (!stop) // expected-note 1+ {{The thread running 'Poller::run': this loop ends only when 'stop' is set}}
      poll_once();
  }
};

void checkMemberNeverStopped() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.th.join(); // expected-warning{{Thread running 'Poller::run' never stops: its loop ends only when 'p.stop' is set, which this path never does before the join}}
}

void checkMemberStopped() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.stop = true;
  p.th.join(); // no warning
}

// A lambda capturing `this`, started in the constructor, joined in the
// destructor: the destructor forgets the flag.
class Service {
  bool quit_ = false;
  std::thread worker_;

  void serve() {
    while (!quit_) // expected-note 1+ {{The thread running 'Service::serve': this loop ends only when 'quit_' is set}}
      poll_once();
  }

public:
  Service() : worker_([this] { serve(); }) {}
  ~Service() {
    worker_.join(); // expected-warning{{Thread running 'Service::serve' never stops: its loop ends only when 's.quit_' is set}}
  }
};

void checkDestructorForgetsFlag() { Service s; }

class ServiceFixed {
  bool quit_ = false;
  std::thread worker_;

  void serve() {
    while (!quit_)
      poll_once();
  }

public:
  ServiceFixed() : worker_([this] { serve(); }) {}
  ~ServiceFixed() {
    quit_ = true;
    worker_.join(); // no warning
  }
};

void checkDestructorSetsFlag() { ServiceFixed s; }

// A plain function and a pointer argument.
struct Ctl {
  int halt;
};

static void spin(Ctl *c) {
  while (c->halt == 0) // expected-note 1+ {{The thread running 'spin': this loop ends only when 'c->halt' is set}}
    poll_once();
}

void checkFunctionNeverHalted() {
  Ctl c{0};
  std::thread t(spin, &c);
  t.join(); // expected-warning{{Thread running 'spin' never stops: its loop ends only when 'c.halt' is set}}
}

void checkFunctionHalted() {
  Ctl c{0};
  std::thread t(spin, &c);
  c.halt = 1;
  t.join(); // no warning
}

// A loop with no exit in a lambda.
void checkLambdaForever() {
  std::thread t([] {
    for (;;) // expected-note {{The thread running a lambda: this loop has no exit}}
      poll_once();
  });
  t.join(); // expected-warning{{Thread running a lambda never stops: its loop has no exit, and the join waits forever}}
}

// The thread object moved into another: the task goes with it.
void checkMovedThread() {
  Ctl c{0};
  std::thread a(spin, &c);
  std::thread b(std::move(a));
  b.join(); // expected-warning{{Thread running 'spin' never stops}}
}

// A semaphore the loop sleeps on, posted before the flag is set.
class Pump {
  volatile bool stop_ = false;
  sem_t ev_;
  std::thread th_;

  void loop() {
    while (!stop_) { // expected-note 1+ {{this loop ends only when 'stop_' is set}}
      sem_wait(&ev_); // expected-note 1+ {{It may wait here on 'ev_'}}
      poll_once();
    }
  }

public:
  Pump() {
    sem_init(&ev_, 0, 0);
    th_ = std::thread([this] { loop(); });
  }
  void stopEarlyWakeup() {
    sem_post(&ev_);
    stop_ = true;
    th_.join(); // expected-warning{{Thread running 'Pump::loop' may sleep forever on 'p.ev_': it is not signalled after 'p.stop_' is set, and the join waits for it}}
  }
  void stopInOrder() {
    stop_ = true;
    sem_post(&ev_);
    th_.join(); // no warning
  }
};

void checkEarlyWakeup() {
  Pump p;
  p.stopEarlyWakeup();
}

void checkWakeupInOrder() {
  Pump p;
  p.stopInOrder();
}
