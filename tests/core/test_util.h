/* test_util.h - helpers shared by the cmocka tests of libgtorch_core. */
#ifndef GT_TEST_UTIL_H
#define GT_TEST_UTIL_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "gtorch.h"

static inline double from_bits(uint64_t b) {
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}

static inline uint64_t to_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}

/* Compares a str with the expected text (and releases it), naming the case on mismatch. */
static inline int check_str(gt_str *got, const char *expect, const char *what) {
  int ok = (size_t)got->len == strlen(expect) && memcmp(got->data, expect, (size_t)got->len) == 0;
  if (!ok) print_error("%s: got [%s], expected [%s]\n", what, got->data, expect);
  gt_release(got);
  return ok;
}

/* Runs fn(arg) in a child process, which must fail through gt_fail with
 * `runtime error: MSG` (no frame is active) and exit status 1. Returns 1
 * when it did. */
typedef void (*fail_fn)(const void *arg);

static inline int expect_failure(fail_fn fn, const void *arg, const char *msg, const char *what) {
  int fds[2];
  if (pipe(fds) != 0) return 0;
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], STDERR_FILENO);
    fn(arg);
    _exit(99);   /* it did not fail */
  }
  close(fds[1]);
  char buf[4096];
  size_t len = 0;
  ssize_t n;
  while ((n = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0) len += (size_t)n;
  buf[len] = '\0';
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  char want[4096];
  snprintf(want, sizeof want, "runtime error: %s\n", msg);
  int ok = WIFEXITED(status) && WEXITSTATUS(status) == 1 && strcmp(buf, want) == 0;
  if (!ok)
    print_error("%s: status %d, stderr [%s], expected [%s]\n", what,
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, buf, want);
  return ok;
}

#endif
