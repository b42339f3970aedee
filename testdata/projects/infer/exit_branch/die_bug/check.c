/* Frees the box whatever the test says, while the thread still uses it. */
#include "box.h"
#include <stdlib.h>

void check(int ok, box *b)
{
	if (!ok)
		die("check failed");
	free(b);
}
