// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL202 across fork: the child writes more than a pipe holds (64 KiB) and
// the parent waits for it before reading: the child blocks in write() and
// never exits.
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void report_all(int fd) {
  char line[1024];
  memset(line, '.', sizeof line);
  for (int i = 0; i < 1000; i++)
    write(fd, line, sizeof line); // expected-note{{The child process running 'report_all' blocks here}}
  _exit(0);
}

void wait_then_read_bug(char *out, size_t cap) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1)
    return;
  if (pid == 0) {
    close(p[0]);
    report_all(p[1]);
  }
  close(p[1]);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'report_all' blocks forever: it writes more than a pipe holds into 'p[1]' and nothing reads 'p[0]' before the wait}}
  read(p[0], out, cap);
  close(p[0]);
}

void read_then_wait_fixed(char *out, size_t cap) {
  int p[2];
  ssize_t n;
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1)
    return;
  if (pid == 0) {
    close(p[0]);
    report_all(p[1]);
  }
  close(p[1]);
  while ((n = read(p[0], out, cap)) > 0)
    ;
  close(p[0]);
  waitpid(pid, NULL, 0); // no warning
}

// An exec'd program's output is taken to be unbounded.
void exec_wait_then_read_bug(char *const argv[], char *out, size_t cap) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[1], 1);
    close(p[0]);
    close(p[1]);
    execv(argv[0], argv); // expected-note{{runs the program that blocks}}
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[1]);
  int status;
  waitpid(pid, &status, 0); // expected-warning{{Waiting for the child process exec'd with 'execv' blocks forever: it writes more than a pipe holds into 'p[1]' and nothing reads 'p[0]' before the wait}}
  read(p[0], out, cap);
  close(p[0]);
}

// A child writing a little (4 x 16 bytes) fits in the pipe.
static void report_short(int fd) {
  for (int i = 0; i < 4; i++)
    write(fd, "0123456789abcdef", 16);
  _exit(0);
}

void wait_then_read_small_fixed(char *out, size_t cap) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1)
    return;
  if (pid == 0) {
    close(p[0]);
    report_short(p[1]);
  }
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
  read(p[0], out, cap);
  close(p[0]);
}

// Nobody holds the read end any more: the child's write fails (EPIPE).
void nobody_reads_fixed(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1)
    return;
  if (pid == 0) {
    close(p[0]);
    report_all(p[1]);
  }
  close(p[1]);
  close(p[0]);
  waitpid(pid, NULL, 0); // no warning
}

// WNOHANG does not block.
void wait_nohang_fixed(char *out, size_t cap) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1)
    return;
  if (pid == 0) {
    close(p[0]);
    report_all(p[1]);
  }
  close(p[1]);
  waitpid(pid, NULL, WNOHANG); // no warning
  read(p[0], out, cap);
  close(p[0]);
}
