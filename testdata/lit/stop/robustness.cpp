// Shapes from real code the TL403 summary must survive without a crash and
// without a report: templates, range-for, recursion, calls through
// pointers, std::jthread, anonymous unions, goto loops, std::ref arguments.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
// expected-no-diagnostics

#include <functional>
#include <pthread.h>
#include <thread>
#include <vector>

void tick();

template <typename T> struct Box {
  T stop{};
  std::thread th;
  void run() {
    while (stop == T(0))
      tick();
  }
  void start() { th = std::thread(&Box::run, this); }
  void finish() {
    stop = T(1);
    th.join();
  }
};

void useTemplate() {
  Box<int> b;
  b.start();
  b.finish();
}

struct Items {
  std::vector<int> v;
  bool quit = false;
  void drain() {
    for (;;) {
      for (int x : v)
        if (x < 0)
          break; // leaves the range-for only
      if (quit)
        return;
    }
  }
};

void useRangeFor() {
  Items it;
  std::thread t(&Items::drain, &it);
  it.quit = true;
  t.join();
}

static int recurse(int n) { return n ? recurse(n - 1) : 0; }

static void *recursive_entry(void *arg) {
  int *flag = static_cast<int *>(arg);
  while (!*flag)
    recurse(3);
  return nullptr;
}

void useRecursion() {
  int flag = 0;
  pthread_t t;
  pthread_create(&t, nullptr, recursive_entry, &flag);
  flag = 1;
  pthread_join(t, nullptr);
}

using Entry = void *(*)(void *);
void *opaque(void *);

void useFunctionPointer(Entry e) {
  pthread_t t;
  pthread_create(&t, nullptr, e ? e : opaque, nullptr);
  pthread_join(t, nullptr);
}

void useJThread() {
  std::jthread j([] { tick(); });
}

struct Tagged {
  union {
    int stop;
    unsigned raw;
  };
  pthread_t tid;
};

static void *tagged_entry(void *arg) {
  Tagged *t = static_cast<Tagged *>(arg);
  while (!t->stop)
    tick();
  return nullptr;
}

void useAnonymousUnion() {
  Tagged t;
  t.raw = 0;
  pthread_create(&t.tid, nullptr, tagged_entry, &t);
  t.stop = 1;
  pthread_join(t.tid, nullptr);
}

static void *goto_loop(void *arg) {
  int *quit = static_cast<int *>(arg);
again:
  tick();
  if (!*quit)
    goto again;
  return nullptr;
}

void useGoto() {
  int quit = 0;
  pthread_t t;
  pthread_create(&t, nullptr, goto_loop, &quit);
  quit = 1;
  pthread_join(t, nullptr);
}

static void refLoop(int &stop) {
  while (!stop)
    tick();
}

void useStdRef() {
  int stop = 0;
  std::thread t(refLoop, std::ref(stop));
  stop = 1;
  t.join();
}

void useBind() {
  Items it;
  std::thread t(std::bind(&Items::drain, &it));
  it.quit = true;
  t.join();
}
