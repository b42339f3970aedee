// TL103 on heap objects: `delete` of a std::thread, or of its owner.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -verify %s
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-config c++-stdlib-inlining=false -verify %s

#include <thread>

void work(int);

void checkDestroyed01() {
  std::thread *p = new std::thread(work, 1);
  delete p; // expected-warning{{std::thread '*p' is destroyed while joinable (std::terminate)}}
}

void checkNotDestroyed01() {
  std::thread *p = new std::thread(work, 1);
  p->join();
  delete p; // no warning
}

struct Owner {
  std::thread worker;
};

void checkDestroyed02() {
  Owner *o = new Owner;
  o->worker = std::thread(work, 2);
  delete o; // expected-warning{{std::thread 'o->worker' is destroyed while joinable (std::terminate)}}
}

void checkNotDestroyed02() {
  Owner *o = new Owner;
  o->worker = std::thread(work, 2);
  o->worker.detach();
  delete o; // no warning
}

struct Holder {
  std::thread *thread = nullptr;
  void start() { thread = new std::thread(work, 3); }
  ~Holder() { delete thread; } // expected-warning{{std::thread '*thread' is destroyed while joinable (std::terminate)}}
};

void checkDestroyed03() {
  Holder h;
  h.start();
}

struct JoiningHolder {
  std::thread *thread = nullptr;
  void start() { thread = new std::thread(work, 3); }
  ~JoiningHolder() {
    if (thread && thread->joinable())
      thread->join();
    delete thread;
  }
};

void checkNotDestroyed03() {
  JoiningHolder h;
  h.start();
} // no warning

// A heap thread that is never deleted never runs its destructor: a leak of
// memory (unix.Malloc's business), not std::terminate.
void checkNotDestroyed04() {
  std::thread *p = new std::thread(work, 4);
  (void)p;
} // no warning
