/* test_compdb.c - compile_commands.json: command splitting, and the flags
 * kept for the analyzer (output, dependency and -c options dropped). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "scan/compdb.h"

static void splits_like_a_shell(void **state)
{
	(void)state;
	char **argv;
	size_t argc;
	assert_int_equal(tl_split_command("cc -DNAME=\"a b\" 'x y' c\\ d -c  e.c", &argv, &argc), TL_OK);
	assert_int_equal(argc, 6);
	assert_string_equal(argv[0], "cc");
	assert_string_equal(argv[1], "-DNAME=a b");
	assert_string_equal(argv[2], "x y");
	assert_string_equal(argv[3], "c d");
	assert_string_equal(argv[4], "-c");
	assert_string_equal(argv[5], "e.c");
	tl_argv_free(argv, argc);
	assert_int_equal(tl_split_command("cc 'unterminated", &argv, &argc), TL_E_INPUT);
	tl_argv_free(argv, argc);
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/tl-test-cdb-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static char *joined(const struct tl_tu *tu)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < tu->nargs; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", tu->args[i]);
	char *s = sb_detach(&sb);
	sb_release(&sb); /* sb_detach leaves sb initialised: release it */
	return s;
}

static void keeps_parse_flags_only(void **state)
{
	(void)state;
	char *path = write_tmp(
		"[{\"directory\": \"/p\", \"file\": \"src/a.c\",\n"
		"  \"command\": \"gcc -Iinclude -DX=1 -std=c11 -Werror -MD -MF a.d -c src/a.c -o src/a.o\"},\n"
		" {\"directory\": \"/p\", \"file\": \"/p/src/b.c\",\n"
		"  \"arguments\": [\"cc\", \"-O2\", \"-c\", \"-osrc/b.o\", \"/p/src/b.c\"]},\n"
		" {\"directory\": \"/p\", \"file\": \"src/start.S\", \"arguments\": [\"cc\", \"-c\", \"src/start.S\"]}]\n");
	struct tl_compdb db;
	char *err = NULL;
	assert_int_equal(tl_compdb_load(path, &db, &err), TL_OK);
	assert_int_equal(db.n, 2); /* the assembler file is not analyzed */
	assert_string_equal(db.v[0].file, "/p/src/a.c");
	assert_string_equal(db.v[0].directory, "/p");
	char *a = joined(&db.v[0]), *b = joined(&db.v[1]);
	assert_string_equal(a, "-Iinclude -DX=1 -std=c11");
	assert_string_equal(b, "-O2");
	free(a);
	free(b);
	tl_compdb_free(&db);
	unlink(path);
	free(path);
}

static void malformed_database(void **state)
{
	(void)state;
	char *err = NULL;
	struct tl_compdb db;
	char *p1 = write_tmp("{\"not\": \"an array\"}");
	assert_int_equal(tl_compdb_load(p1, &db, &err), TL_E_INPUT);
	assert_non_null(strstr(err, "not a compilation database"));
	char *p2 = write_tmp("[{\"directory\": \"/p\", \"file\": \"a.c\"}]");
	assert_int_equal(tl_compdb_load(p2, &db, &err), TL_E_INPUT);
	assert_non_null(strstr(err, "entry 0: needs 'directory', 'file' and 'arguments' or 'command'"));
	assert_non_null(strstr(err, p2));
	unlink(p1); unlink(p2);
	free(p1); free(p2); free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_like_a_shell),
		cmocka_unit_test(keeps_parse_flags_only),
		cmocka_unit_test(malformed_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
