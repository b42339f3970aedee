// RUN: %clang_analyze_cc1 -analyzer-checker=core,alpha.taskleak.UnboundedSpawn -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=default %s
//
// TL501 (alpha, off by default): a task spawned on every iteration of a loop
// with no bound, and nothing in the loop joins or limits them.
// default-no-diagnostics
#include <glib.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *arg) {
  close((int)(long)arg);
  return NULL;
}

// --- plain: a detached thread per accepted connection -------------------------

void accept_loop(int lfd) {
  for (;;) { // expected-note{{This loop has no bound}}
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0)
      continue;
    pthread_t t;
    if (pthread_create(&t, NULL, serve, (void *)(long)fd) == 0) // expected-warning{{'accept_loop' spawns a task on every iteration of a loop with no bound, and nothing in the loop joins or limits them}}
      pthread_detach(t);
  }
}

// Bounded by a semaphore: a slot is taken before each spawn.
sem_t slots;

void accept_loop_limited(int lfd) {
  for (;;) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0)
      continue;
    sem_wait(&slots);
    pthread_t t;
    if (pthread_create(&t, NULL, serve, (void *)(long)fd) == 0)
      pthread_detach(t);
  }
}

// A counted loop is bounded.
void start_pool(pthread_t *ts, int n) {
  for (int i = 0; i < n; i++)
    pthread_create(&ts[i], NULL, serve, NULL);
}

// --- the loop's condition only tests a call's result ----------------------------

static gpointer handle_request(gpointer data) { return data; }

void request_loop(int lfd) {
  int fd;
  while ((fd = accept(lfd, NULL, NULL)) >= 0) { // expected-note{{This loop has no bound}}
    GThread *t = g_thread_new("req", handle_request, GINT_TO_POINTER(fd)); // expected-warning{{'request_loop' spawns a task on every iteration of a loop with no bound}}
    g_thread_unref(t);
  }
}

// One at a time: joined in the loop.
void request_loop_serial(int lfd) {
  int fd;
  while ((fd = accept(lfd, NULL, NULL)) >= 0) {
    GThread *t = g_thread_new("req", handle_request, GINT_TO_POINTER(fd));
    g_thread_join(t);
  }
}
