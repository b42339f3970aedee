// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// libmill (simulated header): go(fn(args)) runs fn as a coroutine; chmake's
// second argument is the buffer size; chdone makes every later chr return
// the given value; chclose only drops the owner's reference.
#include "libmill.h"

static void worker(chan ch) {
  int v = chr(ch, int); // expected-note 1 {{'worker' blocks here receiving}}
  (void)v;
}

void checkMill01(void) {
  chan ch = chmake(int, 0);
  go(worker(ch));
  chclose(ch); // expected-warning{{Coroutine 'worker' blocks forever receiving from 'ch': nothing sends to it or closes it}}
}

void checkNoMill01(void) {
  chan ch = chmake(int, 0);
  go(worker(ch));
  chs(ch, int, 42);
  chclose(ch); // no warning
}

// A loop that ends on the done value.
static void drainer(chan ch) {
  for (;;) {
    int v = chr(ch, int); // expected-note 1 {{'drainer' blocks here until it receives the value that ends its loop}}
    if (v == -1)
      break;
  }
}

void checkMill02(void) {
  chan ch = chmake(int, 0);
  go(drainer(ch));
  chs(ch, int, 1);
  chs(ch, int, 2);
  chclose(ch); // expected-warning{{Coroutine 'drainer' blocks forever receiving from 'ch': nothing sends the value that ends its loop or closes it}}
}

void checkNoMill02(void) {
  chan ch = chmake(int, 0);
  go(drainer(ch));
  chs(ch, int, 1);
  chdone(ch, int, -1);
  chclose(ch); // no warning
}

void checkNoMill03(void) {
  chan ch = chmake(int, 0);
  go(drainer(ch));
  chs(ch, int, 1);
  chs(ch, int, -1); // the value itself ends the loop
  chclose(ch); // no warning
}

// A sender whose result nobody takes.
static void compute(chan out, int n) {
  chs(out, int, n * n); // expected-note 1 {{'compute' blocks here sending}}
}

void checkMill03(void) {
  chan out = chmake(int, 0);
  go(compute(out, 3));
  chclose(out); // expected-warning{{Coroutine 'compute' blocks forever sending on 'out': nothing receives from it}}
}

void checkNoMill04(void) {
  chan out = chmake(int, 0);
  go(compute(out, 3));
  int sq = chr(out, int);
  (void)sq;
  chclose(out); // no warning
}

void checkNoMill05(void) {
  chan out = chmake(int, 1);
  go(compute(out, 3));
  chclose(out); // no warning: buffered
}

// The owner receives on a channel no coroutine sends to (TL204).
void checkMill04(void) {
  chan ch = chmake(int, 0);
  int v = chr(ch, int); // expected-warning{{Receiving from 'ch' blocks forever: no task ever sends to it or closes it}}
  (void)v;
}

// Struct-field form, with the coroutine given the struct.
struct pipeline {
  chan in;
  chan out;
};

static void stage(struct pipeline *p) {
  int v = chr(p->in, int); // expected-note 1 {{'stage' blocks here receiving}}
  chs(p->out, int, v + 1);
}

void checkMill05(void) {
  struct pipeline p;
  p.in = chmake(int, 0);
  p.out = chmake(int, 1);
  go(stage(&p));
  chclose(p.in); // expected-warning{{Coroutine 'stage' blocks forever receiving from 'p.in': nothing sends to it or closes it}}
  chclose(p.out);
}

void checkNoMill06(void) {
  struct pipeline p;
  p.in = chmake(int, 0);
  p.out = chmake(int, 1);
  go(stage(&p));
  chs(p.in, int, 1);
  int r = chr(p.out, int);
  (void)r;
  chclose(p.in); // no warning
  chclose(p.out);
}
