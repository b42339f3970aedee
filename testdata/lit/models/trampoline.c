// A trampoline start (collectd's plugin_thread_create, nng's
// nni_plat_thr_init) spawns a fixed entry that calls the entry and
// argument it was given; the project model (or an annotation) says the
// call starts that real entry, so the real entry's body is what is judged.
// Without the model the start is an unknown call given '&t': silent.
// RUN: %clang_analyze_cc1 -I%src/rules/include -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/trampoline.json -analyzer-output=text -verify=model %s
// RUN: %clang_analyze_cc1 -I%src/rules/include -analyzer-checker=core,taskleak -DANNOTATED -analyzer-output=text -verify=model %s
// RUN: %clang_analyze_cc1 -I%src/rules/include -analyzer-checker=core,taskleak -verify=nomodel %s
// nomodel-no-diagnostics

#include "taskleak.h"

typedef unsigned long pthread_t;
int pthread_detach(pthread_t);
pthread_t pthread_self(void);

#ifdef ANNOTATED
#define CAP TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero")
#define PLAT TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero handle_field=tid")
#define FINI TL_JOIN("handle=0 handle_by=pointer handle_field=tid")
#define NINIT TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero handle_field=thr.tid")
#define NFINI TL_JOIN("handle=0 handle_by=pointer handle_field=thr.tid")
#else
#define NINIT
#define NFINI
#define CAP
#define PLAT
#define FINI
#endif

/* collectd's shape: the handle is the caller's pthread_t */
int cap_create(pthread_t *t, void *(*start)(void *), void *arg, const char *name) CAP;
/* nng's shape: the handle is a field of the caller's struct */
typedef struct plat { pthread_t tid; void (*func)(void *); void *arg; } plat;
int plat_init(plat *t, void (*fn)(void *), void *arg) PLAT;
void plat_fini(plat *t) FINI;
/* nng's nni_thr: a second trampoline around the first, its handle the
 * first one's field inside its own struct */
typedef struct nthr { plat thr; void (*fn)(void *); void *arg; } nthr;
int nthr_init(nthr *n, void (*fn)(void *), void *arg) NINIT;
void nthr_fini(nthr *n) NFINI;
int pthread_join(pthread_t, void **);

static void *work(void *arg) { return arg; }
static void *loner(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}
static void pwork(void *arg) { (void)arg; }

int checkLeakThroughTrampoline(void) {
  pthread_t t;
  if (cap_create(&t, work, 0, "work") != 0) // model-note{{Thread running 'work' spawned here (handle 't')}}
    // model-note@-1{{Assuming the condition is false}}
    // model-note@-2{{Taking false branch}}
    return -1;
  return 0; // model-warning{{Thread running 'work' is never joined or detached (handle 't')}}
  // model-note@-1{{Thread running 'work' is never joined or detached (handle 't')}}
}

int checkJoinedThroughTrampoline(void) {
  pthread_t t;
  if (cap_create(&t, work, 0, "work") != 0)
    return -1;
  return pthread_join(t, 0); // no warning
}

int checkRealEntryDetachesItself(void) {
  pthread_t t;
  if (cap_create(&t, loner, 0, "loner") != 0)
    return -1;
  return 0; // no warning: 'loner' detaches itself, not the trampoline
}

int checkLeakFieldHandle(void) {
  plat p;
  if (plat_init(&p, pwork, 0) != 0) // model-note{{Thread running 'pwork' spawned here (handle 'p.tid')}}
    // model-note@-1{{Assuming the condition is false}}
    // model-note@-2{{Taking false branch}}
    return -1;
  return 0; // model-warning{{Thread running 'pwork' is never joined or detached (handle 'p.tid')}}
  // model-note@-1{{Thread running 'pwork' is never joined or detached (handle 'p.tid')}}
}

int checkJoinedFieldHandle(void) {
  plat p;
  if (plat_init(&p, pwork, 0) != 0)
    return -1;
  plat_fini(&p); // no warning
  return 0;
}

int checkLeakNestedField(void) {
  nthr n;
  if (nthr_init(&n, pwork, 0) != 0) // model-note{{Thread running 'pwork' spawned here (handle 'n.thr.tid')}}
    // model-note@-1{{Assuming the condition is false}}
    // model-note@-2{{Taking false branch}}
    return -1;
  return 0; // model-warning{{Thread running 'pwork' is never joined or detached (handle 'n.thr.tid')}}
  // model-note@-1{{Thread running 'pwork' is never joined or detached (handle 'n.thr.tid')}}
}

int checkJoinedNestedField(void) {
  nthr n;
  if (nthr_init(&n, pwork, 0) != 0)
    return -1;
  nthr_fini(&n); // no warning
  return 0;
}
