// tqdm_loader.cpp - a tqdm bar over a DataLoader or over the items of
// another iterable (gtorch_tqdm.h): the bar itself is the core's (tqdm.c);
// this joins it to the loader's iterator, or walks the list of the items.
#include "gtorch.h"
#include "gtorch_tqdm.h"
#include "internal.h"

struct gt_tqdm_iter {
  gt_obj h;
  gt_tqdm *bar;
  gt_loader_iter *it;  // a loader's; NULL over a list of items
  int64_t next;        // over a list: the index of the next item
  bool started;
};

static void tqdm_iter_drop(gt_obj *o) {
  auto *it = reinterpret_cast<gt_tqdm_iter *>(o);
  gt_release(reinterpret_cast<gt_obj *>(it->it));
  gt_release(reinterpret_cast<gt_obj *>(it->bar));
}

// The next item of the bar's list into *slot (a new reference; a bool's
// slot is one byte), 1; 0 at the end.
static int next_item(gt_tqdm_iter *it, void *slot) {
  auto *items = reinterpret_cast<gt_list *>(gt_tqdm_iterable(it->bar));
  if (it->next >= items->len) return 0;
  const gt_type *t = items->type->args[0];
  gt_val v = gt_val_retain(items->items[it->next++], t);
  if (t->kind == GT_K_BOOL) *static_cast<bool *>(slot) = v.b;
  else memcpy(slot, &v, sizeof v);
  return 1;
}

extern "C" {

const gt_class gt_tqdm_iter_class = {"tqdm_iterator", tqdm_iter_drop, nullptr, nullptr, nullptr, nullptr, nullptr};

gt_tqdm *gt_tqdm_loader(gt_loader *loader, const char *desc, int64_t total, bool leave, int64_t ncols,
                        double mininterval, bool disable, const char *unit) {
  if (loader && total == GT_NONE_INT) total = gt_loader_len(loader);
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(loader), desc, total, leave, ncols, mininterval, disable, unit);
}

gt_tqdm *gt_tqdm_items(gt_list *items, const char *desc, int64_t total, bool leave, int64_t ncols,
                       double mininterval, bool disable, const char *unit) {
  if (total == GT_NONE_INT) total = items->len;
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(items), desc, total, leave, ncols, mininterval, disable, unit);
}

gt_tqdm_iter *gt_tqdm_iter_new(gt_tqdm *bar) {
  gt_obj *iterable = gt_tqdm_iterable(bar);
  bool items = iterable && iterable->cls == &gt_list_class;
  if (!items && (!iterable || iterable->cls != &gt_loader_class)) {
    gt_set_error("'tqdm' object is not iterable: it was made without an iterable");
    return nullptr;
  }
  gt_loader_iter *inner = items ? nullptr : gt_loader_iter_new(reinterpret_cast<gt_loader *>(iterable));
  if (!items && !inner) return nullptr;
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
  int r = it->it ? gt_loader_next_batch(it->it, batch) : next_item(it, batch);
  if (r != 1) gt_tqdm_close(it->bar);  // the end, or an error: its message on a line of its own
  return r;
}

}  // extern "C"
