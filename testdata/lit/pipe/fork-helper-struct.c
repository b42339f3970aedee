// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// TL203/TL202 across fork when the pipe and the fork are in a helper, and
// when the descriptors live in a struct.
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void sink_stdin(void) {
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) // expected-note 2 {{blocks here}}
    ;
  _exit(0);
}

// Starts a child reading a new pipe on its stdin; *wfd gets the write end.
static pid_t start_sink(int *wfd) {
  int p[2];
  if (pipe(p) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[0], 0);
    close(p[0]);
    close(p[1]);
    sink_stdin();
  }
  close(p[0]);
  *wfd = p[1];
  return pid;
}

void helper_bug(void) {
  int w = -1;
  pid_t pid = start_sink(&w);
  if (pid < 0)
    return;
  write(w, "hello", 5);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'sink_stdin' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'w'}}
  close(w);
}

void helper_fixed(void) {
  int w = -1;
  pid_t pid = start_sink(&w);
  if (pid < 0)
    return;
  write(w, "hello", 5);
  close(w);
  waitpid(pid, NULL, 0); // no warning
}

struct proc {
  int in[2];
  int out[2];
  pid_t pid;
};

static int proc_start(struct proc *pr, char *const argv[]) {
  if (pipe(pr->in) != 0)
    return -1;
  if (pipe(pr->out) != 0) {
    close(pr->in[0]);
    close(pr->in[1]);
    return -1;
  }
  pr->pid = fork();
  if (pr->pid == 0) {
    dup2(pr->in[0], 0);
    dup2(pr->out[1], 1);
    close(pr->in[0]);
    close(pr->in[1]);
    close(pr->out[0]);
    close(pr->out[1]);
    execvp(argv[0], argv); // expected-note 2 {{runs the program that blocks}}
    _exit(127);
  }
  close(pr->in[0]);
  close(pr->out[1]);
  return pr->pid < 0 ? -1 : 0;
}

void struct_bug(char *const argv[]) {
  struct proc pr;
  if (proc_start(&pr, argv) != 0)
    return;
  write(pr.in[1], "query", 5);
  waitpid(pr.pid, NULL, 0); // expected-warning{{Waiting for the child process exec'd with 'execvp' blocks forever: it reads 'pr.in[0]' until EOF and this process never closes the write end 'pr.in[1]'}}
  close(pr.in[1]);
  close(pr.out[0]);
}

void struct_fixed(char *const argv[]) {
  struct proc pr;
  char buf[128];
  if (proc_start(&pr, argv) != 0)
    return;
  write(pr.in[1], "query", 5);
  close(pr.in[1]);
  while (read(pr.out[0], buf, sizeof buf) > 0)
    ;
  close(pr.out[0]);
  waitpid(pr.pid, NULL, 0); // no warning
}

// The struct's write end reaches the child through a helper's parameter.
static void run_child(int rd, int wr_to_close) {
  close(wr_to_close);
  dup2(rd, 0);
  sink_stdin();
}

void struct_param_fixed(void) {
  struct proc pr;
  if (pipe(pr.in) != 0)
    return;
  pr.pid = fork();
  if (pr.pid == 0)
    run_child(pr.in[0], pr.in[1]);
  if (pr.pid < 0)
    return;
  close(pr.in[0]);
  close(pr.in[1]);
  waitpid(pr.pid, NULL, 0); // no warning
}

void struct_param_bug(void) {
  struct proc pr;
  if (pipe(pr.in) != 0)
    return;
  pr.pid = fork();
  if (pr.pid == 0)
    run_child(pr.in[0], pr.in[0]); // closes the wrong end
  if (pr.pid < 0)
    return;
  close(pr.in[0]);
  close(pr.in[1]);
  waitpid(pr.pid, NULL, 0); // expected-warning{{Waiting for the child process running 'run_child' blocks forever: it reads 'pr.in[0]' until EOF while keeping its own copy of the write end 'pr.in[1]'}}
}

// TL202 with the struct: the parent waits before reading the output.
void struct_wait_before_read_bug(char *const argv[]) {
  struct proc pr;
  char buf[128];
  if (proc_start(&pr, argv) != 0)
    return;
  close(pr.in[1]);
  waitpid(pr.pid, NULL, 0); // expected-warning{{Waiting for the child process exec'd with 'execvp' blocks forever: it writes more than a pipe holds into 'pr.out[1]' and nothing reads 'pr.out[0]' before the wait}}
  read(pr.out[0], buf, sizeof buf);
  close(pr.out[0]);
}

// A socket pair across fork: the child reads its end until EOF, which
// needs every copy of the other end closed.
static void pair_child(int fd) {
  char b[32];
  while (read(fd, b, sizeof b) > 0) // expected-note{{The child process running 'pair_child' blocks here}}
    ;
  _exit(0);
}

void socketpair_bug(void) {
  int sv[2];
  if (socketpair(1 /* AF_UNIX */, 1 /* SOCK_STREAM */, 0, sv) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    pair_child(sv[1]);
  }
  if (pid < 0)
    return;
  close(sv[1]);
  write(sv[0], "hi", 2);
  waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'pair_child' blocks forever: it reads 'sv[1]' until EOF and this process never closes the write end 'sv[0]'}}
  close(sv[0]);
}

void socketpair_fixed(void) {
  int sv[2];
  if (socketpair(1 /* AF_UNIX */, 1 /* SOCK_STREAM */, 0, sv) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    pair_child(sv[1]);
  }
  if (pid < 0)
    return;
  close(sv[1]);
  write(sv[0], "hi", 2);
  shutdown(sv[0], 1 /* SHUT_WR */); // unknown to the model: sv[0] escapes
  waitpid(pid, NULL, 0); // no warning
  close(sv[0]);
}
