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

typedef struct Paths {
  char prefix[4096];
  char include[4200];
  char lib[4200];
  char stdlib[4200];
} Paths;

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void find_paths(Paths *p, const char *argv0, const char *target) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    snprintf(exe, sizeof exe, "%s", argv0);
    n = (ssize_t)strlen(exe);
  }
  exe[n] = 0;
  /* PREFIX/bin/gtorchc -> PREFIX */
  char *slash = strrchr(exe, '/');
  if (slash) *slash = 0;
  else snprintf(exe, sizeof exe, ".");
  slash = strrchr(exe, '/');
  if (slash) *slash = 0;
  snprintf(p->prefix, sizeof p->prefix, "%s", exe);
  snprintf(p->include, sizeof p->include, "%s/include", p->prefix);
  if (target) {
    snprintf(p->lib, sizeof p->lib, "%s/lib/%s", p->prefix, target);
  } else {
    snprintf(p->lib, sizeof p->lib, "%s/%s", p->prefix, GT_INSTALL_LIBDIR);
    if (!is_dir(p->lib)) snprintf(p->lib, sizeof p->lib, "%s/lib", p->prefix);
  }
  snprintf(p->stdlib, sizeof p->stdlib, "%s/share/gtorchc/stdlib", p->prefix);
}

/* Does the program use the tensor runtime? */
static bool uses_torch(Program *prog) {
  for (Module *m = prog->modules; m; m = m->next)
    if (m->is_stdlib && (strncmp(m->name, "torch", 5) == 0)) return true;
  return false;
}

/* resolve.c's entry point for a main module already parsed (its prototype
 * belongs with resolve_program's in sema.h). */
Program *resolve_parsed_program(Arena *a, Diag *d, SrcFile *file, Node *ast, const char *stdlib_dir);

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

Compiled compile_to_c(const CompileJob *job) {
  Compiled out = {0};
  Arena arena = {0};
  Diag diag;
  diag_init(&diag, job->diagnostics);
  diag_index_begin();
  SrcFile *file = load_source(&arena, &diag, job);
  Node *ast = file ? parse_module(&arena, &diag, file) : NULL;
  Program *prog = ast ? resolve_parsed_program(&arena, &diag, file, ast, job->stdlib_dir) : NULL;
  out.ok = prog && check_program(prog) && diag.errors == 0;
  if (out.ok && job->emit) {
    reach_program(prog);  /* only what the program uses is emitted */
    out.ok = emit_to_memory(prog, job, &out);
    out.uses_torch = uses_torch(prog);
  }
  diag_finish(&diag);
  diag_index_end();  /* before the files it indexes go */
  arena_free(&arena);
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

/* Splits a flags string ("-la -lb") into argv entries appended to args. */
static int split_flags(char *flags, char **args, int n, int max) {
  for (char *tok = strtok(flags, " "); tok && n < max - 1; tok = strtok(NULL, " ")) args[n++] = tok;
  return n;
}

static const char *cc_name(const Options *o) {
  if (o->cc) return o->cc;
  const char *env = getenv("CC");
  return env && *env ? env : GT_DEFAULT_CC;
}

/* The compiler and what a program links with: the host's, from config.h, or
 * a target's, from its runtime directory. */
typedef struct Toolchain {
  char cc[256];
  char sysroot[4200];     /* --sysroot=DIR, or empty */
  char extra[256];        /* flags the runtime was built with */
  char torch_libs[4096];  /* libtorch's, after -lgtorch -lgtorch_core */
} Toolchain;

static void host_toolchain(const Options *o, Toolchain *tc) {
  snprintf(tc->cc, sizeof tc->cc, "%s", cc_name(o));
  tc->sysroot[0] = 0;
  snprintf(tc->extra, sizeof tc->extra, "%s", GT_EXTRA_FLAGS);
  if (*GT_TORCH_LIBDIR)
    snprintf(tc->torch_libs, sizeof tc->torch_libs, "-Wl,-rpath,%s %s", GT_TORCH_LIBDIR, GT_TORCH_LIBS);
  else
    snprintf(tc->torch_libs, sizeof tc->torch_libs, "%s", GT_TORCH_LIBS);
}

/* libgtorch.link: one line of link flags, written by the runtime's build. */
static bool read_link_flags(const char *path, char *out, size_t size) {
  FILE *f = fopen(path, "r");
  if (!f) return false;
  bool ok = fgets(out, (int)size, f) != NULL;
  fclose(f);
  if (ok) out[strcspn(out, "\r\n")] = 0;
  return ok;
}

/* The first part of a target's runtime that is not there, or NULL; the link
 * flags are read into torch_libs on the way. */
static const char *missing_runtime(const Paths *paths, bool torch, char *torch_libs, size_t size) {
  char path[4400];
  snprintf(path, sizeof path, "%s/libgtorch_core.a", paths->lib);
  if (!is_file(path)) return "libgtorch_core.a";
  torch_libs[0] = 0;
  if (!torch) return NULL;
  snprintf(path, sizeof path, "%s/libgtorch.a", paths->lib);
  if (!is_file(path)) return "libgtorch.a";
  snprintf(path, sizeof path, "%s/libgtorch.link", paths->lib);
  if (!read_link_flags(path, torch_libs, size)) return "libgtorch.link";
  return NULL;
}

/* A target's runtime and sysroot must be there before the C compiler is
 * worth running: say what is missing, and what makes it. */
static bool target_toolchain(const Options *o, const Paths *paths, bool torch, Toolchain *tc) {
  const char *missing = missing_runtime(paths, torch, tc->torch_libs, sizeof tc->torch_libs);
  if (missing) {
    fprintf(stderr, "gtorchc: error: no %s runtime: %s/%s is missing (tools/build-cross builds it)\n", o->target,
            paths->lib, missing);
    return false;
  }
  if (o->sysroot && !is_dir(o->sysroot)) {
    fprintf(stderr, "gtorchc: error: the sysroot %s is not a directory (tools/make-sysroot makes one)\n", o->sysroot);
    return false;
  }
  /* $CC is the host's compiler; a target's is named after its triple. */
  if (o->cc) snprintf(tc->cc, sizeof tc->cc, "%s", o->cc);
  else snprintf(tc->cc, sizeof tc->cc, "%s-gcc", o->target);
  tc->sysroot[0] = 0;
  if (o->sysroot) snprintf(tc->sysroot, sizeof tc->sysroot, "--sysroot=%s", o->sysroot);
  tc->extra[0] = 0;   /* sanitizer flags belong to the host's runtime */
  return true;
}

/* Runs the C compiler; its complaints about generated C are our bugs. */
static int run_cc(const Options *o, const Paths *paths, const char *cfile, const char *exe, bool torch) {
  Toolchain tc;
  if (!o->target) host_toolchain(o, &tc);
  else if (!target_toolchain(o, paths, torch, &tc)) return 1;
  char *args[128];
  int n = 0;
  char opt[8], inc[4300], lib[4300];
  snprintf(opt, sizeof opt, "-O%d", o->opt_level);
  snprintf(inc, sizeof inc, "-I%s", paths->include);
  snprintf(lib, sizeof lib, "-L%s", paths->lib);
  args[n++] = tc.cc;
  if (*tc.sysroot) args[n++] = tc.sysroot;
  args[n++] = "-std=c11";
  args[n++] = opt;
  if (o->debug) args[n++] = "-g";
  n = split_flags(tc.extra, args, n, 100);
  args[n++] = inc;
  args[n++] = (char *)cfile;
  args[n++] = "-o";
  args[n++] = (char *)exe;
  args[n++] = lib;
  if (torch) args[n++] = "-lgtorch";
  args[n++] = "-lgtorch_core";
  if (torch) n = split_flags(tc.torch_libs, args, n, 120);
  args[n++] = "-lm";
  args[n] = NULL;
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "gtorchc: error: cannot start the C compiler: %s\n", strerror(errno));
    return 1;
  }
  if (pid == 0) {
    execvp(args[0], args);
    fprintf(stderr, "gtorchc: error: cannot run the C compiler '%s': %s\n", args[0], strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  if (!(WIFEXITED(status) && WEXITSTATUS(status) == 127))
    fprintf(stderr, "gtorchc: error: the C compiler failed on the generated code; this is a gtorchc bug "
                    "(gtorchc build --keep-c keeps the C for a report)\n");
  return 1;
}

static uint64_t fnv1a(uint64_t h, const char *s) {
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static bool mkdirs(const char *path) {
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *s = buf + 1; *s; s++) {
    if (*s != '/') continue;
    *s = 0;
    mkdir(buf, 0755);
    *s = '/';
  }
  return mkdir(buf, 0755) == 0 || errno == EEXIST;
}

/* "size:mtime" of a runtime library, so a rebuilt runtime is not served
 * from executables linked against the old one. */
static const char *library_stamp(const Paths *paths, const char *name) {
  static char stamp[64];
  char path[4400];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", paths->lib, name);
  if (stat(path, &st) != 0) return "none";
  snprintf(stamp, sizeof stamp, "%lld:%lld", (long long)st.st_size, (long long)st.st_mtime);
  return stamp;
}

/* `run`: executables are cached by a hash of their C and of the compiler
 * used, so running an unchanged program again starts at once. */
static int cmd_run(const Options *o, const Paths *paths, const char *c_text, bool torch) {
  const char *home = getenv("HOME");
  const char *xdg = getenv("XDG_CACHE_HOME");
  char dir[4096];
  if (xdg && *xdg) snprintf(dir, sizeof dir, "%s/gtorchc", xdg);
  else snprintf(dir, sizeof dir, "%s/.cache/gtorchc", home && *home ? home : "/tmp");
  uint64_t h = fnv1a(14695981039346656037u, c_text);
  h = fnv1a(h, cc_name(o));
  h = fnv1a(h, paths->prefix);
  h = fnv1a(h, library_stamp(paths, "libgtorch_core.a"));
  if (torch) h = fnv1a(h, library_stamp(paths, "libgtorch.a"));
  char key[64];
  snprintf(key, sizeof key, "%016llx-O%d%s", (unsigned long long)h, o->opt_level, o->debug ? "g" : "");
  char exe[4300], cfile[4300];
  snprintf(exe, sizeof exe, "%s/%s", dir, key);
  snprintf(cfile, sizeof cfile, "%s/%s.%ld.c", dir, key, (long)getpid());
  if (access(exe, X_OK) != 0) {
    if (!mkdirs(dir)) {
      fprintf(stderr, "gtorchc: error: cannot create the cache %s: %s\n", dir, strerror(errno));
      return 1;
    }
    char tmp_exe[4400];
    snprintf(tmp_exe, sizeof tmp_exe, "%s.%ld.tmp", exe, (long)getpid());
    if (!write_file(cfile, c_text)) return 1;
    int rc = run_cc(o, paths, cfile, tmp_exe, torch);
    remove(cfile);
    if (rc) return rc;
    rename(tmp_exe, exe);   /* atomic: concurrent runs never see half a file */
  }
  char **args = calloc(o->nrun_args + 2, sizeof *args);
  args[0] = (char *)o->input;
  for (int i = 0; i < o->nrun_args; i++) args[i + 1] = o->run_args[i];
  execv(exe, args);
  fprintf(stderr, "gtorchc: error: cannot run %s: %s\n", exe, strerror(errno));
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

static int cmd_build(const Options *o, const Paths *paths, const char *c_text, bool torch) {
  char *exe = o->output ? strdup(o->output) : default_output(o->input, "");
  char cfile[4200];
  if (o->keep_c) snprintf(cfile, sizeof cfile, "%s.c", exe);
  else snprintf(cfile, sizeof cfile, "%s.%ld.tmp.c", exe, (long)getpid());
  int rc = write_file(cfile, c_text) ? run_cc(o, paths, cfile, exe, torch) : 1;
  if (!o->keep_c) remove(cfile);
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
  if (!c.ok) return 1;
  int rc = 0;
  switch (o->cmd) {
  case CMD_CHECK: break;
  case CMD_EMIT_C:
    if (o->output) rc = write_file(o->output, c.c_text) ? 0 : 1;
    else fwrite(c.c_text, 1, c.c_len, stdout);
    break;
  case CMD_BUILD: rc = cmd_build(o, &paths, c.c_text, c.uses_torch); break;
  case CMD_RUN:
    fflush(stdout);
    rc = cmd_run(o, &paths, c.c_text, c.uses_torch);
    break;
  }
  free(c.c_text);
  return rc;
}
