/*
 * html.h - the pieces every page of the HTML report shares: escaping,
 * the page frame (a stylesheet beside the index, inline JS, no network) and writing a page.
 *
 * Everything that comes from source files, messages, paths or the
 * database goes through tl_html_esc(): the text of a finding is data, and
 * a message holding "<script>" must show as text, never run.
 */
#ifndef TL_HTML_H
#define TL_HTML_H

#include <stddef.h>

#include "../common/strbuf.h"

/* Appends s HTML-escaped (& < > " ' become entities); safe in element
 * text and in quoted attribute values. NULL appends nothing. */
void tl_html_esc(struct strbuf *sb, const char *s);
/* The same for n bytes of s (a source line, not NUL-terminated). Control
 * bytes other than tab are shown as U+FFFD so a binary file stays text. */
void tl_html_esc_n(struct strbuf *sb, const char *s, size_t n);

#define TL_HTML_STYLE "taskleak.css"

/* Appends fmt with its arguments, escaping by default: %s is a string
 * HTML-escaped (NULL as ""), %S a trusted string appended as is (markup
 * this program wrote), %d an int, %z a size_t, %% a percent sign. Nothing
 * else is a conversion, so a page cannot leave text unescaped by mistake. */
void tl_html_addf(struct strbuf *sb, const char *fmt, ...);

/* <!doctype html> ... <body>, with the title escaped; up is the way to the
 * report's top folder ("" or "../") for the stylesheet. */
void tl_html_begin(struct strbuf *sb, const char *title, const char *up);
/* Writes the stylesheet into dir. */
int tl_html_write_style(const char *dir, size_t *bytes, char **err);
/* The inline script (sorting, filtering) and </body></html>. */
void tl_html_end(struct strbuf *sb, int with_script);

/* Writes sb to dir/name; adds its size to
 * *bytes. TL_E_DB (an output failure) naming the file when it fails. */
int tl_html_write(const char *dir, const char *name, const struct strbuf *sb,
		  size_t *bytes, char **err);
/* mkdir -p; TL_E_DB naming the folder when it fails. */
int tl_html_mkdir(const char *dir, char **err);

#endif
