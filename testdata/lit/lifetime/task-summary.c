// The task summary: what the entry function writes through its argument.
// The owner trusts a field the task never writes (a flag the owner set
// before the spawn), distrusts one the task writes, and lets the argument
// escape when the task passes it on (it may be freed there).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s

#include <pthread.h>
#include <stdlib.h>

void consume(void *p);
void use(int);

struct svc {
  pthread_t tid;
  int started; // written by the owner only
  int running; // cleared by the task when it stops on its own
  char *buf;
};

static void *reads_only(void *arg) {
  struct svc *s = arg;
  use(s->started);
  return NULL;
}

static void *clears_running(void *arg) {
  struct svc *s = arg;
  while (s->running)
    if (s->buf == NULL)
      s->running = 0;
  return NULL;
}

static void *passes_on(void *arg) {
  struct svc *s = arg;
  consume(s->buf);
  consume(s);
  return NULL;
}

static void stop_if_started(struct svc *s) {
  if (s->started)
    pthread_join(s->tid, NULL);
}

static void stop_if_running(struct svc *s) {
  if (s->running)
    pthread_join(s->tid, NULL);
}

void checkNoLeakOwnerFlag(void) {
  struct svc s = {0};
  s.started = 1;
  if (pthread_create(&s.tid, NULL, clears_running, &s) != 0)
    return;
  stop_if_started(&s); // no warning: only the owner writes 'started'
}

void checkLeakTaskFlag(void) {
  struct svc s = {0};
  s.running = 1;
  if (pthread_create(&s.tid, NULL, clears_running, &s) != 0)
    return;
  stop_if_running(&s);
} // expected-warning{{Thread running 'clears_running' is never joined or detached (handle 's.tid')}}
  // expected-warning@-1{{The unjoined thread running 'clears_running' may use local 's' after 'checkLeakTaskFlag' returns}}

void checkNoLeakReadOnlyTask(void) {
  struct svc s = {0};
  s.running = 1;
  if (pthread_create(&s.tid, NULL, reads_only, &s) != 0)
    return;
  stop_if_running(&s); // no warning: the task cannot clear 'running'
}

void checkNoMallocLeakTaskFrees(void) {
  struct svc s = {0};
  s.buf = malloc(16);
  if (pthread_create(&s.tid, NULL, passes_on, &s) != 0) {
    free(s.buf);
    return;
  }
  pthread_join(s.tid, NULL); // no warning: the task passed s.buf on
}

void checkMallocLeakTaskKeepsIt(void) {
  struct svc s = {0};
  s.buf = malloc(16);
  if (pthread_create(&s.tid, NULL, reads_only, &s) != 0) {
    free(s.buf);
    return;
  }
  pthread_join(s.tid, NULL); // expected-warning{{Potential leak of memory pointed to by 's.buf'}}
}
