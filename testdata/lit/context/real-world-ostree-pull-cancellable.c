// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Reduced from ostreedev/ostree#482 (fixed by #483), rewritten: the pull
// entry point takes a GCancellable and builds the pull state that every
// fetch reads its handle from, but never stores the handle there, so
// cancelling a Flatpak pull did nothing.
#include <gio/gio.h>

typedef struct {
  GFile *remote;
  GMainContext *main_context;
  GCancellable *cancellable;
  guint n_outstanding;
  GError *error;
} PullData;

static void on_fetched(GObject *src, GAsyncResult *res, gpointer user_data) {
  PullData *pull_data = user_data;
  pull_data->n_outstanding--;
}

static void fetch_object(PullData *pull_data, GFile *object) {
  pull_data->n_outstanding++;
  g_file_load_contents_async(object, pull_data->cancellable, on_fetched, // expected-note{{Operations take their cancellation handle from 'cancellable' here}}
                             pull_data);
}

gboolean repo_pull(GFile *remote, GFile **objects, guint n,
                   GCancellable *cancellable, GError **error) { // expected-note{{'repo_pull' receives cancellation handle 'cancellable' here}}
  PullData pull_data_real = {0}; // expected-warning{{'repo_pull' holds cancellation handle 'cancellable' but never stores it in 'pull_data_real.cancellable', which the operations read: cancelling 'cancellable' does not stop them}}
  PullData *pull_data = &pull_data_real;
  pull_data->remote = remote;
  pull_data->main_context = g_main_context_ref_thread_default();
  for (guint i = 0; i < n; i++)
    fetch_object(pull_data, objects[i]);
  while (pull_data->n_outstanding > 0 && !pull_data->error)
    g_main_context_iteration(pull_data->main_context, TRUE);
  g_main_context_unref(pull_data->main_context);
  return pull_data->error == NULL;
}

// The fix (ostree#483): the handle goes into the pull state.
gboolean repo_pull_fixed(GFile *remote, GFile **objects, guint n,
                         GCancellable *cancellable, GError **error) {
  PullData pull_data_real = {0};
  PullData *pull_data = &pull_data_real;
  pull_data->remote = remote;
  pull_data->cancellable = cancellable;
  pull_data->main_context = g_main_context_ref_thread_default();
  for (guint i = 0; i < n; i++)
    fetch_object(pull_data, objects[i]);
  while (pull_data->n_outstanding > 0 && !pull_data->error)
    g_main_context_iteration(pull_data->main_context, TRUE);
  g_main_context_unref(pull_data->main_context);
  return pull_data->error == NULL;
}
