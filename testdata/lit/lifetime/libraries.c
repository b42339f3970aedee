// The lifetime rules on every modelled thread library, with the real
// headers: C11 <threads.h>, libuv (uv_thread_*) and GLib (GThread).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <glib.h>
#include <threads.h>
#include <uv.h>

void use(int);

//===--- C11 threads ---===//

static int c11_worker(void *arg) { return arg != 0; }

void checkC11Leak(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, NULL) != thrd_success)
    return;
} // expected-warning{{Thread running 'c11_worker' is never joined or detached (handle 't')}}

void checkC11NoLeakJoin(void) {
  thrd_t t;
  int res;
  if (thrd_create(&t, c11_worker, NULL) != thrd_success)
    return;
  thrd_join(t, &res); // no warning
  use(res);
}

void checkC11NoLeakDetach(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, NULL) == thrd_success)
    thrd_detach(t); // no warning
}

void checkC11DoubleJoin(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, NULL) != thrd_success)
    return;
  thrd_detach(t);
  thrd_join(t, NULL); // expected-warning{{Thread running 'c11_worker' is joined after it was detached (handle 't')}}
}

void checkC11Dangling(void) {
  int local = 0;
  thrd_t t;
  if (thrd_create(&t, c11_worker, &local) == thrd_success)
    thrd_detach(t);
} // expected-warning{{The detached thread running 'c11_worker' may use local 'local' after 'checkC11Dangling' returns}}

static int c11_self_detach(void *arg) {
  thrd_detach(thrd_current());
  return 0;
}

void checkC11NoLeakSelfDetach(void) {
  thrd_t t;
  thrd_create(&t, c11_self_detach, NULL); // no warning
}

//===--- libuv threads: the join takes a pointer to the handle ---===//

static void uv_worker(void *arg) { (void)arg; }

void checkUvLeak(void) {
  uv_thread_t t;
  if (uv_thread_create(&t, uv_worker, NULL) != 0)
    return;
} // expected-warning{{Thread running 'uv_worker' is never joined or detached (handle 't')}}

void checkUvNoLeak(void) {
  uv_thread_t t;
  if (uv_thread_create(&t, uv_worker, NULL) != 0)
    return;
  uv_thread_join(&t); // no warning
}

void checkUvDoubleJoin(void) {
  uv_thread_t t;
  if (uv_thread_create(&t, uv_worker, NULL) != 0)
    return;
  uv_thread_join(&t);
  uv_thread_join(&t); // expected-warning{{Thread running 'uv_worker' is joined twice (handle 't')}}
}

void checkUvNoLeakArray(void) {
  uv_thread_t t[2];
  for (int i = 0; i < 2; i++)
    uv_thread_create(&t[i], uv_worker, NULL);
  for (int i = 0; i < 2; i++)
    uv_thread_join(&t[i]); // no warning: joining t[0] keeps t[1]
}

int checkUvLeakErrorPath(void) {
  uv_thread_t a, b;
  if (uv_thread_create(&a, uv_worker, NULL))
    return -1;
  if (uv_thread_create(&b, uv_worker, NULL))
    return -1; // expected-warning{{Thread running 'uv_worker' is never joined or detached (handle 'a')}}
  uv_thread_join(&a);
  uv_thread_join(&b);
  return 0;
}

void checkUvDanglingUnjoined(void) {
  int counter = 0;
  uv_thread_t t;
  uv_thread_create(&t, uv_worker, &counter);
} // expected-warning{{The unjoined thread running 'uv_worker' may use local 'counter'}}
  // expected-warning@-1{{Thread running 'uv_worker' is never joined or detached (handle 't')}}

//===--- GLib: the handle is the return value ---===//

static gpointer g_worker(gpointer data) { return data; }

void checkGLeak(void) {
  GThread *t = g_thread_new("w", g_worker, NULL);
  (void)t;
} // expected-warning{{Thread running 'g_worker' is never joined or detached (handle 't')}}

void checkGNoLeakJoin(void) {
  GThread *t = g_thread_new("w", g_worker, NULL);
  g_thread_join(t); // no warning
}

void checkGNoLeakUnref(void) {
  GThread *t = g_thread_new("w", g_worker, NULL);
  g_thread_unref(t); // no warning: the thread runs on, detached
}

void checkGUnrefAfterJoin(void) {
  GThread *t = g_thread_new("w", g_worker, NULL);
  g_thread_join(t);
  g_thread_unref(t); // expected-warning{{Thread running 'g_worker' is detached after it was joined (handle 't')}}
}

void checkGNoLeakTryNewFailed(void) {
  GError *err = NULL;
  GThread *t = g_thread_try_new("w", g_worker, NULL, &err);
  if (!t)
    return; // no warning: no thread
  g_thread_join(t);
}

int checkGLeakTryNew(int flag) {
  GThread *t = g_thread_try_new("w", g_worker, NULL, NULL);
  if (!t)
    return -1;
  if (flag)
    return -2; // expected-warning{{Thread running 'g_worker' is never joined or detached (handle 't')}}
  g_thread_join(t);
  return 0;
}

struct app {
  GThread *io;
};

void checkGLeakLocalStruct(void) {
  struct app a;
  a.io = g_thread_new("io", g_worker, NULL);
  use(a.io != NULL); // expected-warning{{Thread running 'g_worker' is never joined or detached (handle 'a.io')}}
}

void checkGNoLeakLocalStruct(void) {
  struct app a;
  a.io = g_thread_new("io", g_worker, NULL);
  g_thread_join(a.io); // no warning
}

void app_keep(GThread *t);
void checkGNoLeakEscape(void) {
  GThread *t = g_thread_new("w", g_worker, NULL);
  app_keep(t); // no warning: unknown code owns it now
}

static GThread *global_thread;
void checkGNoLeakGlobal(void) {
  global_thread = g_thread_new("w", g_worker, NULL); // no warning
}
