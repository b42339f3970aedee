/*
 * gen_sarif.h - writes synthetic SARIF 2.1.0 for load tests and the import
 * benchmark: result k has rule GEN<k % 20>, file src/f<k / 50>.c, its own
 * function and line, a message and a two-step code flow, so every result
 * is a distinct finding (no source files: line fingerprints).
 */
#ifndef TL_GEN_SARIF_H
#define TL_GEN_SARIF_H

#include <stdio.h>

/* Writes results first .. first + count - 1 to f. Returns 0 or -1. */
int tl_gen_sarif(FILE *f, long first, long count);

#endif
