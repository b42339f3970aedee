// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// The owner-object protocol for GLib sources: an id stored in a field, and
// a free / destroy / dispose function that ends the owner without removing
// the source.
#include <glib.h>

// --- the source's data is the owner: TL301 ----------------------------------

typedef struct {
  int n;
  guint refresh_id;
} View;

static gboolean view_refresh(gpointer data) {
  View *v = data;
  v->n++;
  return G_SOURCE_CONTINUE;
}

void view_start(View *v) {
  v->refresh_id = g_timeout_add(500, view_refresh, v);
}

void view_free(View *v) {
  g_free(v); // data freed; the source is still pending
} // expected-warning{{The GLib source 'v->refresh_id' calling 'view_refresh' can still fire after its data 'v' is freed (added in 'view_start')}}

typedef struct {
  int n;
  guint refresh_id;
} FixedView;

static gboolean fixed_view_refresh(gpointer data) {
  FixedView *v = data;
  v->n++;
  return G_SOURCE_CONTINUE;
}

void fixed_view_start(FixedView *v) {
  v->refresh_id = g_timeout_add(500, fixed_view_refresh, v);
}

// The guard is honoured: where the id is 0 there is no source.
void fixed_view_free(FixedView *v) {
  if (v->refresh_id)
    g_source_remove(v->refresh_id);
  g_free(v); // no warning
}

// --- removed in a helper the destroy function calls -------------------------

typedef struct {
  int n;
  guint poll_id;
} Poller;

static gboolean poller_tick(gpointer data) {
  Poller *p = data;
  p->n++;
  return TRUE;
}

void poller_start(Poller *p) {
  p->poll_id = g_timeout_add_seconds(1, poller_tick, p);
}

static void poller_stop(Poller *p) {
  g_clear_handle_id(&p->poll_id, g_source_remove);
}

void poller_destroy(Poller *p, int quick) {
  if (!quick)
    poller_stop(p);
  g_free(p); // data freed; the source is still pending
} // expected-warning{{The GLib source 'p->poll_id' calling 'poller_tick' can still fire after its data 'p' is freed (added in 'poller_start')}}

typedef struct {
  int n;
  guint poll_id;
} Poller2;

static gboolean poller2_tick(gpointer data) {
  Poller2 *p = data;
  p->n++;
  return TRUE;
}

void poller2_start(Poller2 *p) {
  p->poll_id = g_timeout_add_seconds(1, poller2_tick, p);
}

static void poller2_stop(Poller2 *p) {
  g_clear_handle_id(&p->poll_id, g_source_remove);
}

void poller2_destroy(Poller2 *p) {
  poller2_stop(p);
  g_free(p); // no warning
}

// --- a destroy function that does not free (struct-field form) --------------

typedef struct {
  int n;
  guint blink_id;
} Cursor;

static gboolean cursor_blink(gpointer data) {
  Cursor *c = data;
  c->n ^= 1;
  return G_SOURCE_CONTINUE;
}

void cursor_init(Cursor *c) {
  c->blink_id = g_timeout_add(300, cursor_blink, c);
}

void cursor_destroy(Cursor *c) {
  c->n = 0;
} // expected-warning{{The GLib source 'c->blink_id' calling 'cursor_blink' is never removed before 'cursor_destroy' ends its owner (created in 'cursor_init')}}

// --- one-shot callback that clears its own id: a real release ---------------

typedef struct {
  int n;
  guint hide_id;
} Tooltip;

static gboolean tooltip_hide(gpointer data) {
  Tooltip *t = data;
  t->hide_id = 0;
  t->n = 0;
  return G_SOURCE_REMOVE;
}

void tooltip_show(Tooltip *t) {
  if (!t->hide_id)
    t->hide_id = g_timeout_add(2000, tooltip_hide, t);
}

void tooltip_free(Tooltip *t) {
  if (t->hide_id)
    g_source_remove(t->hide_id);
  g_free(t); // no warning
}

// --- error path in the destroy function -------------------------------------

typedef struct {
  int n;
  guint save_id;
  char *path;
} Doc;

static gboolean doc_autosave(gpointer data) {
  Doc *d = data;
  d->n++;
  return TRUE;
}

void doc_open(Doc *d) {
  d->save_id = g_timeout_add_seconds(30, doc_autosave, d);
}

int doc_close(Doc *d) {
  if (!d->path) {
    g_free(d); // data freed; the source is still pending
    return -1; // expected-warning{{The GLib source 'd->save_id' calling 'doc_autosave' can still fire after its data 'd' is freed (added in 'doc_open')}}
  }
  g_source_remove(d->save_id);
  g_free(d->path);
  g_free(d);
  return 0;
}

// --- the source's data is not the owner, and it repeats: TL302 --------------

typedef struct {
  int n;
} Stats;

typedef struct {
  Stats *stats;
  guint sample_id;
} Sampler;

static gboolean sampler_tick(gpointer data) {
  Stats *s = data;
  s->n++;
  return TRUE;
}

void sampler_start(Sampler *s) {
  s->sample_id = g_timeout_add(100, sampler_tick, s->stats);
}

void sampler_free(Sampler *s) {
  g_free(s); // expected-warning{{The GLib source 's->sample_id' calling 'sampler_tick' is never removed before its owner is freed (created in 'sampler_start')}}
}

// --- the API removes it in another function: the caller's business (C) -----

typedef struct {
  int n;
  guint id;
} Clock;

static gboolean clock_tick(gpointer data) {
  Clock *c = data;
  c->n++;
  return TRUE;
}

void clock_start(Clock *c) { c->id = g_timeout_add(1000, clock_tick, c); }

void clock_stop(Clock *c) {
  g_source_remove(c->id);
  c->id = 0;
}

void clock_free(Clock *c) {
  g_free(c); // no warning
}

// --- an id kept in a signed field with -1 for "none" ------------------------

typedef struct {
  int n;
  int tag;
} Conn;

static gboolean conn_retry(gpointer data) {
  Conn *c = data;
  c->n++;
  return TRUE;
}

void conn_schedule(Conn *c) { c->tag = g_timeout_add(1000, conn_retry, c); }

void conn_free(Conn *c) {
  if (c->tag != -1)
    g_source_remove(c->tag);
  g_free(c); // no warning
}
