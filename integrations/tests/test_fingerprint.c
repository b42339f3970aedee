/* test_fingerprint.c - SHA-256 vectors, the fingerprint's stability and
 * sensitivity, and the taskleak-ignore comment syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "common/sha256.h"
#include "import/fingerprint.h"
#include "import/sources.h"

static void hex_of(const char *msg, size_t n, char out[65])
{
	struct sha256 c;
	sha256_init(&c);
	sha256_update(&c, msg, n);
	sha256_hex(&c, out);
}

static void sha256_vectors(void **state)
{
	(void)state;
	char h[65];
	hex_of("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hex_of(two, strlen(two), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a', fed in uneven pieces to exercise the block buffer */
	struct sha256 c;
	char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&c);
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		sha256_update(&c, chunk, n);
		left -= n;
	}
	sha256_hex(&c, h);
	assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

#define LINE "  return total / parts;"

static void fp(const char *rule, const char *file, const char *fn, const char *line, int col,
	       char out[65])
{
	tl_fingerprint_text(rule, file, fn, line, strlen(line), col, out);
}

static void stable_under_reindent(void **state)
{
	(void)state;
	char a[65], b[65], c[65];
	fp("core.DivideZero", "include/util.h", "util_ratio", LINE, 16, a);
	/* four more spaces of indentation move the column by four */
	fp("core.DivideZero", "include/util.h", "util_ratio", "      return total / parts;", 20, b);
	/* a tab, and spaces removed inside the line */
	fp("core.DivideZero", "include/util.h", "util_ratio", "\treturn total/parts;", 15, c);
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	assert_int_equal(strlen(a), 64);
}

static void changes_with_each_part(void **state)
{
	(void)state;
	char base[65], x[65];
	fp("core.DivideZero", "include/util.h", "util_ratio", LINE, 16, base);
	fp("core.NullDereference", "include/util.h", "util_ratio", LINE, 16, x);
	assert_string_not_equal(base, x);
	fp("core.DivideZero", "include/other.h", "util_ratio", LINE, 16, x);
	assert_string_not_equal(base, x);
	fp("core.DivideZero", "include/util.h", "other_fn", LINE, 16, x);
	assert_string_not_equal(base, x);
	fp("core.DivideZero", "include/util.h", NULL, LINE, 16, x);
	assert_string_not_equal(base, x);
	fp("core.DivideZero", "include/util.h", "util_ratio", "  return total / (parts + 1);", 16, x);
	assert_string_not_equal(base, x);
	fp("core.DivideZero", "include/util.h", "util_ratio", LINE, 10, x);
	assert_string_not_equal(base, x);
}

static void fields_do_not_run_together(void **state)
{
	(void)state;
	char a[65], b[65];
	fp("ab", "c", "f", LINE, 1, a);
	fp("a", "bc", "f", LINE, 1, b);
	assert_string_not_equal(a, b);
}

static void fallbacks_differ_by_kind(void **state)
{
	(void)state;
	char h1[65], h2[65], l1[65], l2[65];
	tl_fingerprint_hash("R", "f.c", "88bbd1d096b3637639782aee95f12b51", h1);
	tl_fingerprint_hash("R", "f.c", "fa6fc31e284c9450bb197dc2633cedfa", h2);
	assert_string_not_equal(h1, h2);
	tl_fingerprint_line("R", "f.c", "fn", 4, 23, l1);
	tl_fingerprint_line("R", "f.c", "fn", 5, 23, l2);
	assert_string_not_equal(l1, l2);
	assert_string_not_equal(h1, l1);
}

static int match(const char *line, const char *rule, const char *checker, char **reason)
{
	return tl_suppression_match(line, strlen(line), rule, checker, reason);
}

static void suppression_comments(void **state)
{
	(void)state;
	char *r = NULL;
	assert_true(match("  // taskleak-ignore[TL101]: joined by the pool at exit", "TL101",
			  "taskleak.lifetime.UnjoinedTask", &r));
	assert_string_equal(r, "joined by the pool at exit");
	free(r);
	r = NULL;
	assert_true(match("/* taskleak-ignore[TL102, TL101]: handed over */", "TL101", NULL, &r));
	assert_string_equal(r, "handed over");
	free(r);
	r = NULL;
	assert_true(match("// taskleak-ignore[all]", "core.DivideZero", NULL, &r));
	assert_string_equal(r, "");
	free(r);
	r = NULL;
	assert_true(match("// taskleak-ignore[unix.Malloc]: owned by caller", "unix.Malloc",
			  "unix.Malloc", &r));
	free(r);
	/* the wrong rule, a prefix of the rule, no comment, a broken tag */
	assert_false(match("// taskleak-ignore[TL102]: other", "TL101", "x", NULL));
	assert_false(match("// taskleak-ignore[TL10]: prefix", "TL101", "x", NULL));
	assert_false(match("x = 1; taskleak-ignore[TL101]: not in a comment", "TL101", "x", NULL));
	assert_false(match("// taskleak-ignore[TL101 no bracket", "TL101", "x", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(stable_under_reindent),
		cmocka_unit_test(changes_with_each_part),
		cmocka_unit_test(fields_do_not_run_together),
		cmocka_unit_test(fallbacks_differ_by_kind),
		cmocka_unit_test(suppression_comments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
