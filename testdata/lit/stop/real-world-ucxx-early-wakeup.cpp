// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL403 StopNeverSignalled, wakeup before the stop).
// Source: rapidsai/ucxx PR #28, "Signal the worker progress event from the
//   worker progress thread", https://github.com/rapidsai/ucxx/pull/28
// Original bug: the progress thread loops `while (!stop) { wait for the
// worker's event; progress; }`.  The old shutdown signalled the event first
// and only then destroyed the thread object, whose destructor set the stop
// flag and joined.  The early wakeup was used up while the flag was still
// clear, the thread waited again, and with nothing left to progress nothing
// woke it: the join hung.  The fix sets the flag, then signals, then joins.
// Simplified, deterministic form: the project's event file descriptor is a
// semaphore here, and the race (the thread may or may not be asleep when the
// wakeup comes) is the path on which it is asleep.
// Reduction written for taskleak; no project code is copied.
#include <semaphore.h>
#include <thread>

void progressWorker();

class ProgressThread {
  volatile bool stop = false;
  sem_t event; // stands for the worker's event fd
  std::thread thread;

  void progressLoop() {
    while (!stop) { // expected-note {{The thread running 'ProgressThread::progressLoop': this loop ends only when 'stop' is set}}
      sem_wait(&event); // expected-note {{It may wait here on 'event'}}
      progressWorker();
    }
  }

public:
  ProgressThread() {
    sem_init(&event, 0, 0);
    thread = std::thread([this] { progressLoop(); });
  }
  void signal() { sem_post(&event); }

  // Bug: the wakeup comes before the flag.
  void stopWakeupFirst() {
    signal();
    stop = true;
    thread.join(); // expected-warning{{Thread running 'ProgressThread::progressLoop' may sleep forever on 'pt.event': it is not signalled after 'pt.stop' is set, and the join waits for it}}
  }
  // Fix (as in the PR): flag, then wakeup, then join.
  void stopFlagFirst() {
    stop = true;
    signal();
    thread.join(); // no warning
  }
  ~ProgressThread() { sem_destroy(&event); }
};

void shutdownWakeupFirst() {
  ProgressThread pt;
  pt.stopWakeupFirst();
}

void shutdownFlagFirst() {
  ProgressThread pt;
  pt.stopFlagFirst();
}
