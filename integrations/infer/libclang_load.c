/*
 * libclang_load.c - fills the libclang table (see libclang_table.h) from
 * dlopen, once, when the inference first needs to parse a unit.
 */
#include "libclang_table.h"

#include "common/dl_table.h"
#include "common/tl_error.h"

struct tl_libclang tl_libclang;

#define TL_LIBCLANG_NAME(name) #name,
static const char *const names[] = { TL_LIBCLANG_FUNCTIONS(TL_LIBCLANG_NAME) };
#undef TL_LIBCLANG_NAME
#define N_FUNCTIONS (sizeof(names) / sizeof(names[0]))

int tl_libclang_load(const char *library, char **err)
{
	void *fns[N_FUNCTIONS];
	size_t i = 0;

	if (tl_libclang.loaded)
		return TL_OK;
	int rc = tl_dl_table(library, "libclang", "the inference", TL_E_ANALYSIS, N_FUNCTIONS,
			     names, fns, err);
	if (rc)
		return rc;
#define TL_LIBCLANG_SET(name) tl_libclang.name = (__typeof__(tl_libclang.name))fns[i++];
	TL_LIBCLANG_FUNCTIONS(TL_LIBCLANG_SET)
#undef TL_LIBCLANG_SET
	tl_libclang.loaded = true; /* the library stays open until the process ends */
	return TL_OK;
}
