// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s
//
// Real-world reduction (TL102 DanglingTaskArg, heap part).
// Source: HuoLanguage/huo issue #4, "Freeing execution bundle before pthread
//   join", https://github.com/HuoLanguage/huo/issues/4 (fixed by swapping the
//   two lines, execution_functions/parallel_execution.c).
// Original bug: parallel_execution() started one thread per child with a
// malloc'ed bundle, then in the second loop freed each bundle before joining
// its thread, which might still be reading it.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>
#include <stdlib.h>

struct bundle {
  int node;
  int max_depth;
};

void evaluate(int node, int depth);

static void *parallel_routine(void *p) {
  struct bundle *b = p;
  evaluate(b->node, b->max_depth - 1);
  return NULL;
}

void parallel_execution_buggy(int depth) {
  pthread_t tid[2];
  struct bundle *b[2];
  for (int i = 0; i < 2; i++) {
    b[i] = malloc(sizeof *b[i]);
    if (!b[i])
      abort();
    b[i]->node = i;
    b[i]->max_depth = depth;
    if (pthread_create(&tid[i], NULL, parallel_routine, b[i]) != 0)
      abort();
  }
  for (int j = 0; j < 2; j++) {
    free(b[j]); // expected-warning{{The unjoined thread running 'parallel_routine' may use its argument after it is freed}}
    pthread_join(tid[j], NULL);
  }
}

void parallel_execution_fixed(int depth) {
  pthread_t tid[2];
  struct bundle *b[2];
  for (int i = 0; i < 2; i++) {
    b[i] = malloc(sizeof *b[i]);
    if (!b[i])
      abort();
    b[i]->node = i;
    b[i]->max_depth = depth;
    if (pthread_create(&tid[i], NULL, parallel_routine, b[i]) != 0)
      abort();
  }
  for (int j = 0; j < 2; j++) {
    pthread_join(tid[j], NULL);
    free(b[j]); // no warning
  }
}
