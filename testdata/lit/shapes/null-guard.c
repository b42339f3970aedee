// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Issue 12 ("left undone" in docs/eval/issue12-rescans.md): a pointer
// handle guarded by its own null test (`if (self->worker)
// g_thread_join(self->worker)`) holds no task on the path where it is
// null, even when a later call given the owner (the chain-up to the parent
// class's dispose) invalidates the field before dispose ends.  A guard on
// another field is no such proof.
#include <glib-object.h>

typedef struct {
  GObject parent;
  GThread *worker;
  gboolean quit;
} Guarded;
typedef struct {
  GObjectClass parent_class;
} GuardedClass;
G_DEFINE_TYPE(Guarded, guarded, G_TYPE_OBJECT)

static gpointer guarded_run(gpointer p) {
  Guarded *g = p;
  while (!g->quit)
    ;
  return NULL;
}
void guarded_start(Guarded *g) { g->worker = g_thread_new("g", guarded_run, g); }
static void guarded_dispose(GObject *o) {
  Guarded *self = (Guarded *)o;
  self->quit = TRUE;
  if (self->worker) {
    g_thread_join(self->worker);
    self->worker = NULL;
  }
  G_OBJECT_CLASS(guarded_parent_class)->dispose(o); // no warning: null means no thread
}
static void guarded_class_init(GuardedClass *klass) {
  G_OBJECT_CLASS(klass)->dispose = guarded_dispose;
}
static void guarded_init(Guarded *g) { (void)g; }

// The join is guarded by the quit flag, not by the handle: the path that
// skips it still holds the thread.
typedef struct {
  GObject parent;
  GThread *worker;
  gboolean quit;
} Misguarded;
typedef struct {
  GObjectClass parent_class;
} MisguardedClass;
G_DEFINE_TYPE(Misguarded, misguarded, G_TYPE_OBJECT)

static gpointer misguarded_run(gpointer p) {
  Misguarded *m = p;
  while (!m->quit)
    ;
  return NULL;
}
void misguarded_start(Misguarded *m) { m->worker = g_thread_new("m", misguarded_run, m); }
static void misguarded_dispose(GObject *o) {
  Misguarded *self = (Misguarded *)o;
  if (!self->quit) {
    self->quit = TRUE;
    g_thread_join(self->worker);
  }
  G_OBJECT_CLASS(misguarded_parent_class)->dispose(o);
} // expected-warning{{Thread running 'misguarded_run' is never joined or detached before its owner is destroyed}}
  // expected-warning@-1{{may use its owner after it is destroyed}}
static void misguarded_class_init(MisguardedClass *klass) {
  G_OBJECT_CLASS(klass)->dispose = misguarded_dispose;
}
static void misguarded_init(Misguarded *m) { (void)m; }
