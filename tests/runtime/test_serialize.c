/* torch.save / torch.load both ways with Python (ref_serialize.py). */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <unistd.h>

#include "ref_serialize.h"

static char gen[4096], tmp[4096];

static const char *in_gen(const char *name) {
  static char buf[4][4352];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/gen/%s", gen, name);
  return buf[k];
}

static const char *in_tmp(const char *name) {
  static char buf[4][4352];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", tmp, name);
  return buf[k];
}

static gt_tensor *get(gt_dict *d, const char *key) {
  gt_str *k = gt_str_from_cstr(key);
  gt_val kv;
  kv.p = k;
  gt_val v = gt_dict_get(d, kv);
  gt_release(k);
  return v.p;  /* a new reference */
}

static void load_python_files(void **state) {
  (void)state;
  CHECK(gt_load(in_gen("py_tensor.pt")), t);
  gt_dict *sd = gt_load_dict(in_gen("py_state.pt"));
  if (!sd) fail_msg("%s", gt_last_error());
  assert_int_equal(gt_dict_len(sd), 4);
  gt_list *keys = gt_dict_keys(sd);
  const char *want[4] = {"0.weight", "0.bias", "2.weight", "2.bias"};
  for (int i = 0; i < 4; i++) assert_string_equal(((gt_str *)keys->items[i].p)->data, want[i]);
  gt_release(keys);
  CHECK(get(sd, "0.weight"), net_0_weight);
  CHECK(get(sd, "0.bias"), net_0_bias);
  CHECK(get(sd, "2.weight"), net_2_weight);
  CHECK(get(sd, "2.bias"), net_2_bias);
  gt_release(sd);
  sd = gt_load_dict(in_gen("py_linear.pt"));
  if (!sd) fail_msg("%s", gt_last_error());
  CHECK(get(sd, "weight"), lin_weight);
  CHECK(get(sd, "bias"), lin_bias);
  gt_release(sd);
  sd = gt_load_dict(in_gen("py_dict.pt"));
  if (!sd) fail_msg("%s", gt_last_error());
  CHECK(get(sd, "a"), t);
  CHECK(get(sd, "b"), ints);
  gt_release(sd);
}

static void roundtrip(void **state) {
  (void)state;
  gt_tensor *t = T(t), *ints = T(ints);
  OK(gt_save(t, in_tmp("c_tensor.pt")));
  CHECK(gt_load(in_tmp("c_tensor.pt")), t);
  /* A state dict written from C: Python's torch.load reads it, in order. */
  const char *names[5] = {"0.weight", "0.bias", "2.weight", "2.bias", "ints"};
  gt_tensor *ts[5] = {T(net_0_weight), T(net_0_bias), T(net_2_weight), T(net_2_bias), ints};
  OK(gt_save_named(in_tmp("c_state.pt"), 5, names, ts));
  gt_dict *sd = gt_load_dict(in_tmp("c_state.pt"));
  if (!sd) fail_msg("%s", gt_last_error());
  CHECK(get(sd, "2.bias"), net_2_bias);
  /* gt_save_dict of the loaded dict writes the same entries. */
  OK(gt_save_dict(sd, in_tmp("c_state2.pt")));
  gt_release(sd);
  char cmd[16384];
  const char *py = getenv("GT_PYTHON") ? getenv("GT_PYTHON") : "/usr/bin/python3";
  snprintf(cmd, sizeof cmd, "cd '%s/..' && '%s' '%s/ref_serialize.py' --check '%s' '%s' && '%s' '%s/ref_serialize.py' --check '%s' '%s'",
           gen, py, GT_TEST_SRC, in_tmp("c_tensor.pt"), in_tmp("c_state.pt"), py, GT_TEST_SRC, in_tmp("c_tensor.pt"),
           in_tmp("c_state2.pt"));
  assert_int_equal(system(cmd), 0);
  /* No temporary file is left beside the checkpoint. */
  char probe[8192];
  snprintf(probe, sizeof probe, "ls '%s' | grep -q 'c_state.pt.tmp'", tmp);
  assert_int_not_equal(system(probe), 0);
}

/* A saved file's mode is what Python's open(path, "wb") gives: 0666 less
 * the umask for a new file (not mkstemp's 0600), its own for an existing one. */
static void file_mode(void **state) {
  (void)state;
  gt_tensor *t = T(t);
  mode_t old = umask(022);
  unlink(in_tmp("mode.pt"));
  OK(gt_save(t, in_tmp("mode.pt")));
  struct stat st;
  assert_int_equal(stat(in_tmp("mode.pt"), &st), 0);
  assert_int_equal(st.st_mode & 0777, 0644);
  assert_int_equal(chmod(in_tmp("mode.pt"), 0640), 0);
  OK(gt_save(t, in_tmp("mode.pt")));
  assert_int_equal(stat(in_tmp("mode.pt"), &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640);
  umask(077);
  unlink(in_tmp("mode.pt"));
  OK(gt_save(t, in_tmp("mode.pt")));
  assert_int_equal(stat(in_tmp("mode.pt"), &st), 0);
  assert_int_equal(st.st_mode & 0777, 0600);
  umask(old);
}

static void errors(void **state) {
  (void)state;
  CHECK_NULL(gt_load(in_tmp("does-not-exist.pt")), "No such file or directory");
  CHECK_ERR_MSG("does-not-exist.pt");
  CHECK_NULL(gt_load_dict(in_tmp("does-not-exist.pt")), "does-not-exist.pt");
  CHECK_NULL(gt_load(in_gen("corrupt.pt")), "cannot load");
  CHECK_ERR_MSG("corrupt.pt");
  CHECK_NULL(gt_load(in_gen("ref_serialize.h")), "ref_serialize.h");
  CHECK_NULL(gt_load(in_gen("py_state.pt")), "not a tensor");
  CHECK_NULL(gt_load_dict(in_gen("py_tensor.pt")), "not a dict");
  CHECK_NULL(gt_load_dict(in_gen("py_list.pt")), "not a dict");
  gt_tensor *t = T(t);
  CHECK_FAILS(gt_save(t, "/nonexistent-dir/x.pt"), "/nonexistent-dir/x.pt");
  CHECK_FAILS(gt_save(NULL, in_tmp("x.pt")), "got None");
}

int main(void) {
  snprintf(gen, sizeof gen, "%s", GT_TEST_BIN);
  const char *t = getenv("GT_TEST_TMP");
  snprintf(tmp, sizeof tmp, "%s/serialize-tmp", t ? t : GT_TEST_BIN);
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", tmp);
  if (system(cmd) != 0) return 1;
  const struct CMUnitTest tests[] = {TEST(load_python_files), TEST(roundtrip), TEST(file_mode), TEST(errors)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
