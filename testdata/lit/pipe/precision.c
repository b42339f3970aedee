// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Where the pipe checker stays silent: descriptors that escape, polling
// owners, non-blocking ends, error paths, children whose code is unknown.
#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

void register_fd(int fd);           // unseen: may close or keep the fd
void hand_off(int *fds);            // unseen
void run_unseen_child(int rd);      // unseen, no body
int saved_wr;

static void sink(int fd) {
  char buf[32];
  while (read(fd, buf, sizeof buf) > 0) // expected-note{{The child process running 'sink' blocks here}}
    ;
  _exit(0);
}

void escapes_by_value(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    sink(p[0]);
  }
  if (pid < 0)
    return;
  register_fd(p[1]); // the write end is someone else's business now
  waitpid(pid, NULL, 0); // no warning
}

void escapes_by_pointer(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    sink(p[0]);
  }
  if (pid < 0)
    return;
  hand_off(p);
  waitpid(pid, NULL, 0); // no warning
}

void escapes_to_global(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    sink(p[0]);
  }
  if (pid < 0)
    return;
  saved_wr = p[1];
  waitpid(pid, NULL, 0); // no warning
}

void polls_first(char *const argv[]) {
  int out[2];
  char buf[64];
  if (pipe(out) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  struct pollfd pfd = {out[0], POLLIN, 0};
  while (poll(&pfd, 1, 1000) > 0 && read(out[0], buf, sizeof buf) > 0) // no warning
    ;
  close(out[0]);
  close(out[1]);
}

void nonblocking_read_end(char *const argv[]) {
  int out[2];
  char buf[64];
  if (pipe(out) != 0)
    return;
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  while (read(out[0], buf, sizeof buf) > 0) // no warning
    ;
  close(out[0]);
  close(out[1]);
}

// Unknown code in the child may close the inherited write end.
void child_calls_unseen(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    run_unseen_child(p[0]);
    _exit(0);
  }
  if (pid < 0)
    return;
  close(p[0]);
  close(p[1]);
  waitpid(pid, NULL, 0); // no warning
}

// The child's code returns into the caller: it is not followed.
int child_returns(void) {
  int p[2];
  if (pipe(p) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0)
    return 0; // the caller runs the child's part
  if (pid < 0)
    return -1;
  close(p[0]);
  waitpid(pid, NULL, 0); // no warning
  close(p[1]);
  return 1;
}

// A child reading only under a condition not known at the fork.
void child_reads_maybe(int mode) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    if (mode == 2)
      sink(p[0]);
    _exit(0);
  }
  if (pid < 0)
    return;
  close(p[0]);
  waitpid(pid, NULL, 0); // no warning
  close(p[1]);
}

// Error paths: a failed pipe() or fork() leaves nothing to report.
void failed_pipe(void) {
  int p[2] = {-1, -1};
  char buf[8];
  if (pipe(p) == 0)
    close(p[1]);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
}

void failed_fork(void) {
  int p[2];
  char buf[8];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == -1) {
    // nothing to wait for; the descriptors are closed below
  } else if (pid == 0) {
    close(p[0]);
    write(p[1], "x", 1);
    _exit(0);
  }
  close(p[1]);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
  close(p[0]);
  if (pid > 0)
    waitpid(pid, NULL, 0);
}

// A bug on an error path is still a bug: the write failed and the parent
// bails out to wait without closing its end.
void error_path_bug(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    sink(p[0]);
  }
  if (pid < 0)
    return;
  close(p[0]);
  if (write(p[1], "cmd", 3) != 3) {
    waitpid(pid, NULL, 0); // expected-warning{{Waiting for the child process running 'sink' blocks forever: it reads 'p[0]' until EOF and this process never closes the write end 'p[1]'}}
    return;
  }
  close(p[1]);
  waitpid(pid, NULL, 0);
}

void error_path_fixed(void) {
  int p[2];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    sink(p[0]);
  }
  if (pid < 0)
    return;
  close(p[0]);
  if (write(p[1], "cmd", 3) != 3) {
    close(p[1]);
    waitpid(pid, NULL, 0); // no warning
    return;
  }
  close(p[1]);
  waitpid(pid, NULL, 0);
}

// The child may write the pipe before it exits: the parent's single read
// does not block forever (stress-ng's session stressor).
static int child_work(int wr) {
  write(wr, "ok", 2);
  return 0;
}

void child_reports_status(void) {
  int fds[2];
  char buf[8];
  if (pipe(fds) < 0)
    return;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return;
  } else if (pid == 0) {
    close(fds[0]);
    int ret = child_work(fds[1]);
    close(fds[1]);
    _exit(ret);
  }
  read(fds[0], buf, sizeof buf); // no warning
  waitpid(pid, NULL, 0);
  close(fds[0]);
  close(fds[1]);
}

// The program reuses the array: its new contents are its own.
void array_reused(void) {
  int fds[2];
  char c;
  if (pipe(fds) == 0) {
    close(fds[0]);
    close(fds[1]);
  }
  fds[0] = -1;
  fds[1] = -1;
  if (pipe(fds) != 0)
    return;
  write(fds[1], "x", 1);
  read(fds[0], &c, 1); // no warning
  close(fds[0]);
  close(fds[1]);
}

// The exec'd writer keeps a second copy of its own stdout pipe: both close
// when it exits, so the parent's read does end.
void exec_writer_keeps_own_copy(char *const argv[]) {
  int p[2];
  char buf[64];
  if (pipe(p) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[1], 1);
    close(p[0]);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return;
  close(p[1]);
  while (read(p[0], buf, sizeof buf) > 0) // no warning
    ;
  close(p[0]);
  waitpid(pid, NULL, 0);
}
