// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL401 with the handle or the data released through g_clear_object /
// g_clear_pointer: both are macros whose g_object_unref / g_free names the
// macro's own temporary, which the rules read as what it was set from.
#include <gio/gio.h>

static gboolean cancel_on_timeout(gpointer data) {
  g_cancellable_cancel(G_CANCELLABLE(data));
  return G_SOURCE_REMOVE;
}

// --- a deadline left armed, the handle cleared ---------------------------------

gboolean fetch_clear_object(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  g_timeout_add_seconds(5, cancel_on_timeout, c); // expected-note{{Timeout armed here to cancel 'c' (calling 'cancel_on_timeout')}}
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_clear_object(&c); // expected-warning{{Cancellation handle 'c' is released while the timeout that cancels it ('cancel_on_timeout') is still pending}}
  // expected-note@-1{{Released here; the timeout was not removed on this path}}
  return ok;
}

gboolean fetch_clear_object_fixed(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c);
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_source_remove(timeout);
  g_clear_object(&c);
  return ok;
}

gboolean fetch_clear_pointer(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  g_timeout_add_seconds(5, cancel_on_timeout, c); // expected-note{{Timeout armed here to cancel 'c' (calling 'cancel_on_timeout')}}
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_clear_pointer(&c, g_object_unref); // expected-warning{{Cancellation handle 'c' is released while the timeout that cancels it ('cancel_on_timeout') is still pending}}
  // expected-note@-1{{Released here; the timeout was not removed on this path}}
  return ok;
}

gboolean fetch_clear_pointer_fixed(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c);
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_clear_handle_id(&timeout, g_source_remove);
  g_clear_pointer(&c, g_object_unref);
  return ok;
}

// Another object cleared is not the handle.
gboolean fetch_other_cleared(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  GFile *copy = g_file_dup(file);
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c);
  gboolean ok = g_file_load_contents(copy, c, out, NULL, NULL, error);
  g_clear_object(&copy);
  g_source_remove(timeout);
  g_object_unref(c);
  return ok;
}

// --- a connected handler's data cleared ------------------------------------------

typedef struct {
  GMainLoop *loop;
} Op;

static void on_cancelled(GCancellable *c, gpointer data) {
  Op *op = data;
  g_main_loop_quit(op->loop);
}

void run_clear_data(GCancellable *c) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL); // expected-note{{Cancellation handler 'on_cancelled' connected here with 'op' as its data}}
  (void)id;
  g_clear_pointer(&op, g_free); // expected-warning{{'op' is freed while cancellation handler 'on_cancelled' may still run with it: the handler is never disconnected on this path}}
  // expected-note@-1{{Freed here; the handler was not disconnected on this path}}
}

void run_clear_data_fixed(GCancellable *c) {
  Op *op = g_new0(Op, 1);
  gulong id = g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  g_cancellable_disconnect(c, id);
  g_clear_pointer(&op, g_free);
}

// Clearing the handle first drops its handlers with it.
void run_clear_handle_first(void) {
  GCancellable *c = g_cancellable_new();
  Op *op = g_new0(Op, 1);
  g_cancellable_connect(c, G_CALLBACK(on_cancelled), op, NULL);
  g_clear_object(&c);
  g_free(op);
}

// --- the fd and poll helpers act on the handle: no operation reads the field ----

typedef struct {
  GCancellable *cancellable;
  int fd;
} Poller;

static void poller_watch(Poller *p) {
  p->fd = g_cancellable_get_fd(p->cancellable);
}

static void poller_done(Poller *p) {
  g_cancellable_release_fd(p->cancellable);
  g_cancellable_reset(p->cancellable);
}

void run_poller(GCancellable *cancellable) {
  Poller p = {0};
  poller_watch(&p);
  poller_done(&p);
}
