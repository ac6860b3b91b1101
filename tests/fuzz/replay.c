/* replay.c - runs saved inputs through the fuzz target without libFuzzer:
 * the seed corpus and every past crash, in a plain build (gcc, or the ASan
 * tree) as a ctest.
 *
 *   fuzz_replay [--check-c CC] PATH...
 *
 * A PATH that is a directory stands for every regular file in it but a
 * README.md. A crash or sanitizer report ends the process, as under
 * libFuzzer; the input being run is named first on stderr. With
 * --check-c, the C emitted for inputs that pass the checker must satisfy
 * `CC -fsyntax-only`; every input whose C does not is reported, and the
 * exit status is 1.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_frontend.h"

/* Reads a whole file into malloc'd memory; NULL on failure. */
static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0, got;
  char *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n < cap) continue;
    char *bigger = realloc(buf, cap *= 2);
    if (!bigger) free(buf);
    buf = bigger;
  }
  bool failed = ferror(f);
  fclose(f);
  if (failed) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static bool replay_file(const char *path) {
  size_t len = 0;
  char *data = read_all(path, &len);
  if (!data) {
    fprintf(stderr, "fuzz_replay: cannot read %s: %s\n", path, strerror(errno));
    return false;
  }
  fprintf(stderr, "fuzz_replay: %s\n", path);
  LLVMFuzzerTestOneInput((const uint8_t *)data, len);
  free(data);
  return true;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of a directory, in name order: a run is repeatable. */
static bool replay_dir(const char *dir, int *count) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "fuzz_replay: cannot open %s: %s\n", dir, strerror(errno));
    return false;
  }
  char **paths = NULL;
  size_t n = 0, cap = 0;
  bool ok = true;
  for (struct dirent *e; (e = readdir(d));) {
    /* Hidden files are not inputs, nor is the README of crashes/. */
    if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      char **bigger = realloc(paths, cap * sizeof *paths);
      if (!bigger) {
        ok = false;
        break;
      }
      paths = bigger;
    }
    size_t size = strlen(dir) + strlen(e->d_name) + 2;
    paths[n] = malloc(size);
    if (!paths[n]) {
      ok = false;
      break;
    }
    snprintf(paths[n++], size, "%s/%s", dir, e->d_name);
  }
  closedir(d);
  if (n) qsort(paths, n, sizeof *paths, by_name);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (ok && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode)) {
      ok = replay_file(paths[i]);
      ++*count;
    }
    free(paths[i]);
  }
  free(paths);
  return ok;
}

int main(int argc, char **argv) {
  int first = 1, count = 0;
  if (argc > 2 && strcmp(argv[1], "--check-c") == 0) {
    fuzz_check_c(argv[2], true);
    first = 3;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: fuzz_replay [--check-c CC] FILE-OR-DIRECTORY...\n");
    return 2;
  }
  for (int i = first; i < argc; i++) {
    struct stat st;
    bool is_dir = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
    bool ok = is_dir ? replay_dir(argv[i], &count) : (count++, replay_file(argv[i]));
    if (!ok) return 1;
  }
  int invalid = fuzz_invalid_c_count();
  printf("fuzz_replay: %d inputs, no crash, %d with C the C compiler rejects\n", count, invalid);
  return invalid ? 1 : 0;
}
