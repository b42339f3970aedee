#include <pthread.h>
/* nng's nni_thr reduced: the handle inside a struct with a lock, a
 * condition and the flags that let the thread start and stop. */
typedef struct {
	pthread_t tid;
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	void (*fn)(void *);
	void *arg;
	int start, stop;
} thr_t;
int thr_init(thr_t *t, void (*fn)(void *), void *arg);
void thr_run(thr_t *t);
void thr_fini(thr_t *t);
