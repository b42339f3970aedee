// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL203 NeverClosed, pipes across fork).
// Source: cesanta/mongoose issue #188,
//   https://github.com/cesanta/mongoose/issues/188
// Original bug: when spawning a CGI program the child redirected its stdin
// and stdout to two pipes but kept the write end of its own stdin pipe (and
// the read end of its stdout pipe). The CGI reads the request body until
// EOF, which never comes, and the server, reading the CGI's reply until EOF,
// hangs with it. The fix closes the other ends in the child too.
// Reduction written for taskleak; no project code is copied.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void cgi_program(void) {
  char body[128];
  while (read(0, body, sizeof body) > 0) // expected-note{{The child process running 'cgi_program' blocks here}}
    ;
  write(1, "Status: 200\r\n\r\n", 15);
  _exit(0);
}

void serve_cgi_bug(const char *post, size_t len) {
  int to_cgi[2], from_cgi[2];
  char reply[256];
  if (pipe(to_cgi) != 0)
    return;
  if (pipe(from_cgi) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(to_cgi[0], 0);
    dup2(from_cgi[1], 1);
    close(to_cgi[0]);
    close(from_cgi[1]);
    cgi_program();
  }
  if (pid < 0)
    return;
  close(to_cgi[0]);
  close(from_cgi[1]);
  write(to_cgi[1], post, len);
  close(to_cgi[1]);
  while (read(from_cgi[0], reply, sizeof reply) > 0) // expected-warning{{Reading 'from_cgi[0]' until EOF blocks forever: the child process running 'cgi_program' holds the write end 'from_cgi[1]' and never ends: it reads 'to_cgi[0]' until EOF while keeping its own copy of the write end 'to_cgi[1]'}}
    ;
  close(from_cgi[0]);
  waitpid(pid, NULL, 0);
}

void serve_cgi_fixed(const char *post, size_t len) {
  int to_cgi[2], from_cgi[2];
  char reply[256];
  if (pipe(to_cgi) != 0)
    return;
  if (pipe(from_cgi) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(to_cgi[0], 0);
    dup2(from_cgi[1], 1);
    close(to_cgi[0]);
    close(from_cgi[1]);
    close(to_cgi[1]);
    close(from_cgi[0]);
    cgi_program();
  }
  if (pid < 0)
    return;
  close(to_cgi[0]);
  close(from_cgi[1]);
  write(to_cgi[1], post, len);
  close(to_cgi[1]);
  while (read(from_cgi[0], reply, sizeof reply) > 0) // no warning
    ;
  close(from_cgi[0]);
  waitpid(pid, NULL, 0);
}
