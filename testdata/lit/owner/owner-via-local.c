// An owner's field filled through a local (issue 12): the handle is
// created into `t`, then stored (`s->thr = t`), or a project wrapper
// returns it (the inference writes thr_spawn as a spawn with
// "handle_return") and the caller stores the result.  Either way the field
// is an owner field, and a free function that does not join it is judged.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/spawn_returns.json -verify %s

#include <pthread.h>

void free(void *);
pthread_t thr_spawn(void *(*fn)(void *), void *arg);

static void *svc_main(void *arg) { return arg; }

struct svc { pthread_t thr; };

int svc_start(struct svc *s) {
  pthread_t t;
  if (pthread_create(&t, NULL, svc_main, s) != 0)
    return -1;
  s->thr = t;
  return 0;
}

void svc_free(struct svc *s) {
  free(s); // expected-warning{{Thread running 'svc_main' is never joined or detached before its owner is freed (handle 's->thr', started in 'svc_start')}}
           // expected-warning@-1{{The unjoined thread running 'svc_main' may use its owner after it is freed (handle 's->thr', started in 'svc_start')}}
}

struct joined_svc { pthread_t thr; };

int joined_svc_start(struct joined_svc *s) {
  pthread_t t;
  if (pthread_create(&t, NULL, svc_main, s) != 0)
    return -1;
  s->thr = t;
  return 0;
}

void joined_svc_free(struct joined_svc *s) {
  pthread_join(s->thr, NULL);
  free(s); // no warning: joined first
}

struct aux { pthread_t thr; };

void aux_start(struct aux *a) { a->thr = thr_spawn(svc_main, a); }

void aux_free(struct aux *a) {
  free(a); // expected-warning{{Thread running 'svc_main' is never joined or detached before its owner is freed (handle 'a->thr', started in 'aux_start')}}
           // expected-warning@-1{{The unjoined thread running 'svc_main' may use its owner after it is freed (handle 'a->thr', started in 'aux_start')}}
}

struct joined_aux { pthread_t thr; };

void joined_aux_start(struct joined_aux *a) { a->thr = thr_spawn(svc_main, a); }

void joined_aux_free(struct joined_aux *a) {
  pthread_join(a->thr, NULL);
  free(a); // no warning: joined first
}
