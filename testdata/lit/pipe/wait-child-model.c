// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak,debug.ExprInspection -analyzer-config eagerly-assume=false -verify %s
//
// waitpid / wait have the role "wait_child": no checker evaluates them, so
// the analyzer's default evaluation still clobbers the status out-parameter
// and leaves the result unknown. wait() is reported only for a single child.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

void clang_analyzer_eval(int);

void status_is_written(pid_t pid) {
  int status = 0;
  pid_t r = waitpid(pid, &status, 0);
  clang_analyzer_eval(status == 0); // expected-warning{{UNKNOWN}}
  clang_analyzer_eval(r == pid);    // expected-warning{{UNKNOWN}}
}

void status_is_written_wait(void) {
  int status = 7;
  wait(&status);
  clang_analyzer_eval(status == 7); // expected-warning{{UNKNOWN}}
}

static void eat(int fd) {
  char b[16];
  while (read(fd, b, sizeof b) > 0) // expected-note{{The child process running 'eat' blocks here}}
    ;
  _exit(0);
}

void wait_one_child_bug(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    eat(p[0]);
  }
  if (pid < 0)
    return;
  close(p[0]);
  wait(NULL); // expected-warning{{Waiting for the child process running 'eat' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'p[1]'}}
  close(p[1]);
}

void wait_one_child_fixed(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    eat(p[0]);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  wait(NULL); // no warning
}

// Two children: wait() returns when either ends.
void wait_two_children(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t a = fork();
  if (a == 0) {
    close(p[1]);
    eat(p[0]);
  }
  if (a < 0)
    return;
  pid_t b = fork();
  if (b == 0)
    _exit(0);
  if (b < 0)
    return;
  close(p[0]);
  wait(NULL); // no warning
  close(p[1]);
}
