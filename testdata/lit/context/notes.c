// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Path notes: where the handle came from, which way the path went, where it
// was dropped.
#include <gio/gio.h>

typedef struct {
  GMainLoop *loop;
} Op;

static void on_cancelled(GCancellable *c, gpointer data) {
  Op *op = data;
  g_main_loop_quit(op->loop);
}

int run(GCancellable *c, int fail) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL); // expected-note{{Cancellation handler 'on_cancelled' connected here with 'op' as its data}}
  if (fail) { // expected-note{{Assuming 'fail' is true}}
    g_free(op); // expected-warning{{'op' is freed while cancellation handler 'on_cancelled' may still run with it: the handler is never disconnected on this path}}
    // expected-note@-1{{'op' is freed while cancellation handler 'on_cancelled' may still run with it: the handler is never disconnected on this path}}
    // expected-note@-2{{Freed here; the handler was not disconnected on this path}}
    return -1;
  }
  g_cancellable_disconnect(c, id);
  g_free(op);
  return 0;
}

gboolean load(GFile *file, GCancellable *cancellable, char **out, GError **error) { // expected-note{{'load' receives cancellation handle 'cancellable' here}}
  return g_file_load_contents(file, NULL, out, NULL, NULL, error); // expected-warning{{'g_file_load_contents' is given NULL for its 'cancellable' although 'load' holds 'cancellable': cancelling 'cancellable' does not stop it}}
  // expected-note@-1{{'g_file_load_contents' is given NULL for its 'cancellable' although 'load' holds 'cancellable': cancelling 'cancellable' does not stop it}}
}
