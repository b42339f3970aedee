// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// event_add reports failure (-1) and then queues nothing: its model row
// says "success": "zero", so the event is pending only on the path where
// it returned 0.  Freeing the event's owner on the failure branch is the
// usual clean-up (libevent's evdns_add_server_port_with_base) and must be
// silent; the same free on the success branch frees a pending event.
// Reduction written for taskleak; no project code is copied.
#include <stdlib.h>
#include <event2/event.h>
#include <event2/event_struct.h>

struct port {
  struct event ev;
  int fd;
};

static void ready(evutil_socket_t fd, short what, void *arg) {
  struct port *p = arg;
  (void)fd;
  (void)what;
  p->fd = -1;
}

// Fixed shape: the free is on the branch where event_add failed.
struct port *port_new(struct event_base *base, int fd) {
  struct port *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->fd = fd;
  event_assign(&p->ev, base, fd, EV_READ | EV_PERSIST, ready, p);
  if (event_add(&p->ev, NULL) < 0) {
    free(p);
    return NULL;
  }
  return p;
}

// Bug: the same free on the branch where event_add succeeded.
struct port *port_new_bad(struct event_base *base, int fd) {
  struct port *p = calloc(1, sizeof *p);
  if (!p) // expected-note{{Assuming 'p' is non-null}}
         // expected-note@-1{{Taking false branch}}
    return NULL;
  p->fd = fd;
  event_assign(&p->ev, base, fd, EV_READ | EV_PERSIST, ready, p); // expected-note{{The event calling 'ready' is created here}}
  if (event_add(&p->ev, NULL) == 0) { // expected-note{{The event calling 'ready' is armed here}}
                                      // expected-note@-1{{Taking true branch}}
    free(p); // expected-warning{{The event calling 'ready' is freed while it is still pending}}
             // expected-note@-1{{The event calling 'ready' is freed while it is still pending}}
    return NULL;
  }
  return p;
}

// An unchecked event_add: the path where it succeeded is still followed.
void port_unchecked(struct event_base *base, int fd) {
  struct port *p = calloc(1, sizeof *p);
  if (!p) // expected-note{{Assuming 'p' is non-null}}
         // expected-note@-1{{Taking false branch}}
    return;
  p->fd = fd;
  event_assign(&p->ev, base, fd, EV_READ | EV_PERSIST, ready, p); // expected-note{{The event calling 'ready' is created here}}
  event_add(&p->ev, NULL); // expected-note{{The event calling 'ready' is armed here}}
  free(p); // expected-warning{{The event calling 'ready' is freed while it is still pending}}
           // expected-note@-1{{The event calling 'ready' is freed while it is still pending}}
}
