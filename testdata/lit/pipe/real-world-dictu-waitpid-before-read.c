// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL202 SendNeverReceived, pipes across fork).
// Source: dictu-lang/Dictu PR #753,
//   https://github.com/dictu-lang/Dictu/pull/753
// Original bug: Process.run() with output capture forked the command with
// its stdout on a pipe and called waitpid() before reading the pipe. A
// command printing more than the pipe's capacity blocked in write(), never
// exited, and waitpid() never returned. The fix reads the pipe to EOF first.
// Reduction written for taskleak; no project code is copied.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t spawn_captured(char *const argv[], int *out_fd) {
  int p[2];
  if (pipe(p) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[1], STDOUT_FILENO);
    close(p[0]);
    close(p[1]);
    execvp(argv[0], argv); // expected-note{{runs the program that blocks}}
    _exit(127);
  }
  close(p[1]);
  if (pid < 0) {
    close(p[0]);
    return -1;
  }
  *out_fd = p[0];
  return pid;
}

void run_and_capture_bug(char *const argv[], char *dst, size_t cap) {
  int fd = -1, status = 0;
  size_t len = 0;
  ssize_t n;
  pid_t pid = spawn_captured(argv, &fd);
  if (pid < 0)
    return;
  waitpid(pid, &status, 0); // expected-warning{{Waiting for the child process exec'd with 'execvp' blocks forever: it writes more than a pipe holds into 'p[1]' and nothing reads 'fd' before the wait}}
  while (len < cap && (n = read(fd, dst + len, cap - len)) > 0)
    len += (size_t)n;
  close(fd);
}

void run_and_capture_fixed(char *const argv[], char *dst, size_t cap) {
  int fd = -1, status = 0;
  size_t len = 0;
  ssize_t n;
  pid_t pid = spawn_captured(argv, &fd);
  if (pid < 0)
    return;
  while ((n = read(fd, dst + len, cap - len)) > 0)
    if (len + (size_t)n < cap)
      len += (size_t)n;
  close(fd);
  waitpid(pid, &status, 0); // no warning
}
