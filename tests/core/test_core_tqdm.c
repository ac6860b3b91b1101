/* The progress bar's line (tqdm.format_meter) and numbers (tqdm.format_num)
 * against tqdm 4.64 itself (tqdm_expected.h), and the bar's behaviour off a
 * terminal, as tqdm's: the empty bar when it is made, frames after carriage
 * returns, the final line and a newline when it closes (leave=False: the
 * line blanked). */
#include "test_util.h"

#include "tqdm_expected.h"

static void test_format_meter(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof meter_cases / sizeof *meter_cases; i++) {
    const meter_case *c = &meter_cases[i];
    char line[1024];
    gt_tqdm_format_meter(line, sizeof line, c->n, c->total, from_bits(c->elapsed), c->ncols, c->prefix,
                         c->ascii, "it", c->postfix, from_bits(c->rate));
    if (strcmp(line, c->line) != 0 && bad++ < 10)
      print_error("case %zu (n=%lld total=%lld ncols=%lld): got [%s], expected [%s]\n", i, c->n, c->total,
                  c->ncols, line, c->line);
  }
  assert_int_equal(bad, 0);
}

static void test_format_num(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof num_cases / sizeof *num_cases; i++) {
    char text[64];
    gt_tqdm_format_num(text, sizeof text, from_bits(num_cases[i].x));
    if (strcmp(text, num_cases[i].text) != 0 && ++bad)
      print_error("format_num(%.17g): got [%s], expected [%s]\n", from_bits(num_cases[i].x), text,
                  num_cases[i].text);
  }
  assert_int_equal(bad, 0);
}

/* What a bar writes to stderr, a file here: made, updated five times, a
 * postfix set, closed twice. */
static void bar_output(char *text, size_t cap, int64_t ascii, bool leave) {
  char path[] = "/tmp/gt_tqdm_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  int saved = dup(STDERR_FILENO);
  dup2(fd, STDERR_FILENO);
  setenv("LANG", "C.UTF-8", 1);
  unsetenv("COLUMNS");  /* no width known: a bar of 10 */
  gt_tqdm *bar = gt_tqdm_new(NULL, "epoch 1", 5, leave, INT64_MIN, 0.0, false, "it", ascii);
  for (int i = 0; i < 5; i++) gt_tqdm_update(bar, 1);
  const char *names[] = {"loss", "acc", "phase", "step"};
  gt_str *phase = gt_str_from_cstr("train");
  gt_dyn *values[] = {gt_dyn_new(gt_vf(0.41234), &gt_t_float).p, gt_dyn_new(gt_vf(0.5), &gt_t_float).p,
                      gt_dyn_new(gt_vp(phase), &gt_t_str).p, gt_dyn_new(gt_vi(100000000), &gt_t_int).p};
  gt_tqdm_set_postfix(bar, true, names, values, 4);
  for (int i = 0; i < 4; i++) gt_release(values[i]);
  gt_tqdm_close(bar);
  gt_tqdm_close(bar);  /* a second close writes nothing */
  gt_release(bar);
  dup2(saved, STDERR_FILENO);
  close(saved);
  memset(text, 0, cap);
  assert_true(pread(fd, text, cap - 1, 0) > 0);
  close(fd);
  unlink(path);
}

/* Off a terminal: the empty bar first, then frames, the last the final
 * line with the postfix sorted by name and the count of items done. */
static void test_frames_off_a_terminal(void **state) {
  (void)state;
  char text[4096];
  bar_output(text, sizeof text, INT64_MIN, true);
  const char *first = "\repoch 1:   0%|          | 0/5 [00:00<?, ?it/s]";
  const char *want = "epoch 1: 100%|\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588| 5/5 [00:00<00:00, ";
  const char *last = strrchr(text, '\r');
  if (strncmp(text, first, strlen(first)) != 0 || !last || strncmp(last + 1, want, strlen(want)) != 0 ||
      !strstr(last, "it/s, acc=0.5, loss=0.412, phase=train, step=1e+8]") || !strchr(text, '\n') || strchr(text, '\n')[1] != 0)
    fail_msg("got [%s]", text);
}

/* ascii=True: tqdm's " 123456789#" bar; leave=False: the line blanked. */
static void test_ascii_and_no_leave(void **state) {
  (void)state;
  char text[4096];
  bar_output(text, sizeof text, 1, false);
  if (!strstr(text, "\repoch 1: 100%|##########| 5/5 [") || strchr(text, '\n') || strstr(text, "\u2588"))
    fail_msg("got [%s]", text);
  size_t len = strlen(text);
  assert_true(len > 2 && text[len - 1] == '\r' && text[len - 2] == ' ');
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_meter),
      cmocka_unit_test(test_format_num),
      cmocka_unit_test(test_frames_off_a_terminal),
      cmocka_unit_test(test_ascii_and_no_leave),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
