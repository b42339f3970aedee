// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL203 across fork: the parent keeps a copy of the write end while it
// waits for a child that reads until EOF, or while it reads the child's
// output until EOF itself.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void drain_stdin(void) {
  char buf[128];
  while (read(0, buf, sizeof buf) > 0) // expected-note{{The child process running 'drain_stdin' blocks here}}
    ;
  _exit(0);
}

// The parent feeds the child's stdin and waits without closing its end.
void feed_then_wait_bug(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid < 0)
    return;
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    close(p[1]);
    drain_stdin();
  }
  close(p[0]);
  write(p[1], "job\n", 4);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'drain_stdin' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'p[1]'}}
  close(p[1]);
}

void feed_then_wait_fixed(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid < 0)
    return;
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    close(p[1]);
    drain_stdin();
  }
  close(p[0]);
  write(p[1], "job\n", 4);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// The exec'd program reads its stdin until EOF.
void exec_filter_bug(char *const argv[]) {
  int p[2];
  if (pipe(p) == -1)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    close(p[1]);
    execvp(argv[0], argv); // expected-note{{The child process exec'd with 'execvp' runs the program that blocks}}
    _exit(127);
  }
  if (pid == -1)
    return;
  close(p[0]);
  write(p[1], "data", 4);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process exec'd with 'execvp' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'p[1]'}}
}

void exec_filter_fixed(char *const argv[]) {
  int p[2];
  if (pipe(p) == -1)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    close(p[1]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid == -1)
    return;
  close(p[0]);
  write(p[1], "data", 4);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// Classic: the parent reads the child's output until EOF but never closed
// its own copy of the write end.
void read_output_bug(char *const argv[]) {
  int out[2];
  char buf[256];
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  while (read(out[0], buf, sizeof buf) > 0) // expected-warning{{Reading 'out[0]' until EOF blocks forever: this process keeps its own copy of the write end 'out[1]'}}
    ;
  close(out[0]);
  waitpid(pid, NULL, 0);
}

void read_output_fixed(char *const argv[]) {
  int out[2];
  char buf[256];
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(out[1]);
  while (read(out[0], buf, sizeof buf) > 0) // no warning
    ;
  close(out[0]);
  waitpid(pid, NULL, 0);
}

// The same with a for (;;) loop and an explicit EOF test.
void read_output_loop_bug(char *const argv[]) {
  int out[2];
  char buf[256];
  if (pipe(out) != 0)
    return;
  switch (fork()) {
  case -1:
    return;
  case 0:
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    execvp(argv[0], argv);
    _exit(127);
  default:
    break;
  }
  for (;;) {
    ssize_t n = read(out[0], buf, sizeof buf); // expected-warning{{Reading 'out[0]' until EOF blocks forever: this process keeps its own copy of the write end 'out[1]'}}
    if (n <= 0)
      break;
  }
  close(out[0]);
}

// Reading a line (the loop ends at a newline) is not reading until EOF.
void read_line_only(char *const argv[]) {
  int out[2];
  char c;
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  while (read(out[0], &c, 1) > 0) // no warning
    if (c == '\n')
      break;
  close(out[0]);
  close(out[1]);
  kill(pid, 15);
  waitpid(pid, NULL, 0);
}
