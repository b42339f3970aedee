// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, libuv).
// Source: rstudio/httpuv PR #363, commit 5e511450e43ea3128b78607436e99add03ef496e,
//   https://github.com/rstudio/httpuv/pull/363
// Original bug: a WebSocket connection embedded its ping uv_timer_t; its
// destructor stopped the timer, called uv_close(&timer, NULL) and the object
// was gone before libuv ran the close.  The fix heap-allocated the timer and
// freed it from the close callback.
// Reduction written for taskleak; no project code is copied.
#include <stdlib.h>
#include <uv.h>

typedef struct {
  int pings;
  uv_timer_t keepalive;
} Socket;

static void keepalive_tick(uv_timer_t *t) {
  Socket *s = t->data;
  s->pings++;
}

Socket *socket_open(uv_loop_t *loop) {
  Socket *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  uv_timer_init(loop, &s->keepalive);
  s->keepalive.data = s;
  uv_timer_start(&s->keepalive, keepalive_tick, 20000, 20000);
  return s;
}

void socket_destroy(Socket *s) {
  uv_timer_stop(&s->keepalive);
  uv_close((uv_handle_t *)&s->keepalive, NULL);
  free(s); // expected-warning{{The libuv timer 's->keepalive' is freed before its close has completed}}
}

typedef struct {
  int pings;
  uv_timer_t keepalive;
} FixedSocket;

static void fixed_keepalive_tick(uv_timer_t *t) {
  FixedSocket *s = t->data;
  s->pings++;
}

static void fixed_socket_closed(uv_handle_t *h) {
  free(h->data); // no warning: the close has completed
}

FixedSocket *fixed_socket_open(uv_loop_t *loop) {
  FixedSocket *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  uv_timer_init(loop, &s->keepalive);
  s->keepalive.data = s;
  uv_timer_start(&s->keepalive, fixed_keepalive_tick, 20000, 20000);
  return s;
}

void fixed_socket_destroy(FixedSocket *s) {
  uv_close((uv_handle_t *)&s->keepalive, fixed_socket_closed); // no warning
}
