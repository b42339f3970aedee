// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL203 NeverClosed, pipes across fork and exec).
// Source: sheredom/subprocess.h issue #114,
//   https://github.com/sheredom/subprocess.h/issues/114
// Original bug: the library's POSIX pipes were not close-on-exec. A
// long-running process started after a short "probe" inherited the parent's
// write end of the probe's stdin. The parent closed its copy, but the probe,
// reading its input until EOF, never got it, never exited, and the parent's
// read of the probe's output blocked forever. The fix creates the pipes with
// O_CLOEXEC so exec drops the inherited copies.
// Reduction written for taskleak; no project code is copied.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void probe(int in_fd, int out_fd) {
  char buf[128];
  ssize_t n;
  while ((n = read(in_fd, buf, sizeof buf)) > 0) // expected-note{{The child process running 'probe' blocks here}}
    write(out_fd, buf, (size_t)n);
  _exit(0);
}

void probe_then_daemon_bug(void) {
  int in[2], out[2];
  char buf[128];
  if (pipe(in) != 0 || pipe(out) != 0)
    return;
  pid_t prober = fork();
  if (prober == 0) {
    close(in[1]);
    close(out[0]);
    probe(in[0], out[1]);
  }
  if (prober < 0)
    return;
  close(in[0]);
  close(out[1]);
  pid_t daemon = fork(); // inherits in[1] and out[0]; exec keeps them
  if (daemon == 0) {
    execlp("sleep", "sleep", "1000", (char *)0);
    _exit(127);
  }
  if (daemon < 0)
    return;
  write(in[1], "query", 5);
  close(in[1]);
  while (read(out[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'out[0]' until EOF blocks forever: the child process running 'probe' holds the write end 'out[1]' and never ends: it reads 'in[0]' until EOF and the child process exec'd with 'execlp' inherited the write end 'in[1]' and keeps it open}}
    ;
  close(out[0]);
  waitpid(prober, NULL, 0);
  kill(daemon, SIGTERM);
  waitpid(daemon, NULL, 0);
}

void probe_then_daemon_fixed(void) {
  int in[2], out[2];
  char buf[128];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
    return;
  pid_t prober = fork();
  if (prober == 0) {
    close(in[1]);
    close(out[0]);
    probe(in[0], out[1]);
  }
  if (prober < 0)
    return;
  close(in[0]);
  close(out[1]);
  pid_t daemon = fork(); // exec drops the close-on-exec copies
  if (daemon == 0) {
    execlp("sleep", "sleep", "1000", (char *)0);
    _exit(127);
  }
  if (daemon < 0)
    return;
  write(in[1], "query", 5);
  close(in[1]);
  while (read(out[0], buf, sizeof buf) > 0) // no warning
    ;
  close(out[0]);
  waitpid(prober, NULL, 0);
  kill(daemon, SIGTERM);
  waitpid(daemon, NULL, 0);
}
