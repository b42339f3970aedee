// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -verify %s
//
// Path notes: where the pipe was made, where each child was forked, where
// the owner blocks, and (a note in the child's code) where the child blocks.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void read_stdin_to_eof(void) {
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) // expected-note{{The child process running 'read_stdin_to_eof' blocks here}}
    ;
  _exit(0);
}

void two_children_bug(void) {
  int a[2], b[2];
  if (pipe(a) != 0) // expected-note{{Pipe created: 'a[0]' is its read end, 'a[1]' its write end}} expected-note{{Taking false branch}}
    return;
  pid_t c1 = fork(); // expected-note{{The child process running 'read_stdin_to_eof' is forked here; it keeps its copy of 'a[0]'}}
  if (c1 == 0) { // expected-note{{'c1' is not equal to 0}} expected-note{{Taking false branch}}
    dup2(a[0], 0);
    close(a[0]);
    close(a[1]);
    read_stdin_to_eof();
  }
  if (c1 < 0) // expected-note{{'c1' is >= 0}} expected-note{{Taking false branch}}
    return;
  close(a[0]); // expected-note{{This process closes its copy of 'a[0]'; the copies in child processes stay open}}
  if (pipe(b) != 0) // expected-note{{Taking false branch}}
    return;
  pid_t c2 = fork(); // child 2 inherits a[1] // expected-note{{The child process running 'read_stdin_to_eof' is forked here; it keeps its copy of 'a[1]'}}
  if (c2 == 0) { // expected-note{{'c2' is not equal to 0}} expected-note{{Taking false branch}}
    dup2(b[0], 0);
    close(b[0]);
    close(b[1]);
    read_stdin_to_eof();
  }
  if (c2 < 0) // expected-note{{'c2' is >= 0}} expected-note{{Taking false branch}}
    return;
  close(b[0]);
  close(a[1]); // expected-note{{This process closes its copy of 'a[1]'; the copies in child processes stay open}}
  waitpid(c1, NULL, 0); // expected-warning{{Waiting for the child process running 'read_stdin_to_eof' blocks forever: it reads 'a[0]' until EOF and another child process running 'read_stdin_to_eof', which never ends either, inherited the write end 'a[1]'}} expected-note{{Waiting for the child process running 'read_stdin_to_eof' blocks forever: it reads 'a[0]' until EOF and another child process running 'read_stdin_to_eof', which never ends either, inherited the write end 'a[1]'}}
  close(b[1]);
  waitpid(c2, NULL, 0);
}

// Fixed: child 2 drops the first pipe's write end before it reads.
void two_children_fixed(void) {
  int a[2], b[2];
  if (pipe(a) != 0)
    return;
  pid_t c1 = fork();
  if (c1 == 0) {
    dup2(a[0], 0);
    close(a[0]);
    close(a[1]);
    read_stdin_to_eof();
  }
  if (c1 < 0)
    return;
  close(a[0]);
  if (pipe(b) != 0)
    return;
  pid_t c2 = fork();
  if (c2 == 0) {
    close(a[1]);
    dup2(b[0], 0);
    close(b[0]);
    close(b[1]);
    read_stdin_to_eof();
  }
  if (c2 < 0)
    return;
  close(b[0]);
  close(a[1]);
  waitpid(c1, NULL, 0); // no warning
  close(b[1]);
  waitpid(c2, NULL, 0);
}
