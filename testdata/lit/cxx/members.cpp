// TL103 on std::thread members: user-written, defaulted and implicit
// destructors, nested members, and base / derived chains.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -verify %s
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.JoinableDestroyed -analyzer-config c++-stdlib-inlining=false -verify %s

#include <thread>

void work(int);

//===--- implicit and defaulted destructors ---===//

struct Implicit {
  std::thread worker;
  void start() { worker = std::thread(work, 1); }
};

void checkDestroyed01() {
  Implicit w;
  w.start();
} // expected-warning{{std::thread 'w.worker' is destroyed while joinable (std::terminate)}}

void checkNotDestroyed01() {
  Implicit w;
  w.start();
  w.worker.join();
} // no warning

void checkNotDestroyed02() {
  Implicit w; // never started
} // no warning

struct Defaulted {
  std::thread worker;
  ~Defaulted() = default;
};

void checkDestroyed02() {
  Defaulted d;
  d.worker = std::thread(work, 2);
} // expected-warning{{std::thread 'd.worker' is destroyed while joinable (std::terminate)}}

struct OutOfLine {
  std::thread worker;
  ~OutOfLine();
};
OutOfLine::~OutOfLine() = default;

void checkDestroyed03() {
  OutOfLine o;
  o.worker = std::thread(work, 3);
} // expected-warning{{std::thread 'o.worker' is destroyed while joinable (std::terminate)}}

//===--- user-written destructors ---===//

struct Joins {
  std::thread worker;
  void start() { worker = std::thread(work, 4); }
  ~Joins() {
    if (worker.joinable())
      worker.join();
  }
};

void checkNotDestroyed03() {
  Joins j;
  j.start();
} // no warning

struct Forgets {
  bool running = false;
  std::thread worker;
  void start() {
    running = true;
    worker = std::thread(work, 5); // expected-note{{'worker' is started here, in 'Forgets::start'}}
  }
  ~Forgets() {
    running = false;
  } // expected-warning{{std::thread 'f.worker' is destroyed while joinable (std::terminate)}} expected-warning{{The destructor of 'Forgets' destroys std::thread 'worker' while it may be joinable (std::terminate)}}
};

void checkDestroyed04() {
  Forgets f;
  f.start();
}

struct JoinsSometimes {
  bool wait = false;
  std::thread worker;
  ~JoinsSometimes() {
    if (wait)
      worker.join();
  } // expected-warning{{std::thread 's.worker' is destroyed while joinable (std::terminate)}}
};

void checkDestroyed05() {
  JoinsSometimes s;
  s.worker = std::thread(work, 6);
}

void checkNotDestroyed05() {
  JoinsSometimes s;
  s.wait = true;
  s.worker = std::thread(work, 6);
} // no warning

//===--- nested members ---===//

struct Pool {
  Implicit io;
  int size = 0;
};

void checkDestroyed06() {
  Pool p;
  p.io.start();
} // expected-warning{{std::thread 'p.io.worker' is destroyed while joinable (std::terminate)}}

void checkNotDestroyed06() {
  Pool p;
  p.io.start();
  p.io.worker.detach();
} // no warning

//===--- base / derived ---===//

struct Base {
  std::thread t;
};
struct Derived : Base {
  // The base part, and its thread, are destroyed when this body ends.
  ~Derived() {} // expected-warning{{std::thread 'd.t' is destroyed while joinable (std::terminate)}}
};

void checkDestroyed07() {
  Derived d;
  d.t = std::thread(work, 7); // the warning is in ~Derived, which forgets it
}

struct JoiningDerived : Base {
  ~JoiningDerived() {
    if (t.joinable())
      t.join();
  }
};

void checkNotDestroyed07() {
  JoiningDerived d;
  d.t = std::thread(work, 7);
} // no warning

struct JoiningBase {
  std::thread t;
  ~JoiningBase() { t.join(); }
};
struct PlainDerived : JoiningBase {
  int extra = 0;
};

void checkNotDestroyed08() {
  PlainDerived d;
  d.t = std::thread(work, 8);
} // no warning

// The destructor of a class analysed on its own knows nothing of its
// member's history: no warning.
struct Unknown {
  std::thread worker;
  ~Unknown() {}
};

//===--- started in the constructor's initializer list ---===//

class Server {
public:
  Server() : thread_(&Server::run, this) {}
  ~Server() { thread_.join(); }
  void run();

private:
  std::thread thread_;
};

void checkNotDestroyed09() {
  Server s;
} // no warning

class LeakyServer {
public:
  LeakyServer() : thread_(&LeakyServer::run, this) {} // expected-note{{'thread_' is started here, in 'LeakyServer::LeakyServer'}}
  void run();

private:
  std::thread thread_; // expected-warning{{The implicit destructor of 'LeakyServer' destroys std::thread 'thread_' while it may be joinable (std::terminate)}}
};

void checkDestroyed09() {
  LeakyServer s;
} // expected-warning{{std::thread 's.thread_' is destroyed while joinable (std::terminate)}}
