/* classobj.c - classes as values: type(x), a `type[C]` variable, the
 * exc_type and traceback that __exit__ receives. */
#include <stdatomic.h>

#include "core_internal.h"

/* One immortal object per class, made on first use and kept for the life
 * of the program, so that `is` and `==` of two class objects compare the
 * classes. */
typedef struct gt_classobj_node {
  struct gt_classobj_node *next;
  gt_classobj obj;
} gt_classobj_node;

const gt_class gt_classobj_class = {"type", NULL, NULL, NULL, NULL, NULL, NULL};

static gt_classobj_node *gt_classobjs;
static atomic_flag gt_classobjs_lock = ATOMIC_FLAG_INIT;   /* a spinlock: no libpthread */

gt_classobj *gt_classobj_of(const gt_class *cls) {
  while (atomic_flag_test_and_set_explicit(&gt_classobjs_lock, memory_order_acquire)) {
  }
  gt_classobj_node *n = gt_classobjs;
  while (n && n->obj.of != cls) n = n->next;
  if (!n) {
    n = gt_xmalloc(sizeof *n);
    n->next = gt_classobjs;
    n->obj = (gt_classobj){{GT_IMMORTAL, &gt_classobj_class}, cls};
    gt_classobjs = n;
  }
  atomic_flag_clear_explicit(&gt_classobjs_lock, memory_order_release);
  return &n->obj;
}

gt_classobj *gt_classobj_of_obj(const void *o) {
  return o ? gt_classobj_of(((const gt_obj *)o)->cls) : NULL;
}

gt_str *gt_classobj_name(const gt_classobj *t) { return gt_str_from_cstr(t->of->name); }

bool gt_classobj_derives(const gt_classobj *t, const gt_class *of) { return gt_is_subclass(t->of, of); }

/* A traceback holds the exception it is of: what it would show is in the
 * exception's report. */
static void gt_traceback_drop(gt_obj *o) { gt_release(&((gt_traceback *)o)->exc->head); }

const gt_class gt_traceback_class = {"traceback", gt_traceback_drop, NULL, NULL, NULL, NULL, NULL};

gt_traceback *gt_traceback_of(gt_exc *e) {
  if (!e) return NULL;
  gt_traceback *tb = gt_alloc(sizeof *tb, &gt_traceback_class);
  gt_retain(&e->head);
  tb->exc = e;
  return tb;
}
