/* gtorch_core.h - the core language's values: int, float, bool, str, list,
 * tuple, dict, print and formatting, math, sys and time.
 *
 * Semantics are Python's (CPython 3.11): messages of run-time errors read
 * `IndexError: list index out of range`, `ZeroDivisionError: division by zero`,
 * and so on, and are raised through gt_fail.
 *
 * Ownership: arguments are borrowed; returned references are new; a
 * container retains what it stores. A gt_val returned by a getter holds a
 * new reference when its type is a reference type.
 */
#ifndef GTORCH_CORE_H
#define GTORCH_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- run-time type descriptors ---------------------------------------- */

/* Containers are generic: they store 8-byte gt_val slots and carry the
 * static type of their elements so that they can release, compare, hash
 * and print them. The compiler emits one static gt_type per type it uses. */
typedef enum gt_kind {
  GT_K_INT, GT_K_FLOAT, GT_K_BOOL, GT_K_NONE,
  GT_K_NUM,      /* an int or a float, which one known at run time (gt_num) */
  GT_K_STR,
  GT_K_LIST, GT_K_TUPLE, GT_K_DICT,
  GT_K_SET,      /* set[T]: args[0] the element (int, float, bool or str) */
  GT_K_OBJ,      /* instance of a .gtp class, or any other gt_obj (tensor, module, ...) */
} gt_kind;

/* A named tuple's names (collections.namedtuple, typing.NamedTuple): its
 * class's, which its repr shows, and its fields'. */
typedef struct gt_tuple_names {
  const char *name;
  const char *const *fields;
} gt_tuple_names;

typedef struct gt_type {
  gt_kind kind;
  int32_t nargs;                       /* LIST, SET: 1, DICT: 2 (key, value), TUPLE: n */
  const struct gt_type *const *args;
  const gt_tuple_names *names;         /* TUPLE: a named tuple's, else NULL */
} gt_type;

extern const gt_type gt_t_int, gt_t_float, gt_t_bool, gt_t_none, gt_t_str, gt_t_obj;
/* list[int], list[str], list[float], list[bool] (sys.argv, split(), range()). */
extern const gt_type gt_t_list_int, gt_t_list_str, gt_t_list_float, gt_t_list_bool;
/* The descriptor of list[elem] for any elem: interned, lives forever. */
const gt_type *gt_type_list_of(const gt_type *elem);

typedef union gt_val {
  int64_t i;
  double f;
  bool b;
  void *p;
} gt_val;

static inline bool gt_type_is_ref(const gt_type *t) { return t->kind >= GT_K_STR; }
/* An item of a container of Optionals (list[Optional[str]], tuple[Tensor,
 * Optional[Tensor]]) is None where its reference is NULL. */
static inline bool gt_val_is_none(gt_val v, const gt_type *t) { return gt_type_is_ref(t) && !v.p; }

/* A value whose type is known only where it is made (dyn.c): what an
 * extern declared `-> Any` gives, where nothing expects a type, when it is
 * passed `&gt_t_dyn` as the type (`print(x.tolist())`). Its class prints,
 * formats and compares the value inside. gt_dyn_new takes over v's
 * reference; gt_dyn_unwrap gives the value inside (borrowed) and its type
 * where *v is one (of static type *t), else returns false. */
extern const gt_type gt_t_dyn, gt_t_list_dyn, gt_t_dict_str_dyn;
typedef struct gt_dyn gt_dyn;
extern const gt_class gt_dyn_class;
gt_val gt_dyn_new(gt_val v, const gt_type *t);
bool gt_dyn_unwrap(gt_val *v, const gt_type **t);
/* isinstance(d, T) of T's built-in types, given as a mask of their kinds
 * (1u << GT_K_INT | 1u << GT_K_STR): the type inside d decides, a bool
 * being an int as in Python. */
bool gt_dyn_isinstance(const gt_dyn *d, uint32_t kinds);

/* A union value (`h: Tensor | tuple[Tensor, Tensor]`) is a gt_dyn made
 * with its member's descriptor, one descriptor per member (the compiler
 * gives each class member its own), so the descriptor tells the member:
 * gt_union_type gives it, gt_union_get the value inside (borrowed), which
 * must be of `member` (a TypeError otherwise: a checked narrowing). */
const gt_type *gt_union_type(const gt_dyn *u);
gt_val gt_union_get(const gt_dyn *u, const gt_type *member);
/* The object inside, of whichever member (each a class deriving the one
 * whose method is called: `p.speak()` of a Dog | Cat). */
void *gt_union_object(const gt_dyn *u);
/* u (or NULL) as a value of another union: a value of member from[i] is
 * one of to[i] there (a Dog of a Dog | int is the Animal of an Animal |
 * int); a new reference. */
gt_dyn *gt_union_recast(gt_dyn *u, int32_t n, const gt_type *const *from, const gt_type *const *to);
/* The descriptors of a bool or an int stored as a wider number member (a
 * True as an `int | str`'s int, a 3 as a `float | str`'s float): the
 * value keeps its own type, so it prints as Python prints it (True, 3),
 * while gt_union_type gives the member and gt_union_get the value as the
 * member's (1, 3.0), or as its own type where asked (True, 3). */
extern const gt_type gt_t_bool_as_int, gt_t_bool_as_float, gt_t_int_as_float;
/* Python's truth of the value inside (`if h:`). */
bool gt_union_truth(const gt_dyn *u);

/* copy.deepcopy(x) and copy.copy(x) of a value of type t (copy.c; t and
 * result are the same type): Python's copies, by the descriptor. An
 * object of a .gtp class is copied by its class's layout: the struct's
 * size and its fields, each with its type (a deep copy copies each field
 * of a reference type); the objects of a class whose layout is
 * gt_layout_atomic (functions, enum members, devices) are their own
 * copies. Other objects are copied by gt_object_deepcopy (the tensor
 * layer sets it: tensors, state dicts, modules), which returns NULL where
 * it has no copier for the class, a TypeError then. */
typedef struct gt_field {
  const char *name;     /* "fc"; NULL for the layer a class deriving a layer made */
  size_t offset;        /* offsetof(struct, field) */
  const gt_type *type;
} gt_field;
typedef struct gt_layout {
  size_t size;          /* sizeof the struct */
  int32_t nfields;
  const gt_field *fields;
} gt_layout;
extern const gt_layout gt_layout_atomic;

/* One deepcopy's memo, as Python's `memo` dict: what is copied already,
 * by the key its copier chose (the object; a tensor's storage for
 * tensors, so that two handles of one tensor stay one tensor). */
typedef struct gt_copier gt_copier;
void *gt_copier_find(const gt_copier *c, const void *key);
void gt_copier_add(gt_copier *c, const void *key, void *copy);
/* The deep copy of v (a new reference), within the copy c is making. */
gt_val gt_copy_deep(gt_copier *c, gt_val v, const gt_type *t);

gt_val gt_copy_deepcopy(gt_val v, const gt_type *t, const gt_type *result);
gt_val gt_copy_copy(gt_val v, const gt_type *t, const gt_type *result);
extern gt_obj *(*gt_object_deepcopy)(gt_obj *self, gt_copier *c);

/* An object as the plain values Python's json module sees in it (json.c):
 * the tensor layer sets it, giving a state dict (what `dict[str, Any]`
 * is) as a new dict[str, dyn] and storing its descriptor in *t; it leaves
 * *t NULL for an object that is no such container. */
extern gt_val (*gt_object_plain)(gt_obj *self, const gt_type **t);

/* ---- int and float ----------------------------------------------------- */

/* 64-bit integers; overflow is `OverflowError: integer overflow` (not a wrap). */
static inline int64_t gt_int_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) gt_fail("OverflowError: integer overflow in %s", "+");
  return r;
}
static inline int64_t gt_int_sub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) gt_fail("OverflowError: integer overflow in %s", "-");
  return r;
}
static inline int64_t gt_int_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) gt_fail("OverflowError: integer overflow in %s", "*");
  return r;
}
/* None of an Optional[int] (an int or float parameter that defaults to
 * None too): a value no int64 arithmetic result is mistaken for in
 * practice; of an Optional[float], a NaN whose payload ("None") no
 * computation makes: the NaNs of float("nan") and of arithmetic have
 * payload 0, so a NaN loss is a float, not None (gt_float_is_none). A
 * runtime function taking a float that defaults to None tests isnan(). */
#ifndef GT_NONE_INT
#define GT_NONE_INT INT64_MIN
#define GT_NONE_FLOAT __builtin_nan("0x4e6f6e65")
#endif

/* An Optional field read where a test said it is not None (`if self.h is
 * not None: ... self.h`): a call the checker cannot follow (an operator or
 * __str__ of a class) may have set it to None since, which stops the
 * program as Python would fail on the None. */
static inline void *gt_some(void *value, const char *what) {
  if (!value) gt_fail("TypeError: %s was tested not None, but is None here", what);
  return value;
}
static inline int64_t gt_some_int(int64_t value, const char *what) {
  if (value == GT_NONE_INT) gt_fail("TypeError: %s was tested not None, but is None here", what);
  return value;
}
static inline bool gt_float_is_none(double x) {
  double none = GT_NONE_FLOAT;
  uint64_t a, b;
  __builtin_memcpy(&a, &x, sizeof a);
  __builtin_memcpy(&b, &none, sizeof b);
  return a == b;
}
static inline double gt_some_float(double value, const char *what) {
  if (gt_float_is_none(value)) gt_fail("TypeError: %s was tested not None, but is None here", what);
  return value;
}

/* ---- numbers: an int, a float or a bool ------------------------------------
 * A value of a dict of ints, floats and bools ({"epoch": 3, "loss": 0.25},
 * {"num_workers": 1, "shuffle": True}), or the item() of a tensor whose
 * dtype the compiler did not know, is an int, a float or a bool, which
 * one known at run time, so that it prints and computes as in Python. It is
 * a double's bits, with an int or a bool NaN-boxed in them: NaNs no
 * arithmetic makes, an int's low 50 bits holding it (an int outside
 * -2**49 .. 2**49-1 is an OverflowError); a float NaN is stored as the one
 * plain NaN. A bool is an int as well (gt_num_is_int), as in Python. */
typedef int64_t gt_num;
#define GT_NONE_NUM ((gt_num)0x7FF4000000000000)  /* None of an Optional[int | float]: a NaN no number is */
extern const gt_type gt_t_num;
gt_num gt_num_int(int64_t i);
gt_num gt_num_float(double f);
gt_num gt_num_bool(bool b);
/* The number inside union value u (an `int | float | str` that a test
 * narrowed to its numbers), keeping whether it is an int, float or bool. */
gt_num gt_union_num(const gt_dyn *u);
bool gt_num_is_int(gt_num n);          /* an int or a bool */
bool gt_num_is_bool(gt_num n);
const char *gt_num_type_name(gt_num n);  /* "int", "float" or "bool" */
int64_t gt_num_int_value(gt_num n);    /* of an int or a bool */
double gt_num_as_float(gt_num n);      /* float(n), and n where a float is taken */
int64_t gt_num_to_int(gt_num n);       /* int(n): truncates a float */
bool gt_num_truth(gt_num n);
gt_num gt_num_neg(gt_num n);
gt_num gt_num_abs(gt_num n);
int64_t gt_num_round(gt_num n);                      /* round(n): an int */
gt_num gt_num_round_digits(gt_num n, int64_t ndigits);  /* round(n, ndigits) */
/* a op b as Python computes it: '+', '-', '*', '/', 'f' (//), '%', 'p' (**) */
gt_num gt_num_arith(char op, gt_num a, gt_num b);
/* below, at or above 0.0 as a is below, equal to or above b; NaN if unordered */
double gt_num_cmp(gt_num a, gt_num b);
gt_str *gt_num_str(gt_num n);
gt_str *gt_num_format(gt_num n, const gt_str *spec);
/* A field read where an assignment said it holds a `cls` (a class that
 * derives the field's): `is` tells whether value still is one. A call the
 * checker cannot follow may have assigned another object since, which
 * stops the program rather than misreading the object. */
static inline void *gt_narrowed(void *value, bool is, const char *what, const char *cls) {
  if (!is) gt_fail("TypeError: %s was assigned a %s, but holds an object of another class here", what, cls);
  return value;
}
static inline gt_num gt_some_num(gt_num value, const char *what) {  /* gt_some of an Optional[int | float] */
  if (value == GT_NONE_NUM) gt_fail("TypeError: %s was tested not None, but is None here", what);
  return value;
}

/* A read of a field that a method other than __init__ assigns, before it
 * ran: Python's error, naming the object's own class. */
static inline void gt_check_attr(bool set, const void *obj, const char *name) {
  if (!set) gt_fail("AttributeError: '%s' object has no attribute '%s'", ((const gt_obj *)obj)->cls->name, name);
}

/* A read of a variable that some path leaves unassigned (`for` that ran no
 * time): Python's error where it is not. */
static inline void gt_check_bound(bool set, const char *name, bool local) {
  if (set) return;
  if (local) gt_fail("UnboundLocalError: cannot access local variable '%s' where it is not associated with a value", name);
  gt_fail("NameError: name '%s' is not defined", name);
}

/* The value after cur in a range(..., stop, step) loop; stop once past the
 * end, so that a step near the int64 limits cannot overflow. */
static inline int64_t gt_range_after(int64_t cur, int64_t stop, int64_t step) {
  int64_t next;
  return __builtin_add_overflow(cur, step, &next) ? stop : next;
}
/* Compares an int with a float exactly, as Python does (converting a large
 * int to float would round it): a result below, at or above 0.0 as i is
 * below, equal to or above f; NaN when f is NaN, so every ordered test
 * against 0.0 is false. */
static inline double gt_int_float_cmp(int64_t i, double f) {
  if (f != f) return f;
  if (f >= 9223372036854775808.0) return -1.0;
  if (f < -9223372036854775808.0) return 1.0;
  int64_t whole = (int64_t)f;  /* f's integral part: exact in this range */
  if (i != whole) return i < whole ? -1.0 : 1.0;
  return (double)whole - f;    /* exact: minus f's fraction */
}
int64_t gt_int_neg(int64_t a);
int64_t gt_int_floordiv(int64_t a, int64_t b);  /* floors; ZeroDivisionError */
int64_t gt_int_mod(int64_t a, int64_t b);       /* sign of b; ZeroDivisionError */
double gt_int_truediv(int64_t a, int64_t b);    /* `/` on ints: correctly rounded */
int64_t gt_int_pow(int64_t a, int64_t b);       /* b < 0: ValueError (ints are static; use float ** int) */
int64_t gt_int_lshift(int64_t a, int64_t b);
int64_t gt_int_rshift(int64_t a, int64_t b);
int64_t gt_int_abs(int64_t a);
double gt_float_div(double a, double b);        /* ZeroDivisionError: float division by zero */
double gt_float_floordiv(double a, double b);   /* Python's float // */
double gt_float_mod(double a, double b);        /* Python's float % */
double gt_float_pow(double a, double b);        /* Python's float **; negative ** fractional is a ValueError (no complex) */
int64_t gt_float_to_int(double x);              /* int(x): truncates; ValueError/OverflowError */
int64_t gt_round_int(double x);                 /* round(x): half to even */
double gt_round_float(double x, int64_t ndigits); /* round(x, n) as CPython */
int64_t gt_int_round(int64_t x, int64_t ndigits); /* round(n, ndigits) of an int */
int64_t gt_float_floor(double x);               /* math.floor */
int64_t gt_float_ceil(double x);                /* math.ceil */

/* ---- str --------------------------------------------------------------- */

/* Immutable UTF-8 text. `data` points at the bytes (NUL-terminated; either
 * just after the header or at a C literal for static strings); `len` is in
 * bytes. Indexing and len() count code points as Python does. A literal in
 * generated code is `static gt_str s = {{GT_IMMORTAL, &gt_str_class}, 5, "hello"};` */
struct gt_str {
  gt_obj h;
  int64_t len;
  const char *data;
};
extern const gt_class gt_str_class;

gt_str *gt_str_new(const char *bytes, int64_t len);
gt_str *gt_str_from_cstr(const char *s);
int64_t gt_str_len(const gt_str *s);                       /* code points */
gt_str *gt_str_concat(const gt_str *a, const gt_str *b);
gt_str *gt_str_repeat(const gt_str *s, int64_t n);
bool gt_str_eq(const gt_str *a, const gt_str *b);
int gt_str_cmp(const gt_str *a, const gt_str *b);          /* <0, 0, >0 by code point */
gt_str *gt_str_getitem(const gt_str *s, int64_t i);        /* IndexError: string index out of range */
/* Slices take GT_NOIDX for an omitted bound. */
#define GT_NOIDX INT64_MIN
gt_str *gt_str_slice(const gt_str *s, int64_t lo, int64_t hi, int64_t step);
bool gt_str_contains(const gt_str *s, const gt_str *sub);
/* Methods; `chars`/`sep` may be NULL for Python's None; maxsplit -1 = all. */
struct gt_list *gt_str_split(const gt_str *s, const gt_str *sep, int64_t maxsplit);
/* s.splitlines(keepends): at \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029 */
struct gt_list *gt_str_splitlines(const gt_str *s, bool keepends);
gt_str *gt_str_join(const gt_str *sep, const struct gt_list *parts);
struct gt_tuple;
gt_str *gt_str_join_tuple(const gt_str *sep, const struct gt_tuple *parts);  /* ", ".join(("a", "b")) */
gt_str *gt_str_strip(const gt_str *s, const gt_str *chars);
gt_str *gt_str_lstrip(const gt_str *s, const gt_str *chars);
gt_str *gt_str_rstrip(const gt_str *s, const gt_str *chars);
bool gt_str_startswith(const gt_str *s, const gt_str *prefix);
bool gt_str_endswith(const gt_str *s, const gt_str *suffix);
struct gt_tuple;
bool gt_str_startswith_tuple(const gt_str *s, const struct gt_tuple *prefixes);  /* any of a tuple of strs */
bool gt_str_endswith_tuple(const gt_str *s, const struct gt_tuple *suffixes);
int64_t gt_str_find(const gt_str *s, const gt_str *sub);   /* code-point index or -1 */
int64_t gt_str_count(const gt_str *s, const gt_str *sub);
int64_t gt_str_rfind(const gt_str *s, const gt_str *sub);  /* code-point index or -1 */
int64_t gt_str_index(const gt_str *s, const gt_str *sub);  /* ValueError: substring not found */
int64_t gt_str_rindex(const gt_str *s, const gt_str *sub);
/* The same of s[start:end] (code-point indices as a slice's; end
 * GT_NONE_INT: to the end), indices counted in s. */
int64_t gt_str_find_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end);
int64_t gt_str_rfind_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end);
int64_t gt_str_index_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end);
int64_t gt_str_rindex_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end);
int64_t gt_str_count_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end);
bool gt_str_startswith_in(const gt_str *s, const gt_str *prefix, int64_t start, int64_t end);
bool gt_str_endswith_in(const gt_str *s, const gt_str *suffix, int64_t start, int64_t end);
bool gt_str_startswith_in_tuple(const gt_str *s, const struct gt_tuple *prefixes, int64_t start, int64_t end);
bool gt_str_endswith_in_tuple(const gt_str *s, const struct gt_tuple *suffixes, int64_t start, int64_t end);
struct gt_list *gt_str_rsplit(const gt_str *s, const gt_str *sep, int64_t maxsplit);
/* s.partition(sep), s.rpartition(sep): a tuple of type t, (str, str, str) */
struct gt_tuple *gt_str_partition(const gt_str *s, const gt_str *sep, const gt_type *t);
struct gt_tuple *gt_str_rpartition(const gt_str *s, const gt_str *sep, const gt_type *t);
gt_str *gt_str_removeprefix(const gt_str *s, const gt_str *prefix);
gt_str *gt_str_removesuffix(const gt_str *s, const gt_str *suffix);
gt_str *gt_str_replace(const gt_str *s, const gt_str *old, const gt_str *new_, int64_t count);
/* Case mapping and character classes know all of Unicode, as CPython's:
 * full case mappings ('ß'.upper() == 'SS'), the final sigma rule of lower(),
 * and split() and strip() know all of Unicode's whitespace. */
gt_str *gt_str_upper(const gt_str *s);
gt_str *gt_str_lower(const gt_str *s);
bool gt_str_isdigit(const gt_str *s);
bool gt_str_isalpha(const gt_str *s);
bool gt_str_isspace(const gt_str *s);
gt_str *gt_str_title(const gt_str *s);
gt_str *gt_str_capitalize(const gt_str *s);
gt_str *gt_str_swapcase(const gt_str *s);
bool gt_str_isupper(const gt_str *s);
bool gt_str_islower(const gt_str *s);
bool gt_str_isalnum(const gt_str *s);
bool gt_str_isnumeric(const gt_str *s);
bool gt_str_isdecimal(const gt_str *s);
gt_str *gt_str_zfill(const gt_str *s, int64_t width);
gt_str *gt_str_center(const gt_str *s, int64_t width, const gt_str *fillchar); /* fillchar NULL: a space */
gt_str *gt_str_ljust(const gt_str *s, int64_t width, const gt_str *fillchar);
gt_str *gt_str_rjust(const gt_str *s, int64_t width, const gt_str *fillchar);
uint64_t gt_str_hash(const gt_str *s);
gt_str *gt_chr(int64_t cp);                 /* chr(i); ValueError: chr() arg not in range(0x110000) */
int64_t gt_ord(const gt_str *s);            /* ord(c); TypeError unless one character */
gt_str *gt_hex(int64_t v);                   /* hex(v): '-0xff' */
gt_str *gt_oct(int64_t v);                   /* oct(v): '0o10' */
gt_str *gt_bin(int64_t v);                   /* bin(v): '-0b101' */

/* Conversions. */
gt_str *gt_str_of_int(int64_t x);
gt_str *gt_str_of_float(double x);                 /* repr(x): shortest round-trip, as CPython */
gt_str *gt_str_of_bool(bool x);                    /* "True" / "False" */
gt_str *gt_str_repr(const gt_str *s);              /* 'it''s' quoting as CPython's repr */
int64_t gt_int_of_str(const gt_str *s);            /* int("12"); ValueError as CPython */
int64_t gt_int_of_str_base(const gt_str *s, int64_t base); /* int(s, base): base 2-36 or 0, CPython's prefixes and errors */
double gt_float_of_str(const gt_str *s);           /* float(" 1e3 "), "inf", "nan" */
/* str(v) and repr(v) of any value of static type `t`. An object (GT_K_OBJ)
 * prints through cls->str / cls->repr, else as `<NAME object>` (no module
 * or address, unlike CPython). */
gt_str *gt_val_str(gt_val v, const gt_type *t);
gt_str *gt_val_repr(gt_val v, const gt_type *t);
/* format(v, spec): Python's format-spec mini-language for int, float, str,
 * bool; `spec` may be NULL for "". ValueError on a bad spec. */
gt_str *gt_format(gt_val v, const gt_type *t, const gt_str *spec);
/* Concatenates n strings (f-strings). */
gt_str *gt_str_build(int64_t n, gt_str *const *parts);
/* fmt % args (strformat.c): printf-style formatting as CPython's, with its
 * errors; `args` of type `t` is a tuple of the arguments, a dict for
 * %(name)s, or the one argument. */
gt_str *gt_str_percent(const gt_str *fmt, gt_val args, const gt_type *t);
/* fmt % (a, b, ...) of a tuple display: its n values and their types. */
gt_str *gt_str_percent_n(const gt_str *fmt, int64_t n, const gt_val *vals, const gt_type *const *types);
/* fmt.format(...) of a format string known only at run time: vals[i] of
 * type types[i], the nargs positional arguments, then the nkw keyword ones
 * named names[j]. `{0.attr}` and `{0[i]}` fields are a ValueError here. */
gt_str *gt_str_format(const gt_str *fmt, int64_t nargs, int64_t nkw, const gt_val *vals,
                      const gt_type *const *types, const char *const *names);
/* ascii() of a repr: its non-ASCII code points escaped (`!a`, `%a`). */
gt_str *gt_str_ascii(const gt_str *repr);

/* ---- list[T] ----------------------------------------------------------- */

typedef struct gt_list {
  gt_obj h;
  const gt_type *type;   /* the list type itself: kind LIST, args[0] the element */
  int64_t len, cap;
  gt_val *items;
} gt_list;
extern const gt_class gt_list_class;

gt_list *gt_list_new(const gt_type *type, int64_t cap);
/* A list from n values (a literal `[a, b, c]`); retains ref elements. */
gt_list *gt_list_of(const gt_type *type, int64_t n, ...);
/* A list from an array of n values (long constant literals); retains ref elements. */
gt_list *gt_list_from_array(const gt_type *type, int64_t n, const gt_val *items);
static inline int64_t gt_list_len(const gt_list *l) { return l->len; }
gt_val gt_list_get(const gt_list *l, int64_t i);           /* IndexError: list index out of range */
void gt_list_set(gt_list *l, int64_t i, gt_val v);         /* IndexError: list assignment index out of range */
void gt_list_append(gt_list *l, gt_val v);
gt_val gt_list_pop(gt_list *l, int64_t i);                 /* returns the removed reference */
void gt_list_insert(gt_list *l, int64_t i, gt_val v);
void gt_list_del(gt_list *l, int64_t i);                   /* del l[i]; IndexError: list assignment index out of range */
void gt_list_extend(gt_list *l, const gt_list *other);
/* [*xs, *t]: n items of l's element type (a list's or a tuple's), retained */
void gt_list_extend_array(gt_list *l, const gt_val *items, int64_t n);
void gt_list_remove(gt_list *l, gt_val v);                 /* ValueError: list.remove(x): x not in list */
int64_t gt_list_index(const gt_list *l, gt_val v);
int64_t gt_list_count(const gt_list *l, gt_val v);
void gt_list_clear(gt_list *l);
void gt_list_sort(gt_list *l, bool reverse);               /* stable, as list.sort() */
void gt_list_reverse(gt_list *l);
gt_list *gt_list_copy(const gt_list *l);
gt_list *gt_list_slice(const gt_list *l, int64_t lo, int64_t hi, int64_t step);
void gt_list_del_slice(gt_list *l, int64_t lo, int64_t hi, int64_t step);  /* del l[lo:hi:step] */
/* l[lo:hi:step] = v; ValueError for an extended slice of another size */
void gt_list_set_slice(gt_list *l, int64_t lo, int64_t hi, int64_t step, const gt_list *v);
gt_list *gt_list_concat(const gt_list *a, const gt_list *b);
gt_list *gt_list_repeat(const gt_list *l, int64_t n);
bool gt_list_contains(const gt_list *l, gt_val v);
gt_list *gt_sorted(const gt_list *l, bool reverse);
/* key=: l ordered by keys (keys[i] the key of l's item i), stable */
void gt_list_sort_by(gt_list *l, const gt_list *keys, bool reverse);
gt_list *gt_sorted_by(const gt_list *l, const gt_list *keys, bool reverse);
/* min/max(xs, key=f): the index of the first least (greatest) key; what: "min" or "max" */
int64_t gt_keys_best(const gt_list *keys, bool greatest, const char *what);
gt_list *gt_reversed(const gt_list *l);
/* A list of the code points of a str, each a 1-character str (for `for c in s`, list(s)). */
gt_list *gt_list_of_str(const gt_str *s);
gt_list *gt_range_list(int64_t start, int64_t stop, int64_t step);  /* list(range(...)) */

/* ---- json (json.c) -------------------------------------------------------- */

struct gt_tuple; /* below */

/* json.dumps(v) of a value of type t: indent GT_NONE_INT for one line;
 * separators NULL, or a tuple of two strs (item_separator,
 * key_separator); TypeError for a set, an object or a key JSON has no
 * form of. */
gt_str *gt_json_dumps(gt_val v, const gt_type *t, int64_t indent, bool sort_keys, bool ensure_ascii,
                      const struct gt_tuple *separators);
/* json.loads(s) into a new value of type t: ValueError with CPython's
 * JSONDecodeError message for bad text, TypeError where a value does not
 * fit t (a str where an int is expected, an array's length for a tuple). */
gt_val gt_json_loads(const gt_str *s, const gt_type *t);

/* ---- tuple[...] -------------------------------------------------------- */

typedef struct gt_tuple {
  gt_obj h;
  const gt_type *type;   /* kind TUPLE, args the element types */
  int64_t len;
  gt_val items[];
} gt_tuple;
extern const gt_class gt_tuple_class;

/* A tuple from type->nargs values given as gt_val; retains ref elements. */
gt_tuple *gt_tuple_of(const gt_type *type, ...);
gt_val gt_tuple_get(const gt_tuple *t, int64_t i);         /* IndexError: tuple index out of range */
/* A tuple[T, ...] of n items of type elem (a `*args` parameter's), from an
 * array (NULL when n is 0); retains ref elements. */
gt_tuple *gt_tuple_of_elems(const gt_type *elem, int64_t n, const gt_val *items);
/* a + b: a new tuple of a's items, then b's, of the fixed tuple type `type`,
 * or (type NULL) a tuple[T, ...] of elem; references retained. */
gt_tuple *gt_tuple_concat(const gt_type *type, const gt_type *elem, const gt_tuple *a, const gt_tuple *b);
/* t[lo:hi:step]: of the fixed tuple type `type` (the compiler knows its
 * items), or (type NULL) a tuple[T, ...] of elem; references retained. */
gt_tuple *gt_tuple_slice(const gt_type *type, const gt_type *elem, const gt_tuple *t, int64_t lo, int64_t hi,
                         int64_t step);
/* t * k: of the fixed tuple type `type`, or (NULL) a tuple[T, ...] of elem */
gt_tuple *gt_tuple_repeat(const gt_type *type, const gt_type *elem, const gt_tuple *t, int64_t k);
/* t.index(v), t.count(v) of a tuple of v's type; ValueError: tuple.index(x): x not in tuple */
int64_t gt_tuple_index(const gt_tuple *t, gt_val v);
int64_t gt_tuple_count(const gt_tuple *t, gt_val v);
bool gt_tuple_contains(const gt_tuple *t, gt_val v);        /* v in t, t a tuple[T, ...] of v's type */

/* ---- ints: an int or a tuple of ints ----------------------------------- */

/* An extern parameter declared `name: ints` takes an int, a tuple or a list
 * of ints, as PyTorch's sizes do (kernel_size=3, kernel_size=(3, 5)); C gets
 * the n values by value. n is 0 for None. */
#define GT_INTS_MAX 8
typedef struct gt_ints {
  int64_t n;
  int64_t v[GT_INTS_MAX];
} gt_ints;

static inline gt_ints gt_ints_int(int64_t i) {
  gt_ints r = {1, {i}};
  return r;
}

static inline gt_ints gt_ints_none(void) {
  gt_ints r = {0, {0}};
  return r;
}

/* A tuple[int, ...] value (the compiler allows at most GT_INTS_MAX items). */
static inline gt_ints gt_ints_tuple(const gt_tuple *t) {
  gt_ints r = {t->len, {0}};
  for (int64_t i = 0; i < t->len && i < GT_INTS_MAX; i++) r.v[i] = t->items[i].i;
  return r;
}

/* A list[int] ([3, 5], or a torch.Size the compiler iterated into one):
 * more than GT_INTS_MAX items is a ValueError. */
gt_ints gt_ints_list(const gt_list *l);

/* `name: floats`: a float, an int or a tuple of them (Normalize's mean and
 * std); n is 0 for None. */
typedef struct gt_floats {
  int64_t n;
  double v[GT_INTS_MAX];
} gt_floats;

static inline gt_floats gt_floats_float(double f) {
  gt_floats r = {1, {f}};
  return r;
}

static inline gt_floats gt_floats_none(void) {
  gt_floats r = {0, {0}};
  return r;
}

/* A tuple of ints and floats: each item as its type says. */
static inline gt_floats gt_floats_tuple(const gt_tuple *t) {
  gt_floats r = {t->len, {0}};
  for (int64_t i = 0; i < t->len && i < GT_INTS_MAX; i++)
    r.v[i] = t->type->args[i]->kind == GT_K_FLOAT ? t->items[i].f : (double)t->items[i].i;
  return r;
}

/* ---- dict[K, V] (K is str, int or bool) -------------------------------- */

typedef struct gt_dict gt_dict;   /* insertion ordered, as Python's */
extern const gt_class gt_dict_class;

gt_dict *gt_dict_new(const gt_type *type);
const gt_type *gt_dict_type(const gt_dict *d);              /* its descriptor: args[0] key, args[1] value */
int64_t gt_dict_len(const gt_dict *d);
gt_val gt_dict_get(const gt_dict *d, gt_val key);           /* KeyError: 'key' */
gt_val gt_dict_get_or(const gt_dict *d, gt_val key, gt_val dflt);  /* d.get(k, dflt) */
void gt_dict_set(gt_dict *d, gt_val key, gt_val v);
bool gt_dict_contains(const gt_dict *d, gt_val key);
gt_val gt_dict_pop(gt_dict *d, gt_val key);                 /* KeyError */
void gt_dict_del(gt_dict *d, gt_val key);                   /* KeyError */
gt_list *gt_dict_keys(const gt_dict *d);                    /* list[K] */
gt_list *gt_dict_values(const gt_dict *d);                  /* list[V] */
gt_list *gt_dict_items(const gt_dict *d, const gt_type *list_of_pairs); /* list[tuple[K, V]] */
void gt_dict_update(gt_dict *d, const gt_dict *other);
gt_dict *gt_dict_copy(const gt_dict *d);                    /* d.copy(): a new dict, same order (and kind) */
/* A dict that stands for Python's OrderedDict (a module's state_dict(), a
 * state dict torch.load read): printed `OrderedDict([(k, v), ...])`, its
 * views `odict_keys([...])`; copies keep the mark, dict(d) does not. */
void gt_dict_set_ordered(gt_dict *d, bool ordered);
bool gt_dict_is_ordered(const gt_dict *d);
void gt_dict_clear(gt_dict *d);
/* d.setdefault(key, dflt): d[key], set to dflt first where missing (a new reference) */
gt_val gt_dict_setdefault(gt_dict *d, gt_val key, gt_val dflt);
/* Iteration in insertion order without a list: start with *pos = 0; each
 * call stores the next key and value (BORROWED; either pointer may be NULL)
 * and returns false at the end. The dict must not change meanwhile. */
bool gt_dict_next(const gt_dict *d, int64_t *pos, gt_val *key, gt_val *value);

/* ---- f(**d) into named parameters ---------------------------------------
 * A call `f(a, **d)` of a function without a `**` parameter: before the
 * call, gt_kwargs_check raises the TypeError CPython raises for d's keys
 * (an unexpected keyword, a parameter given twice, a required one missing),
 * and for a value of a type the parameter does not take; then each
 * parameter d may give is gt_kwargs_get's value, or its default. */
typedef enum gt_kwhow {
  GT_KW_MAY,         /* d may give it; its default applies otherwise */
  GT_KW_MUST,        /* required, and the call gives it no other way */
  GT_KW_POSITIONAL,  /* the call gives it by position */
  GT_KW_KEYWORD,     /* the call gives it by name */
  GT_KW_UNFIT        /* d's values are never of its type, `takes` */
} gt_kwhow;
typedef struct gt_kwparam {
  const char *name;
  gt_kwhow how;
  const char *takes;  /* GT_KW_UNFIT: the parameter's type, for the message */
} gt_kwparam;
/* fname: "f", "Point.__init__" (CPython's qualified name); value_type: V of
 * d's dict[str, V]. Borrows d. */
void gt_kwargs_check(const gt_dict *d, const gt_type *value_type, const char *fname, const gt_kwparam *params, int n);
/* A method called with `given` positional arguments besides self where it
 * takes `want`, named names[0..want): CPython's TypeError (too many, or
 * the missing ones named), raised; nothing where they agree. */
void gt_positional_check(const char *fname, const char *const *names, int64_t want, int64_t given);
/* d[key] (BORROWED) into *value, if d has the key (a str). */
bool gt_kwargs_get(const gt_dict *d, const gt_str *key, gt_val *value);
/* An int | float number (a value of a dict of numbers, a tensor's item()
 * of unknown dtype) for an int or a bool parameter: a float, or an int
 * for a bool, is the TypeError "f() argument 'x' takes int, not float". */
int64_t gt_num_arg_int(gt_num v, const char *fname, const char *name);
bool gt_num_arg_bool(gt_num v, const char *fname, const char *name);

/* ---- set[T] (T is int, float, bool or str) ----------------------------- */

/* CPython's hash set, step for step: it iterates, prints and pops in the
 * order CPython's set does (for strs, CPython's under PYTHONHASHSEED=0). */
typedef struct gt_set gt_set;
extern const gt_class gt_set_class;

gt_set *gt_set_new(const gt_type *type);
/* A set from n values (a display `{a, b, c}`); retains ref elements. */
gt_set *gt_set_of(const gt_type *type, int64_t n, ...);
/* A display of 3 or more constants, which CPython makes from a frozenset
 * constant (its order may differ from gt_set_of's). */
gt_set *gt_set_of_consts(const gt_type *type, int64_t n, ...);
gt_set *gt_set_of_list(const gt_type *type, const gt_list *l);  /* set(xs) */
gt_set *gt_set_of_dict(const gt_type *type, const gt_dict *d);  /* set(d): its keys */
gt_list *gt_set_list(const gt_set *s);                /* list(s), in iteration order */
int64_t gt_set_len(const gt_set *s);
bool gt_set_contains(const gt_set *s, gt_val v);
void gt_set_add(gt_set *s, gt_val v);
void gt_set_discard(gt_set *s, gt_val v);
void gt_set_remove(gt_set *s, gt_val v);              /* KeyError: v */
gt_val gt_set_pop(gt_set *s);                         /* KeyError: 'pop from an empty set' */
void gt_set_clear(gt_set *s);
gt_set *gt_set_copy(const gt_set *s);
/* a | b, a & b, a - b, a ^ b: new sets */
gt_set *gt_set_union(const gt_set *a, const gt_set *b);
gt_set *gt_set_intersection(const gt_set *a, const gt_set *b);
gt_set *gt_set_difference(const gt_set *a, const gt_set *b);
gt_set *gt_set_symmetric_difference(const gt_set *a, const gt_set *b);
/* s |= o, s &= o, s -= o, s ^= o: in place, as Python's */
void gt_set_update(gt_set *s, const gt_set *o);
void gt_set_intersection_update(gt_set *s, const gt_set *o);
void gt_set_difference_update(gt_set *s, const gt_set *o);
void gt_set_symmetric_difference_update(gt_set *s, const gt_set *o);
bool gt_set_issubset(const gt_set *a, const gt_set *b);    /* a <= b */
bool gt_set_issuperset(const gt_set *a, const gt_set *b);  /* a >= b */
bool gt_set_isdisjoint(const gt_set *a, const gt_set *b);
bool gt_set_lt(const gt_set *a, const gt_set *b);          /* a < b: a proper subset */
bool gt_set_eq(const gt_set *a, const gt_set *b);
/* The methods given a list of elements (s.update(xs), s.union(xs), ...),
 * as CPython's take any iterable. */
void gt_set_update_list(gt_set *s, const gt_list *l);
void gt_set_intersection_update_list(gt_set *s, const gt_list *l);
void gt_set_difference_update_list(gt_set *s, const gt_list *l);
void gt_set_symmetric_difference_update_list(gt_set *s, const gt_list *l);
gt_set *gt_set_union_list(const gt_set *a, const gt_list *l);
gt_set *gt_set_intersection_list(const gt_set *a, const gt_list *l);
gt_set *gt_set_difference_list(const gt_set *a, const gt_list *l);
gt_set *gt_set_symmetric_difference_list(const gt_set *a, const gt_list *l);
bool gt_set_issubset_list(const gt_set *a, const gt_list *l);
bool gt_set_issuperset_list(const gt_set *a, const gt_list *l);
bool gt_set_isdisjoint_list(const gt_set *a, const gt_list *l);
/* Iteration without a list, as gt_dict_next: *pos = 0 first; the element
 * is BORROWED; the set must not change meanwhile. */
bool gt_set_next(const gt_set *s, int64_t *pos, gt_val *v);

/* ---- values of any type ---------------------------------------------- */

bool gt_val_eq(gt_val a, gt_val b, const gt_type *t);
/* CPython's hash(v) of an int, float, bool, str, tuple of those or object
 * (an object's __hash__ where its static type is a gt_hashed_type, else
 * its identity); TypeError: unhashable type for the others. */
int64_t gt_hash(gt_val v, const gt_type *t);
/* id(x) of a value of type t: a reference's address (obj.c); a number's bits. */
int64_t gt_id(gt_val v, const gt_type *t);
/* The address of field `name` of a .gtp class's object, by its class's
 * layout (obj.c), or NULL where it has none: how the runtime reads the
 * state of a stdlib class written in .gtp (an OrderedDict's `_d`). */
void *gt_obj_field(gt_obj *o, const char *name);
/* That field's entry in the layout of class cls (its name, offset and
 * type), or NULL where the class has none of that name. */
const gt_field *gt_class_field(const gt_class *cls, const char *name);
/* The descriptor of a class with __hash__: kind GT_K_OBJ, nargs -1, and
 * the function that calls the __hash__ of the object's class. */
typedef struct gt_hashed_type {
  gt_type type;
  int64_t (*hash)(gt_obj *self);
} gt_hashed_type;
int gt_val_cmp(gt_val a, gt_val b, const gt_type *t);    /* TypeError where Python has no order */
/* Releases v if t is a reference type. */
static inline void gt_val_release(gt_val v, const gt_type *t) {
  if (gt_type_is_ref(t)) gt_release(v.p);
}
static inline gt_val gt_val_retain(gt_val v, const gt_type *t) {
  if (gt_type_is_ref(t)) gt_retain(v.p);
  return v;
}

/* Aggregates over a list, as Python's builtins. */
int64_t gt_sum_int(const gt_list *l);
/* any(l), all(l): the truth of each element, as bool(x) (not of objects) */
bool gt_list_any(const gt_list *l);
bool gt_list_all(const gt_list *l);
/* divmod(a, b) as a tuple of type t: (a // b, a % b); ZeroDivisionError */
struct gt_tuple *gt_divmod_int(const gt_type *t, int64_t a, int64_t b);
struct gt_tuple *gt_divmod_float(const gt_type *t, double a, double b);
double gt_sum_float(const gt_list *l);
gt_num gt_sum_num(const gt_list *l);  /* of a list[int | float] */
gt_val gt_min(const gt_list *l);   /* ValueError: min() arg is an empty sequence */
gt_val gt_max(const gt_list *l);

/* ---- print --------------------------------------------------------------- */

/* print(*args, sep=sep, end=end): sep/end NULL for the defaults " " and "\n".
 * stdout is buffered; gt_fail and gt_exit flush it. */
void gt_print(int64_t n, gt_str *const *args, const gt_str *sep, const gt_str *end);
/* print(..., flush=flush): stdout written out where flush is true. */
void gt_print_flush(bool flush);
/* print(a, *xs, b): strs, a list[str], takes str(a), then str() of each item
 * of xs (a list or tuple of type t), ...; gt_print_list prints them. */
void gt_print_add(gt_list *strs, gt_val seq, const gt_type *t);
void gt_print_list(const gt_list *strs, const gt_str *sep, const gt_str *end);
/* input(): a line without its newline; EOFError at end of input. */
gt_str *gt_input(const gt_str *prompt);

/* ---- functions as values --------------------------------------------------
 * A Callable value: a .gtp function, a lambda or a closure. `code` is a C
 * function whose first parameter is the gt_fn itself, then the call's
 * arguments (the generated code casts it to its signature); a closure's
 * struct starts with a gt_fn and holds what it captured after it. */
typedef struct gt_fn {
  gt_obj h;
  void (*code)(void);
} gt_fn;
extern const gt_class gt_fn_class;   /* a top-level function's value (immortal) */
/* A method bound to its object (`f = obj.method`): code receives the
 * gt_bound, whose self it calls the method on; the value holds self. */
typedef struct gt_bound {
  gt_fn fn;
  void *self;
} gt_bound;
gt_fn *gt_fn_bind(void (*code)(void), void *self);
/* The object a bound method value holds (borrowed), or NULL for another function. */
void *gt_fn_bound_self(const gt_fn *fn);

/* ---- multiprocessing (process.c) ------------------------------------------
 * The primitives under stdlib/multiprocessing.gtp's Process, over fork(2).
 * gt_mp_start flushes every output stream, forks, and in the child calls
 * boot (a Callable[[], None]) under a handler and _exits with CPython's
 * code (0; a SystemExit's code; 1 after another exception, printed on
 * stderr as `Process NAME:` and its traceback), never returning; the
 * parent gets the child's pid. Codes are os.waitstatus_to_exitcode's (-N
 * after signal N); GT_NONE_INT while running (or for a pid this process did
 * not start). At the program's exit, daemonic children are terminated
 * (SIGTERM) and the others joined, as multiprocessing's atexit function. */
int64_t gt_mp_start(gt_fn *boot, const gt_str *name, bool daemon);
int64_t gt_mp_poll(int64_t pid);                    /* waitpid WNOHANG */
int64_t gt_mp_wait(int64_t pid, double timeout);    /* timeout GT_NONE_FLOAT: until it ends */
/* Until one of pids (a list[int]) has ended (true) or timeout seconds have
 * passed (false; GT_NONE_FLOAT: no limit): multiprocessing.connection.wait
 * of their sentinels. */
bool gt_mp_wait_any(const gt_list *pids, double timeout);
void gt_mp_signal(int64_t pid, int64_t sig);        /* nothing where it has ended */
/* A pipe [read end, write end]; a str written whole; what the read end
 * holds now ("" where nothing, without waiting); close. OSError on failure. */
gt_list *gt_mp_pipe(void);
/* os._exit(status): the process ends at once, nothing flushed (os.c). */
GT_NORETURN void gt_os__exit(int64_t status);
void gt_mp_fd_write(int64_t fd, const gt_str *s);
gt_str *gt_mp_fd_read(int64_t fd);
void gt_mp_fd_close(int64_t fd);
/* What a forked child runs first, before the program's code: libgtorch
 * sets it (OpenMP's threads cannot be used after fork). NULL: nothing. */
extern void (*gt_after_fork_child)(void);

/* ---- modules: sys, math, time ------------------------------------------ */

extern gt_list *gt_sys_argv;            /* list[str], set by gt_init */
/* sys.exit(status), sys.exit(message): SystemExit, which a handler may
 * catch; uncaught, the exit (a message printed on stderr, status 1). */
GT_NORETURN void gt_sys_exit(int64_t status);
GT_NORETURN void gt_sys_exit_msg(gt_str *msg);
/* e.code of a SystemExit: None, or the int or str sys.exit() or
 * SystemExit() was given, as a value of the type it is (a new reference). */
struct gt_exc;
gt_dyn *gt_SystemExit_code(struct gt_exc *e);
double gt_math_sqrt(double x);          /* ValueError: math domain error */
double gt_math_exp(double x);           /* OverflowError: math range error */
double gt_math_log(double x);
double gt_math_log2(double x);
double gt_math_log10(double x);
double gt_math_pow(double x, double y);
double gt_math_sin(double x);
double gt_math_cos(double x);
double gt_math_tan(double x);
double gt_math_atan(double x);
double gt_math_atan2(double y, double x);
double gt_math_tanh(double x);
double gt_math_hypot(double x, double y);
double gt_math_fabs(double x);
bool gt_math_isnan(double x);
bool gt_math_isinf(double x);
bool gt_math_isclose(double a, double b, double rel_tol, double abs_tol);
/* mathmore.c: the rest of math, CPython's errors and algorithms */
double gt_math_asin(double x);
double gt_math_acos(double x);
double gt_math_sinh(double x);
double gt_math_cosh(double x);
double gt_math_asinh(double x);
double gt_math_acosh(double x);
double gt_math_atanh(double x);
double gt_math_expm1(double x);
double gt_math_log1p(double x);
double gt_math_exp2(double x);
double gt_math_cbrt(double x);
double gt_math_erf(double x);
double gt_math_erfc(double x);
double gt_math_gamma(double x);         /* CPython's Lanczos sum, not libm's */
double gt_math_lgamma(double x);
double gt_math_copysign(double x, double y);
double gt_math_fmod(double x, double y);
double gt_math_remainder(double x, double y);
double gt_math_degrees(double x);
double gt_math_radians(double x);
double gt_math_ldexp(double x, int64_t i);
double gt_math_frexp_mantissa(double x);
int64_t gt_math_frexp_exponent(double x);
double gt_math_modf_fraction(double x);
double gt_math_modf_whole(double x);
bool gt_math_isfinite(double x);
double gt_math_fsum(const gt_list *xs);                 /* list[float], correctly rounded */
int64_t gt_math_prod_int(const gt_list *xs, int64_t start);
double gt_math_prod_float(const gt_list *xs, double start);
double gt_math_dist(const gt_list *p, const gt_list *q);
/* CPython's vector_norm of n non-negative finite values, max the largest
 * (v is scaled in place where they are subnormal). */
double gt_math_norm(double *v, int64_t n, double max);
int64_t gt_math_factorial(int64_t n);
int64_t gt_math_comb(int64_t n, int64_t k);
int64_t gt_math_perm(int64_t n, int64_t k);             /* k GT_NONE_INT: n */
int64_t gt_math_isqrt(int64_t n);
int64_t gt_math_lcm(int64_t a, int64_t b);
double gt_time_time(void);
double gt_time_perf_counter(void);
void gt_time_sleep(double seconds);
double gt_time_monotonic(void);
double gt_time_process_time(void);
double gt_time_thread_time(void);
int64_t gt_time_time_ns(void);
int64_t gt_time_monotonic_ns(void);
int64_t gt_time_perf_counter_ns(void);
int64_t gt_time_process_time_ns(void);
/* gmtime/localtime: struct_time's nine ints (secs NaN: now). */
gt_list *gt_time_fields(double secs, bool local);
gt_str *gt_time_strftime(const gt_str *format, const gt_list *fields);  /* fields NULL: now */
double gt_time_mktime(const gt_list *fields);

/* ---- text streams: open(), sys.stdout, io.StringIO (textio.c, file.c,
 * stringio.c) ------------------------------------------------------------ */

/* A text stream (io.TextIOBase): open()'s text file, sys.stdin, sys.stdout
 * and sys.stderr (TextIOWrapper), or an io.StringIO. Sizes and positions
 * count code points; a closed stream is CPython's ValueError, and one not
 * open for reading or writing an `OSError: not readable` / `not writable`. */
typedef struct gt_textio gt_textio;
gt_str *gt_textio_read(gt_textio *f, int64_t size);       /* size < 0: all */
gt_str *gt_textio_readline(gt_textio *f, int64_t size);
gt_list *gt_textio_readlines(gt_textio *f, int64_t hint); /* hint <= 0: all */
gt_textio *gt_textio_iter(gt_textio *f);
int gt_textio_next(gt_textio *f, gt_str **line);           /* 1 a line, 0 the end */
int64_t gt_textio_write(gt_textio *f, const gt_str *s);    /* code points written */
void gt_textio_writelines(gt_textio *f, const gt_list *lines);
void gt_textio_flush(gt_textio *f);
void gt_textio_close(gt_textio *f);
gt_textio *gt_textio_enter(gt_textio *f);
void gt_textio_exit(gt_textio *f);
bool gt_textio_closed(gt_textio *f);

/* open(): a text file, UTF-8 with universal newlines on reading; newline:
 * NULL (None) or "", "\n", "\r", "\r\n". */
gt_textio *gt_open(const gt_str *path, const char *mode, const char *encoding, const char *newline);
/* A TextIOWrapper's name and mode: open()'s, or "<stdout>" and "w" ... */
gt_str *gt_file_name(gt_textio *f);
gt_str *gt_file_mode(gt_textio *f);
/* sys.stdin, sys.stdout and sys.stderr: TextIOWrapper streams over C's
 * (set by gt_init). stdout is print's own buffered stream, stderr is
 * unbuffered; close() marks them closed and leaves C's streams open. */
extern gt_textio *const gt_sys_stdin, *const gt_sys_stdout, *const gt_sys_stderr;

/* io.StringIO(initial_value) (newline="\n") and io.StringIO(initial_value,
 * newline): initial_value NULL for "" (None), newline as open()'s. */
gt_textio *gt_stringio_new(const gt_str *initial_value);
gt_textio *gt_stringio_new_newline(const gt_str *initial_value, const char *newline);
gt_str *gt_stringio_getvalue(gt_textio *f);
int64_t gt_stringio_tell(gt_textio *f);
int64_t gt_stringio_seek(gt_textio *f, int64_t pos, int64_t whence);
int64_t gt_stringio_truncate(gt_textio *f, int64_t size);  /* GT_NONE_INT: at the position */

/* json.dump(v, fp, ...) and json.load(fp): dumps written to, and loads of
 * the text read from, an open text stream (borrowed). */
void gt_json_dump(gt_val v, const gt_type *t, gt_textio *fp, int64_t indent, bool sort_keys, bool ensure_ascii,
                  const struct gt_tuple *separators);
gt_val gt_json_load(gt_textio *fp, const gt_type *t);
/* An OSError of errno `err` in the class CPython gives it
 * (FileNotFoundError, ...): `[Errno 2] No such file or directory: 'x'`;
 * path NULL for none, path2 for `'a' -> 'b'`. */
GT_NORETURN void gt_fail_errno(int err, const gt_str *path);
GT_NORETURN void gt_fail_errno2(int err, const gt_str *path, const gt_str *path2);

/* ---- os, os.path, shutil (os.c) ----------------------------------------- */

gt_str *gt_os_getcwd(void);
int64_t gt_os_getpid(void);
int64_t gt_os_getppid(void);
void gt_os_chdir(const gt_str *path);
void gt_os_mkdir(const gt_str *path, int64_t mode);
void gt_os_rmdir(const gt_str *path);
void gt_os_remove(const gt_str *path);
void gt_os_rename(const gt_str *src, const gt_str *dst);
void gt_os_symlink(const gt_str *src, const gt_str *dst);  /* dst a link to src */
gt_list *gt_os_listdir(const gt_str *path);           /* readdir's order */
int64_t gt_os_path_kind(const gt_str *path);          /* 0 none, 1 file, 2 dir, 3 other */
int64_t gt_os_path_lkind(const gt_str *path);         /* the same, not following a link: 4 a link */
int64_t gt_os_path_getsize(const gt_str *path);
int64_t gt_os_cpu_count(void);
gt_str *gt_os_getenv(const gt_str *key);               /* NULL: unset */
gt_str *gt_os_getenv_default(const gt_str *key, gt_str *fallback);
/* os.environ: the process's environment, read and written in place. */
typedef struct gt_environ gt_environ;
extern gt_environ *const gt_os_environ;
gt_str *gt_environ_get(gt_environ *env, const gt_str *key);
gt_str *gt_environ_get_default(gt_environ *env, const gt_str *key, gt_str *fallback);
gt_str *gt_environ_getitem(gt_environ *env, const gt_str *key);     /* KeyError: 'K' */
void gt_environ_setitem(gt_environ *env, const gt_str *key, const gt_str *value);
bool gt_environ_contains(gt_environ *env, const gt_str *key);
gt_str *gt_environ_pop(gt_environ *env, const gt_str *key);
void gt_os_putenv(const gt_str *key, const gt_str *value);
void gt_os_unsetenv(const gt_str *key);
gt_list *gt_environ_keys(gt_environ *env);
int64_t gt_environ_len(gt_environ *env);
gt_str *gt_shutil_copyfile(const gt_str *src, gt_str *dst);  /* returns dst */
int64_t gt_os_path_rfind(const gt_str *s, const gt_str *sub);  /* str.rfind */

/* ---- random: CPython's Mersenne Twister (random.c) ----------------------- */

void gt_random_seed(int64_t a);         /* the key: |a| in 32-bit words */
void gt_random_seed_system(void);       /* from getrandom() */
double gt_random_random(void);          /* 53 bits, genrand_res53 */
int64_t gt_random_getrandbits(int64_t k);  /* k <= 63 here */
int64_t gt_random_bit_length(int64_t n);

/* ---- unicodedata (unicodedata.c) ----------------------------------------- */

/* The functions of one character (`chr`) raise CPython's TypeError where it
 * is not one: "category() argument must be a unicode character, not str". */
gt_str *gt_unicodedata_category(const gt_str *chr);
gt_str *gt_unicodedata_bidirectional(const gt_str *chr);
gt_str *gt_unicodedata_east_asian_width(const gt_str *chr);
int64_t gt_unicodedata_mirrored(const gt_str *chr);
int64_t gt_unicodedata_combining(const gt_str *chr);
gt_str *gt_unicodedata_decomposition(const gt_str *chr);
/* Without a default, a character without the value is a ValueError; a
 * default of GT_NONE_INT (GT_NONE_FLOAT) is returned as it is, None. */
int64_t gt_unicodedata_decimal(const gt_str *chr);
int64_t gt_unicodedata_decimal_default(const gt_str *chr, int64_t dflt);
int64_t gt_unicodedata_digit(const gt_str *chr);
int64_t gt_unicodedata_digit_default(const gt_str *chr, int64_t dflt);
double gt_unicodedata_numeric(const gt_str *chr);
double gt_unicodedata_numeric_default(const gt_str *chr, double dflt);
gt_num gt_unicodedata_numeric_int_default(const gt_str *chr, int64_t dflt);
/* form "NFC", "NFKC", "NFD" or "NFKD"; another is a ValueError, but for an
 * empty unistr (CPython looks at the text first). */
gt_str *gt_unicodedata_normalize(const gt_str *form, const gt_str *unistr);
bool gt_unicodedata_is_normalized(const gt_str *form, const gt_str *unistr);
extern gt_str *const gt_unicodedata_unidata_version;   /* "14.0.0": the tables' */

/* ---- generators ------------------------------------------------------------ */

/* A generator: a function with `yield` (the compiler makes a struct of this
 * header and the function's variables, and a `next` that runs the body from
 * the yield it stopped at to the next one), or iter() of a list. */
typedef struct gt_gen gt_gen;
struct gt_gen {
  gt_obj h;
  /* Runs to the next yield: true and a new reference in *item, or false at
   * the end, where it has released what it held and set state to -1. */
  bool (*next)(gt_gen *self, gt_val *item);
  int state;  /* the yield the body stopped at (0: not started); -1: ended */
  /* Its body yields inside try statements or with blocks, which an
   * exception thrown in where it resumes (gt_gen_throw, gt_gen_close)
   * passes through: the compiler's generators set it. */
  bool resumes_in_try;
  struct gt_exc *thrown;  /* that exception, until the body raises it (gt_gen_raise_thrown) */
  const gt_type *item_type;  /* its items' type (the compiler's generators set it), or NULL: not known */
};

/* next(g): false once g has ended, and ever after (Python's StopIteration). */
static inline bool gt_gen_next(gt_gen *g, gt_val *item) { return g->state >= 0 && g->next(g, item); }
/* A new generator of `size` bytes (its header first), zeroed but for next. */
gt_gen *gt_gen_new(size_t size, const gt_class *cls, bool (*next)(gt_gen *, gt_val *));
/* `<generator object QUALNAME at 0x...>`, as CPython's repr of one. */
gt_str *gt_gen_repr(const gt_obj *g, const char *qualname);
/* list(g): the rest of g's items, in a new list of type list_type. */
gt_list *gt_gen_list(gt_gen *g, const gt_type *list_type);
/* iter(xs): the items of the list as a generator, which sees the list grow. */
gt_gen *gt_iter_list(gt_list *l);
/* The same, printing as a generator named qualname (a static string):
 * the library's generators made of a list (Module.parameters). */
gt_gen *gt_iter_list_as(gt_list *l, const char *qualname);
/* iter(obj) of an iterator class: a generator of what next(obj) returns
 * (a new reference, boxed), ending at its StopIteration. Takes obj. */
gt_gen *gt_iter_object(gt_obj *obj, gt_val (*next)(gt_obj *obj));
/* next(g): the next item (a new reference), or `StopIteration` at the end;
 * next(g, dflt): dflt at the end (retained if t is a reference type). */
gt_val gt_next(gt_gen *g);
gt_val gt_next_or(gt_gen *g, gt_val dflt, const gt_type *t);
/* any(g), all(g) of items of type t: they stop at the item that decides. */
bool gt_gen_any(gt_gen *g, const gt_type *t);
bool gt_gen_all(gt_gen *g, const gt_type *t);

#ifdef __cplusplus
}
#endif

#endif
