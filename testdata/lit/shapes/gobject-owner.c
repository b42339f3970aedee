// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Issue 12: GObject owners.  g_object_unref on the last reference runs the
// class's dispose and finalize; taskleak finds them through the class_init
// that installs them (G_DEFINE_TYPE's foo_class_init) and treats them as
// the enders of the instance struct: a source id or thread held there and
// never removed is reported where the object ends.  With the real GLib
// headers (FOO () is g_type_check_instance_cast, the chain-up goes through
// the parent class pointer).
#include <glib-object.h>

// --- a source removed in dispose: silent ------------------------------------

typedef struct {
  GObject parent;
  guint tick_id;
  int *buf;
} Good;
typedef struct {
  GObjectClass parent_class;
} GoodClass;
G_DEFINE_TYPE(Good, good, G_TYPE_OBJECT)
#define GOOD(o) G_TYPE_CHECK_INSTANCE_CAST((o), good_get_type(), Good)

static gboolean good_tick(gpointer p) {
  Good *g = p;
  g->buf[0]++;
  return G_SOURCE_CONTINUE;
}
void good_start(Good *g) { g->tick_id = g_timeout_add(100, good_tick, g); }
static void good_dispose(GObject *o) {
  Good *self = GOOD(o);
  g_clear_handle_id(&self->tick_id, g_source_remove);
  G_OBJECT_CLASS(good_parent_class)->dispose(o);
}
static void good_finalize(GObject *o) {
  Good *self = GOOD(o);
  g_free(self->buf); // no warning
  G_OBJECT_CLASS(good_parent_class)->finalize(o);
}
static void good_class_init(GoodClass *klass) {
  GObjectClass *oc = G_OBJECT_CLASS(klass);
  oc->dispose = good_dispose;
  oc->finalize = good_finalize;
}
static void good_init(Good *g) { (void)g; }

// --- a source never removed: reported at finalize ---------------------------

typedef struct {
  GObject parent;
  guint tick_id;
  int *buf;
} Bad;
typedef struct {
  GObjectClass parent_class;
} BadClass;
G_DEFINE_TYPE(Bad, bad, G_TYPE_OBJECT)
#define BAD(o) G_TYPE_CHECK_INSTANCE_CAST((o), bad_get_type(), Bad)

static gboolean bad_tick(gpointer p) {
  Bad *b = p;
  b->buf[0]++;
  return G_SOURCE_CONTINUE;
}
void bad_start(Bad *b) { b->tick_id = g_timeout_add(100, bad_tick, b); }
static void bad_finalize(GObject *o) { // expected-note{{Assuming 'o->tick_id' holds the GLib source added in 'bad_start'}}
  Bad *self = BAD(o);
  g_free(self->buf); // expected-note{{'self->buf' is freed here while the timer is pending}}
  G_OBJECT_CLASS(bad_parent_class)->finalize(o);
} // expected-warning{{can still fire after}}
  // expected-note@-1{{can still fire after}}
static void bad_class_init(BadClass *klass) {
  G_OBJECT_CLASS(klass)->finalize = bad_finalize;
}
static void bad_init(Bad *b) { (void)b; }

// --- a thread held by the instance ------------------------------------------

typedef struct {
  GObject parent;
  GThread *worker;
  gboolean quit;
} Pool;
typedef struct {
  GObjectClass parent_class;
} PoolClass;
G_DEFINE_TYPE(Pool, pool, G_TYPE_OBJECT)
#define POOL(o) G_TYPE_CHECK_INSTANCE_CAST((o), pool_get_type(), Pool)

static gpointer pool_run(gpointer p) {
  Pool *pool = p;
  while (!pool->quit)
    ;
  return NULL;
}
void pool_start(Pool *p) { p->worker = g_thread_new("pool", pool_run, p); }
static void pool_dispose(GObject *o) { // expected-note 2{{Assuming 'o->worker' holds the running thread started in 'pool_start'}}
  Pool *self = POOL(o);
  self->quit = TRUE; // (g_atomic_int_set is __atomic_store: clang 14's engine stops the path there)
  G_OBJECT_CLASS(pool_parent_class)->dispose(o);
} // expected-warning{{Thread running 'pool_run' is never joined or detached before its owner is destroyed}}
  // expected-note@-1{{Thread running 'pool_run' is never joined or detached before its owner is destroyed}}
  // expected-warning@-2{{may use its owner after it is destroyed}}
  // expected-note@-3{{may use its owner after it is destroyed}}
static void pool_class_init(PoolClass *klass) {
  G_OBJECT_CLASS(klass)->dispose = pool_dispose;
}
static void pool_init(Pool *p) { (void)p; }

// Fixed: dispose joins.
typedef struct {
  GObject parent;
  GThread *worker;
  gboolean quit;
} Joined;
typedef struct {
  GObjectClass parent_class;
} JoinedClass;
G_DEFINE_TYPE(Joined, joined, G_TYPE_OBJECT)

static gpointer joined_run(gpointer p) {
  Joined *j = p;
  while (!j->quit)
    ;
  return NULL;
}
void joined_start(Joined *j) { j->worker = g_thread_new("j", joined_run, j); }
static void joined_dispose(GObject *o) {
  Joined *self = (Joined *)o;
  self->quit = TRUE;
  g_thread_join(self->worker);
  self->worker = NULL;
  G_OBJECT_CLASS(joined_parent_class)->dispose(o); // no warning
}
static void joined_class_init(JoinedClass *klass) {
  G_OBJECT_CLASS(klass)->dispose = joined_dispose;
}
static void joined_init(Joined *j) { (void)j; }
