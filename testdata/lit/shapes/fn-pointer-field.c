// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Issue 12: an indirect call through a function-pointer field of the owner.
// Where the translation unit stores one function (or null) in that field
// and nothing else, the owner-ending function is analysed with the field
// pointing there, so the call is followed (hexchat's server_free, whose
// cleanup hook removes the reconnect source: a false positive before).
// Where the unit cannot tell, the call is unknown code given the owner and
// the precision policy stops tracking.  Reduction written for taskleak; no
// project code is copied.
#include <glib.h>

typedef struct srv srv;
struct srv {
  guint tag;
  char *name;
  void (*cleanup)(srv *);
};

static gboolean reconnect_cb(gpointer p) {
  srv *s = p;
  s->tag = 0;
  g_print("%s\n", s->name);
  return G_SOURCE_REMOVE;
}

static void srv_cleanup(srv *s) {
  if (s->tag) {
    g_source_remove(s->tag);
    s->tag = 0;
  }
}

void srv_delay(srv *s) { s->tag = g_timeout_add(500, reconnect_cb, s); }

srv *srv_new(void) {
  srv *s = g_new0(srv, 1);
  s->cleanup = srv_cleanup;
  return s;
}

// Fixed shape (hexchat's): the hook is the only target and removes the source.
void srv_free(srv *s) {
  s->cleanup(s);
  g_free(s->name);
  g_free(s); // no warning
}

// --- one target that forgets the source: reported through the call --------

typedef struct leaky leaky;
struct leaky {
  guint tag;
  char *name;
  void (*cleanup)(leaky *);
};

static gboolean leaky_cb(gpointer p) {
  leaky *l = p;
  l->tag = 0;
  g_print("%s\n", l->name);
  return G_SOURCE_REMOVE;
}

static void leaky_cleanup(leaky *l) { l->tag = 0; } // drops the id, keeps the source

void leaky_delay(leaky *l) { l->tag = g_timeout_add(500, leaky_cb, l); }

static const struct leaky leaky_template = {.cleanup = leaky_cleanup};

void leaky_free(leaky *l) { // expected-note{{Assuming 'l->tag' holds the GLib source added in 'leaky_delay'}}
  l->cleanup(l);
  g_free(l->name); // expected-note{{'l->name' is freed here while the timer is pending}}
  g_free(l);
} // expected-warning{{The GLib source 'l->tag' calling 'leaky_cb' can still fire after 'l->name', which it uses, is freed (added in 'leaky_delay')}}
  // expected-note@-1{{The GLib source 'l->tag' calling 'leaky_cb' can still fire after 'l->name', which it uses, is freed (added in 'leaky_delay')}}

// --- two targets: the unit cannot tell, tracking stops ----------------------

typedef struct multi multi;
struct multi {
  guint tag;
  char *name;
  void (*cleanup)(multi *);
};

static gboolean multi_cb(gpointer p) {
  multi *m = p;
  m->tag = 0;
  g_print("%s\n", m->name);
  return G_SOURCE_REMOVE;
}

static void multi_quiet(multi *m) { (void)m; }
static void multi_remove(multi *m) {
  if (m->tag)
    g_source_remove(m->tag);
}

void multi_delay(multi *m) { m->tag = g_timeout_add(500, multi_cb, m); }
void multi_init(multi *m, int plain) { m->cleanup = plain ? multi_quiet : multi_remove; }

void multi_free(multi *m) {
  m->cleanup(m); // unknown: may remove the source
  g_free(m->name);
  g_free(m); // no warning
}

// A hook set from a parameter: unknown as well.
typedef struct hooked hooked;
struct hooked {
  guint tag;
  void (*cleanup)(hooked *);
};
static gboolean hooked_cb(gpointer p) { ((hooked *)p)->tag = 0; return G_SOURCE_REMOVE; }
void hooked_delay(hooked *h) { h->tag = g_timeout_add(500, hooked_cb, h); }
void hooked_set(hooked *h, void (*fn)(hooked *)) { h->cleanup = fn; }
void hooked_free(hooked *h) {
  h->cleanup(h);
  g_free(h); // no warning
}

// --- helper function form: the hook called through a helper ----------------

static void srv_run_cleanup(srv *s) { s->cleanup(s); }
void srv_free_via_helper(srv *s) {
  srv_run_cleanup(s);
  g_free(s->name);
  g_free(s); // no warning
}
