// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask, libuv threads).
// Source: true-async/php-async PR #174, "fix(thread): detach pool worker
//   threads — 8MB stack leaked per exited worker",
//   https://github.com/true-async/php-async/pull/174 (commit f4ebf8b)
// Original bug: the reactor's start-thread function created each pool worker
// with uv_thread_create into a local uv_thread_t, returned a registry key and
// dropped the handle, so nothing ever joined the joinable worker and each
// exited worker kept its stack; the fix calls uv_thread_detach right after a
// successful create.
// Reduction written for taskleak; no project code is copied.
#include <uv.h>

// uv_thread_detach exists since libuv 1.50; the system uv.h (1.44) predates it.
int uv_thread_detach(uv_thread_t *tid);

struct worker_ctx {
  int key;
};

extern void registry_add(int key);
extern void registry_remove(int key);

static void run_worker(void *arg) {
  struct worker_ctx *ctx = arg;
  (void)ctx;
}

// Bug: the worker is started and its handle is dropped.
int checkLeakStartWorker(struct worker_ctx *ctx, int key) {
  uv_thread_t handle;
  registry_add(key);
  if (uv_thread_create(&handle, run_worker, ctx) != 0) {
    registry_remove(key);
    return 0;
  }
  return key; // expected-warning{{Thread running 'run_worker' is never joined or detached (handle 'handle')}}
}

// Fix (as in the PR): detach right after a successful create.
int checkNoLeakStartWorker(struct worker_ctx *ctx, int key) {
  uv_thread_t handle;
  registry_add(key);
  if (uv_thread_create(&handle, run_worker, ctx) != 0) {
    registry_remove(key);
    return 0;
  }
  uv_thread_detach(&handle);
  return key; // no warning
}
