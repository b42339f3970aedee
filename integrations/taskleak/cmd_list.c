/* cmd_list.c - `taskleak list`: findings as text, JSON or CSV. */
#include "cli.h"
#include "common/strbuf.h"
#include "store/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: taskleak list [--status new|open|resolved|suppressed|all] [--rule ID]\n"
	"                     [--file GLOB] [--format text|json|csv] [--limit N]\n"
	"\n"
	"  --status S   open (default): not resolved and not suppressed by triage;\n"
	"               new: new or reopened in the latest run; resolved; suppressed:\n"
	"               open but triaged false-positive, intentional or wont-fix; all\n"
	"  --rule ID    only this rule (TL101, or a checker name such as core.DivideZero)\n"
	"  --file GLOB  only files whose root-relative path matches (SQLite GLOB)\n"
	"  --format F   text (default), json (an array) or csv (with a header)\n"
	"  --limit N    at most N findings (default 1000; 0 for all)\n";

enum fmt { TEXT, JSON, CSV };

struct list_state {
	enum fmt fmt;
	int colour;
	long n;
	struct strbuf sb;
};

static void csv_field(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; s && *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

static int print_row(void *arg, const struct tl_finding_row *r)
{
	struct list_state *st = arg;
	struct strbuf *sb = &st->sb;
	sb_reset(sb);
	switch (st->fmt) {
	case TEXT:
		sb_addf(sb, "%.10s %s%-9s%s %-12s %-28s %s:%d:%d: %s", r->fingerprint,
			tl_status_colour(r->detection, st->colour), r->detection,
			tl_colour_reset(st->colour), r->triage, tl_shown(r->rule), tl_shown(r->file),
			r->line, r->col, tl_shown(r->message));
		if (r->runtime_tasks)
			sb_addf(sb, " [rt: %d tasks leaked at run time]", r->runtime_tasks);
		sb_addc(sb, '\n');
		break;
	case JSON:
		sb_adds(sb, st->n ? ",\n  {\"id\":\"" : "\n  {\"id\":\"");
		sb_addf(sb, "%.10s\",\"fingerprint\":\"%s\",\"rule\":\"", r->fingerprint,
			r->fingerprint);
		sb_add_json(sb, r->rule);
		sb_adds(sb, "\",\"checker\":\"");
		sb_add_json(sb, r->checker);
		sb_adds(sb, "\",\"file\":\"");
		sb_add_json(sb, r->file);
		sb_addf(sb, "\",\"line\":%d,\"col\":%d,\"function\":", r->line, r->col);
		if (r->function) {
			sb_addc(sb, '"');
			sb_add_json(sb, r->function);
			sb_addc(sb, '"');
		} else {
			sb_adds(sb, "null");
		}
		sb_adds(sb, ",\"message\":\"");
		sb_add_json(sb, r->message ? r->message : "");
		sb_addf(sb, "\",\"detection\":\"%s\",\"triage\":\"%s\",\"runtime_tasks\":%d}",
			r->detection, r->triage, r->runtime_tasks);
		break;
	case CSV:
		sb_addf(sb, "%.10s,%s,", r->fingerprint, r->fingerprint);
		csv_field(sb, r->rule);
		sb_addc(sb, ',');
		csv_field(sb, r->file);
		sb_addf(sb, ",%d,%d,", r->line, r->col);
		csv_field(sb, r->function);
		sb_addc(sb, ',');
		csv_field(sb, r->message);
		sb_addf(sb, ",%s,%s,%d\n", r->detection, r->triage, r->runtime_tasks);
		break;
	}
	fwrite(sb->buf, 1, sb->len, stdout);
	st->n++;
	return 0;
}

static int check_values(const struct tl_list_filter *f, const char *format, enum fmt *fmt)
{
	static const char *const statuses[] = { "new", "open", "resolved", "suppressed", "all" };
	int ok = 0;
	for (size_t i = 0; i < 5; i++)
		ok |= !strcmp(f->status, statuses[i]);
	if (!ok)
		return tl_usage_error("list", "--status takes new, open, resolved, suppressed or all, "
				      "not '%s'", f->status);
	if (!strcmp(format, "json"))
		*fmt = JSON;
	else if (!strcmp(format, "csv"))
		*fmt = CSV;
	else if (strcmp(format, "text"))
		return tl_usage_error("list", "--format takes text, json or csv, not '%s'", format);
	return 0;
}

/* Streams the rows through print_row, framed for the format. */
static int list_findings(const struct tl_global *g, struct tl_list_filter *f,
			 struct list_state *st)
{
	char *err = NULL;
	struct tl_store *s;
	int rc = tl_store_open(g->db_path, 0, &s, &err), more = 0;
	if (rc)
		return tl_fail(rc, err);
	st->colour = st->fmt == TEXT && tl_colour(stdout);
	sb_init(&st->sb);
	if (st->fmt == JSON)
		fputc('[', stdout);
	if (st->fmt == CSV)
		fputs("id,fingerprint,rule,file,line,col,function,message,detection,triage,runtime_tasks\n", stdout);
	rc = tl_store_list(s, f, print_row, st, &more, &err);
	if (st->fmt == JSON)
		fputs(st->n ? "\n]\n" : "]\n", stdout);
	sb_release(&st->sb);
	tl_store_close(s);
	if (rc)
		return tl_fail(rc, err);
	if (more)
		fprintf(stderr, "taskleak: showing the first %ld findings; --limit 0 shows all\n",
			f->limit);
	return tl_finish_stdout(EXIT_OK);
}

int cmd_list(int argc, char **argv, const struct tl_global *g)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "rule", required_argument, NULL, 'r' },
		{ "file", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tl_list_filter f = { "open", NULL, NULL, 1000 };
	struct list_state st = { TEXT, 0, 0, { 0 } };
	const char *format = "text";
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': f.status = optarg; break;
		case 'r': f.rule = optarg; break;
		case 'f': f.file_glob = optarg; break;
		case 'F': format = optarg; break;
		case 'n':
			if (!tl_parse_int(optarg, &f.limit))
				return tl_usage_error("list", "--limit takes a number, not '%s'", optarg);
			break;
		case 'h': return tl_help(usage);
		default:
			return tl_usage_error("list", "unknown option or missing value '%s'",
					      argv[optind - 1]);
		}
	}
	if (optind < argc)
		return tl_usage_error("list", "unexpected argument '%s'", argv[optind]);
	int code = check_values(&f, format, &st.fmt);
	return code ? code : list_findings(g, &f, &st);
}
