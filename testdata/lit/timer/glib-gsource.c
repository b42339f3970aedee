// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// GSource objects: g_timeout_source_new / g_idle_source_new, a callback set
// with g_source_set_callback, g_source_attach, g_source_destroy.  Handing the
// source to g_source_unref leaves it to its context (not followed).
#include <glib.h>

typedef struct {
  int n;
} Ctx;

static gboolean tick(gpointer data) {
  Ctx *c = data;
  c->n++;
  return G_SOURCE_CONTINUE;
}

void checkFreedData01(GMainContext *ctx) {
  Ctx *c = g_new0(Ctx, 1);
  GSource *src = g_timeout_source_new(100);
  g_source_set_callback(src, tick, c, NULL);
  g_source_attach(src, ctx);
  g_free(c); // expected-warning{{The GLib source 'src' calling 'tick' is never removed}}
} // expected-warning{{The GLib source 'src' calling 'tick' can still fire after its data 'c' is freed}}

void checkNoFreedData01(GMainContext *ctx) {
  Ctx *c = g_new0(Ctx, 1);
  GSource *src = g_timeout_source_new(100);
  g_source_set_callback(src, tick, c, NULL);
  g_source_attach(src, ctx);
  g_source_destroy(src);
  g_free(c); // no warning
}

void checkNoFreedData02(GMainContext *ctx) {
  Ctx *c = g_new0(Ctx, 1);
  GSource *src = g_idle_source_new();
  g_source_set_callback(src, tick, c, NULL);
  g_source_attach(src, ctx);
  g_source_unref(src);
  g_free(c); // FIXME: the context still runs 'tick' on freed 'c'; g_source_unref is not followed
}
