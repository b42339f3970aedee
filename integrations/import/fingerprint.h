/*
 * fingerprint.h - the identity of a finding across runs.
 *
 * clang's issue hash (plist issue_hash_content_of_line_in_context) hashes
 * the checker, the enclosing declaration, the flagged line without
 * whitespace, the bug type and the absolute column. The column makes it
 * change when a file is reindented (checked with clang 14), so taskleak
 * uses its own fingerprint of the same kind, for plist and SARIF alike:
 *
 *   sha256("taskleak-fp/1" rule relpath function line-text col-in-text)
 *
 * where line-text is the flagged line with all whitespace removed and
 * col-in-text is the column counted from the first non-blank character.
 * It does not depend on the line number or indentation, and changes with
 * the rule, the file, the function or the flagged code.
 *
 * When the source line cannot be read (a report imported away from its
 * tree), the fingerprint falls back to clang's hash if the report has one
 * ("taskleak-fp/1-hash"), else to the line number ("taskleak-fp/1-line").
 */
#ifndef TL_FINGERPRINT_H
#define TL_FINGERPRINT_H

#include <stddef.h>

/* line/len: the flagged source line as read (any indentation); col 1-based. */
void tl_fingerprint_text(const char *rule, const char *relpath, const char *function,
			 const char *line, size_t len, int col, char out[65]);
void tl_fingerprint_hash(const char *rule, const char *relpath, const char *issue_hash,
			 char out[65]);
void tl_fingerprint_line(const char *rule, const char *relpath, const char *function,
			 int line, int col, char out[65]);

#endif
