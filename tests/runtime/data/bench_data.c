/* bench_data: batches per second of a loop over Fashion-MNIST's training
 * set (batch 64, shuffled), with num_workers 0 and 2, with and without
 * work in the loop body (one 64x784 @ 784x512 matmul and tanh per batch).
 * Usage: bench_data [ROOT]  (default /usr/share/datasets/fashion-mnist) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "gtorch.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  const char *root = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist";
  double t0 = now();
  gt_dataset *d = gt_data_FashionMNIST(root, true, GT_NONE_FLOAT, GT_NONE_FLOAT);
  if (!d) {
    fprintf(stderr, "%s\n", gt_last_error());
    return 1;
  }
  printf("load train set (60000 images, gzipped): %.3f s\n", now() - t0);
  int64_t wshape[2] = {784, 512};
  gt_tensor *w = gt_randn(wshape, 2, GT_DTYPE_DEFAULT, NULL, false);
  for (int work = 0; work < 2; work++)
    for (int workers = 0; workers <= 2; workers += 2) {
      gt_loader *l = gt_DataLoader(d, 64, true, false, workers);
      gt_manual_seed(1);
      for (int epoch = 0; epoch < 2; epoch++) {
        double t = now();
        gt_loader_iter *it = gt_loader_iter_new(l);
        gt_tensor *x, *y;
        int64_t n = 0;
        while (gt_loader_next(it, &x, &y) == 1) {
          if (work) {
            int64_t flat[2] = {-1, 784};
            gt_tensor *v = gt_view(x, flat, 2);
            gt_tensor *h = gt_matmul(v, w);
            gt_tensor *a = gt_tanh(h);
            gt_release(v);
            gt_release(h);
            gt_release(a);
          }
          gt_release(x);
          gt_release(y);
          n++;
        }
        gt_release(it);
        double dt = now() - t;
        printf("%s num_workers=%d epoch %d: %lld batches in %.3f s = %.0f batches/s\n",
               work ? "with a matmul+tanh per batch:" : "plain loop:", workers, epoch, (long long)n, dt, (double)n / dt);
      }
      gt_release(l);
    }
  gt_release(w);
  gt_release(d);
  return 0;
}
