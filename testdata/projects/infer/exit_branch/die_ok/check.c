/* Frees only on the failing branch, which ends in die(). */
#include "box.h"
#include <stdlib.h>

void check(int ok, box *b)
{
	if (!ok) {
		free(b);
		die("check failed");
	}
}
