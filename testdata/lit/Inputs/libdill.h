/* Simulated header: libdill (https://github.com/sustrik/libdill), which
 * Debian does not package.  go(fn) and bundle_go(b, fn) keep the library's
 * shape: a prologue, then the call fn itself as the coroutine.  Channels
 * are pairs of unbuffered handles; a deadline of -1 waits forever.  Written
 * for taskleak's tests; no library code is copied. */
#ifndef TASKLEAK_SIM_LIBDILL_H
#define TASKLEAK_SIM_LIBDILL_H

#include <stddef.h>
#include <stdint.h>

int dill_prologue(void **ctx, int bndl, const char *file, int line);
void dill_epilogue(void);
/* The library switches stacks with its own setjmp: 0 first, then non-zero
 * when the coroutine blocks and the caller goes on. */
int dill_setjmp_(void *ctx);
#define go(fn) bundle_go(-1, fn)
#define bundle_go(bndl, fn)                                                    \
  ({                                                                           \
    void *dill_ctx_;                                                           \
    int dill_h_ = dill_prologue(&dill_ctx_, (bndl), __FILE__, __LINE__);       \
    if (dill_h_ >= 0) {                                                        \
      if (!dill_setjmp_(dill_ctx_)) {                                          \
        fn;                                                                    \
        dill_epilogue();                                                       \
      }                                                                        \
    }                                                                          \
    dill_h_;                                                                   \
  })

int bundle(void);
int bundle_wait(int bndl, int64_t deadline);

int hclose(int h);
int64_t now(void);
int msleep(int64_t deadline);

/* chv[0] and chv[1]: two connected ends of one unbuffered channel. */
int chmake(int chv[2]);
int chsend(int ch, const void *val, size_t len, int64_t deadline);
int chrecv(int ch, void *val, size_t len, int64_t deadline);
/* After chdone, receives on the other end fail with EPIPE. */
int chdone(int ch);

#endif
