/* gt_fail's report and the process side of the runtime: the location of
 * the innermost frame, the traceback from the outermost frame, exit status
 * 1, stdout flushed first; gt_exit's status; sys.argv. */
#include "test_util.h"

typedef struct run_result {
  int status;
  char out[4096], err[8192];
} run_result;

static void read_all(int fd, char *buf, size_t cap) {
  size_t len = 0;
  ssize_t n;
  while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0) len += (size_t)n;
  buf[len] = '\0';
}

/* Runs fn in a child with stdout and stderr captured (stdout is a pipe, so
 * fully buffered as in a real program writing to a file). */
static void run_child(void (*fn)(void), run_result *r) {
  int out[2], err[2];
  assert_int_equal(pipe(out), 0);
  assert_int_equal(pipe(err), 0);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(err[0]);
    fn();
    _exit(99);
  }
  close(out[1]);
  close(err[1]);
  read_all(out[0], r->out, sizeof r->out);
  read_all(err[0], r->err, sizeof r->err);
  close(out[0]);
  close(err[0]);
  int status;
  waitpid(pid, &status, 0);
  r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static gt_str hello = {{GT_IMMORTAL, &gt_str_class}, 5, "hello"};

static void inner(gt_list *l) {
  gt_frame f = {.func = "Point.get", .file = "prog.gtp", .line = 3, .col = 16};
  gt_enter(&f);
  gt_list_get(l, 5);
  gt_leave(&f);
}

static void middle(gt_list *l) {
  gt_frame f = {.func = "fetch", .file = "lib.gtp", .line = 12, .col = 5};
  gt_enter(&f);
  inner(l);
  gt_leave(&f);
}

static void program_with_frames(void) {
  char *argv[] = {"prog", NULL};
  gt_init(1, argv);
  gt_frame f = {.func = "<main>", .file = "prog.gtp", .line = 20, .col = 1};
  gt_enter(&f);
  gt_str *args[] = {&hello};
  gt_print(1, args, NULL, NULL);
  gt_list *l = gt_list_new(&gt_t_list_int, 0);
  middle(l);
}

static void test_traceback(void **state) {
  (void)state;
  run_result r;
  run_child(program_with_frames, &r);
  assert_int_equal(r.status, 1);
  assert_string_equal(r.out, "hello\n");
  assert_string_equal(r.err,
                      "prog.gtp:3:16: runtime error: IndexError: list index out of range\n"
                      "Traceback (most recent call last):\n"
                      "  in <main> (prog.gtp:20)\n"
                      "  in fetch (lib.gtp:12)\n"
                      "  in Point.get (prog.gtp:3)\n");
}

/* An exception leaving functions releases what their holdings list (and
 * clears it), ends a generator whose body it leaves, and leaves the
 * holdings of the handler's function as they are. */
static gt_str *held_by_handler_frame, *held_by_left_frame, *held_by_generator;
static gt_gen *left_generator;
static const gt_class test_generator_class = {.name = "generator"};

static bool never_next(gt_gen *g, gt_val *item) {
  (void)g;
  (void)item;
  return false;
}

static void left_by_exception(void) {
  gt_str *s = gt_retain(held_by_left_frame), *none = NULL;
  gt_frame f = {.func = "f", .file = "p.gtp"};
  gt_enter(&f);
  gt_holdings fk = {.slots = (volatile void *const[]){&s, &none}, .nslots = 2};
  gt_enter_holdings(&fk);
  gt_str *g = gt_retain(held_by_generator);
  gt_holdings body = {.slots = (volatile void *const[]){&g}, .nslots = 1, .gen = left_generator};
  gt_enter_holdings(&body);
  left_generator->state = 2;
  gt_fail("ValueError: bad");
}

static void test_unwinding_releases(void **state) {
  (void)state;
  held_by_handler_frame = gt_str_from_cstr("kept");
  held_by_left_frame = gt_str_from_cstr("left");
  held_by_generator = gt_str_from_cstr("gen");
  left_generator = gt_gen_new(sizeof(gt_gen), &test_generator_class, never_next);
  gt_str *volatile mine = gt_retain(held_by_handler_frame);
  gt_frame top = {.func = "<main>", .file = "p.gtp"};
  gt_enter(&top);
  gt_holdings kept = {.slots = (volatile void *const[]){&mine}, .nslots = 1};
  gt_enter_holdings(&kept);
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    left_by_exception();
    fail();
  }
  assert_true(gt_exc_is(h.exc, &gt_ValueError_class));
  gt_release(h.exc);
  assert_ptr_equal(gt_top_frame, &top);
  assert_ptr_equal(gt_top_holdings, &kept);
  assert_ptr_equal(mine, held_by_handler_frame);
  assert_int_equal(held_by_handler_frame->h.rc, 2);
  assert_int_equal(held_by_left_frame->h.rc, 1);
  assert_int_equal(held_by_generator->h.rc, 1);
  assert_int_equal(left_generator->state, -1);
  gt_leave_holdings(&kept);
  gt_leave(&top);
  gt_release(mine);
  gt_release(held_by_handler_frame);
  gt_release(held_by_left_frame);
  gt_release(held_by_generator);
  gt_release(left_generator);
}

static void program_c_backtrace(void) {
  setenv("GTORCH_BACKTRACE", "c", 1);
  gt_frame f = {.func = "<main>", .file = "p.gtp", .line = 1, .col = 7};
  gt_enter(&f);
  gt_int_floordiv(1, 0);
}

static void test_c_backtrace(void **state) {
  (void)state;
  run_result r;
  run_child(program_c_backtrace, &r);
  assert_int_equal(r.status, 1);
  const char *head = "p.gtp:1:7: runtime error: ZeroDivisionError: integer division or modulo by zero\n"
                     "Traceback (most recent call last):\n"
                     "  in <main> (p.gtp:1)\n";
  assert_memory_equal(r.err, head, strlen(head));
#ifdef __GLIBC__
  assert_non_null(strstr(r.err, "C backtrace"));
#endif
}

static void program_no_frame(void) {
  gt_str *s = gt_str_from_cstr("abc");
  gt_int_of_str(s);
}

static void test_no_frame(void **state) {
  (void)state;
  run_result r;
  run_child(program_no_frame, &r);
  assert_int_equal(r.status, 1);
  assert_string_equal(r.err, "runtime error: ValueError: invalid literal for int() with base 10: 'abc'\n");
}

static void program_exit(void) {
  char *argv[] = {"prog", "a", "b c", NULL};
  gt_init(3, argv);
  gt_str *s = gt_val_repr((gt_val){.p = gt_sys_argv}, &gt_t_list_str);
  gt_str *end = gt_str_from_cstr("|");
  gt_str *args[] = {s, s};
  gt_str *sep = gt_str_from_cstr(" -- ");
  gt_print(2, args, sep, end);
  gt_release(s);
  gt_release(end);
  gt_release(sep);
  gt_sys_exit(3);
}

static void test_exit_and_argv(void **state) {
  (void)state;
  run_result r;
  run_child(program_exit, &r);
  assert_int_equal(r.status, 3);
  assert_string_equal(r.out, "['prog', 'a', 'b c'] -- ['prog', 'a', 'b c']|");
  assert_string_equal(r.err, "");
}

static void program_long_message(void) {
  /* a KeyError whose repr is longer than gt_fail's stack buffer */
  static const gt_type *const args[] = {&gt_t_str, &gt_t_int};
  static const gt_type dict_t = {GT_K_DICT, 2, args, NULL};
  gt_dict *d = gt_dict_new(&dict_t);
  char key[2001];
  memset(key, 'k', 2000);
  key[2000] = '\0';
  gt_str *k = gt_str_from_cstr(key);
  gt_dict_get(d, (gt_val){.p = k});
}

static void test_long_message(void **state) {
  (void)state;
  run_result r;
  run_child(program_long_message, &r);
  assert_int_equal(r.status, 1);
  assert_int_equal(strlen(r.err), strlen("runtime error: KeyError: ''\n") + 2000);
}

/* input(): the prompt is flushed first, lines lose their newline, EOF fails. */
static void program_input(void) {
  int in[2];
  if (pipe(in) != 0) _exit(98);
  const char *text = "first line\nlast";
  if (write(in[1], text, strlen(text)) < 0) _exit(98);
  close(in[1]);
  dup2(in[0], STDIN_FILENO);
  gt_str *prompt = gt_str_from_cstr("? ");
  for (;;) {
    gt_str *line = gt_input(prompt);
    gt_str *r = gt_str_repr(line);
    gt_str *args[] = {r};
    gt_print(1, args, NULL, NULL);
    gt_release(r);
    gt_release(line);
  }
}

static void test_input(void **state) {
  (void)state;
  run_result r;
  run_child(program_input, &r);
  assert_int_equal(r.status, 1);
  assert_string_equal(r.out, "? 'first line'\n? 'last'\n? ");
  assert_string_equal(r.err, "runtime error: EOFError: EOF when reading a line\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_traceback), cmocka_unit_test(test_c_backtrace),
      cmocka_unit_test(test_unwinding_releases),
      cmocka_unit_test(test_no_frame),  cmocka_unit_test(test_exit_and_argv),
      cmocka_unit_test(test_long_message), cmocka_unit_test(test_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
