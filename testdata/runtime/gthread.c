/* gthread.c - GLib threads: one joined, one unref'ed (GLib detaches it),
 * one left: the leak is reported once (not again as the pthread GLib
 * made), at this file's line. */
#include <glib.h>

static gpointer job(gpointer data) { return data; }

int main(void)
{
	GThread *a = g_thread_new("joined", job, NULL);
	g_thread_join(a);
	GThread *b = g_thread_try_new("let-go", job, NULL, NULL);
	g_thread_unref(b);
	GThread *c = g_thread_new("left", job, NULL);
	(void)c;
	g_usleep(50 * 1000);
	return 0;
}
