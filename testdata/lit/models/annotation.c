// A closed library's header says what its functions do with
// rules/include/taskleak.h's macros; the plugin reads the annotations
// itself (no model file), checked by the same loader as a model file.
// RUN: %clang_analyze_cc1 -I%src/rules/include -analyzer-checker=core,taskleak -verify %s
// RUN: %clang_analyze_cc1 -I%src/rules/include -DTASKLEAK_NO_ANNOTATIONS -analyzer-checker=core,taskleak -verify=none %s
// none-no-diagnostics

#include "taskleak.h"

typedef struct lib_thr lib_thr;
int lib_go(lib_thr **t, void (*fn)(void *), void *arg)
    TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero");
void lib_wait(lib_thr *t) TL_JOIN("handle=0");
void lib_bad(lib_thr *t) TL_JOIN("handel=0"); // expected-warning-re{{taskleak: bad annotation: {{.*}}annotation.c:14:1: functions[0].handel: field does not apply to role 'join'}}

static void work(void *arg) { (void)arg; }

int checkLeakAnnotated(void) {
  lib_thr *t;
  if (lib_go(&t, work, 0) != 0)
    return -1;
  return 0; // expected-warning{{Thread running 'work' is never joined or detached (handle 't')}}
}

int checkNoLeakAnnotated(void) {
  lib_thr *t;
  if (lib_go(&t, work, 0) != 0)
    return -1;
  lib_wait(t);
  return 0; // no warning
}

void checkBadAnnotationIsNoModel(lib_thr *t) {
  lib_bad(t); // the bad annotation is reported once and ignored
}
