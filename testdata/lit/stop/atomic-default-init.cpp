// TL403 with std::atomic stop flags that start from a default member
// initialiser (`std::atomic<bool> stop_{false};` or `= false`): the
// class's constructor (implicit, defaulted or written) gives the path the
// flag's first value, and a written constructor's body may change it.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s

#include <atomic>
#include <thread>

void poll_once();

struct BraceInit {
  std::atomic<bool> stop_{false};
  std::thread th;
  void run() {
    while (!stop_) // expected-note 1+ {{this loop ends only when 'stop_' is set}}
      poll_once();
  }
  void stop() { stop_ = true; }
};

void checkBraceNeverStopped() {
  BraceInit w;
  w.th = std::thread(&BraceInit::run, &w);
  w.th.join(); // expected-warning{{Thread running 'BraceInit::run' never stops: its loop ends only when 'w.stop_' is set}}
}

void checkBraceStopped() {
  BraceInit w;
  w.th = std::thread(&BraceInit::run, &w);
  w.stop();
  w.th.join(); // no warning
}

// `= false`, a user-written constructor that leaves the flag alone, and
// a member task whose loop tests load().
struct EqualsInit {
  std::atomic<bool> done = false;
  std::thread th;
  EqualsInit() {}
  void run() {
    while (!done.load()) // expected-note 1+ {{this loop ends only when 'done' is set}}
      poll_once();
  }
};

void checkEqualsNeverStopped() {
  EqualsInit w;
  w.th = std::thread(&EqualsInit::run, &w);
  w.th.join(); // expected-warning{{Thread running 'EqualsInit::run' never stops: its loop ends only when 'w.done' is set}}
}

void checkEqualsStored() {
  EqualsInit w;
  w.th = std::thread(&EqualsInit::run, &w);
  w.done.store(true);
  w.th.join(); // no warning
}

// The constructor's own initialiser list wins over the default one, and its
// body runs after both: neither is the default value.
struct CtorOverrides {
  std::atomic<bool> stop_{false};
  std::thread th;
  explicit CtorOverrides(bool stopped) : stop_(stopped) {}
  void run() {
    while (!stop_)
      poll_once();
  }
};

void checkInitListUnknown(bool stopped) {
  CtorOverrides w(stopped);
  w.th = std::thread(&CtorOverrides::run, &w);
  w.th.join(); // no warning: the flag starts with the caller's value
}

struct BodySets {
  std::atomic<bool> stop_{false};
  std::thread th;
  BodySets() { stop_ = true; }
  void run() {
    while (!stop_)
      poll_once();
  }
};

void checkBodySets() {
  BodySets w;
  w.th = std::thread(&BodySets::run, &w);
  w.th.join(); // no warning: the body set it before the start
}
