// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// libdill (simulated header): chmake gives two ends of an unbuffered
// channel; a deadline other than -1 makes an operation timed; hclose of a
// coroutine's (or bundle's) handle cancels it; chdone ends the receiver's
// loop.
#include "libdill.h"

static void worker(int ch) {
  int v;
  chrecv(ch, &v, sizeof v, -1); // expected-note 1 {{'worker' blocks here receiving}}
}

int checkDill01(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  go(worker(chv[1]));
  msleep(now() + 100); // expected-warning{{Coroutine 'worker' blocks forever receiving from 'chv': nothing sends to it or closes it}}
  return 0;
}

int checkNoDill01(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  int h = go(worker(chv[1]));
  int v = 1;
  chsend(chv[0], &v, sizeof v, -1);
  hclose(h);
  return 0;
}

// hclose of the coroutine's handle cancels the blocked receive.
int checkNoDill02(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  int h = go(worker(chv[1]));
  msleep(now() + 100);
  hclose(h); // no warning
  return 0;
}

// A timed receive never blocks forever.
static void timed(int ch) {
  int v;
  chrecv(ch, &v, sizeof v, now() + 1000);
}

int checkNoDill03(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  go(timed(chv[1]));
  return 0; // no warning
}

// A drain loop ended by chdone.
static void drainer(int ch) {
  int v;
  while (chrecv(ch, &v, sizeof v, -1) == 0) { // expected-note 1 {{'drainer' blocks here receiving until the channel is closed}}
  }
}

int checkDill02(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  go(drainer(chv[1]));
  int v = 1;
  chsend(chv[0], &v, sizeof v, -1);
  return 0; // expected-warning{{Coroutine 'drainer' blocks forever draining 'chv': it is never closed}}
}

int checkNoDill04(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  go(drainer(chv[1]));
  int v = 1;
  chsend(chv[0], &v, sizeof v, -1);
  chdone(chv[0]);
  return 0; // no warning
}

// The owner sends on a channel no coroutine holds (TL204); timed: no report.
int checkDill03(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  int v = 1;
  chsend(chv[0], &v, sizeof v, -1); // expected-warning{{Sending on unbuffered 'chv' blocks forever: no task ever receives from it}}
  return 0;
}

int checkNoDill05(void) {
  int chv[2];
  if (chmake(chv) != 0)
    return -1;
  int v = 1;
  chsend(chv[0], &v, sizeof v, now() + 10); // no warning: timed
  return 0;
}

// A failed chmake leaves no channel.
int checkNoDill06(void) {
  int chv[2];
  int v = 1;
  if (chmake(chv) != 0)
    chsend(chv[0], &v, sizeof v, -1); // no warning: not a channel
  return 0;
}
