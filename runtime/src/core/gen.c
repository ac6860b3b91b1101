/* gen.c - generators (gt_gen): the header the compiler's generator
 * functions share, list() of one, and iter() of a list. */
#include "core_internal.h"

gt_str *gt_gen_repr(const gt_obj *g, const char *qualname) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "<generator object %s at %p>", qualname, (const void *)g);
  return gt_sbuf_finish(&b);
}

gt_gen *gt_gen_new(size_t size, const gt_class *cls, bool (*next)(gt_gen *, gt_val *)) {
  gt_gen *g = gt_alloc(size, cls);
  g->next = next;
  return g;
}

gt_list *gt_gen_list(gt_gen *g, const gt_type *list_type) {
  gt_list *volatile l = gt_list_new(list_type, 0);
  /* An exception out of g's body releases the list so far. */
  gt_holdings k = {.slots = (volatile void *const[]){&l}, .nslots = 1};
  gt_enter_holdings(&k);
  gt_val v;
  while (gt_gen_next(g, &v)) {
    gt_list_append(l, v);
    gt_val_release(v, list_type->args[0]);
  }
  gt_leave_holdings(&k);
  return l;
}

gt_val gt_gen_throw(gt_gen *g, gt_exc *e) {
  gt_retain(e);
  if (g->state <= 0 || !g->resumes_in_try) {  /* nothing in the body sees it: it passes, ending the body */
    g->state = -1;
    gt_raise(e);
  }
  g->thrown = e;
  gt_val v;
  if (!g->next(g, &v)) gt_fail("StopIteration");
  return v;
}

void gt_gen_raise_thrown(gt_gen *g) {
  gt_exc *e = g->thrown;
  if (!e) return;
  g->thrown = NULL;
  gt_raise(e);
}

void gt_gen_close(gt_gen *g) {
  if (g->state <= 0 || !g->resumes_in_try) {
    g->state = -1;
    return;
  }
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    g->thrown = gt_GeneratorExit_new(NULL);
    gt_val item;  /* of a type unknown here: kept, on the way to the error */
    bool yielded = g->next(g, &item);
    gt_untry(&h);
    if (yielded) gt_fail("RuntimeError: generator ignored GeneratorExit");
    return;
  }
  if (!gt_exc_is(h.exc, &gt_GeneratorExit_class) && !gt_exc_is(h.exc, &gt_StopIteration_class)) gt_reraise(&h);
  gt_release(h.exc);
}

void gt_gen_close_dropped(gt_gen *g) {
  if (g->state <= 0 || !g->resumes_in_try) return;
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    gt_gen_close(g);
    gt_untry(&h);
    return;
  }
  gt_str *repr = g->h.cls->repr(&g->h);
  gt_str *report = gt_exc_format(h.exc);
  fflush(stdout);
  fprintf(stderr, "Exception ignored in: %.*s\n%.*s\n", (int)repr->len, repr->data, (int)report->len, report->data);
  gt_release(repr);
  gt_release(report);
  gt_release(h.exc);
}

gt_val gt_next(gt_gen *g) {
  gt_val v;
  if (!gt_gen_next(g, &v)) gt_fail("StopIteration");
  return v;
}

gt_val gt_next_or(gt_gen *g, gt_val dflt, const gt_type *t) {
  gt_val v;
  return gt_gen_next(g, &v) ? v : gt_val_retain(dflt, t);
}

/* iter(xs): a position in a list, read again at each step as Python's
 * list_iterator does, so that it sees items appended meanwhile. */
typedef struct gt_list_iter {
  gt_gen gen;
  gt_list *list;
  int64_t pos;
  const char *qualname;  /* gt_iter_list_as's: the generator it stands for */
} gt_list_iter;

static void gt_list_iter_drop(gt_obj *o) { gt_release(((gt_list_iter *)o)->list); }

static const gt_class gt_list_iter_class = {"list_iterator", gt_list_iter_drop, NULL, NULL, NULL, NULL, NULL};

static bool gt_list_iter_next(gt_gen *g, gt_val *item) {
  gt_list_iter *it = (gt_list_iter *)g;
  if (it->pos >= it->list->len) {
    it->list = gt_replace(it->list, NULL);
    g->state = -1;
    return false;
  }
  *item = gt_val_retain(it->list->items[it->pos++], it->list->type->args[0]);
  return true;
}

gt_gen *gt_iter_list(gt_list *l) {
  gt_list_iter *it = (gt_list_iter *)gt_gen_new(sizeof *it, &gt_list_iter_class, gt_list_iter_next);
  it->list = gt_retain(l);
  return &it->gen;
}

static gt_str *gt_generator_list_repr(gt_obj *o) { return gt_gen_repr(o, ((gt_list_iter *)o)->qualname); }

static const gt_class gt_generator_list_class = {.name = "generator", .drop = gt_list_iter_drop,
                                                 .repr = gt_generator_list_repr};

gt_gen *gt_iter_list_as(gt_list *l, const char *qualname) {
  gt_list_iter *it = (gt_list_iter *)gt_gen_new(sizeof *it, &gt_generator_list_class, gt_list_iter_next);
  it->list = gt_retain(l);
  it->qualname = qualname;
  return &it->gen;
}

/* iter(obj) of an iterator class (`__iter__` returning an object whose
 * `__next__` raises StopIteration at the end): a generator whose steps call
 * its __next__, and whose end is that StopIteration, caught here. */
typedef struct gt_object_iter {
  gt_gen gen;
  gt_obj *it;
  gt_val (*next)(gt_obj *it);
} gt_object_iter;

static void gt_object_iter_drop(gt_obj *o) { gt_release(((gt_object_iter *)o)->it); }

static const gt_class gt_object_iter_class = {"iterator", gt_object_iter_drop, NULL, NULL, NULL, NULL, NULL};

static bool gt_object_iter_next(gt_gen *g, gt_val *item) {
  gt_object_iter *s = (gt_object_iter *)g;
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    *item = s->next(s->it);
    gt_untry(&h);
    return true;
  }
  if (!gt_exc_is(h.exc, &gt_StopIteration_class)) gt_reraise(&h);
  gt_release(h.exc);
  s->it = gt_replace(s->it, NULL);
  g->state = -1;
  return false;
}

gt_gen *gt_iter_object(gt_obj *it, gt_val (*next)(gt_obj *it)) {
  gt_object_iter *s = (gt_object_iter *)gt_gen_new(sizeof *s, &gt_object_iter_class, gt_object_iter_next);
  s->it = it;
  s->next = next;
  return &s->gen;
}
