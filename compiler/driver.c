/* driver.c - the pipeline: .gtp -> syntax tree -> checked program -> C -> cc -> executable.
 *
 * gtorchc finds its runtime headers, libraries and stdlib relative to its
 * own executable (PREFIX/bin/gtorchc -> PREFIX/include, PREFIX/lib,
 * PREFIX/share/gtorchc/stdlib), so the build tree and an installed prefix
 * both work. A cross target's runtime is in PREFIX/lib/TRIPLE, built by
 * tools/build-cross; the C is the same for every target, only the compiler
 * and the libraries differ.
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "parse.h"
#include "sema.h"

/* Paths and command lines are as long as the system's and the user's:
 * every string here is on the heap, made by str_printf. */
static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *str_printf(const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = n < 0 ? NULL : malloc((size_t)n + 1);
  if (!s) {
    fprintf(stderr, "gtorchc: error: out of memory\n");
    exit(1);
  }
  vsnprintf(s, (size_t)n + 1, fmt, again);
  va_end(again);
  return s;
}

typedef struct Paths {
  char *prefix;
  char *include;
  char *lib;
  char *stdlib;
} Paths;

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The path of the running executable, else argv[0]. */
static char *self_exe(const char *argv0) {
  for (size_t size = 256;; size *= 2) {
    char *buf = malloc(size);
    ssize_t n = buf ? readlink("/proc/self/exe", buf, size) : -1;
    if (n <= 0) {
      free(buf);
      return str_printf("%s", argv0);
    }
    if ((size_t)n < size) {
      buf[n] = 0;
      return buf;
    }
    free(buf);
  }
}

static void find_paths(Paths *p, const char *argv0, const char *target) {
  /* PREFIX/bin/gtorchc -> PREFIX */
  char *exe = self_exe(argv0);
  char *slash = strrchr(exe, '/');
  if (slash) {
    *slash = 0;
  } else {
    free(exe);
    exe = str_printf(".");
  }
  slash = strrchr(exe, '/');
  if (slash) *slash = 0;
  p->prefix = exe;
  p->include = str_printf("%s/include", p->prefix);
  if (target) {
    p->lib = str_printf("%s/lib/%s", p->prefix, target);
  } else {
    p->lib = str_printf("%s/%s", p->prefix, GT_INSTALL_LIBDIR);
    if (!is_dir(p->lib)) {
      free(p->lib);
      p->lib = str_printf("%s/lib", p->prefix);
    }
  }
  p->stdlib = str_printf("%s/share/gtorchc/stdlib", p->prefix);
}

static void free_paths(Paths *p) {
  free(p->prefix);
  free(p->include);
  free(p->lib);
  free(p->stdlib);
}

/* Space-separated words (link flags, library names): the next word at or
 * after s and its length in *n, or NULL at the end. Walk them with
 * `for (const char *w = words; (w = word_at(w, &n)); w += n)`. */
static const char *word_at(const char *s, int *n) {
  while (*s == ' ') s++;
  *n = (int)strcspn(s, " ");
  return *s ? s : NULL;
}

/* Is `name` a word of `words`? */
static bool has_word(const char *words, const char *name) {
  int n;
  for (const char *w = words; (w = word_at(w, &n)); w += n)
    if ((size_t)n == strlen(name) && strncmp(w, name, n) == 0) return true;
  return false;
}

/* The runtime libraries the program's modules declare with `extern link`,
 * in import order, each once: "gtorch" for a program that imports torch. */
static char *linked_libraries(Program *prog) {
  char *libs = str_printf("%s", "");
  for (Module *m = prog->modules; m; m = m->next) {
    if (!m->link || has_word(libs, m->link)) continue;
    char *more = str_printf("%s%s%s", libs, *libs ? " " : "", m->link);
    free(libs);
    libs = more;
  }
  return libs;
}

/* resolve.c's entry point for a main module already parsed (its prototype
 * belongs with resolve_program's in sema.h). */
Program *resolve_parsed_program(Arena *a, Diag *d, SrcFile *file, Node *ast, const char *stdlib_dir, Hints *hints);

/* The main module's text: from memory, or read whole from its file. */
static SrcFile *load_source(Arena *a, Diag *d, const CompileJob *job) {
  if (job->text) return src_from_buffer(a, job->path, job->text, job->len);
  return src_load(a, d, job->path);
}

/* The C of a checked, reached program, into memory. */
static bool emit_to_memory(Program *prog, const CompileJob *job, Compiled *out) {
  FILE *mem = open_memstream(&out->c_text, &out->c_len);
  if (!mem) {
    fprintf(job->diagnostics, "gtorchc: error: out of memory\n");
    return false;
  }
  EmitOptions eo = {.line_directives = job->line_directives, .c_path = job->c_path};
  emit_program(prog, mem, &eo);
  if (fclose(mem) == 0) return true;
  fprintf(job->diagnostics, "gtorchc: error: out of memory\n");
  free(out->c_text);
  out->c_text = NULL;
  return false;
}

/* Parse, resolve and check the main module into `arena`: the program, or
 * NULL after a syntax or resolution error. */
static Program *front_end(const CompileJob *job, Arena *arena, Diag *diag, Hints *hints) {
  SrcFile *file = load_source(arena, diag, job);
  Node *ast = file ? parse_module(arena, diag, file) : NULL;
  /* the hints from the start: resolve.c reads the types of a namedtuple's fields */
  Program *prog = ast ? resolve_parsed_program(arena, diag, file, ast, job->stdlib_dir, hints) : NULL;
  if (!prog) return NULL;
  check_program(prog);
  return prog;
}

static void free_hints(Hints *h) {
  for (int i = 0; i < h->n; i++) free(h->names[i]);
  free(h->names);
}

/* The front end, run again from scratch while the checker learns a hint
 * (Program.rerun: a name where an int and a float meet holds floats, one
 * assigned an Optional later on is Optional from the start: only a join or
 * a later assignment shows it). Each run adds a hint it did not have, so the runs
 * end; only the last one's diagnostics are written. */
static Program *front_end_runs(const CompileJob *job, Arena *arena, Diag *diag, Hints *hints) {
  for (;;) {
    char *text = NULL;
    size_t len = 0;
    FILE *held = open_memstream(&text, &len);
    diag_init(diag, held ? held : job->diagnostics);
    Program *prog = front_end(job, arena, diag, hints);
    diag_forget_last(diag);
    if (held) fclose(held);
    bool again = prog && prog->rerun;
    if (!again && text) fwrite(text, 1, len, job->diagnostics);
    free(text);
    diag->out = job->diagnostics;
    if (!again) return prog;
    diag_index_end();  /* before the files it indexes go */
    arena_free(arena);
    *arena = (Arena){0};
    diag_index_begin();
  }
}

Compiled compile_to_c(const CompileJob *job) {
  Compiled out = {0};
  Arena arena = {0};
  Hints hints = {0};
  Diag diag;
  diag_index_begin();
  Program *prog = front_end_runs(job, &arena, &diag, &hints);
  out.ok = prog && diag.errors == 0;
  if (out.ok && job->emit) {
    reach_program(prog);  /* only what the program uses is emitted */
    out.ok = emit_to_memory(prog, job, &out);
    out.libraries = linked_libraries(prog);
  }
  diag_finish(&diag);
  diag_index_end();  /* before the files it indexes go */
  arena_free(&arena);
  free_hints(&hints);
  return out;
}

static bool write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "gtorchc: error: cannot write %s: %s\n", path, strerror(errno));
    return false;
  }
  fputs(text, f);
  if (fclose(f) != 0) {
    fprintf(stderr, "gtorchc: error: cannot write %s: %s\n", path, strerror(errno));
    return false;
  }
  return true;
}

/* An argument vector for execvp: every string owned, NULL-terminated. */
typedef struct Argv {
  char **v;
  size_t n, cap;
} Argv;

static void argv_add(Argv *a, char *owned) {
  if (a->n + 2 > a->cap) {
    size_t cap = a->cap ? 2 * a->cap : 32;
    char **bigger = realloc(a->v, cap * sizeof *bigger);
    if (!bigger) {
      fprintf(stderr, "gtorchc: error: out of memory\n");
      exit(1);
    }
    a->v = bigger;
    a->cap = cap;
  }
  a->v[a->n++] = owned;
  a->v[a->n] = NULL;
}

static void argv_add_copy(Argv *a, const char *s) {
  argv_add(a, str_printf("%s", s));
}

/* Adds each space-separated word of a flags string ("-la -lb"). */
static void argv_add_words(Argv *a, const char *flags) {
  int n;
  for (const char *w = flags; (w = word_at(w, &n)); w += n) argv_add(a, str_printf("%.*s", n, w));
}

static void argv_free(Argv *a) {
  for (size_t i = 0; i < a->n; i++) free(a->v[i]);
  free(a->v);
}

static const char *cc_name(const Options *o) {
  if (o->cc) return o->cc;
  const char *env = getenv("CC");
  return env && *env ? env : GT_DEFAULT_CC;
}

/* The compiler and what a program links with: the host's, from config.h, or
 * a target's, from its runtime directory. */
typedef struct Toolchain {
  char *cc;
  char *sysroot;     /* --sysroot=DIR, or NULL */
  char *extra;       /* flags the runtime was built with */
  char *lib_flags;    /* from each libLIB.link of the program's libraries, after -lgtorch_core */
} Toolchain;

static void free_toolchain(Toolchain *tc) {
  free(tc->cc);
  free(tc->sysroot);
  free(tc->extra);
  free(tc->lib_flags);
}

static void host_toolchain(const Options *o, Toolchain *tc) {
  tc->cc = str_printf("%s", cc_name(o));
  tc->sysroot = NULL;
  tc->extra = str_printf("%s", GT_EXTRA_FLAGS);
}

/* libLIB.link: one line of link flags, written by the runtime's build (for
 * libgtorch: libtorch's); NULL when it cannot be read. */
static char *read_link_flags(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  char *line = NULL;
  size_t size = 0;
  bool ok = getline(&line, &size, f) >= 0;
  fclose(f);
  if (!ok) {
    free(line);
    return NULL;
  }
  line[strcspn(line, "\r\n")] = 0;
  return line;
}

/* Is `name` in the target's library directory? */
static bool has_library_file(const Paths *paths, const char *name) {
  char *path = str_printf("%s/%s", paths->lib, name);
  bool found = is_file(path);
  free(path);
  return found;
}

/* The first part of the runtime that is not there, as a malloc'd file name,
 * or NULL; each library's link flags are gathered into *flags on the way. */
static char *missing_runtime(const Paths *paths, const char *libraries, char **flags) {
  *flags = str_printf("%s", "");
  if (!has_library_file(paths, "libgtorch_core.a")) return str_printf("libgtorch_core.a");
  int n;
  for (const char *w = libraries; (w = word_at(w, &n)); w += n) {
    char *archive = str_printf("lib%.*s.a", n, w);
    if (!has_library_file(paths, archive)) return archive;
    free(archive);
    char *link = str_printf("%s/lib%.*s.link", paths->lib, n, w);
    char *more = read_link_flags(link);
    free(link);
    if (!more) return str_printf("lib%.*s.link", n, w);
    char *all = str_printf("%s %s", *flags, more);
    free(more);
    free(*flags);
    *flags = all;
  }
  return NULL;
}

/* The runtime must be there before the C compiler is worth running: say
 * what is missing, and what makes it. */
static bool runtime_present(const Options *o, const Paths *paths, const char *libraries, Toolchain *tc) {
  char *missing = missing_runtime(paths, libraries, &tc->lib_flags);
  if (!missing) return true;
  if (o->target)
    fprintf(stderr, "gtorchc: error: no %s runtime: %s/%s is missing (tools/build-cross builds it)\n", o->target,
            paths->lib, missing);
  else
    fprintf(stderr, "gtorchc: error: the program links %s/%s, which is missing (tools/setup builds the runtime)\n",
            paths->lib, missing);
  free(missing);
  return false;
}

/* A target's sysroot must be there too. */
static bool target_toolchain(const Options *o, Toolchain *tc) {
  if (o->sysroot && !is_dir(o->sysroot)) {
    fprintf(stderr, "gtorchc: error: the sysroot %s is not a directory (tools/make-sysroot makes one)\n", o->sysroot);
    return false;
  }
  /* $CC is the host's compiler; a target's is named after its triple. */
  tc->cc = o->cc ? str_printf("%s", o->cc) : str_printf("%s-gcc", o->target);
  tc->sysroot = o->sysroot ? str_printf("--sysroot=%s", o->sysroot) : NULL;
  tc->extra = str_printf("%s", "");  /* sanitizer flags belong to the host's runtime */
  return true;
}

/* The C compiler's command line for cfile -> exe. */
static void cc_command(const Options *o, const Paths *paths, const Toolchain *tc, const char *cfile,
                       const char *exe, const char *libraries, Argv *args) {
  argv_add_copy(args, tc->cc);
  if (tc->sysroot) argv_add_copy(args, tc->sysroot);
  argv_add_copy(args, "-std=c11");
  /* IEEE arithmetic as CPython does it: without this, GCC 12 folds
   * 0.0 - (double)i into -(double)i, which is -0.0 for i == 0. */
  argv_add_copy(args, "-frounding-math");
  argv_add(args, str_printf("-O%d", o->opt_level));
  if (o->debug) argv_add_copy(args, "-g");
  argv_add_words(args, tc->extra);
  argv_add(args, str_printf("-I%s", paths->include));
  argv_add_copy(args, cfile);
  argv_add_copy(args, "-o");
  argv_add_copy(args, exe);
  argv_add(args, str_printf("-L%s", paths->lib));
  int n;
  for (const char *w = libraries; (w = word_at(w, &n)); w += n) argv_add(args, str_printf("-l%.*s", n, w));
  argv_add_copy(args, "-lgtorch_core");
  argv_add_words(args, tc->lib_flags);
  argv_add_copy(args, "-lm");
}

/* Runs a command and waits for it: its exit status, or -1 when it could
 * not be started, 127 when it could not be run. */
static int run_command(char **args) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execvp(args[0], args);
    fprintf(stderr, "gtorchc: error: cannot run the C compiler '%s': %s\n", args[0], strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Runs the C compiler; its complaints about generated C are our bugs. */
static int run_cc(const Options *o, const Paths *paths, const char *cfile, const char *exe, const char *libraries) {
  Toolchain tc = {0};
  bool ready = runtime_present(o, paths, libraries, &tc);
  if (ready && !o->target) host_toolchain(o, &tc);
  else if (ready) ready = target_toolchain(o, &tc);
  if (!ready) {
    free_toolchain(&tc);
    return 1;
  }
  Argv args = {0};
  cc_command(o, paths, &tc, cfile, exe, libraries, &args);
  int status = run_command(args.v);
  argv_free(&args);
  free_toolchain(&tc);
  if (status < 0) {
    fprintf(stderr, "gtorchc: error: cannot start the C compiler: %s\n", strerror(errno));
    return 1;
  }
  if (status == 0) return 0;
  if (status != 127)
    fprintf(stderr, "gtorchc: error: the C compiler failed on the generated code; this is a gtorchc bug "
                    "(gtorchc build --keep-c keeps the C for a report)\n");
  return 1;
}

static uint64_t fnv1a(uint64_t h, const char *s) {
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static bool mkdirs(const char *path) {
  char *buf = str_printf("%s", path);
  for (char *s = buf + 1; *s; s++) {
    if (*s != '/') continue;
    *s = 0;
    mkdir(buf, 0755);
    *s = '/';
  }
  bool ok = mkdir(buf, 0755) == 0 || errno == EEXIST;
  free(buf);
  return ok;
}

/* Hashes in the size and mtime of a runtime library, so that a rebuilt
 * runtime is not served from executables linked against the old one. */
static uint64_t hash_library(uint64_t h, const Paths *paths, const char *name) {
  char *path = str_printf("%s/%s", paths->lib, name);
  struct stat st;
  char *stamp = stat(path, &st) != 0 ? str_printf("none")
                                     : str_printf("%lld:%lld", (long long)st.st_size, (long long)st.st_mtime);
  h = fnv1a(h, stamp);
  free(stamp);
  free(path);
  return h;
}

/* The cache directory of `run`. */
static char *cache_dir(void) {
  const char *home = getenv("HOME");
  const char *xdg = getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return str_printf("%s/gtorchc", xdg);
  return str_printf("%s/.cache/gtorchc", home && *home ? home : "/tmp");
}

/* Builds the cached executable `exe` from the C unless it is there. */
static int build_cached(const Options *o, const Paths *paths, const char *dir, const char *exe,
                        const char *c_text, const char *libraries) {
  if (access(exe, X_OK) == 0) return 0;
  if (!mkdirs(dir)) {
    fprintf(stderr, "gtorchc: error: cannot create the cache %s: %s\n", dir, strerror(errno));
    return 1;
  }
  char *cfile = str_printf("%s.%ld.c", exe, (long)getpid());
  char *tmp_exe = str_printf("%s.%ld.tmp", exe, (long)getpid());
  int rc = write_file(cfile, c_text) ? run_cc(o, paths, cfile, tmp_exe, libraries) : 1;
  remove(cfile);
  if (rc == 0) rename(tmp_exe, exe);  /* atomic: concurrent runs never see half a file */
  free(cfile);
  free(tmp_exe);
  return rc;
}

/* `run`: executables are cached by a hash of their C and of the compiler
 * used, so running an unchanged program again starts at once. */
static int cmd_run(const Options *o, const Paths *paths, const char *c_text, const char *libraries) {
  uint64_t h = fnv1a(14695981039346656037u, c_text);
  h = fnv1a(h, cc_name(o));
  h = fnv1a(h, paths->prefix);
  h = hash_library(h, paths, "libgtorch_core.a");
  int n;
  for (const char *w = libraries; (w = word_at(w, &n)); w += n) {
    char *archive = str_printf("lib%.*s.a", n, w);
    h = hash_library(h, paths, archive);
    free(archive);
  }
  char *dir = cache_dir();
  char *exe = str_printf("%s/%016llx-O%d%s", dir, (unsigned long long)h, o->opt_level, o->debug ? "g" : "");
  int rc = build_cached(o, paths, dir, exe, c_text, libraries);
  free(dir);
  if (rc) {
    free(exe);
    return rc;
  }
  char **args = calloc(o->nrun_args + 2, sizeof *args);
  args[0] = (char *)o->input;
  for (int i = 0; i < o->nrun_args; i++) args[i + 1] = o->run_args[i];
  execv(exe, args);
  fprintf(stderr, "gtorchc: error: cannot run %s: %s\n", exe, strerror(errno));
  free(args);
  free(exe);
  return 1;
}

/* PROG.gtp -> PROG */
static char *default_output(const char *input, const char *ext) {
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".gtp") == 0) n -= 4;
  char *out = malloc(n + strlen(ext) + 1);
  memcpy(out, base, n);
  strcpy(out + n, ext);
  return out;
}

static int cmd_build(const Options *o, const Paths *paths, const char *c_text, const char *libraries) {
  char *exe = o->output ? str_printf("%s", o->output) : default_output(o->input, "");
  char *cfile = o->keep_c ? str_printf("%s.c", exe) : str_printf("%s.%ld.tmp.c", exe, (long)getpid());
  int rc = write_file(cfile, c_text) ? run_cc(o, paths, cfile, exe, libraries) : 1;
  if (!o->keep_c) remove(cfile);
  free(cfile);
  free(exe);
  return rc;
}

/* -g: where the C will be, for the #line directives of lines of no .gtp
 * statement: beside the executable of `build` (kept), the file of `emit-c -o`. */
static char *debug_c_path(const Options *o) {
  if (!o->debug) return NULL;
  if (o->cmd == CMD_EMIT_C) return o->output ? strdup(o->output) : NULL;
  if (o->cmd != CMD_BUILD) return NULL;
  char *exe = o->output ? strdup(o->output) : default_output(o->input, "");
  char *c = malloc(strlen(exe) + 3);
  if (c) sprintf(c, "%s.c", exe);
  free(exe);
  return c;
}

int driver_run(const Options *o, const char *argv0) {
  Paths paths;
  find_paths(&paths, argv0, o->target);
  char *c_path = debug_c_path(o);
  CompileJob job = {.path = o->input,
                    .stdlib_dir = paths.stdlib,
                    .emit = o->cmd != CMD_CHECK,
                    .line_directives = o->debug,
                    .c_path = c_path,
                    .diagnostics = stderr};
  Compiled c = compile_to_c(&job);
  free(c_path);
  if (!c.ok) {
    free_paths(&paths);
    return 1;
  }
  int rc = 0;
  switch (o->cmd) {
  case CMD_CHECK: break;
  case CMD_EMIT_C:
    if (o->output) rc = write_file(o->output, c.c_text) ? 0 : 1;
    else fwrite(c.c_text, 1, c.c_len, stdout);
    break;
  case CMD_BUILD: rc = cmd_build(o, &paths, c.c_text, c.libraries); break;
  case CMD_RUN:
    fflush(stdout);
    rc = cmd_run(o, &paths, c.c_text, c.libraries);
    break;
  }
  free(c.c_text);
  free(c.libraries);
  free_paths(&paths);
  return rc;
}
