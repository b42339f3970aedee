// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL301 ActiveAtRelease, libuv).
// Source: wren-lang/wren PR #293, commit cb603f44c2f2ea926360bf0ff9c0eba1984cf701,
//   https://github.com/wren-lang/wren/pull/293
// Original bug: the CLI's Timer.sleep initialised a malloc'ed uv_timer_t and
// freed it straight from its timer callback without uv_close; the loop still
// had the handle in its list (access violation on exit).  The fix closed the
// handle and freed it in the close callback.
// Reduction written for taskleak; no project code is copied.
#include <stdlib.h>
#include <uv.h>

static void wake(void *fiber) { (void)fiber; }

static void sleep_done(uv_timer_t *timer) {
  void *fiber = timer->data;
  free(timer); // expected-warning{{The libuv timer 'timer' is freed while its loop still holds it: it was never closed}}
  wake(fiber);
}

void sleep_start(uv_loop_t *loop, void *fiber, uint64_t ms) {
  uv_timer_t *timer = malloc(sizeof *timer);
  if (!timer)
    return;
  uv_timer_init(loop, timer);
  timer->data = fiber;
  uv_timer_start(timer, sleep_done, ms, 0);
}

static void sleep_closed(uv_handle_t *handle) {
  free(handle); // no warning
}

static void fixed_sleep_done(uv_timer_t *timer) {
  void *fiber = timer->data;
  uv_close((uv_handle_t *)timer, sleep_closed);
  wake(fiber);
}

void fixed_sleep_start(uv_loop_t *loop, void *fiber, uint64_t ms) {
  uv_timer_t *timer = malloc(sizeof *timer);
  if (!timer)
    return;
  uv_timer_init(loop, timer);
  timer->data = fiber;
  uv_timer_start(timer, fixed_sleep_done, ms, 0);
}
