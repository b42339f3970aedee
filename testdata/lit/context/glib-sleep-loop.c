// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL402: a function holding a GCancellable sleeps in a loop that never looks
// at it, so cancelling does not end the loop.
#include <gio/gio.h>
#include <unistd.h>

int ready(void);

gboolean wait_ready(GCancellable *cancellable) { // expected-note{{'wait_ready' receives cancellation handle 'cancellable' here}}
  while (!ready()) // expected-note{{This loop never looks at 'cancellable'}}
    g_usleep(1000); // expected-warning{{'wait_ready' sleeps in 'g_usleep' in a loop that never checks 'cancellable': cancelling it does not end the loop}}
  return TRUE;
}

gboolean wait_ready_fixed(GCancellable *cancellable) {
  while (!ready()) {
    if (g_cancellable_is_cancelled(cancellable))
      return FALSE;
    g_usleep(1000);
  }
  return TRUE;
}

gboolean wait_ready_error(GCancellable *cancellable, GError **error) {
  while (!ready()) {
    if (g_cancellable_set_error_if_cancelled(cancellable, error))
      return FALSE;
    sleep(1);
  }
  return TRUE;
}
