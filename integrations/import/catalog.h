/*
 * catalog.h - the rule catalog (rules/catalog.json): rule ids, checker
 * names and the text that `taskleak rules` and SARIF export show.
 *
 * A plist names a checker (check_name); the store keys findings by rule
 * id. tl_catalog_rule_id() maps one to the other; checkers that are not
 * ours (core.DivideZero) keep their checker name as their rule id.
 */
#ifndef TL_CATALOG_H
#define TL_CATALOG_H

#include <stddef.h>

struct tl_rule {
	char *id;                /* TL101 */
	char *checker;           /* taskleak.lifetime.UnjoinedTask */
	char *name;              /* UnjoinedTask */
	char *short_desc;        /* one line */
	char *full_desc;         /* a paragraph */
	char *page;              /* documentation page, relative to rules/ */
	char *level;             /* note, warning or error */
	char *precision;         /* SARIF precision */
	char *security_severity; /* "0.1".."10.0" */
	char *cwe;               /* "CWE-772, CWE-775", or "" */
	char *standards;         /* CERT and MISRA rules joined, or "" */
	int implemented;         /* 1 when the checker exists */
	int on_by_default;       /* 1 when enabling `taskleak` enables it */
};

struct tl_catalog {
	struct tl_rule *rules;
	size_t n;
	char *dir;               /* the folder catalog.json lives in */
};

/* Reads a catalog file. On failure fills *err, naming the file and field. */
int tl_catalog_load(const char *path, struct tl_catalog *out, char **err);
void tl_catalog_free(struct tl_catalog *c);
const struct tl_rule *tl_catalog_by_id(const struct tl_catalog *c, const char *id);
const struct tl_rule *tl_catalog_by_checker(const struct tl_catalog *c, const char *checker);
/* The rule id for a checker name: the catalog's, else the name itself.
 * c may be NULL. */
const char *tl_catalog_rule_id(const struct tl_catalog *c, const char *checker);

#endif
