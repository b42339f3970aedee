/* Simulated header: libmill (https://github.com/sustrik/libmill), which
 * Debian does not package.  The macros keep the library's shape: go(fn)
 * calls a prologue and then fn itself, which runs as a coroutine; chs, chr
 * and chdone pass the value's address and size.  Written for taskleak's
 * tests; no library code is copied. */
#ifndef TASKLEAK_SIM_LIBMILL_H
#define TASKLEAK_SIM_LIBMILL_H

#include <stddef.h>

#define MILL_STR_(x) #x
#define MILL_STR2_(x) MILL_STR_(x)
#define MILL_HERE_ (__FILE__ ":" MILL_STR2_(__LINE__))

typedef struct mill_chan_ *chan;

void *mill_prologue_(const char *created);
void mill_epilogue_(void);
#define go(fn)                                                                 \
  do {                                                                         \
    void *mill_sp_ = mill_prologue_(MILL_HERE_);                               \
    (void)mill_sp_;                                                            \
    fn;                                                                        \
    mill_epilogue_();                                                          \
  } while (0)

chan mill_chmake_(size_t sz, size_t bufsz, const char *created);
#define chmake(type, bufsz) mill_chmake_(sizeof(type), bufsz, MILL_HERE_)

chan chdup(chan ch);
void chclose(chan ch);

void mill_chs_(chan ch, void *val, size_t sz, const char *current);
#define chs(channel, type, value)                                              \
  do {                                                                         \
    type mill_val_ = (value);                                                  \
    mill_chs_((channel), &mill_val_, sizeof(type), MILL_HERE_);                \
  } while (0)

void *mill_chr_(chan ch, size_t sz, const char *current);
#define chr(channel, type) (*(type *)mill_chr_((channel), sizeof(type), MILL_HERE_))

/* After chdone every chr on the channel returns value at once. */
void mill_chdone_(chan ch, void *val, size_t sz, const char *current);
#define chdone(channel, type, value)                                           \
  do {                                                                         \
    type mill_val_ = (value);                                                  \
    mill_chdone_((channel), &mill_val_, sizeof(type), MILL_HERE_);             \
  } while (0)

void msleep(long long deadline);
long long now(void);
void yield(void);

#endif
