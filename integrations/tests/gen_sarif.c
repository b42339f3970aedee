/* gen_sarif.c - synthetic SARIF, see gen_sarif.h. */
#include "gen_sarif.h"

int tl_gen_sarif(FILE *f, long first, long count)
{
	fputs("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"gen\"}},"
	      "\"results\":[\n", f);
	for (long k = first; k < first + count; k++) {
		long file = k / 50, line = 10 + k % 50 * 7;
		fprintf(f, "%s{\"ruleId\":\"GEN%ld\",\"level\":\"warning\","
			"\"message\":{\"text\":\"task %ld is never joined\"},"
			"\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/f%ld.c\"},"
			"\"region\":{\"startLine\":%ld,\"startColumn\":5}},"
			"\"logicalLocations\":[{\"fullyQualifiedName\":\"fn_%ld\"}]}],"
			"\"codeFlows\":[{\"threadFlows\":[{\"locations\":["
			"{\"location\":{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/f%ld.c\"},"
			"\"region\":{\"startLine\":%ld,\"startColumn\":3}},\"message\":{\"text\":\"spawned here\"}}},"
			"{\"location\":{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/f%ld.c\"},"
			"\"region\":{\"startLine\":%ld,\"startColumn\":5}},\"message\":{\"text\":\"handle dies here\"}}}"
			"]}]}]}\n", k == first ? "" : ",", k % 20, k, file, line, k, file, line - 2, file, line);
	}
	fputs("]}]}\n", f);
	return ferror(f) ? -1 : 0;
}
