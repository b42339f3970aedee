// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL203 across fork: the reading child itself keeps a copy of the write end
// (it inherited it and never closed it), so its read never sees EOF, even
// after the parent closed its own copy.
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
void closefrom(int);

static void consume(int fd) {
  char buf[64];
  while (read(fd, buf, sizeof buf) > 0) // expected-note{{blocks here}}
    ;
  _exit(0);
}

void child_keeps_write_bug(void) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    consume(p[0]); // the child never closes p[1]
  }
  if (pid < 0)
    return;
  close(p[0]);
  write(p[1], "x", 1);
  close(p[1]);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'consume' blocks forever: it reads 'p[0]' until EOF while keeping its own copy of the write end 'p[1]'}}
}

void child_keeps_write_fixed(void) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    consume(p[0]);
  }
  if (pid < 0)
    return;
  close(p[0]);
  write(p[1], "x", 1);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// Closing its copy only after the read is too late.
static void consume_then_close(int rd, int wr) {
  char buf[64];
  while (read(rd, buf, sizeof buf) > 0) // expected-note{{The child process running 'consume_then_close' blocks here}}
    ;
  close(wr);
  _exit(0);
}

void child_closes_late_bug(void) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (!pid)
    consume_then_close(p[0], p[1]);
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // expected-warning{{it reads 'p[0]' until EOF while keeping its own copy of the write end 'p[1]'}}
}

// The exec'd program keeps the write end it inherited: no close-on-exec.
void exec_keeps_write_bug(char *const argv[]) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    execvp(argv[0], argv); // expected-note{{runs the program that blocks}}
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process exec'd with 'execvp' blocks forever: it reads 'p[0]' until EOF while keeping its own copy of the write end 'p[1]'}}
}

void exec_keeps_write_cloexec_fixed(char *const argv[]) {
  int p[2];
  if (pipe2(p, 02000000 /* O_CLOEXEC */) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0); // dup2's copy has no close-on-exec: the program's stdin
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

void exec_keeps_write_fcntl_fixed(char *const argv[]) {
  int p[2];
  if (pipe(p) < 0)
    return;
  fcntl(p[1], 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// The child closes every descriptor above 2 first (closefrom).
void child_closefrom_fixed(char *const argv[]) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    closefrom(3);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// A loop closing every descriptor is the same.
void child_close_loop_fixed(char *const argv[]) {
  int p[2];
  if (pipe(p) < 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    for (int fd = 3; fd < 1024; fd++)
      close(fd);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}
