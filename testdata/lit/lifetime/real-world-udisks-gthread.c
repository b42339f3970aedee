// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, GLib GThread).
// Source: storaged-project/udisks PR #862, "udiskslinuxdriveata: Use GTask to
//   apply configuration in a thread",
//   https://github.com/storaged-project/udisks/pull/862 (commit 6ff556af)
// Original bug: applying ATA drive settings ran in a thread started with
// g_thread_new() whose returned GThread was thrown away, so the GThread (and
// the joinable thread behind it) leaked; the fix moved the work to
// g_task_run_in_thread(), which owns its worker thread.
// Reduction written for taskleak; no project code is copied.
#include <gio/gio.h>

typedef struct {
  int standby_timeout;
} DriveConf;

static gpointer apply_conf(gpointer data) {
  g_free(data);
  return NULL;
}

// Bug: the GThread returned by g_thread_new is dropped.
void checkLeakApplyConf(int timeout) {
  DriveConf *conf = g_new0(DriveConf, 1);
  conf->standby_timeout = timeout;
  g_thread_new("apply-conf", apply_conf, conf);
} // expected-warning{{Thread running 'apply_conf' is never joined or detached (the handle returned by 'g_thread_new')}}

// Minimal GLib fix: drop our reference, which lets the thread clean up after
// itself (g_thread_unref is the GLib equivalent of a detach).
void checkNoLeakApplyConfUnref(int timeout) {
  DriveConf *conf = g_new0(DriveConf, 1);
  conf->standby_timeout = timeout;
  g_thread_unref(g_thread_new("apply-conf", apply_conf, conf)); // no warning
}

// The project's fix: run the work through a GTask, which owns its thread.
static void apply_conf_task(GTask *task, gpointer source, gpointer task_data,
                            GCancellable *cancellable) {
  (void)task;
  (void)source;
  (void)task_data;
  (void)cancellable;
}

void checkNoLeakApplyConfTask(GObject *owner, int timeout) {
  DriveConf *conf = g_new0(DriveConf, 1);
  conf->standby_timeout = timeout;
  GTask *task = g_task_new(owner, NULL, NULL, NULL);
  g_task_set_task_data(task, conf, g_free);
  g_task_run_in_thread(task, apply_conf_task);
  g_object_unref(task); // no warning
}
