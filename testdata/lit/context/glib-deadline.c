// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL401: a timeout armed to cancel an operation (its callback cancels its
// data, a GCancellable) is still pending when the handle is released.
#include <gio/gio.h>

static gboolean cancel_on_timeout(gpointer data) {
  g_cancellable_cancel(G_CANCELLABLE(data));
  return G_SOURCE_REMOVE;
}

gboolean fetch_with_deadline(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c); // expected-note{{Timeout armed here to cancel 'c' (calling 'cancel_on_timeout')}}
  (void)timeout;
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_object_unref(c); // expected-warning{{Cancellation handle 'c' is released while the timeout that cancels it ('cancel_on_timeout') is still pending}}
  // expected-note@-1{{Released here; the timeout was not removed on this path}}
  return ok;
}

gboolean fetch_with_deadline_fixed(GFile *file, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c);
  gboolean ok = g_file_load_contents(file, c, out, NULL, NULL, error);
  g_source_remove(timeout);
  g_object_unref(c);
  return ok;
}

// Error path: the early return forgets the timeout.
gboolean fetch_two(GFile *a, GFile *b, char **out, GError **error) {
  GCancellable *c = g_cancellable_new();
  guint timeout = g_timeout_add_seconds(5, cancel_on_timeout, c); // expected-note{{Timeout armed here to cancel 'c' (calling 'cancel_on_timeout')}}
  if (!g_file_load_contents(a, c, out, NULL, NULL, error)) { // expected-note{{Assuming '!g_file_load_contents(a, c, out, NULL, NULL, ...' is true}}
    g_object_unref(c); // expected-warning{{Cancellation handle 'c' is released while the timeout that cancels it ('cancel_on_timeout') is still pending}}
    // expected-note@-1{{Released here; the timeout was not removed on this path}}
    return FALSE;
  }
  g_free(*out);
  gboolean ok = g_file_load_contents(b, c, out, NULL, NULL, error);
  g_source_remove(timeout);
  g_object_unref(c);
  return ok;
}

// A timeout whose callback does not cancel is not a deadline.
static gboolean tick(gpointer data) { return G_SOURCE_REMOVE; }

void not_a_deadline(void) {
  GCancellable *c = g_cancellable_new();
  g_timeout_add_seconds(5, tick, c);
  g_object_unref(c);
}
