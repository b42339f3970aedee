// The plugin must not keep apart paths that say the same thing: a path that
// once tracked something and let it go, and one that never tracked it, meet
// again as one state (engine/StateTraits.h, `without`).  Here a block is published
// on one branch (stored into the owner: PublishedBlocks) and unreachable
// again after the next store, so both branches reach the last call with the
// same facts, and the analyzer reaches it once, as without the plugin.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak,debug.ExprInspection -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,debug.ExprInspection -verify %s

void clang_analyzer_numTimesReached(void);
void use(int);

struct holder {
  void *p;
};

void storeThenClear(struct holder *h, int c, void *q) {
  if (c)
    h->p = q;
  h->p = 0;
  use(1);
  use(2);
  clang_analyzer_numTimesReached(); // expected-warning{{1}}
}
