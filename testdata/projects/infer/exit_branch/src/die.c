/* The project's own fatal error (die_ok, die_bug): says why, then ends the process. */
#include <stdio.h>
#include <stdlib.h>
#include "box.h"

void die(const char *why)
{
	fprintf(stderr, "fatal: %s\n", why);
	exit(1);
}
