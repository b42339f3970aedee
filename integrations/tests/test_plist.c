/* test_plist.c - the plist reader on real clang 14 output (testdata/store,
 * made from testdata/projects/scanbasic) and on broken files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/tl_error.h"
#include "import/fingerprint.h"
#include "import/import.h"

#define PROJECT FIXTURES "/../projects/scanbasic"
#define CATALOG FIXTURES "/../../rules/catalog.json"

struct fx {
	struct tl_catalog cat;
	struct tl_import_ctx ctx;
	struct tl_report_set set;
	char *err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (tl_catalog_load(CATALOG, &f->cat, &f->err) ||
	    tl_import_ctx_init(&f->ctx, PROJECT, &f->cat, &f->err))
		return -1;
	tl_report_set_init(&f->set);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tl_report_set_clear(&f->set);
	tl_import_ctx_free(&f->ctx);
	tl_catalog_free(&f->cat);
	free(f->err);
	free(f);
	return 0;
}

static const struct tl_report *by_rule(const struct tl_report_set *s, const char *rule)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].rule, rule))
			return &s->v[i];
	return NULL;
}

static void reads_clang_plist(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-a.plist", PROJECT, &f->set, &f->err), TL_OK);
	assert_int_equal(f->set.n, 2);
	assert_string_equal(f->set.tool, "Debian clang version 14.0.6");

	const struct tl_report *dz = by_rule(&f->set, "core.DivideZero");
	assert_non_null(dz);
	assert_string_equal(dz->checker, "core.DivideZero");
	assert_string_equal(dz->file, "include/util.h");
	assert_int_equal(dz->line, 5);
	assert_int_equal(dz->col, 16);
	assert_string_equal(dz->function, "util_ratio");
	assert_string_equal(dz->message, "Division by zero");
	assert_string_equal(dz->issue_hash, "d1cff2ae965740922d834e6289126698");
	/* events only: the call into the header, the zero, the division */
	assert_true(dz->nsteps >= 2);
	assert_string_equal(dz->steps[0].file, "src/a.c");
	assert_string_equal(dz->steps[dz->nsteps - 1].message, "Division by zero");
	assert_string_equal(dz->steps[dz->nsteps - 1].file, "include/util.h");

	/* our plugin's checker maps to its rule id through the catalog */
	const struct tl_report *tl = by_rule(&f->set, "TL101");
	assert_non_null(tl);
	assert_string_equal(tl->checker, "taskleak.lifetime.UnjoinedTask");
	assert_string_equal(tl->file, "src/a.c");
	assert_string_equal(tl->function, "start_worker");

	/* the fingerprint is the text kind, from the source line */
	char want[65];
	const char *line = "  return total / parts;";
	tl_fingerprint_text("core.DivideZero", "include/util.h", "util_ratio", line,
			    strlen(line), 16, want);
	assert_string_equal(dz->fingerprint, want);
}

static void header_finding_same_from_both_units(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-a.plist", PROJECT, &f->set, &f->err), TL_OK);
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-b.plist", PROJECT, &f->set, &f->err), TL_OK);
	const struct tl_report *a = NULL, *b = NULL;
	for (size_t i = 0; i < f->set.n; i++)
		if (!strcmp(f->set.v[i].rule, "core.DivideZero"))
			*(a ? &b : &a) = &f->set.v[i];
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a->fingerprint, b->fingerprint);
	assert_non_null(by_rule(&f->set, "unix.Malloc"));
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(((const struct tl_report *)a)->fingerprint, ((const struct tl_report *)b)->fingerprint);
}

/* clang 16's plist of the same unit names the same findings */
static void same_findings_from_clang_16(void **state)
{
	struct fx *f = *state;
	struct tl_report_set s16;
	tl_report_set_init(&s16);
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-b.plist", PROJECT, &f->set, &f->err), TL_OK);
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang16-b.plist", PROJECT, &s16, &f->err), TL_OK);
	assert_string_equal(s16.tool, "Debian clang version 16.0.6 (15~deb12u1)");
	assert_int_equal(f->set.n, 2);
	assert_int_equal(s16.n, 2);
	qsort(f->set.v, 2, sizeof(f->set.v[0]), cmp_fp);
	qsort(s16.v, 2, sizeof(s16.v[0]), cmp_fp);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(f->set.v[i].fingerprint, s16.v[i].fingerprint);
		assert_string_equal(f->set.v[i].rule, s16.v[i].rule);
		assert_int_equal(f->set.v[i].line, s16.v[i].line);
	}
	tl_report_set_clear(&s16);
}

static void falls_back_to_clang_hash_without_source(void **state)
{
	struct fx *f = *state;
	/* relative names resolve against a folder that has no sources */
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-a.plist", FIXTURES, &f->set, &f->err), TL_OK);
	const struct tl_report *dz = by_rule(&f->set, "core.DivideZero");
	char want[65];
	tl_fingerprint_hash("core.DivideZero", dz->file, "d1cff2ae965740922d834e6289126698", want);
	assert_string_equal(dz->fingerprint, want);
}

static void check_error(struct fx *f, const char *path, const char *want)
{
	assert_int_equal(tl_plist_read(&f->ctx, path, PROJECT, &f->set, &f->err), TL_E_INPUT);
	assert_int_equal(f->set.n, 0);
	assert_non_null(f->err);
	assert_non_null(strstr(f->err, path));
	if (!strstr(f->err, want))
		fail_msg("message '%s' lacks '%s'", f->err, want);
	assert_null(strchr(f->err, '\n'));
}

static void truncated_plist(void **state)
{
	check_error(*state, FIXTURES "/bad-truncated.plist", "malformed plist XML");
}

static void xml_that_is_not_a_plist(void **state)
{
	check_error(*state, FIXTURES "/bad-not-plist.plist", "not a plist (root element is <html>)");
}

static void missing_field_names_the_diagnostic(void **state)
{
	char path[] = "/tmp/tl-test-plist-XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");
	fputs("<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n"
	      " <key>files</key><array><string>src/a.c</string></array>\n"
	      " <key>diagnostics</key>\n <array>\n  <dict>\n"
	      "   <key>description</key><string>no checker</string>\n"
	      "   <key>location</key><dict><key>line</key><integer>1</integer>"
	      "<key>col</key><integer>1</integer><key>file</key><integer>0</integer></dict>\n"
	      "  </dict>\n </array>\n</dict>\n</plist>\n", out);
	fclose(out);
	check_error(*state, path, ":7: diagnostics[0]: missing 'check_name'");
	unlink(path);
}

static void partial_file_leaves_set_unchanged(void **state)
{
	struct fx *f = *state;
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/clang14-b.plist", PROJECT, &f->set, &f->err), TL_OK);
	size_t n = f->set.n;
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/bad-truncated.plist", PROJECT, &f->set, &f->err), TL_E_INPUT);
	assert_int_equal(f->set.n, n);
}

/* issue 13: entity expansion ("billion laughs"). clang never declares
 * entities; a DOCTYPE with any, or a DOCTYPE other than Apple's plist one,
 * is refused before anything is expanded. */
static void entities_refused(void **state)
{
	struct fx *f = *state;
	check_error(f, FIXTURES "/hostile/entities.plist", ":2: refused: the DOCTYPE declares entities");
	free(f->err);
	f->err = NULL;
	check_error(f, FIXTURES "/hostile/other-doctype.plist",
		    ":2: refused: a DOCTYPE other than Apple's plist one");
	free(f->err);
	f->err = NULL;
	assert_int_equal(tl_plist_read(&f->ctx, FIXTURES "/hostile/apple-doctype.plist", PROJECT,
				       &f->set, &f->err), TL_OK);
	assert_int_equal(f->set.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_clang_plist, setup, teardown),
		cmocka_unit_test_setup_teardown(header_finding_same_from_both_units, setup, teardown),
		cmocka_unit_test_setup_teardown(same_findings_from_clang_16, setup, teardown),
		cmocka_unit_test_setup_teardown(falls_back_to_clang_hash_without_source, setup, teardown),
		cmocka_unit_test_setup_teardown(truncated_plist, setup, teardown),
		cmocka_unit_test_setup_teardown(xml_that_is_not_a_plist, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_field_names_the_diagnostic, setup, teardown),
		cmocka_unit_test_setup_teardown(partial_file_leaves_set_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(entities_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
