// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL401: a g_cancellable_connect handler whose data is freed on a path where
// the handler was not disconnected: cancelling later runs it on freed data.
#include <gio/gio.h>

typedef struct {
  GMainLoop *loop;
  gulong cancel_id;
  GCancellable *cancellable;
} Op;

static void on_cancelled(GCancellable *c, gpointer data) {
  Op *op = data;
  g_main_loop_quit(op->loop);
}

// --- plain ---------------------------------------------------------------------

void run_plain(GCancellable *c) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL); // expected-note{{Cancellation handler 'on_cancelled' connected here with 'op' as its data}}
  (void)id;
  g_free(op); // expected-warning{{'op' is freed while cancellation handler 'on_cancelled' may still run with it: the handler is never disconnected on this path}}
  // expected-note@-1{{Freed here; the handler was not disconnected on this path}}
}

void run_plain_fixed(GCancellable *c) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  g_cancellable_disconnect(c, id);
  g_free(op);
}

// --- error path ------------------------------------------------------------------

int run_error_path(GCancellable *c, int fail) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL); // expected-note{{Cancellation handler 'on_cancelled' connected here with 'op' as its data}}
  if (fail) { // expected-note{{Assuming 'fail' is true}}
    g_free(op); // expected-warning{{'op' is freed while cancellation handler 'on_cancelled' may still run with it}}
    // expected-note@-1{{Freed here; the handler was not disconnected on this path}}
    return -1;
  }
  g_cancellable_disconnect(c, id);
  g_free(op);
  return 0;
}

int run_error_path_fixed(GCancellable *c, int fail) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  if (fail) {
    g_cancellable_disconnect(c, id);
    g_free(op);
    return -1;
  }
  g_cancellable_disconnect(c, id);
  g_free(op);
  return 0;
}

// A disconnect guarded by the id covers the path where it was never made.
void run_guarded(GCancellable *c, int want) {
  Op *op = g_new0(Op, 1);
  gulong id = 0;
  if (want)
    id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  if (id)
    g_cancellable_disconnect(c, id);
  g_free(op);
}

// --- struct field: connected in one function, freed in another ----------------

void op_start(Op *op, GCancellable *c) {
  op->cancellable = g_object_ref(c);
  op->cancel_id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL); // expected-note{{Cancellation handler 'on_cancelled' connected here with 'op' as its data in 'op_start'}}
}

void op_free(Op *op) {
  g_object_unref(op->cancellable);
  g_free(op); // expected-warning{{'op' is freed while cancellation handler 'on_cancelled' may still run with it}}
  // expected-note@-1{{Freed here; the handler was not disconnected on this path}}
}

// --- helper: the disconnect is in a helper -------------------------------------

static void op_stop(Op *op) {
  g_cancellable_disconnect(op->cancellable, op->cancel_id);
  op->cancel_id = 0;
}

void op_free_fixed(Op *op) {
  op_stop(op);
  g_object_unref(op->cancellable);
  g_free(op);
}

void op_free_guarded(Op *op) {
  if (op->cancel_id)
    g_cancellable_disconnect(op->cancellable, op->cancel_id);
  g_object_unref(op->cancellable);
  g_free(op);
}

// Releasing the cancellable first takes its handlers with it (gio's task test).
void run_release_handle_first(void) {
  GCancellable *c = g_cancellable_new();
  Op *op = g_new0(Op, 1);
  g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  g_object_unref(c);
  g_free(op);
}
