/*
 * arena.h - a bump allocator for cJSON while it parses one report file.
 *
 * A SARIF file parses into millions of small nodes that are freed all at
 * once; through malloc that churn fragments the heap SQLite then allocates
 * pages from (malloc_consolidate showed as the top cost of an import).
 * While an arena is installed, cJSON allocates from it, frees are no-ops,
 * and tl_arena_end() drops everything and restores malloc. Not reentrant:
 * one arena at a time, on one thread.
 */
#ifndef TL_ARENA_H
#define TL_ARENA_H

/* Installs the arena as cJSON's allocator. */
void tl_arena_begin(void);
/* Restores cJSON's default allocator and drops everything allocated;
 * standard-size chunks are kept for the next tl_arena_begin() (reading
 * many files, the pages are then touched only once). */
void tl_arena_end(void);
/* Frees the kept chunks (at the end of an import). */
void tl_arena_release(void);

#endif
