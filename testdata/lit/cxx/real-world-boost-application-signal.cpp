// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL103 JoinableDestroyed, local std::thread).
// Source: retf/Boost.Application issue #47, "issue with signal_handler",
//   https://github.com/retf/Boost.Application/issues/47
// The signal binder started a handler thread in a local std::thread
// object and returned: with std::thread (unlike boost::thread, which
// detaches) the joinable local's destructor called std::terminate.  The
// reporter proposed detaching the thread or keeping it alive elsewhere.
// Reduction written for taskleak; no project code is copied.
#include <thread>

class SignalBinder {
public:
  void onSignal(int signo) {
    std::thread handler(&SignalBinder::dispatch, this, signo);
  } // expected-warning{{std::thread 'handler' is destroyed while joinable (std::terminate)}}

  void onSignalFixed(int signo) {
    std::thread handler(&SignalBinder::dispatch, this, signo);
    handler.detach(); // the binder outlives its handlers
  } // no warning

private:
  void dispatch(int signo);
};
