/*
 * fuzz_import.c - libFuzzer harness for one report reader (plist or
 * SARIF, chosen at build time by FUZZ_READ; see fuzz/CMakeLists.txt).
 *
 * Each input is written to a file (the readers take a path, as import
 * does) and read into a report set with a fresh import context, so that
 * leaks in the context show up too. The root is an empty temporary
 * folder; paths in the input may still name any file, which the readers
 * must survive (only regular files are read as sources).
 */
#include "import/import.h"
#include "common/tl_error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct tl_catalog catalog;
static char root[] = "/tmp/tl-fuzz-XXXXXX";
static char input[sizeof(root) + 32];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	(void)argc, (void)argv;
	if (!mkdtemp(root) || tl_catalog_load(TL_CATALOG, &catalog, &err)) {
		fprintf(stderr, "fuzz: cannot set up: %s\n", err ? err : root);
		abort();
	}
	snprintf(input, sizeof(input), "%s/input%s", root, FUZZ_EXT);
	return 0;
}

static int write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(input, "wb");
	if (!f)
		return -1;
	size_t n = fwrite(data, 1, size, f);
	return fclose(f) == 0 && n == size ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tl_import_ctx ctx;
	struct tl_report_set set;
	char *err = NULL;
	if (write_input(data, size))
		abort();
	if (tl_import_ctx_init(&ctx, root, &catalog, &err))
		abort();
	tl_report_set_init(&set);
	int rc = FUZZ_READ(&ctx, input, root, &set, &err);
	/* a failure names the file and leaves no partial reports */
	if (rc && (!err || set.n != 0))
		abort();
	free(err);
	tl_report_set_clear(&set);
	tl_import_ctx_free(&ctx);
	return 0;
}
