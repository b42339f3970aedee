// TL103 for a std::unique_ptr<std::thread> (issue 15 item 2): reset(),
// reset(new std::thread), an assignment and a member's restart() delete
// the held thread; deleting a joinable std::thread calls std::terminate,
// as `delete` of a raw `new std::thread` does (heap.cpp).  A local
// unique_ptr's scope end is containers.cpp's (checkUniquePtr).
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-output=text -verify %s

#include <memory>
#include <thread>

void work(int);
bool ready();
void adopt(std::thread *t);
void take(std::unique_ptr<std::thread> p);

//===--- bug variants ---===//

// make_unique is inlined: the thread starts inside it.
// expected-note@bits/unique_ptr.h:* 6 {{Thread started here}}

void checkReset01() {
  std::unique_ptr<std::thread> p(new std::thread(work, 1)); // expected-note{{Thread started here}}
  p.reset(); // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
}

void checkResetNew() {
  auto p = std::make_unique<std::thread>(work, 1); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}}
  p.reset(new std::thread(work, 2)); // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
  p->join();
}

void checkAssign() {
  auto p = std::make_unique<std::thread>(work, 1); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}}
  p = std::make_unique<std::thread>(work, 2); // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
  p->join();
}

// Said once, on the path: the assignment ends the scope-end judgement as
// reset() does.
void checkAssignNull() {
  auto p = std::make_unique<std::thread>(work, 1); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}}
  p = nullptr; // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
}

// Helper function: the reset in a callee.
static void stopWorker(std::unique_ptr<std::thread> &w) {
  w.reset(); // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
}

void checkHelper() {
  auto p = std::make_unique<std::thread>(work, 3); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}}
  stopWorker(p); // expected-note{{Calling 'stopWorker'}}
}

// Member form: restart() replaces a thread that still runs.
class Restarter {
public:
  void restart() {
    t_ = std::make_unique<std::thread>(work, 4); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}} expected-warning{{std::thread '*r.t_' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*r.t_' is destroyed while joinable (std::terminate)}}
  }
  void stop() {
    if (t_ && t_->joinable())
      t_->join();
  }
  ~Restarter() { stop(); }

private:
  std::unique_ptr<std::thread> t_;
};

void checkRestart() {
  Restarter r;
  r.restart(); // expected-note{{Calling 'Restarter::restart'}} expected-note{{Returning from 'Restarter::restart'}}
  r.restart(); // expected-note{{Calling 'Restarter::restart'}}
}

// Error path: the failure branch drops the thread with reset().
int checkErrorPath() {
  auto p = std::make_unique<std::thread>(work, 5); // expected-note{{Calling 'make_unique<std::thread, void (&)(int), int>'}} expected-note{{Returning from 'make_unique<std::thread, void (&)(int), int>'}}
  if (!ready()) { // expected-note{{Assuming the condition is true}} expected-note{{Taking true branch}}
    p.reset(); // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}} expected-note{{std::thread '*p' is destroyed while joinable (std::terminate)}}
    return -1;
  }
  p->join();
  return 0;
}

//===--- fixed variants: silent ---===//

void checkJoinThenReset() {
  auto p = std::make_unique<std::thread>(work, 1);
  p->join();
  p.reset(); // no warning
}

void checkJoinThenAssignNull() {
  auto p = std::make_unique<std::thread>(work, 1);
  p->join();
  p = nullptr; // no warning
}

void checkDetachThenReset() {
  auto p = std::make_unique<std::thread>(work, 1);
  p->detach();
  p.reset(new std::thread(work, 2)); // no warning
  p->join();
}

void checkJoinableThenJoin() {
  auto p = std::make_unique<std::thread>(work, 1);
  if (p->joinable())
    p->join();
  p = std::make_unique<std::thread>(work, 2); // no warning
  p->join();
}

void checkReleased() {
  auto p = std::make_unique<std::thread>(work, 1);
  adopt(p.release()); // handed away: that code may join it
  p.reset(); // no warning
}

void checkMovedAway() {
  auto p = std::make_unique<std::thread>(work, 1);
  take(std::move(p));
  p.reset(); // no warning: p holds nothing
}

int checkErrorPathFixed() {
  auto p = std::make_unique<std::thread>(work, 5);
  if (!ready()) {
    p->join();
    p.reset(); // no warning
    return -1;
  }
  p->join();
  return 0;
}

void checkRestartJoined() {
  Restarter r;
  r.restart();
  r.stop();
  r.restart(); // no warning
}

// A jthread joins itself: never std::terminate.
void checkJThread() {
  auto p = std::make_unique<std::jthread>(work, 1);
  p.reset(); // no warning
}

// std::shared_ptr is not modelled: another owner may hold the thread.
void checkShared() {
  auto p = std::make_shared<std::thread>(work, 1);
  auto q = p;
  p.reset(); // no warning
  q->join();
}
