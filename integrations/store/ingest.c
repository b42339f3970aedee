/*
 * ingest.c - reads report files into one run.
 *
 * Reading (parse, paths, fingerprints) and storing (SQLite) each take
 * about half of an import, so they run as a pipeline: a reader thread
 * turns files into report sets and hands them over through a short queue;
 * this thread adds them to the run's transaction. The reader owns the
 * import context (paths, sources, cJSON and libxml2 state); this thread
 * owns the store. Memory stays bounded by a few files' reports.
 */
#include "ingest.h"
#include "store_int.h"
#include "../common/arena.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE 3 /* report sets read ahead */

struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct tl_report_set q[QUEUE]; /* ring of read sets */
	size_t head, count;
	int done;        /* the reader has finished (or failed) */
	int stop;        /* the writer failed: the reader should stop */
	int rc;          /* the reader's status */
	char *err;       /* the reader's message */
	struct tl_import_ctx *ctx;
	const struct tl_input_list *in;
};

static void *reader(void *arg)
{
	struct pipe *p = arg;
	int rc = TL_OK;
	char *err = NULL;
	for (size_t i = 0; i < p->in->n && !rc; i++) {
		struct tl_report_set set;
		tl_report_set_init(&set);
		rc = tl_input_read(p->ctx, &p->in->v[i], &set, &err);
		pthread_mutex_lock(&p->lock);
		while (!rc && p->count == QUEUE && !p->stop)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || rc) {
			pthread_mutex_unlock(&p->lock);
			tl_report_set_clear(&set);
			break;
		}
		p->q[(p->head + p->count++) % QUEUE] = set;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	tl_arena_release(); /* the reader's cached parse memory */
	pthread_mutex_lock(&p->lock);
	p->done = 1;
	p->rc = rc;
	p->err = err;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Takes the next set; 0 when the reader is done. */
static int next_set(struct pipe *p, struct tl_report_set *out)
{
	pthread_mutex_lock(&p->lock);
	while (!p->count && !p->done)
		pthread_cond_wait(&p->changed, &p->lock);
	int got = p->count > 0;
	if (got) {
		*out = p->q[p->head];
		p->head = (p->head + 1) % QUEUE;
		p->count--;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return got;
}

static void stop_reader(struct pipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

int tl_ingest(struct tl_store *s, struct tl_import_ctx *ctx, const struct tl_input_list *in,
	      const struct tl_run_info *info, struct tl_run_summary *sum, char **err)
{
	struct tl_run_tx *tx;
	struct pipe p;
	pthread_t thread;
	int rc;
	char *tool = NULL;

	if ((rc = tl_run_begin(s, info, &tx, err)))
		return rc;
	tl_run_stream(tx);
	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	p.ctx = ctx;
	p.in = in;
	if (pthread_create(&thread, NULL, reader, &p)) {
		tl_run_abort(tx);
		return tl_error(err, TL_E_NOMEM, "cannot start the report reader");
	}
	struct tl_report_set set;
	while (next_set(&p, &set)) {
		if (!rc)
			rc = tl_run_add(tx, &set, err);
		if (!tool && set.tool)
			tool = xstrdup(set.tool);
		tl_report_set_clear(&set);
		if (rc)
			stop_reader(&p);
	}
	pthread_join(thread, NULL);
	if (!rc && p.rc) { /* the reader's failure: its message */
		rc = p.rc;
		free(*err);
		*err = p.err;
		p.err = NULL;
	}
	free(p.err);
	for (size_t i = 0; i < p.count; i++)
		tl_report_set_clear(&p.q[(p.head + i) % QUEUE]);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	if (!rc && info->tool == NULL)
		rc = tl_run_set_tool(tx, tool, err);
	free(tool);
	if (rc) {
		tl_run_abort(tx);
		return rc;
	}
	return tl_run_commit(tx, sum, err);
}
