/* visible.c - control characters shown as escapes (see visible.h). */
#include "visible.h"

#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (2 to 4), or 0; at most avail
 * bytes are read. */
static int utf8_len(const unsigned char *p, size_t avail)
{
	int n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
	if (p[0] >= 0xf5 || (size_t)n > avail)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && p[0] == 0xe0 && p[1] < 0xa0) || (n == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
	    (n == 4 && p[0] == 0xf0 && p[1] < 0x90) || (n == 4 && p[0] == 0xf4 && p[1] >= 0x90))
		return 0;
	return n;
}

static void add_visible(struct strbuf *sb, const unsigned char *p, const unsigned char *end,
			int keep_tab)
{
	char esc[8];
	while (p < end) {
		int n = *p >= 0x80 ? utf8_len(p, (size_t)(end - p)) : 1;
		if (*p == '\t' && keep_tab) {
			sb_addc(sb, '\t');
		} else if (*p == '\n' || *p == '\r' || *p == '\t') {
			sb_addc(sb, '\\');
			sb_addc(sb, *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
		} else if (*p < 0x20 || *p == 0x7f || n == 0) {
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
			sb_adds(sb, esc);
			n = 1;
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) { /* C1: U+0080..U+009F */
			snprintf(esc, sizeof(esc), "\\u%04x", p[1]);
			sb_adds(sb, esc);
		} else {
			sb_add(sb, p, (size_t)n);
		}
		p += n > 0 ? n : 1;
	}
}

void sb_add_visible(struct strbuf *sb, const char *s)
{
	s = s ? s : "";
	add_visible(sb, (const unsigned char *)s, (const unsigned char *)s + strlen(s), 0);
}

void sb_add_visible_line(struct strbuf *sb, const char *s, size_t len)
{
	add_visible(sb, (const unsigned char *)s, (const unsigned char *)s + len, 1);
}
