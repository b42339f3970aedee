// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// A GLib source callback that first checks its data is still in a global
// list, and an owner that takes the object out of that list before freeing
// it (hexchat's timeout_auto_reconnect / is_server / server_free, issue 12):
// the callback never reads freed memory.  Roles list_find / list_remove
// (rules/models/containers.json), checker/timer/MembershipGuard.h.  Every
// other shape still reports TL301.
#include <glib.h>

// --- fixed: the check in a function of its own, the owner leaves the list --

typedef struct {
  guint tag;
  char *name;
} Srv;
static GSList *srv_list;

static int is_srv(Srv *s) { return g_slist_find(srv_list, s) ? 1 : 0; }

static gboolean srv_reconnect(Srv *s) {
  if (is_srv(s)) { // make sure it has not been freed during the delay
    s->tag = 0;
    g_print("%s\n", s->name);
  }
  return 0;
}

void srv_delay(Srv *s) {
  s->tag = g_timeout_add(500, (GSourceFunc)srv_reconnect, s);
}

void srv_free(Srv *s) {
  srv_list = g_slist_remove(srv_list, s);
  g_free(s->name);
  g_free(s);
} // no warning: srv_reconnect finds s gone from srv_list

// --- fixed: the check inline, `if (!found) return`, an alias of the data ---

typedef struct {
  guint tag;
  int n;
} Con;
static GList *con_list;

static gboolean con_tick(gpointer data) {
  Con *c = data;
  if (!g_list_find(con_list, c))
    return G_SOURCE_REMOVE;
  c->n++;
  return G_SOURCE_CONTINUE;
}

void con_start(Con *c) {
  c->tag = g_timeout_add(100, con_tick, c);
}

void con_free(Con *c) {
  con_list = g_list_remove(con_list, c);
  g_free(c);
} // no warning

// --- bug: the owner never leaves the list -----------------------------------

typedef struct {
  guint tag;
  int n;
} Ses;
static GSList *ses_list;

static gboolean ses_tick(gpointer data) {
  Ses *s = data;
  if (!g_slist_find(ses_list, s))
    return G_SOURCE_REMOVE;
  s->n++;
  return G_SOURCE_CONTINUE;
}

void ses_start(Ses *s) {
  s->tag = g_timeout_add(100, ses_tick, s);
}

void ses_free(Ses *s) {
  g_free(s); // still in ses_list: the callback finds it and uses it
} // expected-warning{{The GLib source 's->tag' calling 'ses_tick' can still fire after its data 's' is freed (added in 'ses_start')}}

// --- bug: the callback uses its data before the check -----------------------

typedef struct {
  guint tag;
  int n;
} Job;
static GSList *job_list;

static gboolean job_tick(gpointer data) {
  Job *j = data;
  j->n++;
  if (!g_slist_find(job_list, j))
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

void job_start(Job *j) {
  j->tag = g_timeout_add(100, job_tick, j);
}

void job_free(Job *j) {
  job_list = g_slist_remove(job_list, j);
  g_free(j);
} // expected-warning{{The GLib source 'j->tag' calling 'job_tick' can still fire after its data 'j' is freed (added in 'job_start')}}

// --- bug: the owner leaves another list than the one checked ----------------

typedef struct {
  guint tag;
  int n;
} Tab;
static GSList *tab_list, *closed_tabs;

static gboolean tab_tick(gpointer data) {
  Tab *t = data;
  if (!g_slist_find(tab_list, t))
    return G_SOURCE_REMOVE;
  t->n++;
  return G_SOURCE_CONTINUE;
}

void tab_start(Tab *t) {
  t->tag = g_timeout_add(100, tab_tick, t);
}

void tab_free(Tab *t) {
  closed_tabs = g_slist_remove(closed_tabs, t);
  g_free(t);
} // expected-warning{{The GLib source 't->tag' calling 'tab_tick' can still fire after its data 't' is freed (added in 'tab_start')}}

// --- bug: the owner leaves the list on one path only ------------------------

typedef struct {
  guint tag;
  int n;
  int listed;
} Win;
static GSList *win_list;

static gboolean win_tick(gpointer data) {
  Win *w = data;
  if (!g_slist_find(win_list, w))
    return G_SOURCE_REMOVE;
  w->n++;
  return G_SOURCE_CONTINUE;
}

void win_start(Win *w) {
  w->tag = g_timeout_add(100, win_tick, w);
}

void win_free(Win *w) {
  if (w->listed)
    win_list = g_slist_remove(win_list, w);
  g_free(w);
} // expected-warning{{The GLib source 'w->tag' calling 'win_tick' can still fire after its data 'w' is freed (added in 'win_start')}}
