// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reductions (TL101 UnjoinedTask and TL104 DoubleJoin, C11 threads).
// Sources:
//  (A) baresip/baresip issue #2549, "Memory leak: The 'not really a leak'
//      memory leak of pthread", fixed by PR #2557, "aufile: join already
//      terminated thread frees stack",
//      https://github.com/baresip/baresip/issues/2549 ,
//      https://github.com/baresip/baresip/pull/2557 (commit 5a84aeb9)
//  (B) baresip/baresip PR #2917, "aufile: avoid race condition in case of fast
//      destruction", https://github.com/baresip/baresip/pull/2917
//      (commit 703813bc)
// Original bugs: (A) the aufile source's destructor joined the reader thread
// only while its 'run' flag was set, but the thread cleared 'run' itself when
// the file ran out, so a thread that finished on its own was never joined
// and each repeated tone leaked a thread stack; the fix joins whenever the
// thread was started. (B) after (A), in blocking mode (ptime 0) the alloc
// function joined the thread itself while 'started' stayed set, so the
// destructor joined the same thread a second time; the fix clears 'started'
// after that join (and has only the owner write the flag).
// Reduction written for taskleak; no project code is copied. The project's
// thread_create_name() wrapper is replaced by thrd_create, and its
// mem_zalloc/mem_deref owner object by calloc/free.
#include <stdlib.h>
#include <threads.h>

struct tone_src {
  thrd_t reader;
  volatile int run;   // cleared by the reader thread when the file is drained
  int started;        // written by the owner only (the fix)
  int blocking;       // ptime == 0
};

extern int read_next_frame(struct tone_src *src); // 0 when drained

static int reader_main(void *arg) {
  struct tone_src *src = arg;
  while (src->run) {
    if (!read_next_frame(src))
      src->run = 0; // (A): the task itself ends the 'run' state
  }
  return 0;
}

// (A) bug: the destructor trusts a flag that the task writes.
static void tone_src_destroy_a_buggy(struct tone_src *src) {
  if (src->run) {
    src->run = 0;
    thrd_join(src->reader, 0);
  }
  free(src); // expected-warning{{Thread running 'reader_main' is never joined or detached (handle 'src->reader')}}
  // expected-warning@-1{{The unjoined thread running 'reader_main' may use its argument after it is freed}}
}

// (A) fix: the destructor trusts a flag only the owner writes.
static void tone_src_destroy_a_fixed(struct tone_src *src) {
  if (src->started) {
    src->run = 0;
    thrd_join(src->reader, 0); // expected-warning{{Thread running 'reader_main' is joined twice (handle 'src->reader')}} (B), via checkDoubleJoinBlocking
  }
  free(src);
}

static struct tone_src *tone_src_new_a(void) {
  struct tone_src *src = calloc(1, sizeof *src);
  if (!src)
    return 0;
  src->run = 1;
  if (thrd_create(&src->reader, reader_main, src) != thrd_success) {
    free(src);
    return 0;
  }
  src->started = 1;
  return src;
}

extern void play_for_a_while(void);

// (A) bug: reported at the free in tone_src_destroy_a_buggy.  The task summary
// shows that reader_main writes 'run', so the owner cannot trust it; it never
// writes 'started', so the fixed destructor's guard is trusted.
void checkLeakToneFlagByTask(void) {
  struct tone_src *src = tone_src_new_a();
  if (!src)
    return;
  play_for_a_while();
  tone_src_destroy_a_buggy(src);
}

void checkNoLeakToneFlagByOwner(void) {
  struct tone_src *src = tone_src_new_a();
  if (!src)
    return;
  play_for_a_while();
  tone_src_destroy_a_fixed(src); // no warning
}

// (B) blocking mode: the constructor joins the reader itself.
static struct tone_src *tone_src_new_b(int blocking, int clear_after_join) {
  struct tone_src *src = calloc(1, sizeof *src);
  if (!src)
    return 0;
  src->blocking = blocking;
  src->run = 1;
  src->started = 1;
  if (thrd_create(&src->reader, reader_main, src) != thrd_success) {
    free(src);
    return 0;
  }
  if (src->blocking) {
    thrd_join(src->reader, 0);
    if (clear_after_join)
      src->started = 0; // the fix
  }
  return src;
}

// (B) bug: reported at the second thrd_join, in tone_src_destroy_a_fixed.
void checkDoubleJoinBlocking(void) {
  struct tone_src *src = tone_src_new_b(/*blocking=*/1, /*clear_after_join=*/0);
  if (!src)
    return;
  tone_src_destroy_a_fixed(src);
}

void checkNoDoubleJoinBlocking(void) {
  struct tone_src *src = tone_src_new_b(/*blocking=*/1, /*clear_after_join=*/1);
  if (!src)
    return;
  tone_src_destroy_a_fixed(src); // no warning
}


