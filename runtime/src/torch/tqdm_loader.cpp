// tqdm_loader.cpp - a tqdm bar over a DataLoader, over the items of
// another iterable, or over a generator (gtorch_tqdm.h): the bar itself is
// the core's (tqdm.c); this joins it to the loader's iterator, walks the
// list of the items, or steps the generator.
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

// An item of type t (a new reference) into *slot, a bool's one byte.
static void store_item(void *slot, gt_val v, const gt_type *t) {
  if (t->kind == GT_K_BOOL) *static_cast<bool *>(slot) = v.b;
  else memcpy(slot, &v, sizeof v);
}

// The next item of the bar's list into *slot, 1; 0 at the end.
static int next_item(gt_tqdm_iter *it, void *slot) {
  auto *items = reinterpret_cast<gt_list *>(gt_tqdm_iterable(it->bar));
  if (it->next >= items->len) return 0;
  const gt_type *t = items->type->args[0];
  store_item(slot, gt_val_retain(items->items[it->next++], t), t);
  return 1;
}

struct gen_step {
  gt_gen *gen;
  gt_val item;
  bool got;
};

static void step_gen(void *ctx) {
  auto *s = static_cast<gen_step *>(ctx);
  s->got = gt_gen_next(s->gen, &s->item);
}

// The generator's next item into *slot, 1; 0 at its end; -1 where its body
// raised, which gt_call_guarded holds for the generated code to raise on
// (it must not unwind these frames).
static int next_of_gen(gt_tqdm_iter *it, void *slot) {
  gen_step s = {reinterpret_cast<gt_gen *>(gt_tqdm_iterable(it->bar)), {}, false};
  if (!gt_call_guarded(step_gen, &s)) {
    gt_set_error("the generator raised");
    return -1;
  }
  if (!s.got) return 0;
  store_item(slot, s.item, s.gen->item_type);
  return 1;
}

extern "C" {

const gt_class gt_tqdm_iter_class = {"tqdm_iterator", tqdm_iter_drop, nullptr, nullptr, nullptr, nullptr, nullptr};

gt_tqdm *gt_tqdm_loader(gt_loader *loader, const char *desc, int64_t total, bool leave, int64_t ncols,
                        double mininterval, bool disable, const char *unit, int64_t ascii) {
  if (loader && total == GT_NONE_INT) total = gt_loader_len(loader);
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(loader), desc, total, leave, ncols, mininterval, disable, unit, ascii);
}

gt_tqdm *gt_tqdm_items(gt_list *items, const char *desc, int64_t total, bool leave, int64_t ncols,
                       double mininterval, bool disable, const char *unit, int64_t ascii) {
  if (total == GT_NONE_INT) total = items->len;
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(items), desc, total, leave, ncols, mininterval, disable, unit, ascii);
}

gt_tqdm *gt_tqdm_gen(gt_gen *gen, const char *desc, int64_t total, bool leave, int64_t ncols, double mininterval,
                     bool disable, const char *unit, int64_t ascii) {
  return gt_tqdm_new(reinterpret_cast<gt_obj *>(gen), desc, total, leave, ncols, mininterval, disable, unit, ascii);
}

gt_tqdm_iter *gt_tqdm_iter_new(gt_tqdm *bar) {
  gt_obj *iterable = gt_tqdm_iterable(bar);
  if (!iterable) {
    gt_set_error("'tqdm' object is not iterable: it was made without an iterable");
    return nullptr;
  }
  bool loader = iterable->cls == &gt_loader_class;  // else a list of items, or a generator (gt_tqdm_gen's)
  gt_loader_iter *inner = loader ? gt_loader_iter_new(reinterpret_cast<gt_loader *>(iterable)) : nullptr;
  if (loader && !inner) return nullptr;
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
  bool items = gt_tqdm_iterable(it->bar)->cls == &gt_list_class;
  int r = it->it ? gt_loader_next_batch(it->it, batch) : items ? next_item(it, batch) : next_of_gen(it, batch);
  if (r != 1) gt_tqdm_close(it->bar);  // the end, or an error: its message on a line of its own
  return r;
}

}  // extern "C"
