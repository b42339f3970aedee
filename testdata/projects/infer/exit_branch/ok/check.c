/* chan's assert_true: frees only on the failing branch, which exits. */
#include <stdlib.h>
#include "box.h"

void check(int ok, box *b)
{
	if (!ok) {
		free(b);
		exit(1);
	}
}
