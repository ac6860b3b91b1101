/* kwargs.c - f(**d) of a function without a `**` parameter: d's keys bind
 * the parameters they name, with CPython's TypeErrors (gtorch_core.h). */
#include <string.h>

#include "core_internal.h"

static const gt_kwparam *param_named(const gt_kwparam *params, int n, const gt_str *key) {
  for (int i = 0; i < n; i++)
    if (strlen(params[i].name) == (size_t)key->len && memcmp(params[i].name, key->data, (size_t)key->len) == 0)
      return &params[i];
  return NULL;
}

/* Is the required parameter q given by one of d's keys? */
static bool named_by_key(const gt_dict *d, const gt_kwparam *q) {
  gt_val key;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &key, NULL);)
    if (param_named(q, 1, key.p)) return true;
  return false;
}

/* What goes before the k-th (from 1) of count missing names, as CPython
 * lists them: 'a', 'a' and 'b', 'a', 'b', and 'c'. */
static const char *name_sep(int64_t k, int64_t count) {
  return k == 1 ? "" : count == 2 ? " and " : k == count ? ", and " : ", ";
}

static void missing(const gt_dict *d, const char *fname, const gt_kwparam *params, int n) {
  int count = 0;
  for (int i = 0; i < n; i++)
    if (params[i].how == GT_KW_MUST && !named_by_key(d, &params[i])) count++;
  if (!count) return;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "TypeError: %s() missing %d required positional argument%s: ", fname, count,
                 count == 1 ? "" : "s");
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (params[i].how != GT_KW_MUST || named_by_key(d, &params[i])) continue;
    gt_sbuf_printf(&b, "%s'%s'", name_sep(++k, count), params[i].name);
  }
  gt_raise_message(gt_sbuf_finish_cstr(&b));  /* a TypeError a program may catch: no buffer left behind */
}

void gt_kwargs_check(const gt_dict *d, const gt_type *value_type, const char *fname, const gt_kwparam *params,
                     int n) {
  gt_val key, value;
  /* CPython merges the keywords before it binds: a name given twice first */
  for (int64_t pos = 0; gt_dict_next(d, &pos, &key, NULL);) {
    const gt_kwparam *q = param_named(params, n, key.p);
    if (q && q->how == GT_KW_KEYWORD)
      gt_fail("TypeError: %s() got multiple values for keyword argument '%s'", fname, ((gt_str *)key.p)->data);
  }
  for (int64_t pos = 0; gt_dict_next(d, &pos, &key, &value);) {
    const gt_kwparam *q = param_named(params, n, key.p);
    const char *name = ((gt_str *)key.p)->data;
    if (!q) gt_fail("TypeError: %s() got an unexpected keyword argument '%s'", fname, name);
    if (q->how == GT_KW_POSITIONAL) gt_fail("TypeError: %s() got multiple values for argument '%s'", fname, name);
    if (q->how == GT_KW_UNFIT)
      gt_fail("TypeError: %s() argument '%s' takes %s, not %s", fname, name, q->takes,
              gt_val_type_name(value, value_type));
  }
  missing(d, fname, params, n);
}

void gt_positional_check(const char *fname, const char *const *names, int64_t want, int64_t given) {
  if (given > want)  /* CPython counts self in both */
    gt_fail("TypeError: %s() takes %lld positional arguments but %lld were given", fname, (long long)want + 1,
            (long long)given + 1);
  if (given == want) return;
  int64_t count = want - given;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "TypeError: %s() missing %lld required positional argument%s: ", fname, (long long)count,
                 count == 1 ? "" : "s");
  for (int64_t i = given; i < want; i++) gt_sbuf_printf(&b, "%s'%s'", name_sep(i - given + 1, count), names[i]);
  gt_raise_message(gt_sbuf_finish_cstr(&b));
}

int64_t gt_num_arg_int(gt_num v, const char *fname, const char *name) {
  if (!gt_num_is_int(v)) gt_fail("TypeError: %s() argument '%s' takes int, not float", fname, name);
  return gt_num_int_value(v);
}

bool gt_num_arg_bool(gt_num v, const char *fname, const char *name) {
  if (!gt_num_is_bool(v))
    gt_fail("TypeError: %s() argument '%s' takes bool, not %s", fname, name, gt_num_type_name(v));
  return gt_num_int_value(v) != 0;
}
