// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL402 for GIO: a function that holds a GCancellable calls an operation
// that accepts one (any function with a GCancellable * parameter, read from
// its declaration) without it.
#include <gio/gio.h>

// --- plain -------------------------------------------------------------------

gboolean load_config(GFile *file, GCancellable *cancellable, GError **error) { // expected-note{{'load_config' receives cancellation handle 'cancellable' here}}
  char *data = NULL;
  gsize len = 0;
  gboolean ok = g_file_load_contents(file, NULL, &data, &len, NULL, error); // expected-warning{{'g_file_load_contents' is given NULL for its 'cancellable' although 'load_config' holds 'cancellable': cancelling 'cancellable' does not stop it}}
  g_free(data);
  return ok;
}

gboolean load_config_fixed(GFile *file, GCancellable *cancellable, GError **error) {
  char *data = NULL;
  gsize len = 0;
  gboolean ok = g_file_load_contents(file, cancellable, &data, &len, NULL, error);
  g_free(data);
  return ok;
}

// A function with no handle to pass is not this rule's business.
gboolean load_config_no_handle(GFile *file, GError **error) {
  return g_file_load_contents(file, NULL, NULL, NULL, NULL, error);
}

// --- the project's own function with a GCancellable * parameter ---------------

static gssize read_block(GInputStream *in, char *buf, gsize n,
                         GCancellable *cancellable, GError **error) {
  return g_input_stream_read(in, buf, n, cancellable, error);
}

gssize read_header(GInputStream *in, char *buf, GCancellable *cancellable, // expected-note{{'read_header' receives cancellation handle 'cancellable' here}}
                   GError **error) {
  return read_block(in, buf, 16, NULL, error); // expected-warning{{'read_block' is given NULL for its 'cancellable' although 'read_header' holds 'cancellable'}}
}

gssize read_header_fixed(GInputStream *in, char *buf, GCancellable *cancellable,
                         GError **error) {
  return read_block(in, buf, 16, cancellable, error);
}

// --- a different handle that nothing ever cancels ----------------------------

gboolean copy_file(GFile *src, GFile *dst, GCancellable *cancellable, // expected-note{{'copy_file' receives cancellation handle 'cancellable' here}}
                   GError **error) {
  GCancellable *mine = g_cancellable_new(); // expected-note{{'mine' is created here and never cancelled}}
  gboolean ok = g_file_copy(src, dst, G_FILE_COPY_NONE, mine, NULL, NULL, error); // expected-warning{{'g_file_copy' is given 'mine' (a handle nothing cancels) for its 'cancellable' although 'copy_file' holds 'cancellable'}}
  g_object_unref(mine);
  return ok;
}

// Its own handle, cancelled on a timeout or handed elsewhere: fine.
static GCancellable *current_op;

gboolean copy_file_own_cancellable(GFile *src, GFile *dst,
                                   GCancellable *cancellable, GError **error) {
  GCancellable *mine = g_cancellable_new();
  current_op = mine;
  gboolean ok = g_file_copy(src, dst, G_FILE_COPY_NONE, mine, NULL, NULL, error);
  g_object_unref(mine);
  return ok;
}

// --- a thread body run by g_task_run_in_thread --------------------------------

static void query_thread(GTask *task, gpointer source, gpointer task_data,
                         GCancellable *cancellable) { // expected-note{{'query_thread' receives cancellation handle 'cancellable' here}}
  GError *error = NULL;
  GFileInfo *info = g_file_query_info(G_FILE(source), "standard::size",
                                      G_FILE_QUERY_INFO_NONE, NULL, &error); // expected-warning{{'g_file_query_info' is given NULL for its 'cancellable' although 'query_thread' holds 'cancellable'}}
  if (info)
    g_task_return_pointer(task, info, g_object_unref);
  else
    g_task_return_error(task, error);
}

static void query_thread_fixed(GTask *task, gpointer source, gpointer task_data,
                               GCancellable *cancellable) {
  GError *error = NULL;
  GFileInfo *info = g_file_query_info(G_FILE(source), "standard::size",
                                      G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info)
    g_task_return_pointer(task, info, g_object_unref);
  else
    g_task_return_error(task, error);
}

void query_async(GFile *file, GCancellable *cancellable, // expected-note{{'query_async' receives cancellation handle 'cancellable' here}}
                 GAsyncReadyCallback cb, gpointer data) {
  GTask *task = g_task_new(file, NULL, cb, data); // expected-warning{{'g_task_new' is given NULL for its 'cancellable' although 'query_async' holds 'cancellable'}}
  g_task_run_in_thread(task, query_thread);
  g_object_unref(task);
}

void query_async_fixed(GFile *file, GCancellable *cancellable,
                       GAsyncReadyCallback cb, gpointer data) {
  GTask *task = g_task_new(file, cancellable, cb, data);
  g_task_run_in_thread(task, query_thread_fixed);
  g_object_unref(task);
}

// --- error path: the fallback forgets the handle --------------------------------

gboolean load_either(GFile *main_file, GFile *fallback, GCancellable *cancellable, // expected-note{{'load_either' receives cancellation handle 'cancellable' here}}
                     char **data, GError **error) {
  if (g_file_load_contents(main_file, cancellable, data, NULL, NULL, NULL))
    return TRUE;
  return g_file_load_contents(fallback, NULL, data, NULL, NULL, error); // expected-warning{{'g_file_load_contents' is given NULL for its 'cancellable' although 'load_either' holds 'cancellable'}}
}

gboolean load_either_fixed(GFile *main_file, GFile *fallback,
                           GCancellable *cancellable, char **data, GError **error) {
  if (g_file_load_contents(main_file, cancellable, data, NULL, NULL, NULL))
    return TRUE;
  return g_file_load_contents(fallback, cancellable, data, NULL, NULL, error);
}

// --- best-effort cleanup: errors ignored, deliberately not cancellable -----------

gboolean write_or_remove(GFile *file, const char *buf, gsize n,
                         GCancellable *cancellable, GError **error) {
  if (!g_file_replace_contents(file, buf, n, NULL, FALSE, G_FILE_CREATE_NONE,
                               NULL, cancellable, error)) {
    (void)g_file_delete(file, NULL, NULL);
    return FALSE;
  }
  return TRUE;
}

gboolean write_or_remove_checked(GFile *file, const char *buf, gsize n,
                                 GCancellable *cancellable, GError **error) { // expected-note{{'write_or_remove_checked' receives cancellation handle 'cancellable' here}}
  if (!g_file_replace_contents(file, buf, n, NULL, FALSE, G_FILE_CREATE_NONE,
                               NULL, cancellable, error)) {
    g_file_delete(file, NULL, error); // expected-warning{{'g_file_delete' is given NULL for its 'cancellable' although 'write_or_remove_checked' holds 'cancellable'}}
    return FALSE;
  }
  return TRUE;
}
