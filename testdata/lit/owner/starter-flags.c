// Which fields of an owner say "no thread was started" on a path of its
// ending function that skips the join (issue 12, mosquitto's loop thread,
// upstream #2377 / #2905 / #3207): only a field the starting function sets
// around the spawn and the task never writes.  mosquitto__destroy joins
// only `if (mosq->threaded == mosq_ts_self)`, a flag the loop thread clears
// when it ends by itself, and later tests `mosq->sock`, which
// mosquitto_loop_start never sets: neither may silence the report.  The
// starting function is in another file here (the project model's "flags"),
// and in this file below.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/starter_flags.json -verify=project,expected %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=expected %s

#include <pthread.h>

int close(int);
void free(void *);

//===--- the starting function is in another file (project model) ---===//

enum conn_ts { CONN_TS_NONE, CONN_TS_SELF };
struct conn {
  pthread_t thread;
  int threaded;     // set by conn_loop_start, cleared by the thread too
  int loop_started; // set by conn_loop_start only
  int sock;         // never set by conn_loop_start
};
int conn_loop_start(struct conn *c);
void conn_free(void *p);

void conn_destroy(struct conn *c) {
  if (c->threaded == CONN_TS_SELF) {
    pthread_join(c->thread, NULL);
    c->threaded = CONN_TS_NONE;
  }
  if (c->sock != -1)
    close(c->sock);
  conn_free(c); // project-warning{{Thread running 'conn_main' is never joined or detached before its owner is freed (handle 'c->thread', started in 'conn_loop_start' (loop.c:15))}}
                // project-warning@-1{{The unjoined thread running 'conn_main' may use its owner after it is freed (handle 'c->thread', started in 'conn_loop_start' (loop.c:15))}}
}

void conn_destroy_sock_only(struct conn *c) {
  if (c->sock != -1) {
    pthread_join(c->thread, NULL);
    close(c->sock);
  }
  conn_free(c); // project-warning{{Thread running 'conn_main' is never joined or detached before its owner is freed (handle 'c->thread', started in 'conn_loop_start' (loop.c:15))}}
                // project-warning@-1{{The unjoined thread running 'conn_main' may use its owner after it is freed (handle 'c->thread', started in 'conn_loop_start' (loop.c:15))}}
}

void conn_destroy_fixed(struct conn *c) {
  if (c->loop_started) {
    pthread_join(c->thread, NULL);
    c->loop_started = 0;
  }
  if (c->sock != -1)
    close(c->sock);
  conn_free(c); // no warning: the owner's own flag said no loop was started
}

//===--- the starting function is in this file ---===//

struct srv {
  pthread_t tid;
  int running; // set by srv_start
  int fd;      // set by srv_open, not by srv_start
};

static void *srv_main(void *arg) { return arg; }

int srv_start(struct srv *s) {
  if (pthread_create(&s->tid, NULL, srv_main, s) != 0)
    return -1;
  s->running = 1;
  return 0;
}

void srv_open(struct srv *s) { s->fd = 3; }

void srv_free(struct srv *s) {
  if (s->running)
    pthread_join(s->tid, NULL);
  free(s); // no warning: srv_start sets `running` after the spawn
}

void srv_free_by_fd(struct srv *s) {
  if (s->fd >= 0)
    pthread_join(s->tid, NULL);
  free(s); // expected-warning{{Thread running 'srv_main' is never joined or detached before its owner is freed (handle 's->tid', started in 'srv_start')}}
           // expected-warning@-1{{The unjoined thread running 'srv_main' may use its owner after it is freed (handle 's->tid', started in 'srv_start')}}
}
