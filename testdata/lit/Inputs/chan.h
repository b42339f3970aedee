/* Simulated header: tylertreat/chan (https://github.com/tylertreat/chan),
 * which Debian does not package.  Declarations only, written for taskleak's
 * tests from the library's documented API. */
#ifndef TASKLEAK_SIM_CHAN_H
#define TASKLEAK_SIM_CHAN_H

#include <stddef.h>

typedef struct chan_t chan_t;

/* capacity 0: unbuffered; returns NULL on failure. */
chan_t *chan_init(size_t capacity);
/* Blocks until received (unbuffered) or there is room; -1 once closed. */
int chan_send(chan_t *chan, void *data);
/* Blocks until something is sent; -1 once the channel is closed and empty. */
int chan_recv(chan_t *chan, void **data);
/* Wakes every blocked sender and receiver. */
int chan_close(chan_t *chan);
int chan_is_closed(chan_t *chan);
void chan_dispose(chan_t *chan);
int chan_size(chan_t *chan);
/* Not modelled: the channels handed to it are no longer tracked. */
int chan_select(chan_t *recv_chans[], int recv_count, void **recv_out,
                chan_t *send_chans[], int send_count, void *send_msgs[]);

#endif
