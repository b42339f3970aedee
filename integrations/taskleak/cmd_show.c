/* cmd_show.c - `taskleak show ID`: the message, then each path step with
 * its source line, like clang's text output, then the triage history. */
#include "cli.h"
#include "common/fileio.h"
#include "common/strbuf.h"
#include "common/visible.h"
#include "import/sources.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak show [--root DIR] [--allow-outside-root] ID\n"
	"\n"
	"Shows a finding: rule, place, message, status, then the path the analyzer\n"
	"took, step by step with the source line of each step (read from the\n"
	"root the run was made in, or --root DIR), and the triage history. ID is the finding's\n"
	"fingerprint or a prefix of it (4 or more hex digits), as `list` prints.\n"
	"\n"
	"  --allow-outside-root  also print source lines of files outside the root\n"
	"                        (a report may name any file, such as /etc/shadow)\n";

struct show_state {
	const char *root;      /* --root, or NULL: the run's root */
	char *run_root;        /* the latest run's root, from the database */
	struct tl_store *store;
	struct tl_sources src;
	int colour;
	int allow_outside;     /* --allow-outside-root */
	char *real_root;       /* realpath of the root, once known */
	int said_outside;      /* the note on skipped files was printed */
};

/* 1 when path (after symlinks) is inside the root, 0 when outside, -1
 * when it does not exist (nothing to show either way). A report may name any
 * file (/etc/shadow, ../../etc/passwd, a symlink in the tree pointing
 * out): show prints source from under the root only, unless asked. */
static int inside_root(struct show_state *st, const char *path)
{
	if (!st->real_root)
		st->real_root = realpath(st->root ? st->root : st->run_root ? st->run_root : ".", NULL);
	char *real = realpath(path, NULL);
	size_t n = st->real_root ? strlen(st->real_root) : 0;
	if (!real)
		return -1;
	int in = n && !strncmp(real, st->real_root, n) &&
		 (real[n] == '/' || real[n] == '\0' || (n == 1 && real[0] == '/'));
	free(real);
	return in;
}

static void source_line(struct show_state *st, const char *file, int line, int col)
{
	struct strbuf p;
	const char *text;
	size_t len;
	sb_init(&p);
	if (file[0] == '/')
		sb_adds(&p, file);
	else
		sb_addf(&p, "%s/%s", st->root ? st->root : st->run_root ? st->run_root : ".", file);
	int inside = st->allow_outside ? 1 : inside_root(st, p.buf);
	if (!inside) {
		if (!st->said_outside++)
			printf("          (source of %s not shown: outside the root; "
			       "--allow-outside-root shows it)\n", tl_shown(file));
	} else if (inside > 0 && tl_sources_line(&st->src, p.buf, line, &text, &len)) {
		struct strbuf shown;
		sb_init(&shown);
		sb_add_visible_line(&shown, text, len);
		printf("    %5d | %s\n", line, shown.buf);
		sb_release(&shown);
		if (col > 0) {
			printf("          | ");
			for (int i = 1; i < col && (size_t)i <= len; i++)
				putchar(text[i - 1] == '\t' ? '\t' : ' ');
			puts("^");
		}
	}
	sb_release(&p);
}

static int print_finding(void *arg, const struct tl_finding_row *r)
{
	struct show_state *st = arg;
	if (!st->root && !st->run_root && st->store)
		tl_store_run_root(st->store, r->last_run, &st->run_root, NULL);
	printf("finding  %.10s  (%s)\n", r->fingerprint, r->fingerprint);
	printf("rule     %s  [%s]\n", tl_shown(r->rule), tl_shown(r->checker));
	printf("where    %s:%d:%d%s%s\n", tl_shown(r->file), r->line, r->col,
	       r->function ? " in " : "", r->function ? tl_shown(r->function) : "");
	printf("status   %s%s%s, triage %s%s%s\n", tl_status_colour(r->detection, st->colour),
	       r->detection, tl_colour_reset(st->colour), r->triage,
	       r->triage_note ? ": " : "", r->triage_note ? tl_shown(r->triage_note) : "");
	if (r->runtime_tasks && strcmp(r->rule, TL_RUNTIME_RULE))
		printf("runtime  confirmed at run time: %d tasks from its spawn call leaked\n",
		       r->runtime_tasks);
	else if (r->runtime_tasks)
		printf("runtime  %d tasks leaked; no static finding explains them\n", r->runtime_tasks);
	printf("\n%s:%d:%d: warning: %s [%s]\n", tl_shown(r->file), r->line, r->col,
	       tl_shown(r->message), tl_shown(r->checker));
	source_line(st, r->file, r->line, r->col);
	cJSON *steps = r->path_json ? cJSON_Parse(r->path_json) : NULL;
	int i = 0;
	const cJSON *s;
	if (cJSON_GetArraySize(steps) > 0)
		printf("\npath:\n");
	cJSON_ArrayForEach(s, steps) {
		const cJSON *file = cJSON_GetObjectItem(s, "file");
		const cJSON *line = cJSON_GetObjectItem(s, "line");
		const cJSON *col = cJSON_GetObjectItem(s, "col");
		const cJSON *depth = cJSON_GetObjectItem(s, "depth");
		const cJSON *msg = cJSON_GetObjectItem(s, "message");
		if (!cJSON_IsString(file) || !cJSON_IsNumber(line))
			continue;
		/* clamped at import; again here for databases written before */
		int d = cJSON_IsNumber(depth) ? tl_clamp(depth->valueint, 0, TL_MAX_DEPTH) : 0;
		printf("  %2d. %*s%s:%d:%d: %s\n", ++i, 2 * d, "", tl_shown(file->valuestring),
		       line->valueint, cJSON_IsNumber(col) ? col->valueint : 0,
		       tl_shown(cJSON_IsString(msg) ? msg->valuestring : ""));
		source_line(st, file->valuestring, line->valueint,
			    cJSON_IsNumber(col) ? col->valueint : 0);
	}
	cJSON_Delete(steps);
	return 0;
}

static int print_event(void *arg, const struct tl_event_row *ev)
{
	int *n = arg;
	if (!(*n)++)
		printf("\ntriage history:\n");
	printf("  %s  %s: %s -> %s%s%s\n", ev->at, tl_shown(ev->by), ev->from, ev->to,
	       ev->note ? "  " : "", ev->note ? tl_shown(ev->note) : "");
	return 0;
}

int cmd_show(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'R' },
		{ "allow-outside-root", no_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_state st = { .root = NULL };
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'R': st.root = optarg; break;
		case 'O': st.allow_outside = 1; break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("show", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return tl_usage_error("show", "give exactly one finding ID");
	char *err = NULL;
	struct tl_store *s;
	int64_t id;
	int rc = tl_store_open(g->db_path, 0, &s, &err), events = 0;
	if (rc)
		return tl_fail(rc, err);
	st.colour = tl_colour(stdout);
	st.store = s;
	tl_sources_init(&st.src);
	if (!(rc = tl_store_resolve_id(s, argv[optind], &id, &err)) &&
	    !(rc = tl_store_get(s, id, print_finding, &st, &err)))
		rc = tl_store_events(s, id, print_event, &events, &err);
	tl_sources_free(&st.src);
	free(st.run_root);
	free(st.real_root);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	return tl_finish_stdout(EXIT_OK);
}
