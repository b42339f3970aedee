#include <stdlib.h>
#include "util.h"

int *make_buffer(int n) {
  int *p = malloc(sizeof(int) * n);
  if (n > 10)
    return NULL;
  return p;
}

int b_ratio(void) { return util_ratio(20); }
