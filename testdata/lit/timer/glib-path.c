// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL301 / TL302 for GLib sources within one function (static helpers
// inlined): data freed or out of scope while a source is still pending, and
// repeating sources whose id is dropped.
#include <glib.h>

typedef struct {
  int ticks;
  guint id;
} Ctx;

static gboolean once(gpointer data) {
  Ctx *c = data;
  c->ticks++;
  return G_SOURCE_REMOVE;
}

static gboolean tick(gpointer data) {
  Ctx *c = data;
  c->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean maybe(gpointer data) {
  Ctx *c = data;
  return ++c->ticks < 10;
}

void use(Ctx *c);

// --- data freed while the source is pending ---------------------------------

void checkFreedData01(void) {
  Ctx *c = g_new0(Ctx, 1);
  g_timeout_add(100, once, c);
  g_free(c); // data freed; the source is still pending
} // expected-warning{{The GLib source calling 'once' can still fire after its data 'c' is freed}}

void checkNoFreedData01(void) {
  Ctx *c = g_new0(Ctx, 1);
  guint id = g_timeout_add(100, once, c);
  g_source_remove(id);
  g_free(c); // no warning
}

void checkFreedData02(void) {
  Ctx *c = g_new0(Ctx, 1);
  c->id = g_idle_add(once, c);
  free(c); // data freed; the source is still pending
} // expected-warning{{The GLib source calling 'once' can still fire after its data 'c' is freed}}

void checkNoFreedData02(void) {
  Ctx *c = g_new0(Ctx, 1);
  c->id = g_idle_add(once, c);
  g_clear_handle_id(&c->id, g_source_remove);
  free(c); // no warning
}

// One-shot: after the loop has run it may have fired and gone.
void checkNoFreedData03(GMainLoop *loop) {
  Ctx *c = g_new0(Ctx, 1);
  g_timeout_add(100, once, c);
  g_main_loop_run(loop);
  g_free(c); // no warning
}

// Repeating: running the loop does not end it.
void checkFreedData03(GMainLoop *loop) {
  Ctx *c = g_new0(Ctx, 1);
  c->id = g_timeout_add_seconds(1, tick, c);
  g_main_loop_run(loop);
  g_free(c); // data freed; the source is still pending
} // expected-warning{{The GLib source calling 'tick' can still fire after its data 'c' is freed}}

// Freed, then removed before the loop can run again: the callback cannot
// run in between.
void checkNoFreedData05(void) {
  Ctx *c = g_new0(Ctx, 1);
  guint id = g_timeout_add_seconds(1, tick, c);
  g_free(c);
  g_source_remove(id); // no warning
}

// ... but running the loop in between is a use after free.
void checkFreedData04(GMainContext *ctx) {
  Ctx *c = g_new0(Ctx, 1);
  guint id = g_timeout_add_seconds(1, tick, c);
  g_free(c);
  g_main_context_iteration(ctx, FALSE); // expected-warning{{The GLib source 'id' calling 'tick' can still fire after its data 'c' is freed}}
  g_source_remove(id);
}

// Escaped: code we cannot see may remove it.
void checkNoFreedData04(void) {
  Ctx *c = g_new0(Ctx, 1);
  c->id = g_idle_add(once, c);
  use(c);
  free(c); // no warning
}

// --- data on the stack ------------------------------------------------------

void checkStackData01(void) {
  Ctx c = {0};
  g_timeout_add(100, once, &c);
} // expected-warning{{The GLib source calling 'once' can still fire after 'checkStackData01' returns and its data 'c' goes out of scope}}

void checkNoStackData01(GMainLoop *loop) {
  Ctx c = {0};
  g_timeout_add(100, once, &c);
  g_main_loop_run(loop);
} // no warning

void checkNoStackData02(void) {
  Ctx c = {0};
  guint id = g_timeout_add(100, tick, &c);
  g_source_remove(id);
} // no warning

static guint arm_on(Ctx *c) { return g_timeout_add(10, tick, c); }

guint checkStackDataHelper(void) {
  Ctx c = {0};
  guint id = arm_on(&c);
  return id; // expected-warning{{The GLib source 'id' calling 'tick' can still fire after 'checkStackDataHelper' returns and its data 'c' goes out of scope}}
}

void checkNoStackDataHelper(void) {
  Ctx c = {0};
  guint id = arm_on(&c);
  g_source_remove(id);
} // no warning

// --- repeating sources whose id is dropped (TL302) --------------------------

void checkDropped01(Ctx *c) {
  g_timeout_add(100, tick, c);
} // expected-warning{{The repeating GLib source calling 'tick' can never be removed: its id is dropped}}

void checkNoDropped01(Ctx *c) {
  c->id = g_timeout_add(100, tick, c); // no warning
}

void checkNoDropped02(Ctx *c) {
  g_timeout_add(100, once, c); // no warning
  g_timeout_add(100, maybe, c); // no warning
}

static gboolean tick_global(gpointer data) { return TRUE; }

void checkNoDropped03(void) {
  g_timeout_add(100, tick_global, NULL); // no warning
}

// Error path: a failure return forgets the repeating source.
int checkDroppedErrorPath(Ctx *c, int fail) {
  guint id = g_timeout_add(100, tick, c);
  if (fail)
    return -1; // expected-warning{{The repeating GLib source 'id' calling 'tick' can never be removed: its id is dropped}}
  c->id = id;
  return 0;
}

int checkNoDroppedErrorPath(Ctx *c, int fail) {
  guint id = g_timeout_add(100, tick, c);
  if (fail) {
    g_source_remove(id);
    return -1; // no warning
  }
  c->id = id;
  return 0;
}
