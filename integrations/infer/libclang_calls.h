/*
 * libclang_calls.h - makes the inference's clang_*() calls go through the
 * table of libclang_table.h.  Include it instead of <clang-c/Index.h> in
 * the files that call libclang (never in libclang_load.c, which fills the
 * table by these names).
 */
#ifndef TL_LIBCLANG_CALLS_H
#define TL_LIBCLANG_CALLS_H

#include "libclang_table.h"

#define clang_CXXMethod_isStatic        tl_libclang.clang_CXXMethod_isStatic
#define clang_Cursor_Evaluate           tl_libclang.clang_Cursor_Evaluate
#define clang_Cursor_getArgument        tl_libclang.clang_Cursor_getArgument
#define clang_Cursor_getStorageClass    tl_libclang.clang_Cursor_getStorageClass
#define clang_Cursor_getNumArguments    tl_libclang.clang_Cursor_getNumArguments
#define clang_Cursor_hasAttrs           tl_libclang.clang_Cursor_hasAttrs
#define clang_Cursor_isNull             tl_libclang.clang_Cursor_isNull
#define clang_EvalResult_dispose        tl_libclang.clang_EvalResult_dispose
#define clang_EvalResult_getAsLongLong  tl_libclang.clang_EvalResult_getAsLongLong
#define clang_EvalResult_getKind        tl_libclang.clang_EvalResult_getKind
#define clang_Location_isInSystemHeader tl_libclang.clang_Location_isInSystemHeader
#define clang_createIndex               tl_libclang.clang_createIndex
#define clang_disposeDiagnostic         tl_libclang.clang_disposeDiagnostic
#define clang_disposeIndex              tl_libclang.clang_disposeIndex
#define clang_disposeString             tl_libclang.clang_disposeString
#define clang_disposeTokens             tl_libclang.clang_disposeTokens
#define clang_disposeTranslationUnit    tl_libclang.clang_disposeTranslationUnit
#define clang_equalCursors              tl_libclang.clang_equalCursors
#define clang_equalRanges               tl_libclang.clang_equalRanges
#define clang_equalTypes                tl_libclang.clang_equalTypes
#define clang_formatDiagnostic          tl_libclang.clang_formatDiagnostic
#define clang_getCString                tl_libclang.clang_getCString
#define clang_getCanonicalType          tl_libclang.clang_getCanonicalType
#define clang_getCursorExtent           tl_libclang.clang_getCursorExtent
#define clang_getCursorLocation         tl_libclang.clang_getCursorLocation
#define clang_getCursorReferenced       tl_libclang.clang_getCursorReferenced
#define clang_getCursorSemanticParent   tl_libclang.clang_getCursorSemanticParent
#define clang_getCursorSpelling         tl_libclang.clang_getCursorSpelling
#define clang_getCursorType             tl_libclang.clang_getCursorType
#define clang_getDiagnostic             tl_libclang.clang_getDiagnostic
#define clang_getDiagnosticSeverity     tl_libclang.clang_getDiagnosticSeverity
#define clang_getExpansionLocation      tl_libclang.clang_getExpansionLocation
#define clang_getFileLocation           tl_libclang.clang_getFileLocation
#define clang_getFileName               tl_libclang.clang_getFileName
#define clang_getInclusions             tl_libclang.clang_getInclusions
#define clang_getNullCursor             tl_libclang.clang_getNullCursor
#define clang_getNumDiagnostics         tl_libclang.clang_getNumDiagnostics
#define clang_getPointeeType            tl_libclang.clang_getPointeeType
#define clang_getRangeEnd               tl_libclang.clang_getRangeEnd
#define clang_getResultType             tl_libclang.clang_getResultType
#define clang_getTokenKind              tl_libclang.clang_getTokenKind
#define clang_getTokenLocation          tl_libclang.clang_getTokenLocation
#define clang_getTokenSpelling          tl_libclang.clang_getTokenSpelling
#define clang_getTranslationUnitCursor  tl_libclang.clang_getTranslationUnitCursor
#define clang_getTypeDeclaration        tl_libclang.clang_getTypeDeclaration
#define clang_getTypedefName            tl_libclang.clang_getTypedefName
#define clang_isCursorDefinition        tl_libclang.clang_isCursorDefinition
#define clang_parseTranslationUnit2     tl_libclang.clang_parseTranslationUnit2
#define clang_tokenize                  tl_libclang.clang_tokenize
#define clang_visitChildren             tl_libclang.clang_visitChildren

#endif
