// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL402, the struct-field form: a function holding a GCancellable builds the
// struct whose field the operations read their handle from, and never
// stores its handle there.
#include <gio/gio.h>

typedef struct {
  GFile *file;
  GCancellable *cancellable;
  int pending;
} Fetch;

static void fetch_one(Fetch *f) {
  GError *error = NULL;
  GFileInputStream *in = g_file_read(f->file, f->cancellable, &error); // expected-note{{Operations take their cancellation handle from 'cancellable' here}}
  // expected-note@-1{{Operations take their cancellation handle from 'cancellable' here}}
  if (in)
    g_object_unref(in);
  g_clear_error(&error);
}

void fetch_all(GFile *file, GCancellable *cancellable) { // expected-note{{'fetch_all' receives cancellation handle 'cancellable' here}}
  Fetch *f = g_new0(Fetch, 1); // expected-warning{{'fetch_all' holds cancellation handle 'cancellable' but never stores it in 'f->cancellable', which the operations read: cancelling 'cancellable' does not stop them}}
  f->file = file;
  fetch_one(f);
  g_free(f);
}

void fetch_all_fixed(GFile *file, GCancellable *cancellable) {
  Fetch *f = g_new0(Fetch, 1);
  f->file = file;
  f->cancellable = cancellable;
  fetch_one(f);
  g_free(f);
}

// g_set_object(&f->cancellable, ...) takes the field's address: stored.
void fetch_all_set_object(GFile *file, GCancellable *cancellable) {
  Fetch *f = g_new0(Fetch, 1);
  f->file = file;
  g_set_object(&f->cancellable, cancellable);
  fetch_one(f);
  g_clear_object(&f->cancellable);
  g_free(f);
}

// A helper that fills the struct counts for its caller.
static void fetch_init(Fetch *f, GFile *file, GCancellable *c) {
  f->file = file;
  f->cancellable = c;
}

void fetch_all_helper(GFile *file, GCancellable *cancellable) {
  Fetch real = {0};
  fetch_init(&real, file, cancellable);
  fetch_one(&real);
}

// The helper form of the bug: the helper fills everything but the handle.
static void fetch_init_partial(Fetch *f, GFile *file) {
  f->file = file;
}

void fetch_all_helper_partial(GFile *file, GCancellable *cancellable) { // expected-note{{'fetch_all_helper_partial' receives cancellation handle 'cancellable' here}}
  Fetch real = {0}; // expected-warning{{'fetch_all_helper_partial' holds cancellation handle 'cancellable' but never stores it in 'real.cancellable'}}
  fetch_init_partial(&real, file);
  fetch_one(&real);
}
