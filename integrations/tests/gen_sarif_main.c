/* gen_sarif_main.c - `tl_gen_sarif OUTDIR FILES PER_FILE [FIRST]`: writes
 * FILES SARIF files of PER_FILE results each, numbered from FIRST. */
#include "gen_sarif.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: tl_gen_sarif OUTDIR FILES PER_FILE [FIRST]\n");
		return 2;
	}
	long files = atol(argv[2]), per = atol(argv[3]), first = argc > 4 ? atol(argv[4]) : 0;
	for (long i = 0; i < files; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/part-%04ld.sarif", argv[1], i);
		FILE *f = fopen(path, "w");
		if (!f || tl_gen_sarif(f, first + i * per, per) || fclose(f)) {
			fprintf(stderr, "tl_gen_sarif: cannot write %s\n", path);
			return 1;
		}
	}
	return 0;
}
