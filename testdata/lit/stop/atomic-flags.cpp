// TL403 StopNeverSignalled with std::atomic<bool> stop flags: the task
// tests the flag through atomic's members (`!stop`, `stop.load()`), the
// owner writes it through them (`stop = true`, `stop.store(true)`).
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s

#include <atomic>
#include <thread>

void poll_once();

// Plain: a member function started with `this`, `while (!stop)`.
struct Poller {
  std::atomic<bool> stop;
  std::thread th;
  Poller() : stop(false) {}

  void run() {
    while (!stop) // expected-note 1+ {{The thread running 'Poller::run': this loop ends only when 'stop' is set}}
      poll_once();
  }
};

void checkAtomicNeverStopped() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.th.join(); // expected-warning{{Thread running 'Poller::run' never stops: its loop ends only when 'p.stop' is set, which this path never does before the join}}
}

void checkAtomicAssigned() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.stop = true;
  p.th.join(); // no warning
}

void checkAtomicStored() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.stop.store(true);
  p.th.join(); // no warning
}

void checkAtomicExchanged() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  p.stop.exchange(true, std::memory_order_acq_rel);
  p.th.join(); // no warning
}

// Struct/member form: a destructor that joins a lambda's `this` task whose
// loop reads `stop_.load()`.
class Service {
  std::atomic<bool> stop_;
  std::thread worker_;

  void serve() {
    while (!stop_.load(std::memory_order_acquire)) // expected-note 1+ {{this loop ends only when 'stop_' is set}}
      poll_once();
  }

public:
  Service() : stop_(false), worker_([this] { serve(); }) {}
  ~Service() {
    worker_.join(); // expected-warning{{Thread running 'Service::serve' never stops: its loop ends only when 's.stop_' is set}}
  }
};

void checkDestructorForgetsAtomic() { Service s; }

class ServiceFixed {
  std::atomic<bool> stop_{false};
  std::thread worker_;

  void serve() {
    while (!stop_.load(std::memory_order_acquire))
      poll_once();
  }

public:
  ServiceFixed() : worker_([this] { serve(); }) {}
  ~ServiceFixed() {
    stop_.store(true, std::memory_order_release);
    worker_.join(); // no warning
  }
};

void checkDestructorStoresAtomic() { ServiceFixed s; }

// Helper-function form: the stop is requested in a helper the owner calls.
struct Ctl {
  std::atomic<int> state{0};
};

static void spin(Ctl *c) {
  while (c->state.load() == 0) // expected-note 1+ {{this loop ends only when 'c->state' is set}}
    poll_once();
}

static void requestStop(Ctl &c) { c.state = 1; }
static void requestNothing(Ctl &c) { c.state = 0; }

void checkHelperStops() {
  Ctl c;
  std::thread t(spin, &c);
  requestStop(c);
  t.join(); // no warning
}

void checkHelperWritesRunValue() {
  Ctl c;
  std::thread t(spin, &c);
  requestNothing(c);
  t.join(); // expected-warning{{Thread running 'spin' never stops: its loop ends only when 'c.state' is set, which this path never does before the join}}
}

// Error-path form: the stop is stored on the success path only.
bool configure();

void checkErrorPathForgetsStop() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  if (configure())
    p.stop.store(true);
  p.th.join(); // expected-warning{{Thread running 'Poller::run' never stops}}
}

// Silent when unsure: a read-modify-write leaves the value unknown, and a
// flag handed to unseen code may be set there.
void stopVia(std::atomic<bool> &);

void checkFetchUnknown() {
  Ctl c;
  std::thread t(spin, &c);
  c.state.fetch_add(1);
  t.join(); // no warning
}

void checkHandedOut() {
  Poller p;
  p.th = std::thread(&Poller::run, &p);
  stopVia(p.stop);
  p.th.join(); // no warning
}

// A default member initialiser (`std::atomic<bool> stop{false};`) in an
// implicit constructor gives the path the flag's value (more forms in
// atomic-default-init.cpp).
struct PollerDefaultInit {
  std::atomic<bool> stop{false};
  std::thread th;
  void run() {
    while (!stop) // expected-note 1+ {{this loop ends only when 'stop' is set}}
      poll_once();
  }
};

void checkDefaultInitNeverStopped() {
  PollerDefaultInit p;
  p.th = std::thread(&PollerDefaultInit::run, &p);
  p.th.join(); // expected-warning{{Thread running 'PollerDefaultInit::run' never stops: its loop ends only when 'p.stop' is set, which this path never does before the join}}
}
