#ifndef UTIL_H
#define UTIL_H
static inline int util_ratio(int total) {
  int parts = 0;
  return total / parts;
}
#endif
