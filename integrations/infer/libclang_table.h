/*
 * libclang_table.h - the libclang functions the inference calls, reached
 * through one table filled by dlopen (libclang_load.c) instead of linked.
 *
 * Why: linking libclang makes every `taskleak` start load libLLVM, z3 and
 * ICU (~600,000 relocations, tens of milliseconds) although only the
 * inference (`models infer`, the inference step of `scan`) parses code.
 * The inference's sources keep calling clang_*() by name: libclang_calls.h
 * turns each name into a call through this table.  A function missing from
 * TL_LIBCLANG_FUNCTIONS fails to link (nothing provides clang_*), so the
 * list cannot fall behind the code.
 */
#ifndef TL_LIBCLANG_TABLE_H
#define TL_LIBCLANG_TABLE_H

#include <clang-c/Index.h>

#include <stdbool.h>

/* X(name) for each function called (see the file comment). */
#define TL_LIBCLANG_FUNCTIONS(X) \
	X(clang_CXXMethod_isStatic) \
	X(clang_Cursor_Evaluate) \
	X(clang_Cursor_getArgument) \
	X(clang_Cursor_getNumArguments) \
	X(clang_Cursor_getStorageClass) \
	X(clang_Cursor_hasAttrs) \
	X(clang_Cursor_isNull) \
	X(clang_EvalResult_dispose) \
	X(clang_EvalResult_getAsLongLong) \
	X(clang_EvalResult_getKind) \
	X(clang_Location_isInSystemHeader) \
	X(clang_createIndex) \
	X(clang_disposeDiagnostic) \
	X(clang_disposeIndex) \
	X(clang_disposeString) \
	X(clang_disposeTokens) \
	X(clang_disposeTranslationUnit) \
	X(clang_equalCursors) \
	X(clang_equalRanges) \
	X(clang_equalTypes) \
	X(clang_formatDiagnostic) \
	X(clang_getCString) \
	X(clang_getCanonicalType) \
	X(clang_getCursorExtent) \
	X(clang_getCursorLocation) \
	X(clang_getCursorReferenced) \
	X(clang_getCursorSemanticParent) \
	X(clang_getCursorSpelling) \
	X(clang_getCursorType) \
	X(clang_getDiagnostic) \
	X(clang_getDiagnosticSeverity) \
	X(clang_getExpansionLocation) \
	X(clang_getFileLocation) \
	X(clang_getFileName) \
	X(clang_getInclusions) \
	X(clang_getNullCursor) \
	X(clang_getNumDiagnostics) \
	X(clang_getPointeeType) \
	X(clang_getRangeEnd) \
	X(clang_getResultType) \
	X(clang_getTokenKind) \
	X(clang_getTokenLocation) \
	X(clang_getTokenSpelling) \
	X(clang_getTranslationUnitCursor) \
	X(clang_getTypeDeclaration) \
	X(clang_getTypedefName) \
	X(clang_isCursorDefinition) \
	X(clang_parseTranslationUnit2) \
	X(clang_tokenize) \
	X(clang_visitChildren)

#define TL_LIBCLANG_POINTER(name) __typeof__(name) *name;
struct tl_libclang {
	TL_LIBCLANG_FUNCTIONS(TL_LIBCLANG_POINTER)
	bool loaded; /* every pointer above is set */
};
#undef TL_LIBCLANG_POINTER

/* The table; all null until tl_libclang_load() succeeds. */
extern struct tl_libclang tl_libclang;

/*
 * Opens `library` (a soname such as "libclang-14.so.1", or a path) and
 * fills the table, once: later calls return TL_OK at once.  On failure
 * (no such library, or a function missing from it) returns TL_E_ANALYSIS
 * with a message naming the library and what is missing, and leaves the
 * table empty.  Not thread-safe: call it before starting threads.
 */
int tl_libclang_load(const char *library, char **err);

#endif
