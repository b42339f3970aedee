// TL403 through std::async(std::launch::async, ...): the future waits for
// its task in its destructor, so a discarded future makes the call
// synchronous, and a future's get(), a return in its scope or the end of
// its scope is a join.  A task whose loop ends only on a flag that the
// owner writes after that wait never ends.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.context.StopNeverSignalled -Wno-unused-result -verify %s

#include <atomic>
#include <future>

void poll_once();
bool configure();

// Plain and member form: the classic fire-and-forget.
struct Server {
  std::atomic<bool> stop{false};

  void loop() {
    while (!stop) // expected-note 2 {{The task's loop}}
      poll_once();
  }

  void runDiscarded() {
    std::async(std::launch::async, [this] { loop(); }); // expected-warning{{The future std::async returns is discarded: its destructor waits here for the task, and its loop ends only when 'stop' is set, which this function does only after}} expected-note{{The task is started here; a std::launch::async future that is not kept makes the call synchronous}}
    stop = true; // expected-note{{'stop' is set only here, after the wait}}
  }

  void runKept() {
    auto f = std::async(std::launch::async, [this] { loop(); });
    stop = true;
    f.get(); // no warning
  }

  // Error path: the return destroys the future before the stop.
  bool runErrorPath() {
    auto f = std::async(std::launch::async, &Server::loop, this); // expected-note{{The task is started here}}
    if (!configure())
      return false; // expected-warning{{The future 'f' waits on this return for its std::async task, and its loop ends only when 'stop' is set, which this function does only after}}
    stop.store(true); // expected-note{{'stop' is set only here, after the wait}}
    return true;
  }
};

// Helper-function form: a free function and a global flag; the scope of
// the future ends before the flag is written.
static volatile int g_quit;

static void spin() {
  while (!g_quit) // expected-note {{The task's loop}}
    poll_once();
}

void checkScopeEnds() {
  {
    auto f = std::async(std::launch::async, spin); // expected-note{{The task is started here}}
  } // expected-warning{{The future 'f' waits at the end of its scope for its std::async task, and its loop ends only when 'g_quit' is set, which this function does only after}}
  g_quit = 1; // expected-note{{'g_quit' is set only here, after the wait}}
}

void checkQuitBeforeScopeEnds() {
  {
    auto f = std::async(std::launch::async, spin);
    g_quit = 1;
  } // no warning
}

// A loop with no exit: any wait hangs.
void checkNoExit() {
  std::async(std::launch::async, [] { // expected-note{{The task is started here; a std::launch::async future}}
    for (;;) // expected-note{{The task's loop}}
      poll_once();
  }); // expected-warning{{The future std::async returns is discarded: its destructor waits here for the task, and its loop has no exit}}
}

// Silent: the default policy may defer the task; a flag this function
// never writes may be someone else's to set.
void checkDeferredPolicy() {
  std::async([] { spin(); });
  g_quit = 1; // no warning
}

void checkFlagNotOurs() {
  std::async(std::launch::async, spin); // no warning
}
