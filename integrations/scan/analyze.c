/* analyze.c - a small process pool running `clang --analyze`. */
#include "analyze.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct job {
	pid_t pid;     /* 0 when the slot is free */
	size_t tu;     /* index in the database */
};

static char **build_argv(const struct tl_tu *tu, const struct tl_analyze_opts *o,
			 const char *plist)
{
	size_t cap = tu->nargs + 32, n = 0;
	char **argv = xcalloc(cap, sizeof(*argv));
	struct strbuf sb;
	sb_init(&sb);
#define ARG(s) (argv[n++] = xstrdup(s))
	ARG(o->clang);
	ARG("--analyze");
	ARG("--analyzer-output");
	ARG("plist-multi-file");
	ARG("-o");
	ARG(plist);
	for (size_t i = 0; i < tu->nargs; i++)
		ARG(tu->args[i]);
	if (o->plugin) {
		ARG("-Xclang"); ARG("-load");
		ARG("-Xclang"); ARG(o->plugin);
	}
	if (o->checkers && *o->checkers) {
		sb_reset(&sb);
		sb_addf(&sb, "-analyzer-checker=%s", o->checkers);
		ARG("-Xclang"); ARG(sb.buf);
	}
	if (o->models && *o->models) {
		sb_reset(&sb);
		sb_addf(&sb, "taskleak.lifetime.UnjoinedTask:Models=%s", o->models);
		ARG("-Xclang"); ARG("-analyzer-config");
		ARG("-Xclang"); ARG(sb.buf);
	}
	ARG(tu->file);
#undef ARG
	argv[n] = NULL;
	sb_release(&sb);
	return argv;
}

static pid_t start(const struct tl_tu *tu, const struct tl_analyze_opts *o, size_t idx,
		   char **err)
{
	struct strbuf plist, log;
	sb_init(&plist);
	sb_init(&log);
	sb_addf(&plist, "%s/tu-%05zu.plist", o->outdir, idx);
	sb_addf(&log, "%s/tu-%05zu.log", o->outdir, idx);
	char **argv = build_argv(tu, o, plist.buf);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int null = open("/dev/null", O_RDWR);
		if (fd < 0 || null < 0 || chdir(tu->directory) != 0) {
			if (fd >= 0)
				dprintf(fd, "error: cannot enter '%s': %s\n", tu->directory,
					strerror(errno));
			_exit(126);
		}
		dup2(null, 0);
		dup2(null, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		dprintf(2, "error: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		tl_error_errno(err, TL_E_ANALYSIS, "cannot start '%s'", o->clang);
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
	sb_release(&plist);
	sb_release(&log);
	return pid;
}

/* The first line of the log that says error, or the first line. */
static char *first_error(const char *log_path)
{
	char *buf;
	size_t len;
	if (tl_read_file(log_path, &buf, &len, NULL))
		return xstrdup("no error output");
	char *line = strstr(buf, "error:");
	if (!line)
		line = buf;
	else
		while (line > buf && line[-1] != '\n')
			line--;
	char *nl = strchr(line, '\n');
	if (nl)
		*nl = '\0';
	char *r = xstrdup(*line ? line : "no error output");
	free(buf);
	return r;
}

static int plugin_missing(const char *log_path)
{
	char *buf;
	size_t len;
	if (tl_read_file(log_path, &buf, &len, NULL))
		return 0;
	int hit = strstr(buf, "no analyzer checkers or packages are associated with") != NULL ||
		  strstr(buf, "unable to load plugin") != NULL;
	free(buf);
	return hit;
}

/* Handles one finished unit; returns a status for the whole scan. */
static int finish(const struct tl_compdb *db, const struct tl_analyze_opts *o, size_t idx,
		  int status, struct tl_input_list *out, size_t *failed, char **first,
		  char **err)
{
	struct strbuf plist, log;
	int rc = TL_OK;
	sb_init(&plist);
	sb_init(&log);
	sb_addf(&plist, "%s/tu-%05zu.plist", o->outdir, idx);
	sb_addf(&log, "%s/tu-%05zu.log", o->outdir, idx);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		struct stat st;
		if (stat(plist.buf, &st) == 0 && st.st_size > 0)
			rc = tl_inputs_add(out, plist.buf, db->v[idx].directory, err);
	} else if (plugin_missing(log.buf)) {
		char *why = first_error(log.buf);
		rc = tl_error(err, TL_E_ANALYSIS, "%s: the taskleak checkers are not available in "
			      "%s (plugin %s did not load: %s)", db->v[idx].file, o->clang,
			      o->plugin ? o->plugin : "none given", why);
		free(why);
	} else {
		(*failed)++;
		if (!*first) {
			char *why = first_error(log.buf);
			struct strbuf m;
			sb_init(&m);
			if (WIFSIGNALED(status))
				sb_addf(&m, "%s: clang killed by signal %d", db->v[idx].file,
					WTERMSIG(status));
			else
				sb_addf(&m, "%s: %s", db->v[idx].file, why);
			*first = sb_detach(&m);
			sb_release(&m);
			free(why);
		}
	}
	sb_release(&plist);
	sb_release(&log);
	return rc;
}

/* Starts units until every slot of the pool is busy or none is left. */
static int fill_pool(const struct tl_compdb *db, const struct tl_analyze_opts *o,
		     struct job *pool, int jobs, int *running, size_t *next, char **err)
{
	while (*running < jobs && *next < db->n) {
		pid_t pid = start(&db->v[*next], o, *next, err);
		if (pid < 0)
			return TL_E_ANALYSIS;
		for (int i = 0; i < jobs; i++)
			if (!pool[i].pid) {
				pool[i].pid = pid;
				pool[i].tu = *next;
				break;
			}
		(*running)++;
		(*next)++;
	}
	return TL_OK;
}

/* On a fatal error, stops the units still running. */
static void stop_pool(struct job *pool, int jobs)
{
	for (int i = 0; i < jobs; i++)
		if (pool[i].pid) {
			kill(pool[i].pid, SIGTERM);
			waitpid(pool[i].pid, NULL, 0);
		}
}

int tl_analyze(const struct tl_compdb *db, const struct tl_analyze_opts *o,
	       struct tl_input_list *out, char **err)
{
	int jobs = o->jobs > 0 ? o->jobs : 1;
	struct job *pool = xcalloc((size_t)jobs, sizeof(*pool));
	size_t next = 0, done = 0, failed = 0;
	int running = 0, rc = TL_OK;
	char *first = NULL;
	while (done < db->n) {
		if (!rc)
			rc = fill_pool(db, o, pool, jobs, &running, &next, err);
		if (!running)
			break;
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			rc = tl_error_errno(err, TL_E_ANALYSIS, "waiting for clang failed");
			break;
		}
		for (int i = 0; i < jobs; i++) {
			if (pool[i].pid != pid)
				continue;
			pool[i].pid = 0;
			running--;
			done++;
			int r = finish(db, o, pool[i].tu, status, out, &failed, &first,
				       rc ? NULL : err);
			if (!rc)
				rc = r;
			if (o->progress)
				o->progress(o->arg, done, db->n, db->v[pool[i].tu].file);
		}
	}
	stop_pool(pool, jobs);
	free(pool);
	if (!rc && failed)
		rc = tl_error(err, TL_E_ANALYSIS, "%zu of %zu translation units failed to analyze; "
			      "first: %s", failed, db->n, first);
	free(first);
	return rc;
}
