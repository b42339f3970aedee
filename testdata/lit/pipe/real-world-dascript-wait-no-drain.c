// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL202 SendNeverReceived, pipes across fork, with a
// drainer thread in the fix).
// Source: GaijinEntertainment/daScript PR #2908,
//   https://github.com/GaijinEntertainment/daScript/pull/2908
// Original bug: popen_argv_pipe closed the child's stdin after the user's
// block returned and then waited for the child while keeping its stdout
// pipe open but unread. A child writing more than a pipe holds after its
// input ends blocked in write() and the wait never returned. The fix drains
// stdout on a background thread during the wait and joins it afterwards.
// Reduction written for taskleak; no project code is copied.
#include <pthread.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void *drain_output(void *arg) {
  int fd = *(int *)arg;
  char buf[1024];
  while (read(fd, buf, sizeof buf) > 0)
    ;
  return NULL;
}

static void summarizer(int in_fd, int out_fd) {
  char buf[1024] = {0};
  while (read(in_fd, buf, sizeof buf) > 0)
    ;
  for (int i = 0; i < 256; i++)
    write(out_fd, buf, sizeof buf); // expected-note{{The child process running 'summarizer' blocks here}}
  _exit(0);
}

void pipe_through_bug(const char *input, size_t len) {
  int in[2], out[2];
  if (pipe(in) != 0)
    return;
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(in[1]);
    close(out[0]);
    summarizer(in[0], out[1]);
  }
  if (pid < 0)
    return;
  close(in[0]);
  close(out[1]);
  write(in[1], input, len);
  close(in[1]);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'summarizer' blocks forever: it writes more than a pipe holds into 'out[1]' and nothing reads 'out[0]' before the wait}}
  close(out[0]);
}

void pipe_through_fixed(const char *input, size_t len) {
  int in[2], out[2];
  pthread_t drainer;
  if (pipe(in) != 0)
    return;
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(in[1]);
    close(out[0]);
    summarizer(in[0], out[1]);
  }
  if (pid < 0)
    return;
  close(in[0]);
  close(out[1]);
  write(in[1], input, len);
  close(in[1]);
  if (pthread_create(&drainer, NULL, drain_output, &out[0]) != 0)
    return;
  waitpid(pid, NULL, 0); // no warning
  pthread_join(drainer, NULL); // no warning
  close(out[0]);
}
