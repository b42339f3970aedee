/* compdb.c - compile_commands.json (the JSON Compilation Database). */
#include "compdb.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

void tl_argv_free(char **argv, size_t argc)
{
	for (size_t i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

static void push_arg(char ***argv, size_t *argc, const char *s)
{
	*argv = xrealloc(*argv, (*argc + 1) * sizeof(**argv));
	(*argv)[(*argc)++] = xstrdup(s);
}

int tl_split_command(const char *cmd, char ***argv, size_t *argc)
{
	struct strbuf cur;
	int in_word = 0;
	char quote = 0;
	sb_init(&cur);
	*argv = NULL;
	*argc = 0;
	for (const char *p = cmd;; p++) {
		char c = *p;
		if (!c) {
			if (in_word)
				push_arg(argv, argc, cur.buf);
			break;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && (p[1] == '"' || p[1] == '\\'))
				sb_addc(&cur, *++p);
			else
				sb_addc(&cur, c);
		} else if (c == '\'' || c == '"') {
			quote = c;
			in_word = 1;
		} else if (c == '\\' && p[1]) {
			sb_addc(&cur, *++p);
			in_word = 1;
		} else if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word)
				push_arg(argv, argc, cur.buf);
			sb_reset(&cur);
			in_word = 0;
		} else {
			sb_addc(&cur, c);
			in_word = 1;
		}
	}
	sb_release(&cur);
	return quote ? TL_E_INPUT : TL_OK;
}

static int is_source(const char *f)
{
	static const char *const ext[] = { ".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".m", ".mm" };
	const char *dot = strrchr(f, '.');
	for (size_t i = 0; dot && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (!strcmp(dot, ext[i]))
			return 1;
	return 0;
}

static int same_file(const char *arg, const char *file, const char *abs)
{
	if (!strcmp(arg, file) || !strcmp(arg, abs))
		return 1;
	size_t n = strlen(arg), k = strlen(abs);
	return n < k && abs[k - n - 1] == '/' && !strcmp(abs + k - n, arg);
}

/* Keeps the flags that change how the file parses. */
static void filter_args(struct tl_tu *tu, char **argv, size_t argc, const char *file)
{
	for (size_t i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-c") || !strcmp(a, "-MD") || !strcmp(a, "-MMD") ||
		    !strcmp(a, "-MP") || !strcmp(a, "-M") || !strcmp(a, "-MM") ||
		    !strncmp(a, "-Werror", 7) || !strcmp(a, "-pipe"))
			continue;
		if (!strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") ||
		    !strcmp(a, "-MQ")) {
			i++;
			continue;
		}
		if ((!strncmp(a, "-o", 2) || !strncmp(a, "-MF", 3) || !strncmp(a, "-MT", 3) ||
		     !strncmp(a, "-MQ", 3)) && a[2])
			continue;
		if (same_file(a, file, tu->file))
			continue;
		push_arg(&tu->args, &tu->nargs, a);
	}
}

/* The entry's command line, from 'arguments' or split from 'command'. */
static int entry_argv(const char *path, size_t i, const cJSON *args, const cJSON *cmd,
		      char ***argv, size_t *argc, char **err)
{
	*argv = NULL;
	*argc = 0;
	if (cJSON_IsArray(args)) {
		const cJSON *a;
		cJSON_ArrayForEach(a, args)
			if (cJSON_IsString(a))
				push_arg(argv, argc, a->valuestring);
		return TL_OK;
	}
	if (tl_split_command(cmd->valuestring, argv, argc)) {
		tl_argv_free(*argv, *argc);
		return tl_error(err, TL_E_INPUT, "%s: entry %zu: unbalanced quotes in 'command'",
				path, i);
	}
	return TL_OK;
}

/* Appends one translation unit: the file made absolute, the flags kept. */
static void add_tu(struct tl_compdb *out, const char *dir, const char *file,
		   char **argv, size_t argc)
{
	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	struct tl_tu *tu = &out->v[out->n++];
	memset(tu, 0, sizeof(*tu));
	tu->directory = xstrdup(dir);
	if (file[0] == '/') {
		tu->file = xstrdup(file);
	} else {
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "%s/%s", dir, file);
		tu->file = sb_detach(&sb);
		sb_release(&sb);
	}
	filter_args(tu, argv, argc, file);
}

int tl_compdb_load(const char *path, struct tl_compdb *out, char **err)
{
	char *buf;
	size_t len;
	int rc = tl_read_file(path, &buf, &len, err);
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	cJSON *doc = cJSON_ParseWithLength(buf, len);
	free(buf);
	if (!cJSON_IsArray(doc)) {
		cJSON_Delete(doc);
		return tl_error(err, TL_E_INPUT, "%s: not a compilation database (expected a JSON array)",
				path);
	}
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, doc) {
		const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
		const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
		const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
		if (!cJSON_IsString(dir) || !cJSON_IsString(file) ||
		    (!cJSON_IsArray(args) && !cJSON_IsString(cmd))) {
			rc = tl_error(err, TL_E_INPUT, "%s: entry %zu: needs 'directory', 'file' and "
				      "'arguments' or 'command'", path, i);
			break;
		}
		i++;
		if (!is_source(file->valuestring))
			continue;
		char **argv;
		size_t argc;
		rc = entry_argv(path, i - 1, args, cmd, &argv, &argc, err);
		if (rc)
			break;
		add_tu(out, dir->valuestring, file->valuestring, argv, argc);
		tl_argv_free(argv, argc);
	}
	cJSON_Delete(doc);
	if (rc)
		tl_compdb_free(out);
	return rc;
}

void tl_compdb_free(struct tl_compdb *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->v[i].directory);
		free(db->v[i].file);
		tl_argv_free(db->v[i].args, db->v[i].nargs);
	}
	free(db->v);
	memset(db, 0, sizeof(*db));
}
