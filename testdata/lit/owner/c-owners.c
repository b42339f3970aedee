// The owner-object protocol in C: a start function stores a thread handle
// in a field; the function that frees the owner is analysed with that field
// assumed live, and a path that frees the owner without join or detach is
// reported there, naming where the thread was started.  A free function that
// does not release, for a type whose API releases elsewhere (a stop
// function), is left alone; a type whose only release point forgets is not.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <uv.h>

//===--- a server with a listener thread ---===//

struct server {
  pthread_t listener;
  int started;  // written by the owner only
  int quit;     // read by the task
};

static void *listener_main(void *arg) {
  struct server *s = arg;
  while (!s->quit)
    ;
  return NULL;
}

int server_start(struct server *s) {
  s->quit = 0;
  if (pthread_create(&s->listener, NULL, listener_main, s) != 0)
    return -1;
  s->started = 1;
  return 0;
}

// server_stop() below joins, so a free function that only frees relies on
// its callers to stop first: one translation unit cannot judge the order.
void server_free_after_stop(struct server *s) {
  free(s); // no warning
}

void server_free_joins(struct server *s) {
  s->quit = 1;
  pthread_join(s->listener, NULL);
  free(s); // no warning
}

void server_free_guarded(struct server *s) {
  s->quit = 1;
  if (s->started) // the owner's own flag: trusted
    pthread_join(s->listener, NULL);
  free(s); // no warning
}

static void server_stop(struct server *s) {
  s->quit = 1;
  pthread_join(s->listener, NULL);
}

void server_free_via_helper(struct server *s) {
  server_stop(s);
  free(s); // no warning
}

int server_free_error_path(struct server *s, int force) {
  if (!force)
    return -1; // no warning: the owner is not freed on this path
  s->quit = 1;
  if (force > 1) {
    free(s); // expected-warning{{Thread running 'listener_main' is never joined or detached before its owner is freed}}
    // expected-warning@-1{{may use its owner after it is freed}}
    return 0;
  }
  pthread_join(s->listener, NULL);
  free(s);
  return 0;
}

void server_detach_then_free(struct server *s) {
  pthread_detach(s->listener);
  free(s); // expected-warning{{The detached thread running 'listener_main' may use its owner after it is freed (handle 's->listener', started in 'server_start')}}
}

void server_shutdown(struct server *s);
void server_free_escapes(struct server *s) {
  server_shutdown(s); // unknown: may join
  free(s); // no warning
}

//===--- an owner whose only release point forgets the thread ---===//

struct monitor {
  pthread_t tid;
  int quit;
};

static void *monitor_main(void *arg) {
  struct monitor *m = arg;
  while (!m->quit)
    ;
  return NULL;
}

int monitor_start(struct monitor *m) {
  m->quit = 0;
  return pthread_create(&m->tid, NULL, monitor_main, m);
}

void monitor_free(struct monitor *m) {
  m->quit = 1;
  free(m); // expected-warning{{Thread running 'monitor_main' is never joined or detached before its owner is freed (handle 'm->tid', started in 'monitor_start')}}
  // expected-warning@-1{{The unjoined thread running 'monitor_main' may use its owner after it is freed (handle 'm->tid', started in 'monitor_start')}}
}

//===--- started and detached in one place: nothing owed ---===//

struct detached_job {
  pthread_t tid;
};

static void *detached_job_main(void *arg) { return arg; }

void detached_job_start(struct detached_job *j) {
  if (pthread_create(&j->tid, NULL, detached_job_main, NULL) == 0)
    pthread_detach(j->tid);
}

void detached_job_free(struct detached_job *j) {
  free(j); // no warning
}

//===--- a flag the task writes is not trusted ---===//

struct reader {
  pthread_t tid;
  int running; // cleared by the task itself when it finishes
};

static void *reader_main(void *arg) {
  struct reader *r = arg;
  r->running = 0;
  return NULL;
}

int reader_start(struct reader *r) {
  r->running = 1;
  return pthread_create(&r->tid, NULL, reader_main, r);
}

void reader_free(struct reader *r) {
  if (r->running)
    pthread_join(r->tid, NULL);
  free(r); // expected-warning{{Thread running 'reader_main' is never joined or detached before its owner is freed (handle 'r->tid', started in 'reader_start')}}
  // expected-warning@-1{{The unjoined thread running 'reader_main' may use its owner after it is freed}}
}

//===--- a pool: arrays of handles and the loop that joins them ---===//

struct pool {
  pthread_t workers[8];
  int nworkers;
};

static void *pool_worker(void *arg) { return arg; }

int pool_init(struct pool *p, int n) {
  p->nworkers = 0;
  for (int i = 0; i < n && i < 8; i++) {
    if (pthread_create(&p->workers[i], NULL, pool_worker, NULL) != 0)
      break;
    p->nworkers++;
  }
  return p->nworkers;
}

void pool_destroy_joins(struct pool *p) {
  for (int i = 0; i < p->nworkers; i++)
    pthread_join(p->workers[i], NULL);
  free(p); // no warning
}

struct leaky_pool {
  pthread_t workers[4];
  int n;
};

int leaky_pool_init(struct leaky_pool *p) {
  p->n = 0;
  while (p->n < 4 && pthread_create(&p->workers[p->n], NULL, pool_worker, NULL) == 0)
    p->n++;
  return p->n;
}

void leaky_pool_destroy(struct leaky_pool *p) {
  p->n = 0;
  free(p); // expected-warning{{Thread running 'pool_worker' is never joined or detached before its owner is freed (handle 'p->workers', started in 'leaky_pool_init')}}
}

void pool_destroy_detaches(struct pool *p) {
  for (int i = 0; i < p->nworkers; i++)
    pthread_detach(p->workers[i]);
  free(p); // no warning
}

//===--- libuv: the join takes a pointer to the field ---===//

struct watcher {
  uv_thread_t thread;
  int stop;
};

static void watcher_main(void *arg) { (void)arg; }

int watcher_start(struct watcher *w) {
  return uv_thread_create(&w->thread, watcher_main, NULL);
}

struct leaky_watcher {
  uv_thread_t thread;
};

int leaky_watcher_start(struct leaky_watcher *w) {
  return uv_thread_create(&w->thread, watcher_main, NULL);
}

void leaky_watcher_free(struct leaky_watcher *w) {
  free(w); // expected-warning{{Thread running 'watcher_main' is never joined or detached before its owner is freed (handle 'w->thread', started in 'leaky_watcher_start')}}
}

void watcher_free_joins(struct watcher *w) {
  w->stop = 1;
  uv_thread_join(&w->thread);
  free(w); // no warning
}

//===--- GLib: the handle is assigned from the return value ---===//

struct app {
  GThread *io;
  gboolean have_io; // the owner's flag
};

static gpointer io_main(gpointer data) { return data; }

void app_start(struct app *a) {
  a->io = g_thread_new("io", io_main, NULL);
  a->have_io = TRUE;
}

struct leaky_app {
  GThread *io;
};

void leaky_app_start(struct leaky_app *a) {
  a->io = g_thread_new("io", io_main, NULL);
}

void leaky_app_free(struct leaky_app *a) {
  g_free(a); // expected-warning{{Thread running 'io_main' is never joined or detached before its owner is freed (handle 'a->io', started in 'leaky_app_start')}}
}

void app_free_joins(struct app *a) {
  if (a->have_io)
    g_thread_join(a->io);
  g_free(a); // no warning
}

void app_free_unrefs(struct app *a) {
  g_thread_unref(a->io);
  g_free(a); // no warning
}

//===--- entries the analyzer cannot judge stay silent ---===//

struct opaque_owner {
  pthread_t tid;
};

void *opaque_main(void *); // defined elsewhere: it may detach itself

int opaque_start(struct opaque_owner *o) {
  return pthread_create(&o->tid, NULL, opaque_main, o);
}

void opaque_free(struct opaque_owner *o) {
  free(o); // no warning
}

struct self_detaching_owner {
  pthread_t tid;
};

static void *self_detaching_main(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}

int sd_start(struct self_detaching_owner *o) {
  return pthread_create(&o->tid, NULL, self_detaching_main, NULL);
}

void sd_free(struct self_detaching_owner *o) {
  free(o); // no warning
}
