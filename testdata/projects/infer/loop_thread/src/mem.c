#include <stdlib.h>
#include "conn.h"

void conn_free(void *p)
{
	free(p);
}
