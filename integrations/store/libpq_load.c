/*
 * libpq_load.c - fills the libpq table (see libpq_table.h) from dlopen,
 * once, when a store is first opened on a PostgreSQL URL.
 */
#include "libpq_table.h"

#include "../common/dl_table.h"
#include "../common/tl_error.h"

struct tl_libpq tl_libpq;

#define TL_LIBPQ_NAME(name) #name,
static const char *const names[] = { TL_LIBPQ_FUNCTIONS(TL_LIBPQ_NAME) };
#undef TL_LIBPQ_NAME
#define N_FUNCTIONS (sizeof(names) / sizeof(names[0]))

int tl_libpq_load(const char *library, char **err)
{
	void *fns[N_FUNCTIONS];
	size_t i = 0;

	if (tl_libpq.loaded)
		return TL_OK;
	int rc = tl_dl_table(library, "libpq", "a PostgreSQL store", TL_E_DB, N_FUNCTIONS, names,
			     fns, err);
	if (rc)
		return rc;
#define TL_LIBPQ_SET(name) tl_libpq.name = (__typeof__(tl_libpq.name))fns[i++];
	TL_LIBPQ_FUNCTIONS(TL_LIBPQ_SET)
#undef TL_LIBPQ_SET
	tl_libpq.loaded = true; /* the library stays open until the process ends */
	return TL_OK;
}
