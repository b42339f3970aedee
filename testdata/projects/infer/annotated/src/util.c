#include "lib.h"

/* a wrapper of the annotated function: inferred */
int util_start(lib_thr **t, void (*fn)(void *), void *arg)
{
	return lib_go(t, fn, arg);
}
