// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL203 NeverClosed, pipes across fork).
// Source: famzah/popen-noshell issue #7,
//   https://github.com/famzah/popen-noshell/issues/7
// Original bug: two popen-style "write" children are started one after the
// other; the second child inherits the parent's write end of the first
// child's stdin pipe. Closing that end in the parent then gives the first
// child no EOF, and the pclose-style waitpid() on it hangs. The fix keeps
// the parent's pipe ends out of later children (FD_CLOEXEC upstream).
// Reduction written for taskleak; no project code is copied.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void stdin_consumer(void) {
  char chunk[256];
  while (read(STDIN_FILENO, chunk, sizeof chunk) > 0) // expected-note{{The child process running 'stdin_consumer' blocks here}}
    ;
  _exit(0);
}

/* popen(cmd, "w") without a shell; drop_fd: a descriptor the child must
 * not keep (-1 for none). Returns the child; *to_child is its stdin. */
static pid_t open_writer(int *to_child, int drop_fd) {
  int p[2];
  if (pipe(p) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    if (drop_fd >= 0)
      close(drop_fd);
    dup2(p[0], STDIN_FILENO);
    close(p[0]);
    close(p[1]);
    stdin_consumer();
  }
  close(p[0]);
  if (pid < 0) {
    close(p[1]);
    return -1;
  }
  *to_child = p[1];
  return pid;
}

void two_writers_bug(void) {
  int w1 = -1, w2 = -1;
  pid_t c1 = open_writer(&w1, -1);
  if (c1 < 0)
    return;
  pid_t c2 = open_writer(&w2, -1);
  if (c2 < 0)
    return;
  write(w1, "first", 5);
  close(w1);
  waitpid(c1, NULL, 0); // expected-warning{{Waiting for the child process running 'stdin_consumer' blocks forever: it reads 'p[0]' until EOF and another child process running 'stdin_consumer', which never ends either, inherited the write end 'w1'}}
  close(w2);
  waitpid(c2, NULL, 0);
}

void two_writers_fixed(void) {
  int w1 = -1, w2 = -1;
  pid_t c1 = open_writer(&w1, -1);
  if (c1 < 0)
    return;
  pid_t c2 = open_writer(&w2, w1); // the second child drops w1
  if (c2 < 0)
    return;
  write(w1, "first", 5);
  close(w1);
  waitpid(c1, NULL, 0); // no warning
  close(w2);
  waitpid(c2, NULL, 0);
}
