/*
 * paths.h - makes report paths relative to the project root.
 *
 * Findings are keyed by the path relative to the root, so the same tree
 * checked out elsewhere keeps its fingerprints. A path is made absolute
 * (against the directory the tool ran in), resolved through symlinks when
 * it exists (lexically otherwise), then stripped of the root prefix; a
 * path outside the root stays absolute. Results are cached per input.
 */
#ifndef TL_PATHS_H
#define TL_PATHS_H

#include "../common/strmap.h"

struct tl_paths {
	char *root;          /* resolved project root, no trailing slash */
	struct strmap cache; /* "base\npath" -> struct tl_path_entry */
};

struct tl_path_entry {
	char *abs; /* resolved absolute path */
	char *rel; /* relative to root, or abs when outside it */
};

/* root must exist; TL_E_USAGE otherwise. */
int tl_paths_init(struct tl_paths *p, const char *root, char **err);
void tl_paths_free(struct tl_paths *p);
/* Resolves path (relative to base when not absolute; base NULL = cwd).
 * The entry is owned by p. */
const struct tl_path_entry *tl_paths_resolve(struct tl_paths *p, const char *base,
					     const char *path);
/* Lexical normalisation of an absolute path: "//", "/./", "/x/../". */
char *tl_path_normalise(const char *abs);

#endif
