/*
 * rules_help.h - the description of a rule as code review shows it:
 * SARIF reportingDescriptor text (short and full description, help as
 * text and markdown), tags, precision, security severity and level.
 *
 * Rules in the catalog take their text from rules/catalog.json and their
 * help from the rule's page (rules/docs/<ID>.md, as markdown; stripped of
 * markup as text). Findings from clang's own checkers (rule id = checker
 * name) get text synthesized from the checker's name.
 */
#ifndef TL_RULES_HELP_H
#define TL_RULES_HELP_H

#include <stddef.h>

#include "../import/catalog.h"

#define TL_RULE_TAGS_MAX 20 /* GitHub's limit */
#define TL_RULE_TEXT_MAX 1024 /* GitHub's limit for the descriptions */

struct tl_rule_desc {
	char *id;                 /* SARIF rule id: TL101, or the checker name */
	char *name;               /* PascalCase name (UnjoinedTask); NULL when it would be the id */
	char *short_text;         /* at most TL_RULE_TEXT_MAX bytes */
	char *full_text;          /* at most TL_RULE_TEXT_MAX bytes */
	char *help_text;          /* the page without markup */
	char *help_markdown;      /* the page */
	char *help_uri;           /* may be NULL */
	char *level;              /* note, warning or error */
	char *precision;          /* very-high, high, medium, low; may be NULL */
	char *security_severity;  /* "0.1".."10.0"; may be NULL */
	char *tags[TL_RULE_TAGS_MAX];
	size_t ntags;
	int in_catalog;           /* 1 for our rules */
};

/* Describes rule (checker: the checker that reported it). Fails with
 * TL_E_INPUT, naming the file, when a catalog rule's page cannot be read. */
int tl_rule_desc_make(const struct tl_catalog *cat, const char *rule, const char *checker,
		      struct tl_rule_desc *out, char **err);
void tl_rule_desc_free(struct tl_rule_desc *d);

/* The rules an export uses, in order of first use, and each result's. */
struct tl_export_set;
struct tl_rule_table {
	struct tl_rule_desc *v;
	size_t n;
	size_t *of;               /* of[i]: index in v of result i's rule */
};
int tl_rule_table_build(const struct tl_catalog *cat, const struct tl_export_set *set,
			struct tl_rule_table *out, char **err);
void tl_rule_table_free(struct tl_rule_table *t);

/* Markdown to plain text: headings, emphasis, code spans and fences lose
 * their markup, the words stay. Malloc'ed. */
char *tl_markdown_strip(const char *md);

#endif
