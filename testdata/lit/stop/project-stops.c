// TL403 across files (issue 12): the entry's loop is in another unit, so
// this unit has no body to summarise; the project model's entry row says
// which field of the task's struct ends it ("stops_on").  Each shape with
// its fixed variant; without the model every join here is silent.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/project_stops.json -verify=project %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=unit %s
// unit-no-diagnostics

#include <pthread.h>

typedef struct { pthread_t thr; int exit; int state; } q_t;

void *q_loop(void *);       // worker.c: for (;;) { ... if (q->exit) break; }
void *q_state_loop(void *); // worker.c: while (q->state != 2) ...
void *q_spin(void *);       // worker.c: for (;;) poll();
void *q_self_stop(void *);  // worker.c: sets q->exit itself
void *q_other(void *);      // worker.c: tests a struct this unit does not define

void joinWithoutStop(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_loop, &q) != 0) // project-note{{Thread running 'q_loop' spawned here}}
                                                   // project-note@-1{{Assuming the condition is false}}
                                                   // project-note@-2{{Taking false branch}}
    return;
  pthread_join(q.thr, 0); // project-warning{{Thread running 'q_loop' never stops: its loop ends only when 'q.exit' is set, which this path never does before the join}}
                          // project-note@-1{{Thread running 'q_loop' never stops: its loop ends only when 'q.exit' is set, which this path never does before the join}}
}

void joinAfterStop(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_loop, &q) != 0)
    return;
  q.exit = 1;
  pthread_join(q.thr, 0); // no warning: the flag ends the loop
}

void stateNeverReached(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_state_loop, &q) != 0) // project-note{{Thread running 'q_state_loop' spawned here}}
                                                         // project-note@-1{{Assuming the condition is false}}
                                                         // project-note@-2{{Taking false branch}}
    return;
  q.state = 1; // project-note{{'q.state' set here}}
  pthread_join(q.thr, 0); // project-warning{{Thread running 'q_state_loop' never stops: its loop ends only when 'q.state' is 2, which this path never does before the join}}
                          // project-note@-1{{Thread running 'q_state_loop' never stops: its loop ends only when 'q.state' is 2, which this path never does before the join}}
}

void stateReached(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_state_loop, &q) != 0)
    return;
  q.state = 2;
  pthread_join(q.thr, 0); // no warning
}

void spinForever(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_spin, &q) != 0) // project-note{{Thread running 'q_spin' spawned here}}
                                                   // project-note@-1{{Assuming the condition is false}}
                                                   // project-note@-2{{Taking false branch}}
    return;
  q.exit = 1;
  pthread_join(q.thr, 0); // project-warning{{Thread running 'q_spin' never stops: its loop has no exit, and the join waits forever}}
                          // project-note@-1{{Thread running 'q_spin' never stops: its loop has no exit, and the join waits forever}}
}

void selfStopping(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_self_stop, &q) != 0)
    return;
  pthread_join(q.thr, 0); // no warning: the task sets the flag itself
}

void unknownStruct(void) {
  q_t q = {0};
  if (pthread_create(&q.thr, 0, q_other, &q) != 0)
    return;
  pthread_join(q.thr, 0); // no warning: this unit cannot name other_t's flag
}
