/* a closed library's header: the bodies are not in the project, so the
 * header says what the functions do (rules/include/taskleak.h) */
#include "taskleak.h"
typedef struct lib_thr lib_thr;
int lib_go(lib_thr **t, void (*fn)(void *), void *arg)
	TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero");
void lib_wait(lib_thr *t) TL_JOIN("handle=0");
int util_start(lib_thr **t, void (*fn)(void *), void *arg);
