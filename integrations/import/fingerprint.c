/* fingerprint.c - see fingerprint.h for what goes into a fingerprint. */
#include "fingerprint.h"
#include "../common/sha256.h"

#include <stdio.h>
#include <string.h>

static void field(struct sha256 *c, const char *s)
{
	/* length-prefixed, so ("ab","c") and ("a","bc") differ */
	char n[24];
	size_t len = s ? strlen(s) : 0;
	int k = snprintf(n, sizeof(n), "%zu:", len);
	sha256_update(c, n, (size_t)k);
	if (len)
		sha256_update(c, s, len);
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

void tl_fingerprint_text(const char *rule, const char *relpath, const char *function,
			 const char *line, size_t len, int col, char out[65])
{
	struct sha256 c;
	char text[4096];
	size_t n = 0, indent = 0;
	while (indent < len && blank(line[indent]))
		indent++;
	for (size_t i = 0; i < len && n < sizeof(text) - 1; i++)
		if (!blank(line[i]))
			text[n++] = line[i];
	text[n] = '\0';
	int rel = col > (int)indent ? col - (int)indent : col;
	char cs[16];
	snprintf(cs, sizeof(cs), "%d", rel);

	sha256_init(&c);
	field(&c, "taskleak-fp/1");
	field(&c, rule);
	field(&c, relpath);
	field(&c, function);
	field(&c, text);
	field(&c, cs);
	sha256_hex(&c, out);
}

void tl_fingerprint_hash(const char *rule, const char *relpath, const char *issue_hash,
			 char out[65])
{
	struct sha256 c;
	sha256_init(&c);
	field(&c, "taskleak-fp/1-hash");
	field(&c, rule);
	field(&c, relpath);
	field(&c, issue_hash);
	sha256_hex(&c, out);
}

void tl_fingerprint_line(const char *rule, const char *relpath, const char *function,
			 int line, int col, char out[65])
{
	struct sha256 c;
	char lc[32];
	snprintf(lc, sizeof(lc), "%d:%d", line, col);
	sha256_init(&c);
	field(&c, "taskleak-fp/1-line");
	field(&c, rule);
	field(&c, relpath);
	field(&c, function);
	field(&c, lc);
	sha256_hex(&c, out);
}
