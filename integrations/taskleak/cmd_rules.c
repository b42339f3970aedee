/* cmd_rules.c - `taskleak rules [ID]`: the rule catalog. */
#include "cli.h"
#include "common/fileio.h"
#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak rules [ID]\n"
	"\n"
	"Without ID, lists every rule: id, checker, level, whether it is on by\n"
	"default and implemented in this build of the plugin. With ID (TL101) or a\n"
	"checker name, describes the rule and prints its documentation page.\n";

static void describe(const struct tl_catalog *cat, const struct tl_rule *r)
{
	printf("%s  %s\n", r->id, r->short_desc);
	printf("checker    %s\n", r->checker);
	printf("level      %s, precision %s, security severity %s\n", r->level, r->precision,
	       r->security_severity);
	printf("default    %s%s\n", r->on_by_default ? "on" : "off (alpha)",
	       r->implemented ? "" : ", not implemented yet");
	if (*r->cwe)
		printf("weakness   %s\n", r->cwe);
	if (*r->standards)
		printf("standards  %s\n", r->standards);
	printf("\n%s\n", r->full_desc);
	if (!*r->page)
		return;
	struct strbuf p;
	char *text;
	size_t len;
	sb_init(&p);
	sb_addf(&p, "%s/%s", cat->dir, r->page);
	if (!tl_read_file(p.buf, &text, &len, NULL)) {
		printf("\n--- %s ---\n%s", p.buf, text);
		if (len && text[len - 1] != '\n')
			putchar('\n');
		free(text);
	} else {
		printf("\npage: %s (not written yet)\n", p.buf);
	}
	sb_release(&p);
}

int cmd_rules(int argc, char **argv, const struct tl_global *g)
{
	(void)g;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return tl_help(usage);
	if (argc > 2)
		return tl_usage_error("rules", "give at most one rule ID");
	if (argc == 2 && argv[1][0] == '-')
		return tl_usage_error("rules", "unknown option '%s'", argv[1]);
	struct tl_catalog cat;
	char *err = NULL;
	int rc = tl_load_catalog(&cat, &err);
	if (rc)
		return tl_fail(rc, err);
	if (argc == 2) {
		const struct tl_rule *r = tl_catalog_by_id(&cat, argv[1]);
		if (!r)
			r = tl_catalog_by_checker(&cat, argv[1]);
		if (!r) {
			tl_catalog_free(&cat);
			tl_error(&err, TL_E_NOTFOUND, "no rule '%s' (see 'taskleak rules')", argv[1]);
			return tl_fail(TL_E_NOTFOUND, err);
		}
		describe(&cat, r);
	} else {
		for (size_t i = 0; i < cat.n; i++) {
			const struct tl_rule *r = &cat.rules[i];
			printf("%-6s %-40s %-8s %-4s %-16s %s\n", r->id, r->checker, r->level,
			       r->on_by_default ? "on" : "off",
			       r->implemented ? "implemented" : "not implemented", r->short_desc);
		}
	}
	tl_catalog_free(&cat);
	return tl_finish_stdout(EXIT_OK);
}
