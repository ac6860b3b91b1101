/* classobj.c - classes as values: type(x), a `type[C]` variable, the
 * exc_type and traceback that __exit__ receives. */
#include <stdatomic.h>

#include "core_internal.h"

/* One immortal object per class, made on first use and kept for the life
 * of the program, so that `is` and `==` of two class objects compare the
 * classes. */
typedef struct gt_classobj_node {
  gt_classobj obj;   /* first: the node is found from the object */
  struct gt_classobj_node *next;
  const char *module; /* what repr() names it in, or NULL */
} gt_classobj_node;

/* <class '__main__.Point'>, <class 'ValueError'> (a built-in exception's
 * module, builtins, goes unnamed), <class 'torch.nn.modules.linear.Linear'>
 * where its maker named the module (gt_classobj_in). A class of the
 * program's is taken to be its main module's. */
static gt_str *classobj_repr(gt_obj *o) {
  const gt_classobj_node *n = (const gt_classobj_node *)o;
  const char *module = n->module ? n->module : gt_is_builtin_exception(n->obj.of) ? "" : "__main__";
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "<class '%s%s%s'>", module, *module ? "." : "", n->obj.of->name);
  return gt_sbuf_finish(&b);
}

const gt_class gt_classobj_class = {"type", NULL, classobj_repr, classobj_repr, NULL, NULL, NULL, NULL, &gt_layout_atomic};

static gt_classobj_node *gt_classobjs;
static atomic_flag gt_classobjs_lock = ATOMIC_FLAG_INIT;   /* a spinlock: no libpthread */

gt_classobj *gt_classobj_in(const gt_class *cls, const char *module) {
  while (atomic_flag_test_and_set_explicit(&gt_classobjs_lock, memory_order_acquire)) {
  }
  gt_classobj_node *n = gt_classobjs;
  while (n && n->obj.of != cls) n = n->next;
  if (!n) {
    n = gt_xmalloc(sizeof *n);
    n->next = gt_classobjs;
    n->obj = (gt_classobj){{GT_IMMORTAL, &gt_classobj_class}, cls};
    n->module = module;
    gt_classobjs = n;
  }
  atomic_flag_clear_explicit(&gt_classobjs_lock, memory_order_release);
  return &n->obj;
}

/* type(x) of a generic class's instance is the generic class itself. */
gt_classobj *gt_classobj_of(const gt_class *cls) { return gt_classobj_in(cls->generic_of ? cls->generic_of : cls, NULL); }

/* The classes of values that are no objects, builtins' as Python names them. */
static const gt_class gt_int_type = {"int", NULL, NULL, NULL, NULL, NULL, NULL};
static const gt_class gt_float_type = {"float", NULL, NULL, NULL, NULL, NULL, NULL};
static const gt_class gt_bool_type = {"bool", NULL, NULL, NULL, NULL, NULL, NULL};
static const gt_class gt_none_type = {"NoneType", NULL, NULL, NULL, NULL, NULL, NULL};

gt_classobj *gt_classobj_of_val(gt_val v, const gt_type *t) {
  const gt_class *cls = NULL;
  gt_dyn_unwrap(&v, &t);  /* a union's value, or a list item of several types: the value inside */
  switch (t->kind) {
    case GT_K_INT: cls = &gt_int_type; break;
    case GT_K_FLOAT: cls = &gt_float_type; break;
    case GT_K_BOOL: cls = &gt_bool_type; break;
    case GT_K_NONE: cls = &gt_none_type; break;
    case GT_K_NUM: cls = gt_num_is_bool(v.i) ? &gt_bool_type : gt_num_is_int(v.i) ? &gt_int_type : &gt_float_type; break;
    case GT_K_OBJ: return gt_classobj_of_obj(v.p);
    default: cls = v.p ? ((const gt_obj *)v.p)->cls : &gt_none_type; break;  /* str, list, tuple, dict, set */
  }
  return gt_classobj_in(cls, "");
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
