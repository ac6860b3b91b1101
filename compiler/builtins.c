/* builtins.c - Python's builtin functions and the methods of str, list, dict, set, tuple and generator. */
#include <string.h>

#include "sema.h"

static const char *const builtin_names[] = {
    [BI_PRINT] = "print",     [BI_LEN] = "len",           [BI_RANGE] = "range",
    [BI_STR] = "str",         [BI_INT] = "int",           [BI_FLOAT] = "float",
    [BI_BOOL] = "bool",       [BI_ABS] = "abs",           [BI_MIN] = "min",
    [BI_MAX] = "max",         [BI_SUM] = "sum",           [BI_ROUND] = "round",
    [BI_SORTED] = "sorted",   [BI_REVERSED] = "reversed", [BI_ENUMERATE] = "enumerate",
    [BI_ZIP] = "zip",         [BI_LIST] = "list",         [BI_REPR] = "repr",
    [BI_INPUT] = "input",     [BI_ISINSTANCE] = "isinstance", [BI_DICT] = "dict",
    [BI_ANY] = "any",         [BI_ALL] = "all",           [BI_DIVMOD] = "divmod",
    [BI_SET] = "set",         [BI_TUPLE] = "tuple",
    [BI_MAP] = "map",         [BI_FILTER] = "filter",
    [BI_NEXT] = "next",       [BI_ITER] = "iter",
    [BI_ISSUBCLASS] = "issubclass", [BI_HASH] = "hash",
    [BI_HASATTR] = "hasattr", [BI_GETATTR] = "getattr",
};

int builtin_lookup(const char *name) {
  for (int i = 1; i < (int)(sizeof builtin_names / sizeof *builtin_names); i++)
    if (builtin_names[i] && strcmp(builtin_names[i], name) == 0) return i;
  return BI_NONE;
}

const char *builtin_name(int id) { return builtin_names[id]; }

/* The C functions are gtorch_core.h's; see BMethod in sema.h for the letters. */
static const BMethod bmethods[] = {
    {TY_STR, "split", "Si", {"sep", "maxsplit"}, {"NULL", "-1"}, 'l', "gt_str_split"},
    {TY_STR, "join", "J", {"iterable"}, {NULL}, 's', "gt_str_join"},
    {TY_STR, "strip", "S", {"chars"}, {"NULL"}, 's', "gt_str_strip"},
    {TY_STR, "lstrip", "S", {"chars"}, {"NULL"}, 's', "gt_str_lstrip"},
    {TY_STR, "rstrip", "S", {"chars"}, {"NULL"}, 's', "gt_str_rstrip"},
    {TY_STR, "startswith", "X", {"prefix"}, {NULL}, 'b', "gt_str_startswith"},
    {TY_STR, "startswith", "Xii", {"prefix", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'b', "gt_str_startswith_in"},
    {TY_STR, "endswith", "X", {"suffix"}, {NULL}, 'b', "gt_str_endswith"},
    {TY_STR, "endswith", "Xii", {"suffix", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'b', "gt_str_endswith_in"},
    {TY_STR, "find", "s", {"sub"}, {NULL}, 'i', "gt_str_find"},
    {TY_STR, "find", "sii", {"sub", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'i', "gt_str_find_in"},
    {TY_STR, "count", "s", {"sub"}, {NULL}, 'i', "gt_str_count"},
    {TY_STR, "count", "sii", {"sub", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'i', "gt_str_count_in"},
    {TY_STR, "rfind", "s", {"sub"}, {NULL}, 'i', "gt_str_rfind"},
    {TY_STR, "rfind", "sii", {"sub", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'i', "gt_str_rfind_in"},
    {TY_STR, "index", "s", {"sub"}, {NULL}, 'i', "gt_str_index"},
    {TY_STR, "index", "sii", {"sub", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'i', "gt_str_index_in"},
    {TY_STR, "rindex", "s", {"sub"}, {NULL}, 'i', "gt_str_rindex"},
    {TY_STR, "rindex", "sii", {"sub", "start", "end"}, {NULL, NULL, "GT_NONE_INT"}, 'i', "gt_str_rindex_in"},
    {TY_STR, "rsplit", "Si", {"sep", "maxsplit"}, {"NULL", "-1"}, 'l', "gt_str_rsplit"},
    {TY_STR, "partition", "s", {"sep"}, {NULL}, 'p', "gt_str_partition"},
    {TY_STR, "rpartition", "s", {"sep"}, {NULL}, 'p', "gt_str_rpartition"},
    {TY_STR, "removeprefix", "s", {"prefix"}, {NULL}, 's', "gt_str_removeprefix"},
    {TY_STR, "removesuffix", "s", {"suffix"}, {NULL}, 's', "gt_str_removesuffix"},
    {TY_STR, "replace", "ssi", {"old", "new", "count"}, {NULL, NULL, "-1"}, 's', "gt_str_replace"},
    {TY_STR, "upper", "", {0}, {0}, 's', "gt_str_upper"},
    {TY_STR, "lower", "", {0}, {0}, 's', "gt_str_lower"},
    {TY_STR, "isdigit", "", {0}, {0}, 'b', "gt_str_isdigit"},
    {TY_STR, "isalpha", "", {0}, {0}, 'b', "gt_str_isalpha"},
    {TY_STR, "isspace", "", {0}, {0}, 'b', "gt_str_isspace"},
    {TY_STR, "title", "", {0}, {0}, 's', "gt_str_title"},
    {TY_STR, "capitalize", "", {0}, {0}, 's', "gt_str_capitalize"},
    {TY_STR, "swapcase", "", {0}, {0}, 's', "gt_str_swapcase"},
    {TY_STR, "isupper", "", {0}, {0}, 'b', "gt_str_isupper"},
    {TY_STR, "islower", "", {0}, {0}, 'b', "gt_str_islower"},
    {TY_STR, "isalnum", "", {0}, {0}, 'b', "gt_str_isalnum"},
    {TY_STR, "isnumeric", "", {0}, {0}, 'b', "gt_str_isnumeric"},
    {TY_STR, "isdecimal", "", {0}, {0}, 'b', "gt_str_isdecimal"},
    {TY_STR, "zfill", "i", {"width"}, {NULL}, 's', "gt_str_zfill"},
    {TY_STR, "center", "is", {"width", "fillchar"}, {NULL, "NULL"}, 's', "gt_str_center"},
    {TY_STR, "ljust", "is", {"width", "fillchar"}, {NULL, "NULL"}, 's', "gt_str_ljust"},
    {TY_STR, "rjust", "is", {"width", "fillchar"}, {NULL, "NULL"}, 's', "gt_str_rjust"},
    {TY_STR, "splitlines", "b", {"keepends"}, {"false"}, 'l', "gt_str_splitlines"},
    {TY_LIST, "append", "E", {"object"}, {NULL}, 'n', "gt_list_append"},
    {TY_LIST, "pop", "i", {"index"}, {"-1"}, 'E', "gt_list_pop"},
    {TY_LIST, "insert", "iE", {"index", "object"}, {NULL, NULL}, 'n', "gt_list_insert"},
    {TY_LIST, "extend", "L", {"iterable"}, {NULL}, 'n', "gt_list_extend"},
    {TY_LIST, "remove", "E", {"value"}, {NULL}, 'n', "gt_list_remove"},
    {TY_LIST, "index", "E", {"value"}, {NULL}, 'i', "gt_list_index"},
    {TY_LIST, "count", "E", {"value"}, {NULL}, 'i', "gt_list_count"},
    {TY_LIST, "clear", "", {0}, {0}, 'n', "gt_list_clear"},
    {TY_LIST, "sort", "bF", {"reverse", "key"}, {"false", "NULL"}, 'n', "gt_list_sort"},
    {TY_LIST, "reverse", "", {0}, {0}, 'n', "gt_list_reverse"},
    {TY_LIST, "copy", "", {0}, {0}, 'L', "gt_list_copy"},
    {TY_GENERATOR, "close", "", {0}, {0}, 'n', "gt_gen_close"},
    {TY_GENERATOR, "throw", "x", {"value"}, {NULL}, 'E', "gt_gen_throw"},
    {TY_VARTUPLE, "index", "E", {"value"}, {NULL}, 'i', "gt_tuple_index"},
    {TY_VARTUPLE, "count", "E", {"value"}, {NULL}, 'i', "gt_tuple_count"},
    {TY_DICT, "get", "KV", {"key", "default"}, {NULL, NULL}, 'V', "gt_dict_get_or"},
    {TY_DICT, "get", "K", {"key"}, {NULL}, 'O', "gt_dict_get_or"},  /* None where it has no key */
    {TY_DICT, "keys", "", {0}, {0}, 'k', "gt_dict_keys"},
    {TY_DICT, "values", "", {0}, {0}, 'v', "gt_dict_values"},
    {TY_DICT, "items", "", {0}, {0}, 'T', "gt_dict_items"},
    {TY_DICT, "pop", "K", {"key"}, {NULL}, 'V', "gt_dict_pop"},
    {TY_DICT, "update", "L", {"other"}, {NULL}, 'n', "gt_dict_update"},
    {TY_DICT, "copy", "", {0}, {0}, 'L', "gt_dict_copy"},
    {TY_DICT, "clear", "", {0}, {0}, 'n', "gt_dict_clear"},
    /* Does it stand for an OrderedDict (a module's state_dict())? For builtins.gtp's _dict_view_of. */
    {TY_DICT, "_is_ordered", "", {0}, {0}, 'b', "gt_dict_is_ordered"},
    {TY_DICT, "setdefault", "KV", {"key", "default"}, {NULL, NULL}, 'V', "gt_dict_setdefault"},
    {TY_SET, "add", "E", {"elem"}, {NULL}, 'n', "gt_set_add"},
    {TY_SET, "discard", "E", {"elem"}, {NULL}, 'n', "gt_set_discard"},
    {TY_SET, "remove", "E", {"elem"}, {NULL}, 'n', "gt_set_remove"},
    {TY_SET, "pop", "", {0}, {0}, 'E', "gt_set_pop"},
    {TY_SET, "clear", "", {0}, {0}, 'n', "gt_set_clear"},
    {TY_SET, "copy", "", {0}, {0}, 'L', "gt_set_copy"},
    {TY_SET, "update", "I", {"other"}, {NULL}, 'n', "gt_set_update"},
    {TY_SET, "intersection_update", "I", {"other"}, {NULL}, 'n', "gt_set_intersection_update"},
    {TY_SET, "difference_update", "I", {"other"}, {NULL}, 'n', "gt_set_difference_update"},
    {TY_SET, "symmetric_difference_update", "I", {"other"}, {NULL}, 'n', "gt_set_symmetric_difference_update"},
    {TY_SET, "union", "I", {"other"}, {NULL}, 'L', "gt_set_union"},
    {TY_SET, "intersection", "I", {"other"}, {NULL}, 'L', "gt_set_intersection"},
    {TY_SET, "difference", "I", {"other"}, {NULL}, 'L', "gt_set_difference"},
    {TY_SET, "symmetric_difference", "I", {"other"}, {NULL}, 'L', "gt_set_symmetric_difference"},
    {TY_SET, "issubset", "I", {"other"}, {NULL}, 'b', "gt_set_issubset"},
    {TY_SET, "issuperset", "I", {"other"}, {NULL}, 'b', "gt_set_issuperset"},
    {TY_SET, "isdisjoint", "I", {"other"}, {NULL}, 'b', "gt_set_isdisjoint"},
};

/* The type a built-in type's name stands for (str: TY_STR), TY_ERROR for
 * other builtins: `str.upper` names that type's method. */
TypeKind builtin_type_kind(int bi) {
  switch (bi) {
  case BI_STR: return TY_STR;
  case BI_LIST: return TY_LIST;
  case BI_DICT: return TY_DICT;
  case BI_SET: return TY_SET;
  default: return TY_ERROR;
  }
}

const BMethod *bmethod_lookup(TypeKind recv, const char *name) {
  for (size_t i = 0; i < sizeof bmethods / sizeof *bmethods; i++)
    if (bmethods[i].recv == recv && strcmp(bmethods[i].name, name) == 0) return &bmethods[i];
  return NULL;
}

/* The form of method `name` that takes `given` positional arguments
 * (d.get(k) and d.get(k, default)), else its first. */
const BMethod *bmethod_for_args(TypeKind recv, const char *name, int given) {
  const BMethod *first = bmethod_lookup(recv, name);
  for (const BMethod *m = first; m && m < bmethods + sizeof bmethods / sizeof *bmethods; m++) {
    if (m->recv != recv || strcmp(m->name, name) != 0) break;
    int n = (int)strlen(m->params), required = 0;
    for (int i = 0; i < n; i++) required += m->defaults[i] == NULL;
    if (given >= required && given <= n) return m;
  }
  return first;
}
