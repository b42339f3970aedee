/*
 * libclang_load.c - fills the libclang table (see libclang_table.h) from
 * dlopen, once, when the inference first needs to parse a unit.
 */
#include "libclang_table.h"

#include "common/tl_error.h"

#include <dlfcn.h>

struct tl_libclang tl_libclang;

int tl_libclang_load(const char *library, char **err)
{
	struct tl_libclang t = { 0 };
	const char *missing = NULL;
	void *lib;

	if (tl_libclang.loaded)
		return TL_OK;
	/* RTLD_LOCAL: its LLVM must not resolve symbols of the plugin's or
	 * anyone else's; RTLD_NOW: a broken install fails here, not mid-parse */
	lib = dlopen(library, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return tl_error(err, TL_E_ANALYSIS, "cannot load libclang, which the inference "
				"needs: %s", dlerror());
#define TL_LIBCLANG_RESOLVE(name)                                              \
	if (!missing && !(t.name = (__typeof__(t.name))dlsym(lib, #name)))     \
		missing = #name;
	TL_LIBCLANG_FUNCTIONS(TL_LIBCLANG_RESOLVE)
#undef TL_LIBCLANG_RESOLVE
	if (missing) {
		dlclose(lib);
		return tl_error(err, TL_E_ANALYSIS, "%s is not the libclang the inference needs: "
				"it has no %s", library, missing);
	}
	t.loaded = true;
	tl_libclang = t; /* the library stays open until the process ends */
	return TL_OK;
}
