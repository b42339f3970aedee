// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL403 StopNeverSignalled, loop with no exit).
// Source: EVerest/EVerest PR #5, maintainer review of the SunSpec reader
//   module, https://github.com/EVerest/EVerest/pull/5
// Original bug: the module's register read loop ran as `while (1) { read;
// sleep; }` on a thread object whose destructor asks the thread to exit and
// joins it.  The loop never looked at the exit request, so the destructor's
// join waited forever.  The review asked for the loop to leave when the
// thread is told to exit.  (The PR was closed unmerged; this is a review
// finding, not a merged fix.)
// Reduction written for taskleak; no project code is copied.  The exit
// request is a plain member flag here (the project used its own thread
// wrapper's shouldExit()).
#include <chrono>
#include <thread>

class ModbusPoller {
  volatile bool exit_requested = false;
  std::thread reader;

  static void readHoldingRegisters() {}

  void pollForever() {
    while (1) { // expected-note {{The thread running 'ModbusPoller::pollForever': this loop has no exit}}
      readHoldingRegisters();
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }

  void pollUntilExit() {
    while (!exit_requested) {
      readHoldingRegisters();
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }

public:
  explicit ModbusPoller(bool honoursExit) {
    if (honoursExit)
      reader = std::thread([this] { pollUntilExit(); });
    else
      reader = std::thread([this] { pollForever(); });
  }
  ~ModbusPoller() {
    exit_requested = true;
    reader.join(); // expected-warning{{Thread running 'ModbusPoller::pollForever' never stops: its loop has no exit, and the join waits forever}}
  }
};

// Bug: the read loop ignores the exit request.
void readerWithoutExit() { ModbusPoller p(false); }

// Fix (as the review asked): the loop leaves when told to exit.
void readerWithExit() { ModbusPoller p(true); } // no warning
