/*
 * visible.h - text from reports made safe to print on a terminal.
 *
 * Rule ids, file and function names and messages come from report files
 * that any tool, or a pull request, may have written. Printed raw, ESC
 * sequences clear the screen, retitle the window (OSC 0) or write the
 * clipboard (OSC 52), and CR, backspace or a newline overwrite or fake
 * lines. Text output shows every control character as a visible escape
 * instead, as git does with core.quotePath; CSV and JSON have their own
 * quoting and do not use this.
 */
#ifndef TL_VISIBLE_H
#define TL_VISIBLE_H

#include "strbuf.h"

/* Appends s with C0 controls, DEL, C1 controls (U+0080..U+009F) and bytes
 * that are not UTF-8 written as \n, \r, \t, \\xNN or \\u00NN; a backslash
 * stays as it is. Valid UTF-8 text passes through unchanged. */
void sb_add_visible(struct strbuf *sb, const char *s);
/* The same for len bytes of a source line (NUL bytes escaped too), keeping
 * tabs so that a caret line below it still lines up. */
void sb_add_visible_line(struct strbuf *sb, const char *s, size_t len);

#endif
