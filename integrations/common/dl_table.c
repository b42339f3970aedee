/* dl_table.c - see dl_table.h. */
#include "dl_table.h"
#include "tl_error.h"

#include <dlfcn.h>

int tl_dl_table(const char *library, const char *lib, const char *user, int code, size_t n,
		const char *const names[], void *fns[], char **err)
{
	/* RTLD_LOCAL: its symbols resolve nobody else's (libclang's LLVM and
	 * the plugin's); RTLD_NOW: a broken install fails here, not mid-run */
	void *h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return tl_error(err, code, "cannot load %s, which %s needs: %s", lib, user, dlerror());
	for (size_t i = 0; i < n; i++)
		if (!dlsym(h, names[i])) {
			dlclose(h);
			return tl_error(err, code, "%s is not the %s %s needs: it has no %s", library,
					lib, user, names[i]);
		}
	for (size_t i = 0; i < n; i++)
		fns[i] = dlsym(h, names[i]);
	return TL_OK;
}
