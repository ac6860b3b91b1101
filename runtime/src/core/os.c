/* os.c - the os, os.path and shutil modules' system calls. Failures are
 * CPython's OSError subclasses and messages (gt_fail_errno, file.c); the
 * path arithmetic (join, split, normpath, ...) is .gtp code in
 * stdlib/os/path.gtp, after CPython's posixpath. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

gt_str *gt_os_getcwd(void) {
  char *cwd = getcwd(NULL, 0);
  if (!cwd) gt_fail_errno(errno, NULL);
  gt_str *s = gt_str_from_cstr(cwd);
  free(cwd);
  return s;
}

int64_t gt_os_getpid(void) { return (int64_t)getpid(); }
int64_t gt_os_getppid(void) { return (int64_t)getppid(); }

void gt_os_chdir(const gt_str *path) {
  if (chdir(path->data) != 0) gt_fail_errno(errno, path);
}

void gt_os_mkdir(const gt_str *path, int64_t mode) {
  if (mkdir(path->data, (mode_t)mode) != 0) gt_fail_errno(errno, path);
}

void gt_os_rmdir(const gt_str *path) {
  if (rmdir(path->data) != 0) gt_fail_errno(errno, path);
}

/* os.remove: unlink(2), whose EISDIR CPython reports as it is. */
void gt_os_remove(const gt_str *path) {
  if (unlink(path->data) != 0) gt_fail_errno(errno, path);
}

void gt_os_rename(const gt_str *src, const gt_str *dst) {
  if (rename(src->data, dst->data) != 0) gt_fail_errno2(errno, src, dst);
}

void gt_os_symlink(const gt_str *src, const gt_str *dst) {
  if (symlink(src->data, dst->data) != 0) gt_fail_errno2(errno, src, dst);
}

/* os.listdir: readdir's order, as CPython's (which does not sort). */
gt_list *gt_os_listdir(const gt_str *path) {
  DIR *d = opendir(path->data);
  if (!d) gt_fail_errno(errno, path);
  gt_list *names = gt_list_new(&gt_t_list_str, 0);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    gt_str *name = gt_str_from_cstr(e->d_name);
    gt_list_append(names, (gt_val){.p = name});
    gt_release(name);
  }
  closedir(d);
  return names;
}

/* What stat(2) says of path: 0 nothing there (or no access), 1 a regular
 * file, 2 a directory, 3 something else. os.path.exists/isfile/isdir. */
int64_t gt_os_path_kind(const gt_str *path) {
  struct stat st;
  if (stat(path->data, &st) != 0) return 0;
  return S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 3;
}

int64_t gt_os_path_lkind(const gt_str *path) {
  struct stat st;
  if (lstat(path->data, &st) != 0) return 0;
  return S_ISLNK(st.st_mode) ? 4 : S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 3;
}

int64_t gt_os_path_getsize(const gt_str *path) {
  struct stat st;
  if (stat(path->data, &st) != 0) gt_fail_errno(errno, path);
  return (int64_t)st.st_size;
}

int64_t gt_os_cpu_count(void) { return sysconf(_SC_NPROCESSORS_ONLN); }

void gt_os__exit(int64_t status) { _exit((int)status); }

/* ---- os.environ: the process's environment itself --------------------- */

struct gt_environ {
  gt_obj h;
};
static const gt_class gt_environ_class = {.name = "_Environ"};
static gt_environ gt_environ_object = {{GT_IMMORTAL, &gt_environ_class}};
gt_environ *const gt_os_environ = &gt_environ_object;

/* os.getenv(key), os.getenv(key, default) */
gt_str *gt_os_getenv(const gt_str *key) {
  const char *v = getenv(key->data);
  return v ? gt_str_from_cstr(v) : NULL;
}

gt_str *gt_os_getenv_default(const gt_str *key, gt_str *fallback) {
  const char *v = getenv(key->data);
  return v ? gt_str_from_cstr(v) : gt_retain(fallback);
}

/* The methods of os.environ: env is the one environment. */
gt_str *gt_environ_get(gt_environ *env, const gt_str *key) {
  (void)env;
  return gt_os_getenv(key);
}

gt_str *gt_environ_get_default(gt_environ *env, const gt_str *key, gt_str *fallback) {
  (void)env;
  return gt_os_getenv_default(key, fallback);
}

gt_str *gt_environ_getitem(gt_environ *env, const gt_str *key) {
  (void)env;
  const char *v = getenv(key->data);
  if (!v) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_str_repr_to(&b, key);
    gt_fail_repr("KeyError: %s", gt_sbuf_finish_cstr(&b));
  }
  return gt_str_from_cstr(v);
}

void gt_environ_setitem(gt_environ *env, const gt_str *key, const gt_str *value) {
  (void)env;
  if (setenv(key->data, value->data, 1) != 0) gt_fail_errno(errno, NULL);
}

bool gt_environ_contains(gt_environ *env, const gt_str *key) {
  (void)env;
  return getenv(key->data) != NULL;
}

/* os.environ.pop(key): the value, which leaves the environment. */
gt_str *gt_environ_pop(gt_environ *env, const gt_str *key) {
  gt_str *value = gt_environ_getitem(env, key);
  unsetenv(key->data);
  return value;
}

void gt_os_putenv(const gt_str *key, const gt_str *value) {
  if (setenv(key->data, value->data, 1) != 0) gt_fail_errno(errno, NULL);
}

void gt_os_unsetenv(const gt_str *key) {
  if (unsetenv(key->data) != 0) gt_fail_errno(errno, NULL);
}

/* The names, in the environment's order. */
gt_list *gt_environ_keys(gt_environ *env) {
  (void)env;
  gt_list *keys = gt_list_new(&gt_t_list_str, 0);
  for (char **e = environ; *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq) continue;
    gt_str *k = gt_str_new(*e, eq - *e);
    gt_list_append(keys, (gt_val){.p = k});
    gt_release(k);
  }
  return keys;
}

int64_t gt_environ_len(gt_environ *env) {
  (void)env;
  int64_t n = 0;
  for (char **e = environ; *e; e++) n += strchr(*e, '=') != NULL;
  return n;
}

/* ---- shutil.copyfile ------------------------------------------------------ */

gt_str *gt_shutil_copyfile(const gt_str *src, gt_str *dst) {
  int in = open(src->data, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (in >= 0 && fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(in);
    in = -1;
    errno = EISDIR;
  }
  if (in < 0) gt_fail_errno(errno, src);
  int out = open(dst->data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (out < 0) {
    int err = errno;
    close(in);
    gt_fail_errno(err, dst);
  }
  char buf[1 << 16];
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(out, buf + done, (size_t)(n - done));
      if (w < 0) {
        int err = errno;
        close(in);
        close(out);
        gt_fail_errno(err, dst);
      }
      done += w;
    }
  }
  int err = errno;
  close(in);
  if (close(out) != 0 || n < 0) gt_fail_errno(n < 0 ? err : errno, n < 0 ? src : dst);
  return gt_retain(dst);
}

/* s.rfind(sub) for os.path: the code point index of sub's last
 * occurrence, or -1. */
int64_t gt_os_path_rfind(const gt_str *s, const gt_str *sub) {
  for (int64_t at = s->len - sub->len; at >= 0; at--)
    if (!memcmp(s->data + at, sub->data, (size_t)sub->len)) return gt_utf8_count(s->data, at);
  return -1;
}
