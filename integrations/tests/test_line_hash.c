/* test_line_hash.c - primaryLocationLineHash against vectors made by
 * GitHub's own algorithm (fixtures/line_hash/vectors.txt says how), and
 * the properties code review relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/line_hash.h"

#define DIR LINE_HASH_FIXTURES

/* Every line of every file in vectors.txt, and no extra line. */
static void matches_github_vectors(void **state)
{
	(void)state;
	FILE *f = fopen(DIR "/vectors.txt", "r");
	assert_non_null(f);
	char line[512], cur[256] = "";
	struct tl_line_hashes h = { 0 };
	size_t files = 0, lines = 0, want_lines = 0;
	while (fgets(line, sizeof(line), f)) {
		char name[256], hash[64];
		int n;
		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%255s %d %63s", name, &n, hash), 3);
		if (strcmp(name, cur)) {
			if (cur[0])
				assert_int_equal(h.n, want_lines);
			tl_line_hashes_free(&h);
			char path[600], *err = NULL;
			snprintf(path, sizeof(path), DIR "/%s", name);
			assert_int_equal(tl_line_hashes_file(path, &h, &err), 0);
			strcpy(cur, name);
			files++;
			want_lines = 0;
		}
		want_lines++;
		const char *got = tl_line_hash(&h, n);
		if (!got || strcmp(got, hash))
			fail_msg("%s:%d: got %s, want %s", name, n, got ? got : "(none)", hash);
		lines++;
	}
	assert_int_equal(h.n, want_lines);
	tl_line_hashes_free(&h);
	fclose(f);
	assert_true(files >= 9);
	assert_true(lines >= 130);
}

static char *hash_of(const char *text, int line)
{
	struct tl_line_hashes h;
	tl_line_hashes_compute(text, strlen(text), &h);
	const char *s = tl_line_hash(&h, line);
	char *r = s ? strdup(s) : NULL;
	tl_line_hashes_free(&h);
	return r;
}

/* Lines added above and reindenting keep the hash; editing the line
 * (or the lines just below it, within 100 characters) changes it. */
static void stable_and_sensitive(void **state)
{
	(void)state;
	char *a = hash_of("int x;\n  pthread_create(&t, 0, f, 0);\nreturn 0;\n", 2);
	char *b = hash_of("// new\n\nint x;\n\t\tpthread_create(&t, 0, f, 0);\nreturn 0;\n", 4);
	char *c = hash_of("int x;\n  pthread_create(&u, 0, f, 0);\nreturn 0;\n", 2);
	assert_non_null(a);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	free(a);
	free(b);
	free(c);
}

/* Past the last line there is no hash; a file ending with a newline has
 * the empty line after it. */
static void line_count(void **state)
{
	(void)state;
	struct tl_line_hashes h;
	tl_line_hashes_compute("a\nb", 3, &h);
	assert_int_equal(h.n, 2);
	assert_null(tl_line_hash(&h, 3));
	assert_null(tl_line_hash(&h, 0));
	tl_line_hashes_free(&h);
	tl_line_hashes_compute("a\nb\n", 4, &h);
	assert_int_equal(h.n, 3);
	tl_line_hashes_free(&h);
}

static void missing_file(void **state)
{
	(void)state;
	struct tl_line_hashes h;
	char *err = NULL;
	assert_int_not_equal(tl_line_hashes_file(DIR "/no-such-file.c", &h, &err), 0);
	assert_non_null(strstr(err, "no-such-file.c"));
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_github_vectors),
		cmocka_unit_test(stable_and_sensitive),
		cmocka_unit_test(line_count),
		cmocka_unit_test(missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
