/* Data sets and loaders (gtorch_data.h) against PyTorch and the files
 * themselves (ref_data.py, run at build time). */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "gtorch.h"
#include "ref_data.h"

#define N_OF(a) ((int64_t)(sizeof(a) / sizeof((a)[0])))

static char tmp_root[1024];

/* ---- helpers -------------------------------------------------------------- */

static void *ok(void *p) {
  if (!p) fail_msg("unexpected error: %s", gt_last_error());
  return p;
}

static double sum_of(gt_tensor *t) {
  gt_tensor *s = ok(gt_sum(t, GT_FLOAT64));
  double v = 0;
  assert_int_equal(gt_item_f(s, &v), 0);
  gt_release(s);
  return v;
}

static void assert_shape(gt_tensor *t, int64_t ndim, const int64_t *want) {
  int64_t got[8];
  assert_int_equal(gt_tensor_shape(t, got, 8), ndim);
  for (int64_t i = 0; i < ndim; i++) assert_int_equal(got[i], want[i]);
}

static void assert_close(double got, double want, double rel) {
  if (fabs(got - want) > rel * fmax(1.0, fabs(want))) fail_msg("got %.9g, want %.9g", got, want);
}

/* Fails unless the last error contains every one of the NULL-terminated texts. */
static void assert_error_has(const char *first, ...) {
  const char *msg = gt_last_error();
  va_list ap;
  va_start(ap, first);
  for (const char *s = first; s; s = va_arg(ap, const char *))
    if (!strstr(msg, s)) {
      va_end(ap);
      fail_msg("error message lacks \"%s\": %s", s, msg);
    }
  va_end(ap);
}

/* The int64 values of a tensor (at most cap). */
static int64_t to_ints(gt_tensor *t, int64_t *out, int64_t cap) {
  int64_t n = gt_tensor_numel(t);
  assert_true(n <= cap);
  assert_int_equal(gt_tensor_copy_to(t, out, GT_INT64, cap), 0);
  return n;
}

static gt_dataset *arange_dataset(int64_t n) {
  gt_tensor *x = ok(gt_arange_i(0, n, 1, GT_DTYPE_DEFAULT, NULL, false));
  gt_tensor *y = ok(gt_mul_i(x, 10));
  gt_dataset *d = ok(gt_data_TensorDataset(x, y));
  gt_release(x);
  gt_release(y);
  return d;
}

/* One epoch over a loader of arange_dataset: appends the x values to
 * order (checking y == 10 x) and the batch sizes to sizes; stops after
 * max_batches batches (-1: all). Returns the number of items seen. */
static int64_t run_epoch(gt_loader *l, int64_t *order, int64_t *sizes, int64_t *nbatches, int64_t max_batches) {
  gt_loader_iter *it = ok(gt_loader_iter_new(l));
  gt_tensor *x, *y;
  int64_t n = 0, b = 0;
  int r = 0;
  while ((b < max_batches || max_batches < 0) && (r = gt_loader_next(it, &x, &y)) == 1) {
    int64_t xs[1024], ys[1024];
    int64_t k = to_ints(x, xs, 1024);
    assert_int_equal(to_ints(y, ys, 1024), k);
    for (int64_t i = 0; i < k; i++) {
      assert_int_equal(ys[i], xs[i] * 10);
      if (order) order[n + i] = xs[i];
    }
    if (sizes) sizes[b] = k;
    n += k;
    b++;
    gt_release(x);
    gt_release(y);
  }
  if (max_batches < 0 && r != 0) fail_msg("gt_loader_next: %s", gt_last_error());
  gt_release(it);
  if (nbatches) *nbatches = b;
  return n;
}

static double rand1(void) {
  int64_t one = 1;
  gt_tensor *t = ok(gt_rand(&one, 1, GT_DTYPE_DEFAULT, NULL, false));
  double v;
  assert_int_equal(gt_item_f(t, &v), 0);
  gt_release(t);
  return v;
}

/* ---- IDX files written here --------------------------------------------- */

static void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* Image i's pixel j of the small test files. */
static unsigned char pixel(int64_t i, int64_t j) { return (unsigned char)((i * 31 + j * 7) % 256); }
static unsigned char label(int64_t i) { return (unsigned char)((i * 3) % 10); }

/* The bytes of an images file of n 28x28 images, or of a labels file. */
static unsigned char *idx_images(int64_t n, size_t *len) {
  *len = 16 + (size_t)n * 784;
  unsigned char *b = malloc(*len);
  put32(b, 0x803);
  put32(b + 4, (uint32_t)n);
  put32(b + 8, 28);
  put32(b + 12, 28);
  for (int64_t i = 0; i < n; i++)
    for (int64_t j = 0; j < 784; j++) b[16 + i * 784 + j] = pixel(i, j);
  return b;
}

static unsigned char *idx_labels(int64_t n, size_t *len) {
  *len = 8 + (size_t)n;
  unsigned char *b = malloc(*len);
  put32(b, 0x801);
  put32(b + 4, (uint32_t)n);
  for (int64_t i = 0; i < n; i++) b[8 + i] = label(i);
  return b;
}

static const char *path_in(const char *dir, const char *name) {
  static char buf[4][8192];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static void write_plain(const char *path, const unsigned char *b, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) fail_msg("cannot write %s: %s", path, strerror(errno));
  assert_int_equal(fwrite(b, 1, len, f), len);
  fclose(f);
}

static void write_gz(const char *path, const unsigned char *b, size_t len) {
  gzFile f = gzopen(path, "wb");
  if (!f) fail_msg("cannot write %s", path);
  assert_int_equal(gzwrite(f, b, (unsigned)len), (int)len);
  assert_int_equal(gzclose(f), Z_OK);
}

/* A fresh empty directory under the test's temporary root. */
static const char *fresh_dir(const char *name) {
  static char buf[4][4096];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", tmp_root, name);
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", buf[k], buf[k]);
  assert_int_equal(system(cmd), 0);
  return buf[k];
}

/* A directory holding the four files (n train, m test items), gzipped or not. */
static void write_set(const char *dir, int64_t n, int64_t m, bool gz) {
  size_t len;
  unsigned char *b;
  void (*w)(const char *, const unsigned char *, size_t) = gz ? write_gz : write_plain;
  const char *sfx = gz ? ".gz" : "";
  char name[256];
  b = idx_images(n, &len);
  snprintf(name, sizeof name, "train-images-idx3-ubyte%s", sfx);
  w(path_in(dir, name), b, len);
  free(b);
  b = idx_labels(n, &len);
  snprintf(name, sizeof name, "train-labels-idx1-ubyte%s", sfx);
  w(path_in(dir, name), b, len);
  free(b);
  b = idx_images(m, &len);
  snprintf(name, sizeof name, "t10k-images-idx3-ubyte%s", sfx);
  w(path_in(dir, name), b, len);
  free(b);
  b = idx_labels(m, &len);
  snprintf(name, sizeof name, "t10k-labels-idx1-ubyte%s", sfx);
  w(path_in(dir, name), b, len);
  free(b);
}

/* Checks a data set of the small files: n items, exact pixels and labels. */
static void check_small(gt_dataset *d, int64_t n) {
  assert_int_equal(gt_dataset_len(d), n);
  for (int64_t i = 0; i < n; i++) {
    gt_tensor *x, *y;
    assert_int_equal(gt_dataset_item(d, i, &x, &y), 0);
    int64_t shape[3] = {1, 28, 28};
    assert_shape(x, 3, shape);
    assert_int_equal(gt_tensor_dtype(x), GT_FLOAT32);
    assert_int_equal(gt_tensor_dtype(y), GT_INT64);
    assert_int_equal(gt_tensor_dim(y), 0);
    float px[784];
    assert_int_equal(gt_tensor_copy_to(x, px, GT_FLOAT32, 784), 0);
    for (int64_t j = 0; j < 784; j++)
      if (px[j] != (float)pixel(i, j) / 255.0f) fail_msg("image %lld pixel %lld: %g", (long long)i, (long long)j, px[j]);
    int64_t lab;
    assert_int_equal(gt_item_i(y, &lab), 0);
    assert_int_equal(lab, label(i));
    gt_release(x);
    gt_release(y);
  }
}

/* ---- Fashion-MNIST itself ------------------------------------------------- */

static void fmnist_real(void **state) {
  (void)state;
#if !REF_FMNIST
  print_message("[  SKIP    ] Fashion-MNIST absent: %s\n", REF_FMNIST_WHY);
  skip();
#else
  struct {
    bool train;
    int64_t n;
    const int64_t *labels;
    const double *sums, *norm_sums, *last_sum;
    const int64_t *raw0;
  } splits[2] = {{true, REF_TRAIN_N, REF_TRAIN_LABELS, REF_TRAIN_SUMS, REF_TRAIN_NORM_SUMS, REF_TRAIN_LAST_SUM, REF_TRAIN_RAW0},
                 {false, REF_TEST_N, REF_TEST_LABELS, REF_TEST_SUMS, REF_TEST_NORM_SUMS, REF_TEST_LAST_SUM, REF_TEST_RAW0}};
  for (int s = 0; s < 2; s++) {
    gt_dataset *d = ok(gt_data_FashionMNIST(REF_FMNIST_ROOT, splits[s].train, GT_NONE_FLOAT, GT_NONE_FLOAT));
    gt_dataset *dn = ok(gt_data_FashionMNIST(REF_FMNIST_ROOT, splits[s].train, REF_FMNIST_MEAN, REF_FMNIST_STD));
    assert_string_equal(gt_dataset_name(d), "FashionMNIST");
    assert_int_equal(gt_dataset_len(d), splits[s].n);
    gt_tensor *data = ok(gt_dataset_data(d)), *targets = ok(gt_dataset_targets(d));
    int64_t dshape[3] = {splits[s].n, REF_TRAIN_H, REF_TRAIN_W};
    assert_shape(data, 3, dshape);
    assert_int_equal(gt_tensor_dtype(data), GT_UINT8);
    assert_shape(targets, 1, &splits[s].n);
    assert_int_equal(gt_tensor_dtype(targets), GT_INT64);
    unsigned char raw[784];
    gt_index i0 = gt_idx_int(0);
    gt_tensor *img0 = ok(gt_getitem(data, &i0, 1));
    assert_int_equal(gt_tensor_copy_to(img0, raw, GT_UINT8, 784), 0);
    for (int j = 0; j < 20; j++) assert_int_equal(raw[300 + j], splits[s].raw0[j]);
    gt_release(img0);
    int64_t labels[20];
    gt_index first20 = gt_idx_slice(0, 20, 1);
    gt_tensor *t20 = ok(gt_getitem(targets, &first20, 1));
    to_ints(t20, labels, 20);
    for (int j = 0; j < 20; j++) assert_int_equal(labels[j], splits[s].labels[j]);
    gt_release(t20);
    for (int64_t i = 0; i < 5; i++) {
      gt_tuple *item = ok(gt_dataset_getitem(d, i));
      gt_tensor *x = gt_tuple_get(item, 0).p, *y = gt_tuple_get(item, 1).p;
      int64_t shape[3] = {1, 28, 28};
      assert_shape(x, 3, shape);
      assert_int_equal(gt_tensor_dtype(x), GT_FLOAT32);
      assert_close(sum_of(x), splits[s].sums[i], 1e-6);
      int64_t lab;
      assert_int_equal(gt_item_i(y, &lab), 0);
      assert_int_equal(lab, splits[s].labels[i]);
      gt_release(x);
      gt_release(y);
      gt_release(item);
      gt_tensor *xn, *yn;
      assert_int_equal(gt_dataset_item(dn, i, &xn, &yn), 0);
      assert_close(sum_of(xn), splits[s].norm_sums[i], 1e-6);
      gt_release(xn);
      gt_release(yn);
    }
    gt_tensor *xl, *yl;
    assert_int_equal(gt_dataset_item(d, -1, &xl, &yl), 0);
    assert_close(sum_of(xl), splits[s].last_sum[0], 1e-6);
    gt_release(xl);
    gt_release(yl);
    assert_int_equal(gt_dataset_item(d, splits[s].n, &xl, &yl), -1);
    assert_error_has("out of bounds", NULL);
    gt_list *classes = ok(gt_dataset_classes(d));
    assert_int_equal(gt_list_len(classes), 10);
    gt_str *c0 = gt_list_get(classes, 0).p, *c9 = gt_list_get(classes, 9).p;
    assert_string_equal(c0->data, "T-shirt/top");
    assert_string_equal(c9->data, "Ankle boot");
    gt_release(c0);
    gt_release(c9);
    gt_release(classes);
    gt_release(data);
    gt_release(targets);

    /* The loader of mnist.gtp: batch 64, shuffled, seed 1; the first three
     * batches as PyTorch yields them. Then batch 1000, unshuffled. */
    if (splits[s].train) {
      for (int workers = 0; workers <= 2; workers += 2) {
        gt_loader *l = ok(gt_DataLoader(d, 64, true, false, workers));
        assert_int_equal(gt_loader_len(l), (splits[s].n + 63) / 64);
        assert_int_equal(gt_manual_seed(1), 0);
        gt_loader_iter *it = ok(gt_loader_iter_new(l));
        for (int b = 0; b < 3; b++) {
          gt_tensor *x, *y;
          assert_int_equal(gt_loader_next(it, &x, &y), 1);
          int64_t xshape[4] = {64, 1, 28, 28};
          assert_shape(x, 4, xshape);
          int64_t labs[64];
          assert_int_equal(to_ints(y, labs, 64), 64);
          for (int j = 0; j < 64; j++) assert_int_equal(labs[j], REF_FMNIST_LOADER_LABELS[b * 64 + j]);
          assert_close(sum_of(x), REF_FMNIST_LOADER_SUMS[b], 1e-6);
          gt_release(x);
          gt_release(y);
        }
        gt_release(it); /* a break */
        assert_close(rand1(), REF_FMNIST_LOADER_RAND, 0);
        gt_release(l);
      }
    } else {
      gt_loader *l = ok(gt_DataLoader(d, 1000, false, false, 0));
      assert_int_equal(gt_loader_len(l), 10);
      gt_dataset *back = ok(gt_loader_dataset(l));
      assert_ptr_equal(back, d);
      assert_int_equal(gt_dataset_len(back), splits[s].n);
      gt_release(back);
      gt_loader_iter *it = ok(gt_loader_iter_new(l));
      gt_tensor *x, *y;
      int64_t seen = 0;
      while (gt_loader_next(it, &x, &y) == 1) {
        if (seen == 0) {
          int64_t labs[1000];
          to_ints(y, labs, 1000);
          for (int j = 0; j < 20; j++) assert_int_equal(labs[j], splits[s].labels[j]);
        }
        seen += gt_tensor_size(x, 0);
        gt_release(x);
        gt_release(y);
      }
      assert_int_equal(seen, splits[s].n);
      gt_release(it);
      gt_release(l);
    }
    gt_release(d);
    gt_release(dn);
  }
#endif
}

/* ---- small IDX files ---------------------------------------------------- */

static void idx_plain_and_gz(void **state) {
  (void)state;
  const char *plain = fresh_dir("plain"), *gz = fresh_dir("gz");
  write_set(plain, 10, 3, false);
  write_set(gz, 10, 3, true);
  for (int k = 0; k < 2; k++) {
    const char *dir = k ? gz : plain;
    gt_dataset *tr = ok(gt_data_MNIST(dir, true, GT_NONE_FLOAT, GT_NONE_FLOAT));
    gt_dataset *te = ok(gt_data_FashionMNIST(dir, false, GT_NONE_FLOAT, GT_NONE_FLOAT));
    assert_string_equal(gt_dataset_name(tr), "MNIST");
    check_small(tr, 10);
    check_small(te, 3);
    gt_list *classes = ok(gt_dataset_classes(tr));
    gt_str *c3 = gt_list_get(classes, 3).p;
    assert_string_equal(c3->data, "3 - three");
    gt_release(c3);
    gt_release(classes);
    /* Normalised: (x/255 - mean) / std in float32. */
    gt_dataset *nz = ok(gt_data_MNIST(dir, true, 0.5, 0.25));
    gt_tensor *x, *y;
    assert_int_equal(gt_dataset_item(nz, 2, &x, &y), 0);
    float px[784];
    assert_int_equal(gt_tensor_copy_to(x, px, GT_FLOAT32, 784), 0);
    for (int j = 0; j < 784; j++) {
      float want = ((float)pixel(2, j) / 255.0f - 0.5f) / 0.25f;
      if (fabsf(px[j] - want) > 1e-6f) fail_msg("normalised pixel %d: %g, want %g", j, px[j], want);
    }
    gt_release(x);
    gt_release(y);
    gt_release(nz);
    gt_release(tr);
    gt_release(te);
  }
  /* torchvision's layout: ROOT/MNIST/raw/... */
  const char *tv = fresh_dir("tv");
  char raw[4096];
  snprintf(raw, sizeof raw, "%s/MNIST/raw", tv);
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", raw);
  assert_int_equal(system(cmd), 0);
  write_set(raw, 4, 2, true);
  gt_dataset *d = ok(gt_data_MNIST(tv, true, GT_NONE_FLOAT, GT_NONE_FLOAT));
  check_small(d, 4);
  gt_release(d);
  /* std 0 is refused as torchvision refuses it. */
  assert_null(gt_data_MNIST(plain, true, 0.5, 0.0));
  assert_error_has("std evaluated to zero", NULL);
}

static void missing_files(void **state) {
  (void)state;
  char nowhere[2048];
  snprintf(nowhere, sizeof nowhere, "%s/no/such/dir", tmp_root);
  assert_null(gt_data_FashionMNIST(nowhere, true, GT_NONE_FLOAT, GT_NONE_FLOAT));
  char want[3][4352];
  snprintf(want[0], sizeof want[0], "%s/train-images-idx3-ubyte.gz", nowhere);
  snprintf(want[1], sizeof want[1], "%s/train-labels-idx1-ubyte", nowhere);
  snprintf(want[2], sizeof want[2], "%s/FashionMNIST/raw", nowhere);
  assert_error_has("FashionMNIST", "no such directory", want[0], want[1], want[2], "dataset-fashion-mnist",
                   "/usr/share/datasets/fashion-mnist", NULL);
  /* The directory exists, the labels do not. */
  const char *dir = fresh_dir("nolabels");
  size_t len;
  unsigned char *b = idx_images(2, &len);
  write_gz(path_in(dir, "t10k-images-idx3-ubyte.gz"), b, len);
  free(b);
  assert_null(gt_data_MNIST(dir, false, GT_NONE_FLOAT, GT_NONE_FLOAT));
  assert_error_has("MNIST: test set not found", path_in(dir, "t10k-labels-idx1-ubyte.gz"), "dataset-fashion-mnist",
                   "but no labels", NULL);
  assert_null(strstr(gt_last_error(), "no such directory"));
  assert_null(gt_data_MNIST("", true, GT_NONE_FLOAT, GT_NONE_FLOAT));
  assert_null(gt_data_MNIST(NULL, true, GT_NONE_FLOAT, GT_NONE_FLOAT));
}

/* One corrupt case: the images file (plain or .gz) gets `img` bytes; the
 * labels are sound (n labels). The error names the file and says `what`. */
static void expect_corrupt(const char *name, const unsigned char *img, size_t len, bool gz, int64_t nlabels,
                           const char *what) {
  const char *dir = fresh_dir(name);
  const char *ipath = path_in(dir, gz ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte");
  write_plain(ipath, img, len);
  size_t llen;
  unsigned char *l = idx_labels(nlabels, &llen);
  write_gz(path_in(dir, "train-labels-idx1-ubyte.gz"), l, llen);
  free(l);
  gt_dataset *d = gt_data_FashionMNIST(dir, true, GT_NONE_FLOAT, GT_NONE_FLOAT);
  if (d) fail_msg("%s: loaded a corrupt file", name);
  assert_error_has(ipath, what, NULL);
}

/* The gzip-compressed bytes of b. */
static unsigned char *gzip_bytes(const unsigned char *b, size_t len, size_t *out_len) {
  const char *tmp = path_in(tmp_root, "gzip-bytes.gz");
  write_gz(tmp, b, len);
  FILE *f = fopen(tmp, "rb");
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *g = malloc((size_t)n);
  assert_int_equal(fread(g, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *out_len = (size_t)n;
  return g;
}

static void corrupt_files(void **state) {
  (void)state;
  size_t len, glen;
  unsigned char *img = idx_images(10, &len);
  unsigned char *gz = gzip_bytes(img, len, &glen);

  expect_corrupt("truncated-plain", img, len - 100, false, 10, "truncated");
  expect_corrupt("truncated-header", img, 6, false, 10, "truncated");
  expect_corrupt("truncated-gz", gz, glen / 2, true, 10, "truncated");
  expect_corrupt("count-mismatch", img, len, false, 9, "has 10 images but");
  expect_corrupt("not-gzip", img, len, true, 10, "not gzip-compressed");

  unsigned char *bad = malloc(len + 5);
  memcpy(bad, img, len);
  bad[3] = 0x01; /* a labels file's magic where images belong */
  expect_corrupt("bad-magic", bad, len, false, 10, "bad magic number 0x00000801");
  memcpy(bad, img, len);
  memset(bad + len, 7, 5);
  expect_corrupt("trailing", bad, len + 5, false, 10, "data after the 10 images");
  memcpy(bad, img, len);
  put32(bad + 4, 1000000000u);
  expect_corrupt("huge-count", bad, len, false, 10, "truncated");
  size_t hlen;
  unsigned char *huge = gzip_bytes(bad, len, &hlen);
  expect_corrupt("huge-count-gz", huge, hlen, true, 10, "more than a file of");
  free(huge);
  free(bad);

  /* A gzip stream whose deflate data is garbage, and one whose CRC is wrong. */
  unsigned char *g2 = malloc(glen);
  memcpy(g2, gz, glen);
  for (size_t i = 12; i < glen - 8 && i < 40; i++) g2[i] ^= 0x5a;
  expect_corrupt("bad-deflate", g2, glen, true, 10, "corrupt");
  memcpy(g2, gz, glen);
  g2[glen - 6] ^= 0xff; /* inside the CRC-32 of the trailer */
  expect_corrupt("bad-crc", g2, glen, true, 10, "corrupt");
  free(g2);
  free(gz);
  free(img);
}

/* ---- TensorDataset --------------------------------------------------------- */

static void tensor_dataset(void **state) {
  (void)state;
  int64_t shape[2] = {5, 3};
  gt_tensor *x = ok(gt_randn(shape, 2, GT_DTYPE_DEFAULT, NULL, false));
  gt_tensor *y = ok(gt_arange_i(0, 5, 1, GT_DTYPE_DEFAULT, NULL, false));
  gt_tensor *y4 = ok(gt_arange_i(0, 4, 1, GT_DTYPE_DEFAULT, NULL, false));
  gt_tensor *s0 = ok(gt_scalar_tensor_f(1.0, GT_DTYPE_DEFAULT, NULL, false));

  assert_null(gt_data_TensorDataset(x, y4));
  assert_error_has("size mismatch between tensors", "5", "4", NULL);
  assert_null(gt_data_TensorDataset(s0, y));
  assert_error_has("0-dim", NULL);
  assert_null(gt_data_TensorDataset(x, NULL));

  gt_dataset *d = ok(gt_data_TensorDataset(x, y));
  assert_string_equal(gt_dataset_name(d), "TensorDataset");
  assert_int_equal(gt_dataset_len(d), 5);
  for (int64_t i = -5; i < 5; i++) {
    gt_tuple *item = ok(gt_dataset_getitem(d, i));
    gt_tensor *xi = gt_tuple_get(item, 0).p, *yi = gt_tuple_get(item, 1).p;
    gt_index ix = gt_idx_int(i);
    gt_tensor *want = ok(gt_getitem(x, &ix, 1));
    assert_int_equal(gt_equal(xi, want), 1);
    int64_t v;
    assert_int_equal(gt_item_i(yi, &v), 0);
    assert_int_equal(v, (i + 5) % 5);
    gt_release(want);
    gt_release(xi);
    gt_release(yi);
    gt_release(item);
  }
  assert_null(gt_dataset_getitem(d, 5));
  assert_error_has("index 5 is out of bounds for dimension 0 with size 5", NULL);
  assert_null(gt_dataset_getitem(d, -6));
  assert_null(gt_dataset_classes(d));
  assert_error_has("'TensorDataset' object has no attribute 'classes'", NULL);
  gt_tensor *dx = ok(gt_dataset_data(d));
  assert_int_equal(gt_equal(dx, x), 1);
  gt_release(dx);
  assert_int_equal(gt_dataset_len(NULL), -1);

  /* Batches are copies of the rows, not views of the data set. */
  gt_loader *l = ok(gt_DataLoader(d, 2, false, false, 0));
  gt_loader_iter *it = ok(gt_loader_iter_new(l));
  gt_tensor *bx, *by;
  assert_int_equal(gt_loader_next(it, &bx, &by), 1);
  assert_int_equal(gt_fill_f_(bx, 42.0), 0);
  gt_index i0 = gt_idx_int(0);
  gt_tensor *row0 = ok(gt_getitem(x, &i0, 1));
  gt_tensor *big = ok(gt_eq_f(row0, 42.0));
  gt_tensor *any = ok(gt_any(big));
  bool b;
  assert_int_equal(gt_item_b(any, &b), 0);
  assert_false(b);
  gt_release(any);
  gt_release(big);
  gt_release(row0);
  gt_release(bx);
  gt_release(by);
  gt_release(it);
  gt_release(l);

  gt_release(d);
  gt_release(x);
  gt_release(y);
  gt_release(y4);
  gt_release(s0);
}

/* ---- DataLoader ------------------------------------------------------------- */

static void loader_len_and_drop_last(void **state) {
  (void)state;
  gt_dataset *d = arange_dataset(10);
  struct {
    int64_t bs;
    bool drop;
    int64_t len;
    int64_t sizes[10];
  } cases[] = {{4, false, 3, {4, 4, 2}}, {4, true, 2, {4, 4}}, {5, true, 2, {5, 5}}, {5, false, 2, {5, 5}},
               {1, false, 10, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}, {11, false, 1, {10}}, {11, true, 0, {0}}};
  for (int c = 0; c < N_OF(cases); c++)
    for (int workers = 0; workers <= 3; workers += 3) {
      gt_loader *l = ok(gt_DataLoader(d, cases[c].bs, false, cases[c].drop, workers));
      assert_int_equal(gt_loader_len(l), cases[c].len);
      assert_int_equal(gt_loader_batch_size(l), cases[c].bs);
      int64_t order[10], sizes[10], nb;
      int64_t n = run_epoch(l, order, sizes, &nb, -1);
      assert_int_equal(nb, cases[c].len);
      for (int64_t b = 0; b < nb; b++) assert_int_equal(sizes[b], cases[c].sizes[b]);
      for (int64_t i = 0; i < n; i++) assert_int_equal(order[i], i);
      gt_release(l);
    }
  /* An iterator at its end keeps answering 0. */
  gt_loader *l = ok(gt_DataLoader(d, 4, false, false, 0));
  gt_loader_iter *it = ok(gt_loader_iter_new(l));
  gt_tensor *x, *y;
  for (int i = 0; i < 3; i++) {
    assert_int_equal(gt_loader_next(it, &x, &y), 1);
    gt_release(x);
    gt_release(y);
  }
  assert_int_equal(gt_loader_next(it, &x, &y), 0);
  assert_int_equal(gt_loader_next(it, &x, &y), 0);
  gt_release(it);
  gt_release(l);

  assert_null(gt_DataLoader(d, 0, false, false, 0));
  assert_error_has("batch_size should be a positive integer value, but got batch_size=0", NULL);
  assert_null(gt_DataLoader(d, GT_NONE_INT, false, false, 0));
  assert_null(gt_DataLoader(d, 4, false, false, -1));
  assert_error_has("num_workers option should be non-negative", NULL);
  assert_null(gt_DataLoader(NULL, 4, false, false, 0));
  assert_int_equal(gt_loader_next(NULL, &x, &y), -1);
  assert_null(gt_loader_iter_new(NULL));
  gt_release(d);

  /* An empty data set: no batches unshuffled; shuffled is PyTorch's error. */
  gt_tensor *e = ok(gt_arange_i(0, 0, 1, GT_DTYPE_DEFAULT, NULL, false));
  gt_dataset *de = ok(gt_data_TensorDataset(e, e));
  gt_loader *le = ok(gt_DataLoader(de, 4, false, false, 2));
  assert_int_equal(gt_loader_len(le), 0);
  assert_int_equal(run_epoch(le, NULL, NULL, NULL, -1), 0);
  gt_release(le);
  assert_null(gt_DataLoader(de, 4, true, false, 0));
  assert_error_has("num_samples should be a positive integer value, but got num_samples=0", NULL);
  gt_release(de);
  gt_release(e);
}

/* A: three epochs of batch 4 over 50 items, a random number after each. */
static void shuffle_matches_pytorch(void **state) {
  (void)state;
  for (int workers = 0; workers <= 2; workers += 2) {
    gt_dataset *d = arange_dataset(50);
    gt_loader *l = ok(gt_DataLoader(d, 4, true, false, workers));
    assert_int_equal(gt_manual_seed(1234), 0);
    for (int e = 0; e < 3; e++) {
      int64_t order[50];
      assert_int_equal(run_epoch(l, order, NULL, NULL, -1), 50);
      for (int i = 0; i < 50; i++)
        if (order[i] != REF_A_ORDER[e * 50 + i])
          fail_msg("workers %d, epoch %d, item %d: %lld, PyTorch %lld", workers, e, i, (long long)order[i],
                   (long long)REF_A_ORDER[e * 50 + i]);
      assert_close(rand1(), REF_A_RAND[e], 0);
    }
    gt_release(l);
    gt_release(d);
  }
}

/* B: drop_last, random numbers drawn in the loop, an unshuffled loader. */
static void shuffle_with_other_draws(void **state) {
  (void)state;
  gt_dataset *d = arange_dataset(30), *dt = arange_dataset(10);
  gt_loader *train = ok(gt_DataLoader(d, 8, true, true, 0));
  gt_loader *test = ok(gt_DataLoader(dt, 3, false, false, 0));
  assert_int_equal(gt_manual_seed(7), 0);
  int64_t order[72], sizes[12];
  int64_t at = 0, ns = 0;
  for (int e = 0; e < 3; e++) {
    gt_loader_iter *it = ok(gt_loader_iter_new(train));
    gt_tensor *x, *y;
    while (gt_loader_next(it, &x, &y) == 1) {
      at += to_ints(x, order + at, 72 - at);
      int64_t two = 2;
      gt_release(ok(gt_randn(&two, 1, GT_DTYPE_DEFAULT, NULL, false)));
      gt_release(x);
      gt_release(y);
    }
    gt_release(it);
    int64_t nb;
    run_epoch(test, NULL, sizes + ns, &nb, -1);
    ns += nb;
  }
  assert_int_equal(at, N_OF(REF_B_ORDER));
  for (int i = 0; i < at; i++) assert_int_equal(order[i], REF_B_ORDER[i]);
  assert_int_equal(ns, N_OF(REF_B_TEST_SIZES));
  for (int i = 0; i < ns; i++) assert_int_equal(sizes[i], REF_B_TEST_SIZES[i]);
  int64_t three = 3;
  gt_tensor *r = ok(gt_rand(&three, 1, GT_DTYPE_DEFAULT, NULL, false));
  double rv[3];
  assert_int_equal(gt_tensor_copy_to(r, rv, GT_FLOAT64, 3), 0);
  for (int i = 0; i < 3; i++) assert_close(rv[i], REF_B_RAND[i], 0);
  gt_release(r);
  gt_release(train);
  gt_release(test);
  gt_release(d);
  gt_release(dt);
}

/* C: a break after one batch, then two epochs; D: Fashion-MNIST's size;
 * E: a draw between iter() and the first batch. */
static void shuffle_break_big_and_lazy(void **state) {
  (void)state;
  gt_dataset *d = arange_dataset(20);
  gt_loader *l = ok(gt_DataLoader(d, 5, true, false, 0));
  assert_int_equal(gt_manual_seed(3), 0);
  int64_t order[45];
  assert_int_equal(run_epoch(l, order, NULL, NULL, 1), 5);
  assert_int_equal(run_epoch(l, order + 5, NULL, NULL, -1), 20);
  assert_int_equal(run_epoch(l, order + 25, NULL, NULL, -1), 20);
  for (int i = 0; i < 45; i++) assert_int_equal(order[i], REF_C_ORDER[i]);
  gt_release(l);
  gt_release(d);

  d = arange_dataset(60000);
  l = ok(gt_DataLoader(d, 64, true, false, 0));
  assert_int_equal(gt_loader_len(l), 938);
  assert_int_equal(gt_manual_seed(1), 0);
  static int64_t big[60000];
  for (int e = 0; e < 3; e++) {
    assert_int_equal(run_epoch(l, big, NULL, NULL, -1), 60000);
    for (int i = 0; i < 20; i++) assert_int_equal(big[i], REF_D_FIRST20[e * 20 + i]);
  }
  gt_release(l);
  gt_release(d);

  d = arange_dataset(12);
  l = ok(gt_DataLoader(d, 5, true, false, 0));
  assert_int_equal(gt_manual_seed(11), 0);
  gt_loader_iter *it = ok(gt_loader_iter_new(l));
  assert_close(rand1(), REF_E_RAND[0], 0);
  gt_tensor *x, *y;
  int64_t at = 0, eorder[12];
  while (gt_loader_next(it, &x, &y) == 1) {
    at += to_ints(x, eorder + at, 12 - at);
    gt_release(x);
    gt_release(y);
  }
  assert_int_equal(at, 12);
  for (int i = 0; i < 12; i++) assert_int_equal(eorder[i], REF_E_ORDER[i]);
  gt_release(it);
  gt_release(l);
  gt_release(d);
}

/* num_workers > 0: the same batches in the same order as 0; early release
 * joins the threads; the loader may go before its iterator. */
static void workers_match_single(void **state) {
  (void)state;
  gt_dataset *d = arange_dataset(1003);
  for (int drop = 0; drop < 2; drop++)
    for (int shuffle = 0; shuffle < 2; shuffle++) {
      static int64_t want[1003], got[1003];
      int64_t wsz[200], gsz[200], wnb, gnb;
      gt_loader *l0 = ok(gt_DataLoader(d, 7, shuffle, drop, 0));
      assert_int_equal(gt_manual_seed(99), 0);
      int64_t wn = run_epoch(l0, want, wsz, &wnb, -1);
      double wr = rand1();
      for (int workers = 1; workers <= 4; workers++) {
        gt_loader *l = ok(gt_DataLoader(d, 7, shuffle, drop, workers));
        assert_int_equal(gt_manual_seed(99), 0);
        int64_t gn = run_epoch(l, got, gsz, &gnb, -1);
        assert_int_equal(gn, wn);
        assert_int_equal(gnb, wnb);
        for (int64_t b = 0; b < gnb; b++) assert_int_equal(gsz[b], wsz[b]);
        for (int64_t i = 0; i < gn; i++) assert_int_equal(got[i], want[i]);
        assert_close(rand1(), wr, 0);
        gt_release(l);
      }
      gt_release(l0);
    }

  /* Breaks at various points, and the loader released first. */
  for (int stop = 0; stop < 5; stop++) {
    gt_loader *l = ok(gt_DataLoader(d, 3, true, false, 2));
    gt_loader_iter *it = ok(gt_loader_iter_new(l));
    gt_release(l);
    gt_tensor *x, *y;
    for (int b = 0; b < stop; b++) {
      assert_int_equal(gt_loader_next(it, &x, &y), 1);
      gt_release(x);
      gt_release(y);
    }
    gt_release(it);
  }
  /* More workers than batches. */
  gt_dataset *small = arange_dataset(3);
  gt_loader *l = ok(gt_DataLoader(small, 2, true, false, 8));
  int64_t order[3], nb;
  assert_int_equal(run_epoch(l, order, NULL, &nb, -1), 3);
  assert_int_equal(nb, 2);
  gt_release(l);
  gt_release(small);
  gt_release(d);
}

/* Plain lists as data sets (DataLoader(ids), DataLoader(texts)): what
 * only C can give them, answered by an error, never a crash: a None where
 * a str or tensor is expected, an object that is no tensor, a list that
 * shrinks under its loader, strs asked for as tensors. */
static void plain_lists(void **state) {
  (void)state;
  gt_list *ids = gt_list_new(&gt_t_list_int, 0);
  for (int64_t i = 0; i < 5; i++) gt_list_append(ids, gt_vi(i * 3));
  gt_dataset *d = ok(gt_data_list_dataset(gt_vp(ids), &gt_t_list_int));
  assert_int_equal(gt_dataset_len(d), 5);
  gt_loader *l = ok(gt_DataLoader(d, 2, false, false, 0));
  assert_int_equal(gt_loader_len(l), 3);
  gt_loader_iter *it = ok(gt_loader_iter_new(l));
  gt_tensor *b = NULL;
  assert_int_equal(gt_loader_next_batch(it, &b), 1);
  int64_t v[4];
  assert_int_equal(to_ints(b, v, 4), 2);
  assert_int_equal(v[1], 3);
  gt_release(b);
  /* The loader reads the list itself: items popped meanwhile are
   * Python's IndexError at the batch that asks for them. */
  gt_val_release(gt_list_pop(ids, 4), &gt_t_int);
  gt_val_release(gt_list_pop(ids, 3), &gt_t_int);
  assert_int_equal(gt_loader_next_batch(it, &b), -1);
  assert_error_has("IndexError: list index out of range", NULL);
  gt_release(it);
  /* A pair of tensors of a list's batches, and ds[i]: TypeErrors. */
  it = ok(gt_loader_iter_new(l));
  gt_tensor *x, *y;
  assert_int_equal(gt_loader_next(it, &x, &y), -1);
  assert_error_has("TypeError", NULL);
  gt_release(it);
  assert_null(gt_dataset_getitem(d, 0));
  assert_error_has("TypeError: dataset[i] of a DataLoader's list", NULL);
  gt_release(l);
  gt_release(d);
  gt_release(ids);

  /* An empty list: no batches, and shuffled PyTorch's ValueError. */
  gt_list *none = gt_list_new(&gt_t_list_float, 0);
  d = ok(gt_data_list_dataset(gt_vp(none), &gt_t_list_float));
  l = ok(gt_DataLoader(d, 3, false, false, 2));
  assert_int_equal(gt_loader_len(l), 0);
  it = ok(gt_loader_iter_new(l));
  assert_int_equal(gt_loader_next_batch(it, &b), 0);
  gt_release(it);
  gt_release(l);
  assert_null(gt_DataLoader(d, 3, true, false, 0));
  assert_error_has("ValueError: num_samples should be a positive integer value, but got num_samples=0", NULL);
  gt_release(d);
  gt_release(none);

  /* None in a list of strs, an object other than a tensor in a list of
   * tensors: refused where the data set is made. */
  gt_list *texts = gt_list_new(&gt_t_list_str, 0);
  gt_str *a = gt_str_from_cstr("a b");
  gt_list_append(texts, gt_vp(a));
  gt_list_append(texts, gt_vp(NULL));
  assert_null(gt_data_list_dataset(gt_vp(texts), &gt_t_list_str));
  assert_error_has("TypeError: item 1 of the data set's list is None", NULL);
  gt_list *objs = gt_list_new(&gt_t_tensor_list, 0);
  gt_list_append(objs, gt_vp(a));
  assert_null(gt_data_list_dataset(gt_vp(objs), &gt_t_tensor_list));
  assert_error_has("TypeError: item 0 of the data set's list is a str, where a Tensor is expected", NULL);
  gt_release(objs);
  gt_release(texts);

  /* strs: a batch is the list of them; as a pair of tensors, an error. */
  texts = gt_list_new(&gt_t_list_str, 0);
  for (int i = 0; i < 3; i++) gt_list_append(texts, gt_vp(a));
  d = ok(gt_data_list_dataset(gt_vp(texts), &gt_t_list_str));
  l = ok(gt_DataLoader(d, 2, false, false, 2));
  it = ok(gt_loader_iter_new(l));
  gt_list *words = NULL;
  assert_int_equal(gt_loader_next_batch(it, &words), 1);
  assert_int_equal(words->len, 2);
  assert_ptr_equal(words->items[1].p, a);
  gt_release(words);
  assert_int_equal(gt_loader_next(it, &x, &y), -1);
  assert_error_has("TypeError", NULL);
  gt_release(it);
  gt_release(l);
  gt_release(d);
  gt_release(texts);
  gt_release(a);
}

int main(void) {
  const char *t = getenv("GT_TEST_TMP");
  snprintf(tmp_root, sizeof tmp_root, "%s/data-tmp", t && *t ? t : "/tmp");
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", tmp_root, tmp_root);
  if (system(cmd) != 0) return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fmnist_real),
      cmocka_unit_test(idx_plain_and_gz),
      cmocka_unit_test(missing_files),
      cmocka_unit_test(corrupt_files),
      cmocka_unit_test(tensor_dataset),
      cmocka_unit_test(loader_len_and_drop_last),
      cmocka_unit_test(shuffle_matches_pytorch),
      cmocka_unit_test(shuffle_with_other_draws),
      cmocka_unit_test(shuffle_break_big_and_lazy),
      cmocka_unit_test(workers_match_single),
      cmocka_unit_test(plain_lists),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
