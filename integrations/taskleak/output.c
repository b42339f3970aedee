/* output.c - colour on terminals only, and a checked stdout. */
#include "cli.h"
#include "common/visible.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tl_colour(FILE *f)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(fileno(f)) && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
}

const char *tl_status_colour(const char *status, int on)
{
	if (!on || !status)
		return "";
	if (!strcmp(status, "new") || !strcmp(status, "reopened"))
		return "\033[1;31m";
	if (!strcmp(status, "resolved"))
		return "\033[32m";
	if (!strcmp(status, "false-positive") || !strcmp(status, "intentional") ||
	    !strcmp(status, "wont-fix"))
		return "\033[2m";
	return "";
}

const char *tl_colour_reset(int on)
{
	return on ? "\033[0m" : "";
}

const char *tl_shown(const char *s)
{
	/* a ring, so that one printf may show several fields; each command
	 * prints from one thread */
	static struct strbuf ring[8];
	static unsigned next;
	struct strbuf *sb = &ring[next++ % 8];
	if (!sb->buf)
		sb_init(sb);
	sb_reset(sb);
	sb_add_visible(sb, s);
	return sb->buf;
}

int tl_finish_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "taskleak: cannot write the output\n");
		return EXIT_FAILED;
	}
	return code;
}

void tl_print_summary(const struct tl_run_summary *sum)
{
	int on = tl_colour(stdout);
	printf("%-40s %8s %10s %9s %9s\n", "rule", "new", "unchanged", "reopened", "resolved");
	for (size_t i = 0; i < sum->nrules; i++) {
		const struct tl_rule_counts *c = &sum->rules[i];
		printf("%-40s %s%8d%s %10d %9d %9d\n", tl_shown(c->rule),
		       c->n_new ? tl_status_colour("new", on) : "", c->n_new,
		       c->n_new ? tl_colour_reset(on) : "", c->n_unchanged, c->n_reopened,
		       c->n_resolved);
	}
	printf("%-40s %8d %10d %9d %9d\n", "total", sum->n_new, sum->n_unchanged,
	       sum->n_reopened, sum->n_resolved);
	printf("stored as %s (%d open, %d new or reopened, not counting suppressed)\n",
	       tl_shown(sum->name), sum->gate_any, sum->gate_new);
}

int tl_gate(const char *fail_on, const struct tl_run_summary *sum)
{
	if (!strcmp(fail_on, "new") && sum->gate_new > 0)
		return EXIT_GATE;
	if (!strcmp(fail_on, "any") && sum->gate_any > 0)
		return EXIT_GATE;
	return EXIT_OK;
}
