/* Frees the box whatever the test says, while the thread still uses it. */
#include <stdlib.h>
#include "box.h"

void check(int ok, box *b)
{
	if (!ok)
		exit(1);
	free(b);
}
