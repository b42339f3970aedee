/* A project's own thread wrapper, defined in another translation unit. */
typedef struct mt_thread mt_thread;
mt_thread *mt_start(void *(*entry)(void *), void *arg);
void *mt_wait(mt_thread *t);
void mt_forget(mt_thread *t);
