/* Smoke test: handles, errors, reference counting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gtorch.h"

static void from_data(void **state) {
  (void)state;
  float v[6] = {1, 2, 3, 4, 5, 6};
  int64_t shape[2] = {2, 3};
  gt_tensor *t = gt_tensor_from_data(v, GT_FLOAT32, shape, 2);
  assert_non_null(t);
  gt_release(t);
  assert_null(gt_tensor_from_data(v, (gt_dtype)42, shape, 2));
  assert_string_equal(gt_last_error(), "invalid dtype 42");
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(from_data)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
