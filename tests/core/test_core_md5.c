/* md5 (gtorch_md5.h) against CPython's hashlib: byte patterns fed whole
 * and in pieces of several sizes, a file read in 1 MiB pieces, and a
 * missing file's error. */
#include "test_util.h"

#include "gtorch_md5.h"
#include "md5_expected.h"

static unsigned char pattern_byte(long long k) { return (unsigned char)((k * 31 + 7 + (k >> 8)) & 0xFF); }

static unsigned char *pattern(long long n) {
  unsigned char *p = malloc((size_t)n + 1);
  for (long long k = 0; k < n; k++) p[k] = pattern_byte(k);
  return p;
}

/* The digest of p[0..n) fed in pieces of `piece` bytes (0: all at once). */
static void digest(const unsigned char *p, long long n, long long piece, char hex[33]) {
  gt_md5 m;
  gt_md5_init(&m);
  if (!piece) piece = n ? n : 1;
  for (long long at = 0; at < n; at += piece) gt_md5_update(&m, p + at, (size_t)(n - at < piece ? n - at : piece));
  gt_md5_hexdigest(&m, hex);
}

static void test_patterns(void **state) {
  (void)state;
  static const long long pieces[] = {0, 1, 7, 56, 64, 65, 1000};
  int failures = 0;
  for (size_t c = 0; c < sizeof md5_cases / sizeof md5_cases[0]; c++) {
    unsigned char *p = pattern(md5_cases[c].len);
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
      if (pieces[k] == 1 && md5_cases[c].len > 100000) continue;  /* byte by byte: slow, and the small cases cover it */
      char hex[33];
      digest(p, md5_cases[c].len, pieces[k], hex);
      if (strcmp(hex, md5_cases[c].hex)) {
        print_error("md5 of %lld bytes in pieces of %lld: got %s, expected %s\n", md5_cases[c].len, pieces[k], hex,
                    md5_cases[c].hex);
        failures++;
      }
    }
    free(p);
  }
  char hex[33];
  digest((const unsigned char *)"abc", 3, 0, hex);
  if (strcmp(hex, md5_abc)) failures++;
  assert_int_equal(failures, 0);
}

static void test_file(void **state) {
  (void)state;
  const md5_case *big = &md5_cases[sizeof md5_cases / sizeof md5_cases[0] - 1];
  char path[] = "/tmp/gt_md5_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  unsigned char *p = pattern(big->len);
  assert_int_equal(write(fd, p, (size_t)big->len), big->len);
  close(fd);
  free(p);
  gt_str *hex = gt_md5_file(path);
  unlink(path);
  assert_true(check_str(hex, big->hex, "gt_md5_file"));
}

static void md5_missing(const void *arg) { gt_md5_file(arg); }

static void test_missing_file(void **state) {
  (void)state;
  assert_true(expect_failure(md5_missing, "/nonexistent/data_batch_1",
                             "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/data_batch_1'",
                             "gt_md5_file of a missing file"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_patterns),
      cmocka_unit_test(test_file),
      cmocka_unit_test(test_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
