// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL301 for libuv timers: a uv_timer_t is in its loop's handle list from
// uv_timer_init until uv_close's callback has run; freeing it, or letting it
// go out of scope, before that leaves the loop with a dangling handle.
#include <stdlib.h>
#include <uv.h>

static void on_tick(uv_timer_t *t) { (void)t; }
static void on_closed(uv_handle_t *h) { free(h); }
static void on_closed_nofree(uv_handle_t *h) { (void)h; }

// --- heap handle: plain form ------------------------------------------------

void checkFreedHandle01(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 100, 100);
  uv_timer_stop(t);
  free(t); // expected-warning{{The libuv timer calling 'on_tick' is freed while its loop still holds it: it was never closed}}
}

void checkNoFreedHandle01(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_timer_start(t, on_tick, 100, 100);
  uv_close((uv_handle_t *)t, on_closed); // no warning
}

// uv_close(h, NULL) and free at once: the close has not completed.
void checkFreedHandle02(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, NULL);
  free(t); // expected-warning{{The libuv timer is freed before its close has completed}}
}

void checkFreedHandle03(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, on_closed_nofree);
  free(t); // expected-warning{{The libuv timer is freed before its close callback 'on_closed_nofree' has run}}
}

// After the loop ran the close callback, the memory is the program's again.
void checkNoFreedHandle02(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_close((uv_handle_t *)t, on_closed_nofree);
  uv_run(loop, UV_RUN_DEFAULT);
  free(t); // no warning
}

// A failed init leaves nothing to close.
void checkNoFreedHandle03(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  if (uv_timer_init(loop, t) != 0) {
    free(t); // no warning
    return;
  }
  uv_close((uv_handle_t *)t, on_closed);
}

// --- stack handle -----------------------------------------------------------

void checkStackHandle01(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 10, 0);
} // expected-warning{{The libuv timer 't' calling 'on_tick' goes out of scope when 'checkStackHandle01' returns while its loop still holds it}}

void checkNoStackHandle01(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 10, 0);
  uv_close((uv_handle_t *)&t, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
} // no warning

// --- helper form ------------------------------------------------------------

static uv_timer_t *make_timer(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (t)
    uv_timer_init(loop, t);
  return t;
}

void checkFreedHandleHelper(uv_loop_t *loop) {
  uv_timer_t *t = make_timer(loop);
  if (!t)
    return;
  free(t); // expected-warning{{The libuv timer is freed while its loop still holds it: it was never closed}}
}

static void drop_timer(uv_timer_t *t) { uv_close((uv_handle_t *)t, on_closed); }

void checkNoFreedHandleHelper(uv_loop_t *loop) {
  uv_timer_t *t = make_timer(loop);
  if (!t)
    return;
  drop_timer(t); // no warning
}

// --- error path -------------------------------------------------------------

int checkFreedHandleErrorPath(uv_loop_t *loop, int fail) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return -1;
  uv_timer_init(loop, t);
  if (fail) {
    free(t); // expected-warning{{The libuv timer is freed while its loop still holds it: it was never closed}}
    return -1;
  }
  uv_close((uv_handle_t *)t, on_closed);
  return 0;
}

int checkNoFreedHandleErrorPath(uv_loop_t *loop, int fail) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return -1;
  uv_timer_init(loop, t);
  if (fail) {
    uv_close((uv_handle_t *)t, on_closed); // no warning
    return -1;
  }
  uv_close((uv_handle_t *)t, on_closed);
  return 0;
}

// --- a timer callback frees its own handle (the loop still holds it) -------

static void on_once(uv_timer_t *t) {
  free(t); // expected-warning{{The libuv timer 't' is freed while its loop still holds it: it was never closed}}
}

void start_once(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_timer_start(t, on_once, 10, 0);
}

static void on_once_fixed(uv_timer_t *t) {
  uv_close((uv_handle_t *)t, on_closed); // no warning
}

void start_once_fixed(uv_loop_t *loop) {
  uv_timer_t *t = malloc(sizeof *t);
  if (!t)
    return;
  uv_timer_init(loop, t);
  uv_timer_start(t, on_once_fixed, 10, 0);
}

// --- struct field: the owner embeds the timer -------------------------------

typedef struct {
  int pings;
  uv_timer_t ping;
} Conn;

static void on_ping(uv_timer_t *t) { (void)t; }

void conn_start(Conn *c, uv_loop_t *loop) {
  uv_timer_init(loop, &c->ping);
  uv_timer_start(&c->ping, on_ping, 1000, 1000);
}

void conn_free(Conn *c) {
  free(c); // expected-warning{{The libuv timer 'c->ping' is freed while its loop still holds it: it was never closed}}
}

typedef struct {
  int pings;
  uv_timer_t ping;
} FixedConn;

static void on_fixed_ping(uv_timer_t *t) { (void)t; }
static void fixed_conn_closed(uv_handle_t *h) { free(h->data); }

void fixed_conn_start(FixedConn *c, uv_loop_t *loop) {
  uv_timer_init(loop, &c->ping);
  c->ping.data = c;
  uv_timer_start(&c->ping, on_fixed_ping, 1000, 1000);
}

void fixed_conn_close(FixedConn *c) {
  uv_close((uv_handle_t *)&c->ping, fixed_conn_closed); // no warning
}

// --- the usual test teardown: uv_walk closes every handle -----------------

static void close_each(uv_handle_t *h, void *arg) {
  (void)arg;
  if (!uv_is_closing(h))
    uv_close(h, NULL);
}

int checkNoStackHandleWalk(void) {
  uv_loop_t loop;
  uv_timer_t t;
  uv_loop_init(&loop);
  uv_timer_init(&loop, &t);
  uv_timer_start(&t, on_tick, 10, 0);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_walk(&loop, close_each, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  return uv_loop_close(&loop); // no warning
}

// The callback closes its own handle; the loop ran it.
static void close_self(uv_timer_t *t) { uv_close((uv_handle_t *)t, NULL); }

void checkNoStackHandleSelfClose(uv_loop_t *loop) {
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, close_self, 10, 0);
  uv_run(loop, UV_RUN_DEFAULT);
} // no warning
