// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL402's struct-field form, and the field that holds the struct's own
// handle: a stream's data keeps a cancellable it makes itself
// (`d->source_cancellable = g_cancellable_new ()`, cancelled when the stream
// is closed) and hands it to its reads.  A function holding its caller's
// handle is not meant to store that one there (a reduction of libsoup's
// HTTP/2 io, where `io_run_until` looks the data up and runs it).
#include <gio/gio.h>

typedef struct {
  GInputStream *stream;
  GCancellable *source_cancellable; // the data's own
  GCancellable *cancellable;        // the caller's, for the reads
} Data;

static void data_read(Data *d) {
  guint8 buf[64];
  g_input_stream_read(d->stream, buf, sizeof buf, d->source_cancellable, NULL);
  g_input_stream_read(d->stream, buf, sizeof buf, d->cancellable, NULL); // expected-note{{Operations take their cancellation handle from 'cancellable' here}}
}

static Data *data_new(GInputStream *stream) {
  Data *d = g_new0(Data, 1);
  d->stream = stream;
  d->source_cancellable = g_cancellable_new();
  return d;
}

static void data_close(Data *d) {
  g_cancellable_cancel(d->source_cancellable);
  g_clear_object(&d->source_cancellable);
}

// Silent about source_cancellable (the data's own); still reports the
// caller's field it never fills.
void run_until(GInputStream *stream, GCancellable *cancellable) { // expected-note{{'run_until' receives cancellation handle 'cancellable' here}}
  Data *d = data_new(stream); // expected-warning{{'run_until' holds cancellation handle 'cancellable' but never stores it in 'd->cancellable', which the operations read: cancelling 'cancellable' does not stop them}}
  data_read(d);
  data_close(d);
  g_free(d);
}

void run_until_fixed(GInputStream *stream, GCancellable *cancellable) {
  Data *d = data_new(stream);
  d->cancellable = cancellable;
  data_read(d);
  data_close(d);
  g_free(d);
}
