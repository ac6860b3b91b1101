// tqdm_loader.cpp - a tqdm bar over a DataLoader (gtorch_tqdm.h): the bar
// itself is the core's (tqdm.c); this joins it to the loader's iterator.
#include "gtorch.h"
#include "gtorch_tqdm.h"
#include "internal.h"

struct gt_tqdm_iter {
  gt_obj h;
  gt_tqdm *bar;
  gt_loader_iter *it;
  bool started;
};

static void tqdm_iter_drop(gt_obj *o) {
  auto *it = reinterpret_cast<gt_tqdm_iter *>(o);
  gt_release(reinterpret_cast<gt_obj *>(it->it));
  gt_release(reinterpret_cast<gt_obj *>(it->bar));
}

extern "C" {

const gt_class gt_tqdm_iter_class = {"tqdm_iterator", tqdm_iter_drop, nullptr, nullptr, nullptr, nullptr, nullptr};

gt_tqdm *gt_tqdm_loader(gt_loader *loader, const char *desc, int64_t total, bool leave, int64_t ncols,
                        double mininterval, bool disable, const char *unit) {
  if (loader && total == GT_NONE_INT) total = gt_loader_len(loader);
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(loader), desc, total, leave, ncols, mininterval, disable, unit);
}

gt_tqdm_iter *gt_tqdm_iter_new(gt_tqdm *bar) {
  gt_obj *loader = gt_tqdm_iterable(bar);
  if (!loader || loader->cls != &gt_loader_class) {
    gt_set_error("'tqdm' object is not iterable: it was made without a DataLoader");
    return nullptr;
  }
  gt_loader_iter *inner = gt_loader_iter_new(reinterpret_cast<gt_loader *>(loader));
  if (!inner) return nullptr;
  auto *it = static_cast<gt_tqdm_iter *>(gt_alloc(sizeof(gt_tqdm_iter), &gt_tqdm_iter_class));
  gt_retain(reinterpret_cast<gt_obj *>(bar));
  it->bar = bar;
  it->it = inner;
  return it;
}

int gt_tqdm_next(gt_tqdm_iter *it, void *batch) {
  // tqdm counts an item once the loop body is done with it: when the next
  // one is asked for.
  if (it->started) gt_tqdm_step(it->bar);
  it->started = true;
  int r = gt_loader_next_batch(it->it, batch);
  if (r != 1) gt_tqdm_close(it->bar);  // the end, or an error: its message on a line of its own
  return r;
}

}  // extern "C"
