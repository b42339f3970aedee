/* html_escape.c - HTML escaping for text and attribute values (html.h). */
#include "html.h"

#include <stdarg.h>
#include <string.h>

static void esc_byte(struct strbuf *sb, unsigned char c)
{
	switch (c) {
	case '&': sb_add(sb, "&amp;", 5); break;
	case '<': sb_add(sb, "&lt;", 4); break;
	case '>': sb_add(sb, "&gt;", 4); break;
	case '"': sb_add(sb, "&quot;", 6); break;
	case '\'': sb_add(sb, "&#39;", 5); break;
	default:
		/* NUL and other controls (but tab, newline, CR) are not text */
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			sb_add(sb, "\xef\xbf\xbd", 3);
		else
			sb_addc(sb, (char)c);
	}
}

void tl_html_esc_n(struct strbuf *sb, const char *s, size_t n)
{
	size_t plain = 0;
	sb_grow(sb, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int special = c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ||
			      (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
		if (!special)
			continue;
		sb_add(sb, s + plain, i - plain); /* the run of plain bytes before */
		esc_byte(sb, c);
		plain = i + 1;
	}
	sb_add(sb, s + plain, n - plain);
}

void tl_html_esc(struct strbuf *sb, const char *s)
{
	if (s)
		tl_html_esc_n(sb, s, strlen(s));
}

void tl_html_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			sb_adds(sb, p);
			break;
		}
		sb_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		switch (*p) {
		case 's': tl_html_esc(sb, va_arg(ap, const char *)); break;
		case 'S': {
			const char *raw = va_arg(ap, const char *);
			if (raw)
				sb_adds(sb, raw);
			break;
		}
		case 'd': sb_add_int(sb, va_arg(ap, int)); break;
		case 'z': sb_addf(sb, "%zu", va_arg(ap, size_t)); break;
		case '%': sb_addc(sb, '%'); break;
		default: /* not a conversion: keep it as written */
			sb_addc(sb, '%');
			if (!*p)
				p--;
			else
				sb_addc(sb, *p);
		}
	}
	va_end(ap);
}
