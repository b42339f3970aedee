/*
 * fuzz_model.c - libFuzzer harness for the API model loader
 * (checker/core/model.c): any bytes either load or give one error that
 * names the origin, and a failed load leaves the set as it was.
 */
#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	if (!set)
		return 0;
	int rc = tl_models_load_buffer(set, "fuzz.json", (const char *)data, size, &err);
	if (rc && (!err || strncmp(err, "fuzz.json:", 10) || tl_models_count(set) != 0))
		abort();
	free(err);
	tl_models_free(set);
	return 0;
}
