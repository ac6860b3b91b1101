/* The progress bar's line (tqdm.format_meter) and numbers (tqdm.format_num)
 * against tqdm 4.64 itself (tqdm_expected.h), and the bar's behaviour off a
 * terminal: nothing while it runs, one line when it closes. */
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

/* stderr to a file: the bar writes its final line only, with the postfix
 * sorted by name, and the count of items done. */
static void test_plain_line_off_a_terminal(void **state) {
  (void)state;
  char path[] = "/tmp/gt_tqdm_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  int saved = dup(STDERR_FILENO);
  dup2(fd, STDERR_FILENO);
  setenv("LANG", "C.UTF-8", 1);
  unsetenv("COLUMNS");  /* no width known: a bar of 10 */
  gt_tqdm *bar = gt_tqdm_new(NULL, "epoch 1", 5, true, INT64_MIN, 0.0, false, "it");
  for (int i = 0; i < 5; i++) gt_tqdm_update(bar, 1);
  const char *names[] = {"loss", "acc"};
  double values[] = {0.41234, 0.5};
  gt_tqdm_set_postfix(bar, true, names, values, 2);
  gt_tqdm_close(bar);
  gt_tqdm_close(bar);  /* a second close writes nothing */
  gt_release(bar);
  dup2(saved, STDERR_FILENO);
  close(saved);
  char text[512] = {0};
  assert_true(pread(fd, text, sizeof text - 1, 0) > 0);
  close(fd);
  unlink(path);
  const char *want = "epoch 1: 100%|\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588| 5/5 [00:00<00:00, ";
  if (strncmp(text, want, strlen(want)) != 0 ||
      !strstr(text, "it/s, acc=0.5, loss=0.412]\n") || strchr(text, '\r') || strchr(text, '\n')[1] != 0)
    fail_msg("got [%s]", text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_meter),
      cmocka_unit_test(test_format_num),
      cmocka_unit_test(test_plain_line_off_a_terminal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
