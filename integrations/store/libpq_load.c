/*
 * libpq_load.c - fills the libpq table (see libpq_table.h) from dlopen,
 * once, when a store is first opened on a PostgreSQL URL.
 */
#include "libpq_table.h"

#include "../common/tl_error.h"

#include <dlfcn.h>

struct tl_libpq tl_libpq;

int tl_libpq_load(const char *library, char **err)
{
	struct tl_libpq t = { 0 };
	const char *missing = NULL;
	void *lib;

	if (tl_libpq.loaded)
		return TL_OK;
	/* RTLD_NOW: a broken install fails here, not in the middle of a run */
	lib = dlopen(library, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return tl_error(err, TL_E_DB, "cannot load libpq, which a PostgreSQL store "
				"needs: %s", dlerror());
#define TL_LIBPQ_RESOLVE(name)                                                 \
	if (!missing && !(t.name = (__typeof__(t.name))dlsym(lib, #name)))     \
		missing = #name;
	TL_LIBPQ_FUNCTIONS(TL_LIBPQ_RESOLVE)
#undef TL_LIBPQ_RESOLVE
	if (missing) {
		dlclose(lib);
		return tl_error(err, TL_E_DB, "%s is not the libpq a PostgreSQL store needs: "
				"it has no %s", library, missing);
	}
	t.loaded = true;
	tl_libpq = t; /* the library stays open until the process ends */
	return TL_OK;
}
