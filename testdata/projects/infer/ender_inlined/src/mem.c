#include <stdlib.h>
#include <string.h>
#include "client.h"

void client_free(void *p)
{
	free(p);
}

void *client_calloc(unsigned long n, unsigned long size)
{
	return calloc(n, size);
}

char *client_strdup(const char *s)
{
	return strdup(s);
}
