// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL101 UnjoinedTask and TL102 DanglingTaskArg, POSIX
// threads).
// Source: twitter/pelikan PR #212 (issue #211), "ThreadSanitizer: Fix thread
//   leak in test_thread in ring_array suite",
//   https://github.com/twitter/pelikan/pull/212 (commit abaf93a3)
// Original bug: the ring_array threading test spawned a producer thread with a
// pointer to an argument struct on the test's stack, consumed everything and
// destroyed the ring without joining the producer; the fix adds pthread_join
// before the ring is destroyed.
// Reduction written for taskleak; no project code is copied. The ring buffer is
// an opaque extern API.
#include <pthread.h>
#include <stdint.h>

struct ring;
extern struct ring *ring_new(uint32_t cap);
extern int ring_put(struct ring *r, uint32_t v);   // 0 when full
extern int ring_take(struct ring *r, uint32_t *v); // 0 when empty
extern void ring_free(struct ring *r);

struct produce_job {
  uint32_t count;
  struct ring *r;
};

static void *produce(void *arg) {
  struct produce_job *job = arg;
  for (uint32_t i = 0; i < job->count;)
    if (ring_put(job->r, i))
      ++i;
  return 0;
}

// Bug: the producer is never joined, and it holds a pointer to 'job', which
// lives in this frame.
void checkLeakRingProducer(uint32_t reps) {
  struct produce_job job;
  pthread_t prod;
  job.count = reps;
  job.r = ring_new(1000);
  if (pthread_create(&prod, 0, produce, &job) != 0)
    return;
  // The handle 'prod' is never read again, so it dies at the loop.
  for (uint32_t seen = 0; seen < job.count;) { // expected-warning{{Thread running 'produce' is never joined or detached (handle 'prod')}}
    uint32_t v;
    if (ring_take(job.r, &v))
      ++seen;
  }
  ring_free(job.r);
} // expected-warning{{The unjoined thread running 'produce' may use local 'job' after 'checkLeakRingProducer' returns}}

// Fix (as in the PR): join the producer before tearing down.
void checkNoLeakRingProducer(uint32_t reps) {
  struct produce_job job;
  pthread_t prod;
  job.count = reps;
  job.r = ring_new(1000);
  if (pthread_create(&prod, 0, produce, &job) != 0)
    return;
  for (uint32_t seen = 0; seen < job.count;) {
    uint32_t v;
    if (ring_take(job.r, &v))
      ++seen;
  }
  pthread_join(prod, 0);
  ring_free(job.r);
} // no warning
