/* process.c - the primitives under stdlib/multiprocessing.gtp: processes
 * made by fork(2), waited for, signalled, and the pipes that carry a
 * child's traceback to torch.multiprocessing.spawn's parent.
 *
 * A child runs the program's target (a Callable[[], None]) under a
 * handler and leaves with _exit: it must never return into the code of
 * the parent that forked it, nor run exit handlers or static destructors
 * (libtorch's) that belong to the parent. Its exit code is CPython's
 * (multiprocessing.process.BaseProcess._bootstrap): 0 when the target
 * returns, the SystemExit's code, 1 after another exception, whose
 * traceback it prints as `Process NAME:` and traceback.print_exc(). */
#define _GNU_SOURCE
#include "core_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- the children of this process -------------------------------------
 * Every child started and its state: CPython's _children, read at exit
 * (daemons terminated, the others joined, as multiprocessing's atexit
 * function does) and by the waits, which keep a reaped child's code here,
 * so that a child reaped at one place is known everywhere. */
typedef struct gt_child {
  pid_t pid;
  bool daemon;
  bool done;
  int64_t code;  /* exit status, or -N after signal N, once done */
} gt_child;

static gt_child *gt_children;
static size_t gt_nchildren, gt_children_cap;

static gt_child *gt_child_find(int64_t pid) {
  for (size_t i = 0; i < gt_nchildren; i++)
    if (gt_children[i].pid == pid) return &gt_children[i];
  return NULL;
}

static void gt_child_add(pid_t pid, bool daemon) {
  if (gt_nchildren == gt_children_cap) {
    gt_children_cap = gt_children_cap ? 2 * gt_children_cap : 8;
    gt_children = gt_xrealloc(gt_children, gt_children_cap * sizeof *gt_children);
  }
  gt_children[gt_nchildren++] = (gt_child){.pid = pid, .daemon = daemon};
}

/* os.waitstatus_to_exitcode */
static int64_t gt_status_code(int status) {
  if (WIFSIGNALED(status)) return -(int64_t)WTERMSIG(status);
  return WEXITSTATUS(status);
}

/* One waitpid of the child: true once it has ended (its code recorded). */
static bool gt_child_reap(gt_child *c, bool block) {
  if (c->done) return true;
  int status;
  pid_t r;
  do r = waitpid(c->pid, &status, block ? 0 : WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  if (r < 0) return false;  /* not our child (CPython's poll: None) */
  c->done = true;
  c->code = gt_status_code(status);
  return true;
}

/* What multiprocessing's atexit function does, at this process's exit:
 * daemonic children terminated, then every child still running joined. */
static void gt_children_finish(void) {
  for (size_t i = 0; i < gt_nchildren; i++)
    if (gt_children[i].daemon && !gt_child_reap(&gt_children[i], false)) kill(gt_children[i].pid, SIGTERM);
  for (size_t i = 0; i < gt_nchildren; i++) gt_child_reap(&gt_children[i], true);
}

/* ---- in the child ------------------------------------------------------ */

/* Set by libgtorch (gt_torch_after_fork): what a child must do before it
 * runs any tensor code. NULL in a program without tensors. */
void (*gt_after_fork_child)(void);

/* _bootstrap's handling of SystemExit: None 0, an int its value, anything
 * else written on stderr and 1. */
static int64_t gt_system_exit_code(gt_exc *e) {
  if (!e->msg || (e->arg_repr && strcmp(e->msg->data, "None") == 0)) return 0;
  char *end;
  long long code = e->arg_repr ? strtoll(e->msg->data, &end, 10) : 0;
  if (e->arg_repr && e->msg->len && *end == '\0') return code;
  fprintf(stderr, "%.*s\n", (int)e->msg->len, e->msg->data);
  return 1;
}

/* The exit code of the target's exception, whose traceback a process
 * other than spawn's prints as _bootstrap does. */
static int64_t gt_child_failed(gt_exc *e, const gt_str *name) {
  if (gt_exc_is(e, &gt_SystemExit_class)) return gt_system_exit_code(e);
  fflush(stdout);
  gt_str *tb = gt_exc_format(e);
  fprintf(stderr, "Process %.*s:\n%.*s\n", (int)name->len, name->data, (int)tb->len, tb->data);
  gt_release(tb);
  return 1;
}

/* The child's whole life: stdin on /dev/null (as _bootstrap's), the
 * target under a handler, the children it started joined, the streams
 * flushed, _exit. */
static _Noreturn void gt_child_main(gt_fn *boot, const gt_str *name) {
  gt_nchildren = 0;  /* the parent's children are not this process's */
  if (gt_after_fork_child) gt_after_fork_child();
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) {
    dup2(devnull, STDIN_FILENO);
    if (devnull != STDIN_FILENO) close(devnull);
  }
  int64_t code = 0;
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    ((void (*)(gt_fn *))boot->code)(boot);
    gt_untry(&h);
  } else {
    code = gt_child_failed(h.exc, name);
  }
  fflush(NULL);
  gt_children_finish();
  fflush(NULL);
  _exit((int)code);
}

/* ---- the primitives ---------------------------------------------------- */

int64_t gt_mp_start(gt_fn *boot, const gt_str *name, bool daemon) {
  /* What was printed so far is written once, by the parent: a buffer the
   * child inherited unwritten would be written twice (Popen's flush). */
  fflush(NULL);
  gt_exit_hook = gt_children_finish;
  pid_t pid = fork();
  if (pid < 0) gt_fail_errno(errno, NULL);
  if (pid == 0) gt_child_main(boot, name);
  gt_child_add(pid, daemon);
  return pid;
}

int64_t gt_mp_poll(int64_t pid) {
  gt_child *c = gt_child_find(pid);
  if (!c || !gt_child_reap(c, false)) return GT_NONE_INT;
  return c->code;
}

static double gt_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void gt_nap(double seconds) {
  struct timespec ts = {.tv_sec = (time_t)seconds, .tv_nsec = (long)((seconds - floor(seconds)) * 1e9)};
  nanosleep(&ts, NULL);
}

/* Polls the children until one of `pids` has ended or the deadline has
 * passed: naps from 0.1 ms doubling to 10 ms, so that a short child is
 * seen at once and a long one costs nothing. */
static bool gt_any_ended(const int64_t *pids, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    gt_child *c = gt_child_find(pids[i]);
    if (c && gt_child_reap(c, false)) return true;
  }
  return false;
}

static bool gt_wait_any(const int64_t *pids, int64_t n, double timeout) {
  double deadline = gt_now() + timeout, nap = 1e-4;
  for (;;) {
    if (gt_any_ended(pids, n)) return true;
    double left = deadline - gt_now();
    if (!isnan(timeout) && left <= 0) return false;
    gt_nap(isnan(timeout) || nap < left ? nap : left);
    if (nap < 1e-2) nap *= 2;
  }
}

int64_t gt_mp_wait(int64_t pid, double timeout) {
  gt_child *c = gt_child_find(pid);
  if (!c) return GT_NONE_INT;
  if (isnan(timeout)) gt_child_reap(c, true);
  else gt_wait_any(&pid, 1, timeout < 0 ? 0 : timeout);
  return c->done ? c->code : GT_NONE_INT;
}

bool gt_mp_wait_any(const gt_list *pids, double timeout) {
  int64_t *ids = gt_xmalloc(sizeof *ids * (size_t)(pids->len ? pids->len : 1));
  for (int64_t i = 0; i < pids->len; i++) ids[i] = pids->items[i].i;
  bool ended = gt_wait_any(ids, pids->len, isnan(timeout) || timeout >= 0 ? timeout : 0);
  free(ids);
  return ended;
}

void gt_mp_signal(int64_t pid, int64_t sig) {
  gt_child *c = gt_child_find(pid);
  if (c && c->done) return;
  /* ESRCH: ended on its own meanwhile (popen_fork's ProcessLookupError) */
  if (kill((pid_t)pid, (int)sig) != 0 && errno != ESRCH) gt_fail_errno(errno, NULL);
}

/* ---- pipes: spawn's error queues --------------------------------------- */

gt_list *gt_mp_pipe(void) {
  int fds[2];
  if (pipe(fds) != 0) gt_fail_errno(errno, NULL);
  gt_list *l = gt_list_new(&gt_t_list_int, 2);
  gt_list_append(l, gt_vi(fds[0]));
  gt_list_append(l, gt_vi(fds[1]));
  return l;
}

void gt_mp_fd_write(int64_t fd, const gt_str *s) {
  for (int64_t done = 0; done < s->len;) {
    ssize_t n = write((int)fd, s->data + done, (size_t)(s->len - done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) gt_fail_errno(errno, NULL);
    done += n;
  }
}

/* What the pipe holds now, without waiting: a writer that ended has
 * written all it will, and the other children may hold the write end
 * open (they inherited it), so reading to the end could wait forever. */
gt_str *gt_mp_fd_read(int64_t fd) {
  size_t len = 0, cap = 4096;
  char *buf = gt_xmalloc(cap);
  for (;;) {
    struct pollfd p = {.fd = (int)fd, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) break;
    if (len == cap) buf = gt_xrealloc(buf, cap *= 2);
    ssize_t n = read((int)fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += (size_t)n;
  }
  gt_str *s = gt_str_new(buf, (int64_t)len);
  free(buf);
  return s;
}

void gt_mp_fd_close(int64_t fd) { close((int)fd); }
