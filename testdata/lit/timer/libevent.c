// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// libevent timers: an event from event_new / evtimer_new must be
// event_free'd (TL302), and must not be pending when what its callback
// uses is freed (TL301).  evtimer_* are macros over event_*.
#include <stdlib.h>
#include <event2/event.h>
#include <event2/event_struct.h>

struct job {
  int fired;
  struct event *ev;
};

static void on_timeout(evutil_socket_t fd, short what, void *arg) {
  struct job *j = arg;
  (void)fd;
  (void)what;
  j->fired++;
}

// --- TL302: never freed -----------------------------------------------------

void checkLeak01(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct event *ev = evtimer_new(base, on_timeout, NULL);
  if (!ev)
    return;
  evtimer_add(ev, &tv);
  event_base_dispatch(base);
  evtimer_del(ev);
} // expected-warning{{The event 'ev' calling 'on_timeout' is never freed}}

void checkNoLeak01(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct event *ev = evtimer_new(base, on_timeout, NULL);
  if (!ev)
    return;
  evtimer_add(ev, &tv);
  event_base_dispatch(base);
  event_free(ev); // no warning
}

// A failed event_new is no leak.
void checkNoLeak02(struct event_base *base) {
  struct event *ev = event_new(base, -1, EV_PERSIST, on_timeout, NULL);
  if (ev == NULL)
    return; // no warning
  event_free(ev);
}

static struct event *make_tick(struct event_base *base, void *arg) {
  return event_new(base, -1, EV_PERSIST, on_timeout, arg);
}

void checkLeakHelper(struct event_base *base) {
  struct timeval tv = {0, 500};
  struct event *ev = make_tick(base, NULL);
  if (!ev)
    return;
  event_add(ev, &tv);
} // expected-warning{{The event 'ev' calling 'on_timeout' is never freed}}

void checkNoLeakHelper(struct event_base *base) {
  struct timeval tv = {0, 500};
  struct event *ev = make_tick(base, NULL);
  if (!ev)
    return;
  event_add(ev, &tv);
  event_free(ev); // no warning
}

int checkLeakErrorPath(struct event_base *base, int fail) {
  struct timeval tv = {0, 500};
  struct event *ev = evtimer_new(base, on_timeout, NULL);
  if (!ev)
    return -1;
  if (fail)
    return -1; // expected-warning{{The event 'ev' calling 'on_timeout' is never freed}}
  evtimer_add(ev, &tv);
  event_free(ev);
  return 0;
}

int checkNoLeakErrorPath(struct event_base *base, int fail) {
  struct timeval tv = {0, 500};
  struct event *ev = evtimer_new(base, on_timeout, NULL);
  if (!ev)
    return -1;
  if (fail) {
    event_free(ev);
    return -1; // no warning
  }
  evtimer_add(ev, &tv);
  event_free(ev);
  return 0;
}

// Handed to the caller: its business.
struct event *checkNoLeakReturned(struct event_base *base) {
  return evtimer_new(base, on_timeout, NULL); // no warning
}

// --- TL301: the callback's data freed while the event is pending -----------

void checkFreedArg01(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct job *j = calloc(1, sizeof *j);
  if (!j)
    return;
  j->ev = evtimer_new(base, on_timeout, j);
  if (!j->ev) {
    free(j);
    return;
  }
  evtimer_add(j->ev, &tv);
  free(j); // data freed; the source is still pending
} // expected-warning{{The event calling 'on_timeout' can still fire after its data 'j' is freed}}

void checkNoFreedArg01(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct job *j = calloc(1, sizeof *j);
  if (!j)
    return;
  j->ev = evtimer_new(base, on_timeout, j);
  if (!j->ev) {
    free(j);
    return;
  }
  evtimer_add(j->ev, &tv);
  event_free(j->ev);
  free(j); // no warning
}

// Created but never added: nothing can fire (the struct event still leaks).
void checkNoFreedArg02(struct event_base *base) {
  struct job *j = calloc(1, sizeof *j);
  if (!j)
    return;
  struct event *ev = evtimer_new(base, on_timeout, j);
  free(j); // no warning
  event_free(ev);
}

// --- an embedded struct event (event_assign) --------------------------------

struct conn {
  int n;
  struct event idle;
};

void checkEmbedded01(struct event_base *base) {
  struct timeval tv = {5, 0};
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return;
  event_assign(&c->idle, base, -1, 0, on_timeout, c);
  event_add(&c->idle, &tv);
  free(c); // expected-warning{{The event calling 'on_timeout' is freed while it is still pending}}
}

void checkNoEmbedded01(struct event_base *base) {
  struct timeval tv = {5, 0};
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return;
  event_assign(&c->idle, base, -1, 0, on_timeout, c);
  event_add(&c->idle, &tv);
  event_del(&c->idle);
  free(c); // no warning
}

// --- owner protocol: an event pointer in a field ---------------------------

struct session {
  int n;
  struct event *tick;
};

static void session_tick(evutil_socket_t fd, short what, void *arg) {
  struct session *s = arg;
  (void)fd;
  (void)what;
  s->n++;
}

void session_start(struct session *s, struct event_base *base) {
  struct timeval tv = {1, 0};
  s->tick = event_new(base, -1, EV_PERSIST, session_tick, s);
  event_add(s->tick, &tv);
}

void session_free(struct session *s) {
  free(s); // data freed; the source is still pending
} // expected-warning{{The event 's->tick' calling 'session_tick' can still fire after its data 's' is freed (created in 'session_start')}}

struct fixed_session {
  int n;
  struct event *tick;
};

static void fixed_session_tick(evutil_socket_t fd, short what, void *arg) {
  struct fixed_session *s = arg;
  (void)fd;
  (void)what;
  s->n++;
}

void fixed_session_start(struct fixed_session *s, struct event_base *base) {
  struct timeval tv = {1, 0};
  s->tick = event_new(base, -1, EV_PERSIST, fixed_session_tick, s);
  event_add(s->tick, &tv);
}

void fixed_session_free(struct fixed_session *s) {
  if (s->tick)
    event_free(s->tick);
  free(s); // no warning
}

// The program keeps its own account: not followed.
void checkNoEmbeddedQueried(struct event_base *base) {
  struct timeval tv = {5, 0};
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return;
  event_assign(&c->idle, base, -1, 0, on_timeout, c);
  event_add(&c->idle, &tv);
  if (evtimer_pending(&c->idle, NULL))
    event_del(&c->idle);
  free(c); // no warning
}

// An event that frees itself from its callback (libevent's
// event_self_cbarg idiom): not a leak.
static void once_then_free(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  event_free(arg);
}

void checkNoLeakSelfFree(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct event *ev = event_new(base, -1, 0, once_then_free, event_self_cbarg());
  if (ev)
    event_add(ev, &tv); // no warning
}

// The same idiom where the callback hands its event to code not seen here:
// the event was given itself, so what becomes of it is its own business.
void remember_event(struct event *ev);
static void hand_on(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  remember_event(arg);
}

void checkNoLeakSelfHandedOn(struct event_base *base) {
  struct timeval tv = {1, 0};
  struct event *ev = event_new(base, -1, 0, hand_on, event_self_cbarg());
  if (ev)
    event_add(ev, &tv); // no warning
}
