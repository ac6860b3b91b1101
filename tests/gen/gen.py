#!/usr/bin/python3
"""Generates a random, well-typed core-language .gtp program from a seed.

    gen.py --seed N [--size S] [--feature NAME]... [--list-features]

The program is valid Python 3.11 as well as .gtp, deterministic, quick to
run, and prints enough of its state that a miscompile shows: run_gen.py
compiles it with gtorchc and compares what it prints with what
/usr/bin/python3 prints.

Every value is kept inside what both languages agree on. Each int carries a
static bound on its magnitude and every expression is built so that no
intermediate result leaves 64 bits (Python has big ints, .gtp raises
OverflowError); each float a bound that keeps it finite; each str and list a
bound on its length. A variable keeps one bound for its whole life, so every
assignment to it is wrapped (`% M`, `[:L]`) where the value could exceed it:
the invariant then holds in loops without knowing how often they run.

The generator also avoids what docs/language.md lists as different from
Python: an int where a float is expected (Python would keep the int), int **
negative, mutable default arguments, printing objects without __repr__, and
it never mutates a container while iterating over it.
"""

import argparse
import json
import math
import os
import random
import sys

LIMIT = 2 ** 62          # no intermediate int may exceed this in magnitude
FLIMIT = 1e15            # floats stay below this, so they never reach inf
STR_CAP = 60             # default bound on the length of str variables

# Python builtins and modules the generated code calls: never user names.
RESERVED = set("""print len range min max sum sorted abs str int float list dict
tuple enumerate zip round bool repr reversed math sys self input type object
None True False and or not in is if else elif while for def class return pass
break continue global import from as with assert del lambda try except raise
finally yield nonlocal async await extern cstr ints floats Self""".split())

# Names that the emitted C might meet: C keywords, names from the C library,
# libm, <stdint.h> and their macros, the runtime's own names, Python's soft
# keywords, and names that look like mangled ones.
C_KEYWORDS = """auto case char const default do double enum goto inline long
register restrict short signed sizeof static struct switch typedef union unsigned
void volatile _Bool _Generic _Noreturn _Atomic _Alignof""".split()
C_LIBRARY_NAMES = """remainder nan fmax fmin hypot fmod fabs sqrt sin cos exp log
log2 pow floor ceil trunc lround copysign isnan isinf signbit cbrt atan2 ldexp
frexp modf erf NAN INFINITY HUGE_VAL M_PI size_t ssize_t ptrdiff_t int8_t
int64_t uint64_t intptr_t true false NULL EOF FILE errno stdin stdout stderr
argc environ main exit abort free malloc calloc realloc printf fprintf snprintf
puts putchar fflush strlen strcmp memcpy memset qsort atoi strtol rand srand time
clock signal setjmp longjmp offsetof va_list INT64_MAX INT64_MIN DBL_MAX SIZE_MAX
CHAR_BIT alloca""".split()
RUNTIME_NAMES = """gt_str gt_list gt_dict gt_fail gt_print gt_obj gt_retain
gt_release gt_val gt_tuple gt_init gt_exit gt_format gt_int_add gt_str_len
gt_list_get gt_main gt_t_int gt_x GT_NONE_INT gt_""".split()
OTHER_NAMES = """match _ int_ float_ str_ list_ char_ self_ ret result tmp _t0 _t1
t0 argv_ main_""".split()
# Non-ASCII identifiers that NFKC normalisation leaves alone (Python
# normalises names, so a name that it changes would meet another).
OTHER_NAMES += ["\u00e9", "\u65e5\u672c", "na\u00efve", "\u03a9mega", "\u03c0", "x_\u00e9"]

# Feature steering. What is listed here is generated only when asked for
# with --feature; each entry names the known compiler bug that made the
# campaign stop generating it, so that one known bug does not drown the
# others. Remove an entry when its golden case passes.
STEER_AWAY = {
    "minmax_of_str": "pick = min; pick('hello'): the learnt Callable takes the list of characters min() walks",
    "in_derived_list": "P(1) in xs of a list[Q], Q(P), P with __eq__: 'in' is not supported between P and list[Q]",
}


def special_names(avoid):
    """The special names the generator may use, less the steered-away ones."""
    names = C_KEYWORDS + RUNTIME_NAMES + OTHER_NAMES
    if "c_library_names" not in avoid:
        names += C_LIBRARY_NAMES
    if "trailing_underscore" in avoid:
        names = [n for n in names if not n.endswith("_")]
    return names


STR_POOL = ["", "a", "ab", "abc", "hello", "Hello World", "  pad  ", "x-y-z",
            "a,b,,c", "0", "42", "-7", "3.5", "tab\there", "line\nbreak",
            "quote'd", 'dq"x', "back\\slash", "caf\u00e9", "\u65e5\u672c",
            "\U0001f600!", "MiXeD", "zz", "a b  c", "___", "{}", "%d", "#1",
            # Unicode that case mapping, isspace, isdigit and repr treat
            # specially, and bytes that C strings do not like.
            "stra\u00dfe", "\u0130x", "\u01c5", "\u00a0nb\u3000", "\u200bz", "\u00b2", "\u0663",
            "nul\x00mid", "\x7f\r", "\u00c9T\u00c9"]
# Literals that may appear inside an f-string's expression in Python 3.11:
# no backslash, no quote, no '#', no braces.
FSTR_SAFE_POOL = [s for s in STR_POOL
                  if s.isprintable() and not any(c in s for c in "\\'\"#{}")]

INT_SPECS = ["d", "5d", "<6", ">7", "^8", "+d", " d", "05d", "x", "X", "#x",
             "o", "#o", "b", "#b", ",", "_", "_x", "=+8", "*^9", "-<5", "08,",
             "e", ".2f", "%"]
FLOAT_SPECS = [".2f", ".0f", ".3e", "e", "g", ".3g", "10.2f", "<12.4f",
               "+.1f", ",.2f", "%", ".1%", "E", "G", "F", "08.3f", "=+10.2f",
               "*^14.3f", "_.3f", ".10g", ".17g", "", " .2f", "#.0f", "#g"]
STR_SPECS = ["", "<8", ">8", "^9", "*>10", ".3", "-^7", "10.2", "s", ">3"]


class Ty:
    """A static type with bounds: kind is int, float, str, bool, list,
    dict, tuple or obj. b bounds an int's or float's magnitude, a str's or
    container's length; elem / key / val / items describe the elements."""

    def __init__(self, kind, b=0, elem=None, key=None, val=None, items=None, cls=None):
        self.kind, self.b, self.elem = kind, b, elem
        self.key, self.val, self.items, self.cls = key, val, items, cls

    def ann(self):
        """The annotation that spells this type."""
        if self.kind == "list":
            return "list[%s]" % self.elem.ann()
        if self.kind == "dict":
            return "dict[%s, %s]" % (self.key.ann(), self.val.ann())
        if self.kind == "tuple":
            return "tuple[%s]" % ", ".join(t.ann() for t in self.items)
        if self.kind == "obj":
            return self.cls.name
        return self.kind

    def same(self, other):
        return self.ann() == other.ann()


def T(kind, b=0):
    return Ty(kind, b)


class Var:
    def __init__(self, name, ty, mutable=True, annotated=False):
        self.name, self.ty, self.mutable, self.annotated = name, ty, mutable, annotated


class Func:
    def __init__(self, name, params, ret, cost):
        self.name, self.params, self.ret, self.cost = name, params, ret, cost


class Cls:
    def __init__(self, name):
        self.name = name
        self.fields = []       # Var with name 'field'
        self.ctor = []         # (param name, Ty)
        self.mutators = []     # (method name, [(param, Ty)])
        self.getters = []      # (method name, [(param, Ty)], Ty)
        self.ordered = False   # has __eq__ and __lt__


class Scope:
    """The variables visible in a block; a block's new names vanish with it
    (Python would keep them, but on a path that may not have run)."""

    def __init__(self, parent=None):
        self.parent, self.vars = parent, []

    def all(self):
        out = list(self.parent.all()) if self.parent else []
        return out + self.vars


def prec_wrap(code, prec, need):
    return "(%s)" % code if prec < need else code


class Gen:
    def __init__(self, seed, size=1.0, features=()):
        self.r = random.Random(seed)
        self.seed = seed
        self.size = size
        self.lines = []
        self.used = set()
        self.counter = 0
        self.funcs = []
        self.classes = []
        self.scope = Scope()
        self.frozen = set()        # containers that must not be mutated now
        self.mult = 1              # how often the current block may run
        self.loop_depth = 0
        self.fdepth = 0            # > 0 inside an f-string's expression
        self.in_func = None
        self.uses_math = False
        self.uses_sys = False
        self.features = list(features)
        self.avoid = set(STEER_AWAY) - set(features)
        self.specials = special_names(self.avoid)
        self.counter_name = None   # a global that functions update
        self.func_params = set()   # the parameters of the function being made
        self.ctx_cls = None        # the context-manager class, if any

    # ---- names -------------------------------------------------------

    def fresh(self, prefix="v"):
        """A name never used before in this program; now and then one of the
        special names, or a name that differs from a used one by a trailing
        underscore."""
        r = self.r
        roll = r.random()
        if roll < 0.12:
            cand = r.choice(self.specials)
            if cand not in self.used and cand not in RESERVED:
                self.used.add(cand)
                return cand
        if roll < 0.18 and self.used and "trailing_underscore" not in self.avoid:
            cand = r.choice(sorted(self.used)) + "_"
            if cand not in self.used:
                self.used.add(cand)
                return cand
        self.counter += 1
        name = "%s%d" % (prefix, self.counter)
        self.used.add(name)
        return name

    # ---- output --------------------------------------------------------

    def emit(self, text, ind):
        self.lines.append("    " * ind + text)

    # ---- literals --------------------------------------------------------

    def int_lit(self, lim):
        r = self.r
        roll = r.random()
        if roll < 0.5:
            v = r.randint(0, min(lim, 12))
        elif roll < 0.8:
            v = r.randint(0, min(lim, 1000))
        else:
            v = r.randint(0, lim)
        neg = r.random() < 0.3 and v != 0
        form = r.random()
        if form < 0.06:
            text = hex(v)
        elif form < 0.09:
            text = oct(v)
        elif form < 0.11:
            text = bin(v)
        elif form < 0.14 and v >= 1000:
            text = "{:_}".format(v)
        else:
            text = str(v)
        if neg:
            return "-" + text, 13, v
        return text, 17, v

    def float_lit(self, lim):
        r = self.r
        roll = r.random()
        if roll < 0.3:
            v = r.choice([0.0, 0.5, 1.0, 2.5, 0.1, 0.2, 0.3, 1.5, 3.75, 100.0, 0.125, 1e-7, 2.675, 0.005])
        elif roll < 0.7:
            v = round(r.uniform(0, min(lim, 1000.0)), r.randint(0, 4))
        elif roll < 0.85:
            v = r.uniform(0, min(lim, 1.0))
        else:
            v = r.uniform(0, lim)
        v = min(v, lim)
        text = repr(float(v))
        if r.random() < 0.3 and v != 0:
            return "-" + text, 13, v
        return text, 17, v

    def str_lit(self, lim):
        r = self.r
        pool = FSTR_SAFE_POOL if self.fdepth else STR_POOL
        pool = [s for s in pool if len(s) <= lim] or [""]
        s = r.choice(pool)
        if self.fdepth:
            return "'%s'" % s, 17, len(s)
        roll = r.random()
        if not s.isprintable():
            roll = 1.0   # only repr() may spell it
        if roll < 0.05 and "\\" not in s and '"' not in s and "\n" not in s:
            return 'r"%s"' % s, 17, len(s)
        if roll < 0.08 and '"' not in s and "\\" not in s:
            return '"""%s"""' % s.replace("\n", "\\n"), 17, len(s)
        if roll < 0.12 and len(s) >= 2:
            h = len(s) // 2
            return "%s %s" % (repr(s[:h]), repr(s[h:])), 17, len(s)
        return repr(s), 17, len(s)

    # ---- variables -------------------------------------------------------

    def vars_of(self, pred):
        return [v for v in self.scope.all() if pred(v)]

    def pick_var(self, kind, lim=None, pred=None):
        cands = self.vars_of(lambda v: v.ty.kind == kind and (lim is None or v.ty.b <= lim)
                             and (pred is None or pred(v)))
        return self.r.choice(cands) if cands else None

    def declare(self, var):
        self.scope.vars.append(var)
        return var

    # ---- int expressions ---------------------------------------------------
    # Each returns (code, precedence, bound) with bound <= lim.

    def int_expr(self, lim, d):
        lim = max(1, min(lim, LIMIT))
        r = self.r
        if d <= 0 or r.random() < 0.25:
            return self.int_leaf(lim)
        choices = [self.int_arith, self.int_arith, self.int_mul, self.int_div,
                   self.int_unary, self.int_minmax, self.int_from_other,
                   self.int_cond, self.int_bits, self.int_pow, self.int_call]
        for _ in range(4):
            got = r.choice(choices)(lim, d - 1)
            if got:
                return self.wrap_int(got, lim)
        return self.int_leaf(lim)

    def int_leaf(self, lim):
        v = self.pick_var("int")
        if v and self.r.random() < 0.7:
            if v.ty.b <= lim:
                return v.name, 17, v.ty.b
            return self.wrap_int((v.name, 17, v.ty.b), lim)
        return self.int_lit(lim)

    def wrap_int(self, e, lim):
        """e reduced into [-lim, lim] by Python's floor modulo."""
        code, prec, b = e
        if b <= lim:
            return e
        m = self.r.randint(1, lim) if lim < 50 else self.r.choice([lim, self.r.randint(1, lim)])
        if self.r.random() < 0.3:
            return "%s %% -%d" % (prec_wrap(code, prec, 12), m), 12, m
        return "%s %% %d" % (prec_wrap(code, prec, 12), m), 12, m

    def int_arith(self, lim, d):
        a = self.int_expr(lim // 2, d)
        b = self.int_expr(lim // 2, d)
        op = self.r.choice("+-")
        return "%s %s %s" % (prec_wrap(a[0], a[1], 11), op, prec_wrap(b[0], b[1], 12)), 11, a[2] + b[2]

    def int_mul(self, lim, d):
        la = self.r.randint(1, max(1, int(lim ** 0.5)))
        a = self.int_expr(la, d)
        b = self.int_expr(max(1, lim // max(1, a[2])), d)
        return "%s * %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(b[0], b[1], 13)), 12, max(1, a[2] * b[2])

    def divisor(self, d):
        """A nonzero int expression: (code, prec, bound)."""
        r = self.r
        roll = r.random()
        if roll < 0.5 or d <= 0:
            v = r.randint(1, 17)
            if r.random() < 0.35:
                return "-%d" % v, 13, v
            return str(v), 17, v
        k = r.randint(2, 9)
        a = self.int_expr(1000, d - 1)
        if roll < 0.75:
            return "(%s %% %d + 1)" % (prec_wrap(a[0], a[1], 12), k), 17, k
        return "-(abs(%s) %% %d + 1)" % (a[0], k), 13, k

    def int_div(self, lim, d):
        dv = self.divisor(d)
        if self.r.random() < 0.5:
            a = self.int_expr(lim, d)
            return "%s // %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(dv[0], dv[1], 13)), 12, a[2]
        if dv[2] > lim:
            return None
        a = self.int_expr(LIMIT // 4, d)
        return "%s %% %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(dv[0], dv[1], 13)), 12, dv[2]

    def int_unary(self, lim, d):
        a = self.int_expr(lim, d)
        roll = self.r.random()
        if roll < 0.4:
            return "-" + prec_wrap(a[0], a[1], 13), 13, a[2]
        if roll < 0.5:
            return "+" + prec_wrap(a[0], a[1], 13), 13, a[2]
        if roll < 0.6 and lim >= a[2] + 1:
            return "~" + prec_wrap(a[0], a[1], 13), 13, a[2] + 1
        return "abs(%s)" % a[0], 16, a[2]

    def int_minmax(self, lim, d):
        n = self.r.choice([2, 2, 3])
        args = [self.int_expr(lim, d) for _ in range(n)]
        if self.r.random() < 0.3:
            xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "int" and v.ty.elem.b <= lim)
            if xs:
                f = self.r.choice(["min", "max"])
                dflt = self.int_lit(lim)
                return ("%s(%s) if %s else %s" % (f, xs.name, xs.name, dflt[0]), 2,
                        max(xs.ty.elem.b, dflt[2]))
        return "%s(%s)" % (self.r.choice(["min", "max"]), ", ".join(a[0] for a in args)), 16, max(a[2] for a in args)

    def int_cond(self, lim, d):
        a = self.int_expr(lim, d)
        c = self.bool_expr(d)
        b = self.int_expr(lim, d)
        return "%s if %s else %s" % (prec_wrap(a[0], a[1], 3), prec_wrap(c[0], c[1], 3),
                                     prec_wrap(b[0], b[1], 2)), 2, max(a[2], b[2])

    def int_bits(self, lim, d):
        r = self.r
        roll = r.random()
        if roll < 0.5:
            a = self.int_expr(max(1, lim // 2 - 1), d)
            b = self.int_expr(max(1, lim // 2 - 1), d)
            op, p = r.choice([("&", 9), ("|", 7), ("^", 8)])
            return "%s %s %s" % (prec_wrap(a[0], a[1], p), op, prec_wrap(b[0], b[1], p + 1)), p, 2 * max(a[2], b[2]) + 1
        k = r.randint(0, 12)
        if roll < 0.75:
            a = self.int_expr(max(1, lim >> k), d)
            return "%s << %d" % (prec_wrap(a[0], a[1], 10), k), 10, max(1, a[2] << k)
        a = self.int_expr(lim, d)
        return "%s >> %d" % (prec_wrap(a[0], a[1], 10), k), 10, a[2]

    def int_pow(self, lim, d):
        k = self.r.randint(0, 3)
        base_lim = int(lim ** (1.0 / k)) if k else lim
        while k and (base_lim + 1) ** k <= lim:
            base_lim += 1
        while k and base_lim ** k > lim:
            base_lim -= 1
        if base_lim < 1:
            return None
        a = self.int_expr(base_lim, d)
        return "%s ** %d" % (prec_wrap(a[0], a[1], 16), k), 14, max(1, a[2] ** k)

    def int_from_other(self, lim, d):
        """An int computed from a value of another type or a container;
        None when the program has nothing that fits."""
        producers = [(0.12, self.int_len), (0.13, self.int_of_float), (0.12, self.int_list_item), (0.05, self.int_set),
                     (0.08, self.int_sum), (0.08, self.int_str_search), (0.08, self.int_dict_get),
                     (0.06, self.int_tuple_item), (0.08, self.int_of_bool), (0.06, self.int_str_roundtrip),
                     (0.07, self.int_round_tens), (0.07, self.int_gcd)]
        roll = self.r.random()
        for weight, producer in producers:
            if roll < weight:
                return producer(lim, d)
            roll -= weight
        return self.int_gcd(lim, d)

    def int_len(self, lim, d):
        s = self.str_expr(min(lim, 40), d)
        return "len(%s)" % s[0], 16, s[2]

    def int_set(self, lim, d):
        """An int from a set of ints: its len, sum or max, the set a display,
        two of them combined by | & - ^, or a comprehension over a list."""
        if lim < 8:
            return None
        b = max(1, lim // 8)

        def display():
            items = [self.int_expr(b, d)[0] for _ in range(self.r.randint(1, 4))]
            return "{%s}" % ", ".join(items)
        xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "int")
        if xs and self.r.random() < 0.3:
            s = "{x %% %d for x in %s}" % (b, xs.name)
        else:
            s = display()
        if self.r.random() < 0.5:
            s = "(%s %s %s)" % (s, self.r.choice("|&-^"), display())
        fn = self.r.choice(["len(%s)", "sum(%s)", "max(%s | {0})"])
        return fn % s, 16, 8 * b

    def int_of_float(self, lim, d):
        if lim <= 1:
            return None
        f = self.float_expr(min(lim - 1, 2 ** 52), d)
        fn = self.r.choice(["int", "round", "math.floor", "math.ceil", "math.trunc"])
        self.uses_math = self.uses_math or fn.startswith("math")
        return "%s(%s)" % (fn, f[0]), 16, int(f[2]) + 1

    def int_list_item(self, lim, d):
        xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "int")
        if not xs:
            return None
        i = self.int_expr(1000, d)
        if self.r.random() < 0.3:
            at = "-1 - %s %% len(%s)" % (prec_wrap(i[0], i[1], 12), xs.name)   # negative indexes
        else:
            at = "%s %% len(%s)" % (prec_wrap(i[0], i[1], 12), xs.name)
        el = self.wrap_int(("%s[%s]" % (xs.name, at), 16, xs.ty.elem.b), lim)
        z = self.int_lit(lim)
        return "%s if %s else %s" % (prec_wrap(el[0], el[1], 3), xs.name, z[0]), 2, max(el[2], z[2])

    def int_sum(self, lim, d):
        xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "int" and v.ty.b * v.ty.elem.b <= lim)
        if xs and self.r.random() < 0.3:
            # a generator expression consumed at once: one loop, no list
            g = self.fresh("g")
            return "sum(%s for %s in %s if %s != %d)" % (g, g, xs.name, g, self.r.randint(-2, 2)), 16, \
                max(1, xs.ty.b * xs.ty.elem.b)
        if xs:
            return "sum(%s)" % xs.name, 16, max(1, xs.ty.b * xs.ty.elem.b)
        g = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "list" and v.ty.elem.b * v.ty.elem.elem.b <= lim)
        if not g:
            return None
        i = self.int_expr(100, d)
        return ("sum(%s[%s %% len(%s)]) if %s else 0" % (g.name, prec_wrap(i[0], i[1], 12), g.name, g.name),
                2, max(1, g.ty.elem.b * g.ty.elem.elem.b))

    def int_str_search(self, lim, d):
        s = self.str_expr(min(lim, 40), d)
        t = self.str_expr(3, d)
        return "%s.%s(%s)" % (prec_wrap(s[0], s[1], 16), self.r.choice(["find", "count"]), t[0]), 16, s[2] + 1

    def int_dict_get(self, lim, d):
        dv = self.pick_var("dict", pred=lambda v: v.ty.val.kind == "int" and v.ty.val.b <= lim)
        if not dv:
            dv = self.pick_var("dict", pred=lambda v: v.ty.b <= lim)
            return ("len(%s)" % dv.name, 16, dv.ty.b) if dv else None
        k = self.key_expr(dv.ty.key, d)
        z = self.int_lit(lim)
        return "%s.get(%s, %s)" % (dv.name, k[0], z[0]), 16, max(dv.ty.val.b, z[2])

    def int_tuple_item(self, lim, d):
        tv = self.pick_var("tuple", pred=lambda v: any(t.kind == "int" and t.b <= lim for t in v.ty.items))
        if not tv:
            return None
        i = self.r.choice([i for i, t in enumerate(tv.ty.items) if t.kind == "int" and t.b <= lim])
        at = i - len(tv.ty.items) if self.r.random() < 0.3 else i
        return "%s[%d]" % (tv.name, at), 16, tv.ty.items[i].b

    def int_of_bool(self, lim, d):
        """bools as the ints 0 and 1, as Python's arithmetic takes them."""
        c = self.bool_expr(d)
        roll = self.r.random()
        if roll < 0.4 or lim < 20:
            return "int(%s)" % c[0], 16, 1
        c2 = self.bool_expr(d)
        k = self.r.randint(-9, 9)
        if roll < 0.7:
            return "(%s) * %d + (%s)" % (c[0], k, c2[0]), 11, abs(k) + 1
        return "-(%s) + ~(%s)" % (c[0], c2[0]), 11, 3

    def int_str_roundtrip(self, lim, d):
        a = self.int_expr(lim, d)
        return "int(str(%s))" % a[0], 16, a[2]

    def int_round_tens(self, lim, d):
        a = self.int_expr(min(lim, 10 ** 6), d)
        k = self.r.randint(1, 3)
        if 10 ** k + a[2] > lim:
            return None
        return "round(%s, -%d)" % (a[0], k), 16, a[2] + 10 ** k

    def int_gcd(self, lim, d):
        self.uses_math = True
        a = self.int_expr(min(lim, 10 ** 9), d)
        b = self.int_expr(min(lim, 10 ** 9), d)
        return "math.gcd(%s, %s)" % (a[0], b[0]), 16, max(a[2], b[2], 1)

    def int_call(self, lim, d):
        cands = [f for f in self.funcs if f.ret.kind == "int" and f.ret.b <= lim]
        if not cands or self.mult * max(c.cost for c in cands) > 20000:
            return self.int_field(lim)
        f = self.r.choice(cands)
        return self.call(f, d), 16, f.ret.b

    def int_field(self, lim):
        o = self.pick_var("obj")
        if not o:
            return None
        ints = [fv for fv in o.ty.cls.fields if fv.ty.kind == "int" and fv.ty.b <= lim]
        getters = [g for g in o.ty.cls.getters if g[2].kind == "int" and g[2].b <= lim]
        if getters and self.r.random() < 0.5:
            g = self.r.choice(getters)
            return "%s.%s(%s)" % (o.name, g[0], ", ".join(self.arg_for(t, 1) for _, t in g[1])), 16, g[2].b
        if ints:
            fv = self.r.choice(ints)
            return "%s.%s" % (o.name, fv.name), 16, fv.ty.b
        return None

    # ---- float expressions --------------------------------------------------

    def float_expr(self, lim, d):
        lim = max(1.0, min(float(lim), FLIMIT))
        r = self.r
        if d <= 0 or r.random() < 0.25:
            return self.float_leaf(lim)
        choices = [self.float_arith, self.float_arith, self.float_mul, self.float_div,
                   self.float_unary, self.float_from_int, self.float_math, self.float_misc]
        for _ in range(4):
            got = r.choice(choices)(lim, d - 1)
            if got:
                return self.wrap_float(got, lim)
        return self.float_leaf(lim)

    def float_leaf(self, lim):
        v = self.pick_var("float", lim)
        if v and self.r.random() < 0.7:
            return v.name, 17, v.ty.b
        return self.float_lit(lim)

    def wrap_float(self, e, lim):
        code, prec, b = e
        if b <= lim:
            return e
        m = self.r.choice([lim, max(1.0, lim / 3)])
        m = float(int(m)) if m >= 1 else m
        return "%s %% %r" % (prec_wrap(code, prec, 12), m), 12, m

    def float_arith(self, lim, d):
        a = self.float_expr(lim / 2, d)
        if self.r.random() < 0.3:
            b = self.int_expr(int(lim / 2), d)
        else:
            b = self.float_expr(lim / 2, d)
        op = self.r.choice("+-")
        if self.r.random() < 0.5:
            a, b = b, a
        return "%s %s %s" % (prec_wrap(a[0], a[1], 11), op, prec_wrap(b[0], b[1], 12)), 11, a[2] + b[2]

    def float_mul(self, lim, d):
        a = self.float_expr(self.r.uniform(1.0, max(1.0, lim ** 0.5)), d)
        b = self.float_expr(max(1.0, lim / max(1.0, a[2])), d)
        return "%s * %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(b[0], b[1], 13)), 12, max(1.0, a[2] * b[2])

    def float_div(self, lim, d):
        r = self.r
        roll = r.random()
        if roll < 0.35:
            dv, factor = r.choice([("0.25", 4), ("0.5", 2), ("3.0", 1), ("-2.0", 1), ("7.5", 1), ("1e-2", 100)])
            a = self.float_expr(lim / factor, d)
            return ("%s / %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(dv, 13 if dv[0] == "-" else 17, 13)),
                    12, a[2] * factor)
        if roll < 0.6:
            a = self.int_expr(int(min(lim, 2 ** 62)), d)
            dv = self.divisor(d)
            return "%s / %s" % (prec_wrap(a[0], a[1], 12), prec_wrap(dv[0], dv[1], 13)), 12, a[2]
        if roll < 0.8:
            a = self.float_expr(lim, d)
            b = self.float_expr(1e6, d)
            return "%s / (abs(%s) + 1.0)" % (prec_wrap(a[0], a[1], 12), b[0]), 12, a[2]
        if r.random() < 0.3:
            a = self.int_expr(int(min(lim / 2 - 1, 2 ** 52)), d)   # int // float is a float
        else:
            a = self.float_expr(lim / 2 - 1, d)
        b = self.float_expr(min(lim, 1000.0), d)
        op = r.choice(["//", "%"])
        if op == "//":
            return "%s // (abs(%s) + 0.5)" % (prec_wrap(a[0], a[1], 12), b[0]), 12, 2 * a[2] + 1
        sign = r.choice(["", "-"])
        return "%s %% %s(abs(%s) + 0.5)" % (prec_wrap(a[0], a[1], 12), sign, b[0]), 12, b[2] + 0.5

    def float_unary(self, lim, d):
        a = self.float_expr(lim, d)
        roll = self.r.random()
        if roll < 0.5:
            return "-" + prec_wrap(a[0], a[1], 13), 13, a[2]
        if roll < 0.8:
            return "abs(%s)" % a[0], 16, a[2]
        b = self.float_expr(lim, d)
        return "%s(%s, %s)" % (self.r.choice(["min", "max"]), a[0], b[0]), 16, max(a[2], b[2])

    def float_from_int(self, lim, d):
        a = self.int_expr(int(min(lim, 2 ** 62)), d)
        if self.r.random() < 0.5:
            return "float(%s)" % a[0], 16, float(a[2])
        return "%s * 1.0" % prec_wrap(a[0], a[1], 12), 12, float(a[2])

    def float_math(self, lim, d):
        r = self.r
        self.uses_math = True
        roll = r.random()
        if roll < 0.2:
            a = self.float_expr(min(lim * lim, FLIMIT), d)
            return "math.sqrt(abs(%s))" % a[0], 16, max(1.0, a[2] ** 0.5)
        if roll < 0.4:
            a = self.float_expr(1e6, d)
            return "math.%s(%s)" % (r.choice(["sin", "cos", "tanh", "atan"]), a[0]), 16, 1.6
        if roll < 0.5 and lim > 1e4:
            a = self.float_expr(9.0, d)
            return "math.exp(%s)" % a[0], 16, 8104.0
        if roll < 0.6:
            a = self.float_expr(1e12, d)
            return "math.log(abs(%s) + 1.0)" % a[0], 16, 28.0
        if roll < 0.7 and "math_hypot" not in self.avoid:
            a = self.float_expr(lim / 2, d)
            b = self.float_expr(lim / 2, d)
            return "math.hypot(%s, %s)" % (a[0], b[0]), 16, a[2] + b[2]
        if roll < 0.8:
            c = r.choice(["math.pi", "math.e", "math.tau"])
            return c, 16, 6.3
        a = self.float_expr(lim, d)
        return "round(%s, %d)" % (a[0], r.randint(0, 4)), 16, a[2] + 1

    def float_misc(self, lim, d):
        r = self.r
        roll = r.random()
        if roll < 0.3:
            xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "float" and v.ty.elem.b <= lim)
            if xs:
                i = self.int_expr(1000, d)
                return ("%s[%s %% len(%s)] if %s else 0.0" % (xs.name, prec_wrap(i[0], i[1], 12), xs.name, xs.name),
                        2, xs.ty.elem.b)
        if roll < 0.45:
            xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "float" and v.ty.b * v.ty.elem.b <= lim)
            if xs:
                return "sum(%s) if %s else 0.0" % (xs.name, xs.name), 2, xs.ty.b * xs.ty.elem.b
        if roll < 0.6:
            a = self.float_expr(lim, d)
            c = self.bool_expr(d)
            b = self.float_expr(lim, d)
            return "%s if %s else %s" % (prec_wrap(a[0], a[1], 3), prec_wrap(c[0], c[1], 3),
                                         prec_wrap(b[0], b[1], 2)), 2, max(a[2], b[2])
        if roll < 0.7:
            a = self.float_expr(lim, d)
            return "float(str(%s))" % a[0], 16, a[2]
        if roll < 0.8 and lim >= 1e4:
            if r.random() < 0.5:
                a = self.float_expr(min(lim ** 0.5, 1e7), d)
                return "%s ** 2" % prec_wrap(a[0], a[1], 16), 14, a[2] ** 2
            a = self.int_expr(int(min(lim, 1e12)), d)
            e = r.choice(["0.5", "1.5", "-1", "-0.5", "0.0"]) if a[2] < 1e6 else "0.5"
            if e.startswith("-"):
                # a negative power of a float base: 0.0 ** -1 would raise
                return "(abs(%s) + 1.0) ** %s" % (a[0], e), 14, max(1.0, (a[2] + 1.0) ** 1.5)
            return "abs(%s) ** %s" % (a[0], e), 14, max(1.0, a[2] ** float(e))
        if roll < 0.9:
            cands = [f for f in self.funcs if f.ret.kind == "float" and f.ret.b <= lim]
            if cands and self.mult * max(c.cost for c in cands) <= 20000:
                f = r.choice(cands)
                return self.call(f, d), 16, f.ret.b
        o = self.pick_var("obj")
        if o:
            fl = [fv for fv in o.ty.cls.fields if fv.ty.kind == "float" and fv.ty.b <= lim]
            if fl:
                fv = r.choice(fl)
                return "%s.%s" % (o.name, fv.name), 16, fv.ty.b
        return None

    # ---- str expressions -----------------------------------------------------

    def str_expr(self, lim, d):
        r = self.r
        lim = max(0, lim)
        if d <= 0 or r.random() < 0.25:
            return self.str_leaf(lim)
        choices = [self.str_concat, self.str_slice, self.str_conv, self.str_method,
                   self.str_fstring, self.str_misc, self.str_format, self.str_percent]
        if self.fdepth:
            choices = [self.str_concat, self.str_slice, self.str_conv, self.str_method]
        for _ in range(4):
            got = r.choice(choices)(lim, d - 1)
            if got and got[2] <= lim:
                return got
        return self.str_leaf(lim)

    def str_leaf(self, lim):
        v = self.pick_var("str")
        if v and self.r.random() < 0.7:
            if v.ty.b <= lim:
                return v.name, 17, v.ty.b
            return "%s[:%d]" % (v.name, lim), 16, lim
        return self.str_lit(lim)

    def str_concat(self, lim, d):
        if self.r.random() < 0.2 and lim >= 2:
            a = self.str_expr(lim // 3, d)
            k = self.r.randint(0, 3)
            if self.r.random() < 0.3:
                return "%d * %s" % (k, prec_wrap(a[0], a[1], 13)), 12, a[2] * k
            return "%s * %d" % (prec_wrap(a[0], a[1], 12), k), 12, a[2] * k
        a = self.str_expr(lim // 2, d)
        b = self.str_expr(lim // 2, d)
        return "%s + %s" % (prec_wrap(a[0], a[1], 11), prec_wrap(b[0], b[1], 12)), 11, a[2] + b[2]

    def slice_part(self, d):
        if self.r.random() < 0.4:
            return ""
        i = self.int_expr(30, d) if self.r.random() < 0.4 else self.int_lit(12)
        return i[0]

    def str_slice(self, lim, d):
        s = self.str_expr(lim, d)
        r = self.r
        roll = r.random()
        if roll < 0.25:
            return "%s[::-1]" % prec_wrap(s[0], s[1], 16), 16, s[2]
        if roll < 0.6:
            return "%s[%s:%s]" % (prec_wrap(s[0], s[1], 16), self.slice_part(d), self.slice_part(d)), 16, s[2]
        if roll < 0.85:
            step = r.choice([1, 2, 3, -1, -2, -3])
            return "%s[%s:%s:%d]" % (prec_wrap(s[0], s[1], 16), self.slice_part(d), self.slice_part(d), step), 16, s[2]
        if self.fdepth:
            return None
        i = self.int_expr(100, d)
        t = self.str_lit(1)
        return ("%s[%s %% len(%s)] if %s else %s" % (prec_wrap(s[0], s[1], 16), prec_wrap(i[0], i[1], 12),
                                                     s[0], prec_wrap(s[0], s[1], 3), t[0]), 2, 1)

    def str_conv(self, lim, d):
        r = self.r
        roll = r.random()
        if roll < 0.4 and lim >= 20:
            a = self.int_expr(LIMIT, d)
            return "str(%s)" % a[0], 16, 20
        if roll < 0.7 and lim >= 24:
            a = self.float_expr(FLIMIT, d)
            return "str(%s)" % a[0], 16, 24
        if roll < 0.8 and lim >= 5:
            c = self.bool_expr(d)
            return "str(%s)" % c[0], 16, 5
        if lim >= 2:
            s = self.str_expr((lim - 2) // 4, d)
            return "repr(%s)" % s[0], 16, 2 + 4 * s[2]
        return None

    def str_method(self, lim, d):
        r = self.r
        s = self.str_expr(lim, d)
        base = prec_wrap(s[0], s[1], 16)
        roll = r.random()
        if roll < 0.3:
            m = r.choice(["upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize", "swapcase"])
            # Full case mappings may lengthen a str (sharp s -> SS).
            return "%s.%s()" % (base, m), 16, s[2] * (1 if "strip" in m else 3)
        if roll < 0.45:
            m = r.choice(["strip", "lstrip", "rstrip"])
            c = self.str_lit(3)
            return "%s.%s(%s)" % (base, m, c[0]), 16, s[2]
        if roll < 0.65:
            old = self.str_lit(2)
            if old[2] == 0:
                return None
            new = self.str_lit(3)
            grow = max(1, new[2]) * s[2]
            if r.random() < 0.3:
                kw = ""   # str.replace takes no keywords before Python 3.13
                return "%s.replace(%s, %s, %s%d)" % (base, old[0], new[0], kw, r.randint(-1, 3)), 16, grow
            return "%s.replace(%s, %s)" % (base, old[0], new[0]), 16, grow
        if roll < 0.75:
            w = r.randint(0, min(lim, 12))
            return "%s.zfill(%d)" % (base, w), 16, max(w, s[2])
        sep = self.str_lit(3)
        xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "str")
        if xs:
            bound = xs.ty.b * (xs.ty.elem.b + sep[2])
            if bound <= lim:
                return "%s.join(%s)" % (prec_wrap(sep[0], sep[1], 16), xs.name), 16, bound
        if s[2] * 2 <= lim:
            return "%s.join(%s.split(%s))" % (prec_wrap(sep[0], sep[1], 16), base,
                                              r.choice(["", "' '" if self.fdepth else "' '", "','" if self.fdepth else "','"])), 16, s[2] * (1 + sep[2])
        return None

    def random_spec(self, kind):
        """A format spec composed at random from the mini-language's parts,
        kept only if Python accepts it for a value of this kind."""
        r = self.r
        sample = {"int": -1234, "float": -1234.5678, "str": "abc"}[kind]
        types = {"int": "bdoxXn eEfFgG%", "float": "eEfFgGn%", "str": "s"}[kind]
        for _ in range(10):
            spec = ""
            if r.random() < 0.4:
                spec += r.choice(["", "*", "0", "-", "\u00e9"]) + r.choice("<>^=")
            if r.random() < 0.3:
                spec += r.choice("+- ")
            if r.random() < 0.15:
                spec += "#"
            if r.random() < 0.15:
                spec += "0"
            if r.random() < 0.5:
                spec += str(r.randint(0, 25))
            if r.random() < 0.2:
                spec += r.choice(",_")
            if r.random() < 0.4:
                spec += "." + str(r.randint(0, 12))
            if r.random() < 0.6:
                spec += r.choice(types).strip()
            if "n" in spec:
                continue   # locale-dependent
            try:
                format(sample, spec)
            except (ValueError, TypeError, OverflowError):
                continue
            return spec
        return ""

    def fmt_field(self, d, budget, parts=False):
        """One {field} of an f-string: (text, bound); with parts, (code,
        conversion, spec, nested width or None, bound) for str.format."""
        r = self.r
        self.fdepth += 1
        try:
            roll = r.random()
            composed = r.random() < 0.4
            if roll < 0.4:
                e = self.int_expr(LIMIT, min(d, 2))
                spec = self.random_spec("int") if composed else r.choice(INT_SPECS)
                b = 120
            elif roll < 0.7:
                e = self.float_expr(FLIMIT, min(d, 2))
                spec = self.random_spec("float") if composed else r.choice(FLOAT_SPECS)
                b = 160
            else:
                e = self.str_expr(min(budget, 20), min(d, 2))
                spec = self.random_spec("str") if composed else r.choice(STR_SPECS)
                b = max(e[2], 25)
            conv = ""
            if roll >= 0.7 and r.random() < 0.2:
                conv = "!r"
                spec = r.choice(["", ">30", "<25"])
                b = 4 * e[2] + 30
            nested = None
            if r.random() < 0.1 and spec and spec[0] in "<>^" and spec[1:].isdigit():
                w = self.pick_var("int", 20)
                if w:
                    nested = "abs(%s)" % w.name
                    spec = "%s{%s}" % (spec[0], nested)
                    b += 20
            if parts:
                return e[0], conv, spec, nested, b
            code = e[0]
            if code.startswith("{"):
                code = " " + code
            return "{%s%s%s}" % (code, conv, ":" + spec if spec else ""), b
        finally:
            self.fdepth -= 1

    def str_fstring(self, lim, d, nfields=None):
        if self.fdepth:
            return None
        r = self.r
        n = nfields if nfields is not None else r.randint(1, 4)
        parts, total = [], 0
        for _ in range(n):
            lit = r.choice(["", " ", ", ", "x=", "|", "-", "{{", "}}", "\u00e9 "])
            f, b = self.fmt_field(d, 30)
            parts.append(lit + f)
            total += len(lit) + b
        tail = r.choice(["", ".", " end"])
        return 'f"%s%s"' % ("".join(parts), tail), 17, total + len(tail)

    def str_format(self, lim, d):
        """A str.format call: fields f-strings make, as numbered, automatic or keyword fields."""
        if self.fdepth:
            return None
        r = self.r
        style = r.choice(["auto", "index", "keyword"])
        parts, args, total = [], [], 0
        for i in range(r.randint(1, 4)):
            code, conv, spec, nested, b = self.fmt_field(d, 30, parts=True)
            if nested:
                spec = spec.replace("{%s}" % nested, "{}" if style == "auto" else "{%d}" % (len(args) + 1)
                                    if style == "index" else "{w%d}" % i)
            name = "{}" if style == "auto" else "{%d}" % len(args) if style == "index" else "{k%d}" % i
            field = name[:-1] + conv + (":" + spec if spec else "") + "}"
            parts.append(r.choice(["", " ", "|", "{{", "}}", "n="]) + field)
            args.append(code if style != "keyword" else "k%d=%s" % (i, code))
            if nested:
                args.append(nested if style != "keyword" else "w%d=%s" % (i, nested))
            total += b + 2
        return '"%s".format(%s)' % ("".join(parts), ", ".join(args)), 17, total

    def str_percent(self, lim, d):
        """printf-style formatting of ints, floats and strs."""
        if self.fdepth:
            return None
        r = self.r
        fields, args, total = [], [], 0
        for _ in range(r.randint(1, 3)):
            roll = r.random()
            if roll < 0.4:
                e = self.int_expr(LIMIT, min(d, 2))
                fields.append(r.choice(["%d", "%5d", "%-6d", "%05d", "%+d", "% d", "%x", "%#X", "%#o", "%i", "%.3d"]))
            elif roll < 0.7:
                e = self.float_expr(FLIMIT, min(d, 2))
                fields.append(r.choice(["%.2f", "%e", "%g", "%10.3f", "%-8.1f", "%+.2e", "%G", "%#.0f", "%s"]))
            else:
                e = self.str_expr(20, min(d, 2))
                fields.append(r.choice(["%s", "%-6s", "%8s", "%r", "%.3s", "%5.1s"]))
            args.append(e)
            total += 4 * max(e[2], 30)
        text = r.choice(["", "x=", "%% "]) + r.choice([" ", "|", ", "]).join(fields)
        if len(args) == 1 and r.random() < 0.5:  # one value: an operand of %
            return '"%s" %% %s' % (text, prec_wrap(args[0][0], args[0][1], 13)), 12, total
        return '"%s" %% (%s%s)' % (text, ", ".join(a[0] for a in args), "," if len(args) == 1 else ""), 12, total

    def str_misc(self, lim, d):
        r = self.r
        roll = r.random()
        if roll < 0.3:
            a = self.str_expr(lim, d)
            c = self.bool_expr(d)
            b = self.str_expr(lim, d)
            return "%s if %s else %s" % (prec_wrap(a[0], a[1], 3), prec_wrap(c[0], c[1], 3),
                                         prec_wrap(b[0], b[1], 2)), 2, max(a[2], b[2])
        if roll < 0.5:
            cands = [f for f in self.funcs if f.ret.kind == "str" and f.ret.b <= lim]
            if cands and self.mult * max(c.cost for c in cands) <= 20000:
                f = r.choice(cands)
                return self.call(f, d), 16, f.ret.b
        if roll < 0.7:
            o = self.pick_var("obj")
            if o:
                fl = [fv for fv in o.ty.cls.fields if fv.ty.kind == "str" and fv.ty.b <= lim]
                if fl:
                    return "%s.%s" % (o.name, r.choice(fl).name), 16, lim
        if roll < 0.85:
            xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind == "str" and v.ty.elem.b <= lim)
            if xs:
                i = self.int_expr(100, d)
                return ("%s[%s %% len(%s)] if %s else ''" % (xs.name, prec_wrap(i[0], i[1], 12), xs.name, xs.name),
                        2, xs.ty.elem.b)
        dv = self.pick_var("dict", pred=lambda v: v.ty.val.kind == "str" and v.ty.val.b <= lim)
        if dv:
            k = self.key_expr(dv.ty.key, d)
            return "%s.get(%s, '?')" % (dv.name, k[0]), 16, max(1, dv.ty.val.b)
        return None

    # ---- bool expressions -----------------------------------------------------

    def bool_expr(self, d):
        r = self.r
        if d <= 0:
            v = self.pick_var("bool")
            if v and r.random() < 0.5:
                return v.name, 17, 1
            return self.compare(0)
        roll = r.random()
        if roll < 0.45:
            return self.compare(d - 1)
        if roll < 0.65:
            a = self.bool_expr(d - 1)
            b = self.bool_expr(d - 1)
            if r.random() < 0.5:
                return "%s and %s" % (prec_wrap(a[0], a[1], 4), prec_wrap(b[0], b[1], 5)), 4, 1
            return "%s or %s" % (prec_wrap(a[0], a[1], 3), prec_wrap(b[0], b[1], 4)), 3, 1
        if roll < 0.72:
            a = self.bool_expr(d - 1)
            return "not " + prec_wrap(a[0], a[1], 5), 5, 1
        if roll < 0.85:
            return self.membership(d - 1)
        if roll < 0.93:
            s = self.str_expr(20, d - 1)
            m = r.choice(["isdigit", "isalpha", "isspace", "startswith", "endswith", "isupper",
                          "islower", "isalnum", "isnumeric", "isdecimal"])
            arg = self.str_lit(3)[0] if m in ("startswith", "endswith") else ""
            return "%s.%s(%s)" % (prec_wrap(s[0], s[1], 16), m, arg), 16, 1
        kind = r.choice(["int", "str", "list"])
        if kind == "int":
            a = self.int_expr(1000, d - 1)
            return "bool(%s)" % a[0], 16, 1
        if kind == "str":
            a = self.str_expr(10, d - 1)
            return "bool(%s)" % a[0], 16, 1
        xs = self.pick_var("list")
        if xs and xs.ty.elem.kind == "int" and r.random() < 0.4:
            g = self.fresh("g")   # any()/all() stop at the element that decides
            return "%s(%s > %d for %s in %s)" % (r.choice(["any", "all"]), g, r.randint(-3, 3), g, xs.name), 16, 1
        if xs:
            return "len(%s) > %d" % (xs.name, r.randint(0, 3)), 6, 1
        return "True" if r.random() < 0.5 else "False", 17, 1

    def compare(self, d):
        r = self.r
        kind = r.choice(["int", "int", "float", "mixed", "str", "list", "tuple"])
        if kind == "mixed" and "int_float_compare" in self.avoid:
            kind = "int"
        n = r.choice([2, 2, 2, 3, 4])
        if kind == "int":
            ops = [self.int_expr(10 ** 6, d) for _ in range(n)]
        elif kind == "float":
            ops = [self.float_expr(1e6, d) for _ in range(n)]
        elif kind == "mixed":
            # Python compares a big int and a float exactly.
            big = r.choice([2 ** 53, 2 ** 53 + 1, 2 ** 60 + 1, 10 ** 17 + 3, 9007199254740993])
            ops = [(str(big), 17, big), ("%r" % float(big), 17, big)]
            if r.random() < 0.5:
                ops.reverse()
            n = 2
        elif kind == "str":
            ops = [self.str_expr(10, d) for _ in range(n)]
        elif kind == "list":
            xs = self.pick_var("list")
            if not xs:
                return self.compare(d)
            lit = self.list_expr(xs.ty.elem, 4, d)
            ops = [(xs.name, 17, 0), lit]
            n = 2
        else:
            a = self.tuple_lit([T("int", 100), T("str", 5)], d)
            b = self.tuple_lit([T("int", 100), T("str", 5)], d)
            ops = [a, b]
            n = 2
        eq_only = kind == "list" and (r.random() < 0.5 or ops[0][0] in self.obj_lists())
        parts = [prec_wrap(ops[0][0], ops[0][1], 7)]
        for o in ops[1:]:
            op = r.choice(["==", "!="] if eq_only else ["<", "<=", ">", ">=", "==", "!="])
            parts.append(op)
            parts.append(prec_wrap(o[0], o[1], 7))
        return " ".join(parts), 6, 1

    def obj_lists(self):
        """Names of lists whose elements are objects (only == compares them)."""
        return {v.name for v in self.vars_of(lambda v: v.ty.kind == "list" and v.ty.elem.kind == "obj")}

    def membership(self, d):
        r = self.r
        roll = r.random()
        neg = "not in" if r.random() < 0.3 else "in"
        if roll < 0.4:
            a = self.str_expr(3, d)
            b = self.str_expr(20, d)
            return "%s %s %s" % (prec_wrap(a[0], a[1], 7), neg, prec_wrap(b[0], b[1], 7)), 6, 1
        if roll < 0.7:
            xs = self.pick_var("list", pred=lambda v: v.ty.elem.kind in ("int", "str", "float"))
            if xs:
                e = self.elem_expr(xs.ty.elem, d)
                return "%s %s %s" % (prec_wrap(e[0], e[1], 7), neg, xs.name), 6, 1
        if roll < 0.85:  # a tuple display of several types: == with each item
            a = self.int_expr(10, d) if r.random() < 0.5 else self.str_expr(3, d)
            items = [str(r.randint(-2, 4)), repr(r.randint(0, 4) / 2), repr(r.choice(["a", "b", "", "1"])),
                     self.int_expr(6, d)[0], self.str_expr(3, d)[0]]
            r.shuffle(items)
            k = r.randint(1, len(items))
            tup = "(%s%s)" % (", ".join(items[:k]), "," if k == 1 else "")
            return "%s %s %s" % (prec_wrap(a[0], a[1], 7), neg, tup), 6, 1
        dv = self.pick_var("dict")
        if dv:
            k = self.key_expr(dv.ty.key, d)
            return "%s %s %s" % (prec_wrap(k[0], k[1], 7), neg, dv.name), 6, 1
        a = self.int_expr(10, d)
        return "%s %s [1, 2, 3]" % (prec_wrap(a[0], a[1], 7), neg), 6, 1

    # ---- containers -------------------------------------------------------------

    def elem_expr(self, ty, d):
        """An expression of element type ty, within its bounds."""
        k = ty.kind
        if k == "int":
            return self.int_expr(ty.b, d)
        if k == "float":
            return self.float_expr(ty.b, d)
        if k == "str":
            return self.str_expr(ty.b, d)
        if k == "bool":
            return self.bool_expr(d)
        if k == "tuple":
            return self.tuple_lit(ty.items, d)
        if k == "list":
            return self.list_expr(ty.elem, ty.b, d)
        if k == "obj":
            return self.new_obj(ty.cls, d)
        raise ValueError(k)

    def key_expr(self, ty, d):
        """A dict key from a small pool, so that dicts stay small."""
        r = self.r
        if ty.kind == "int":
            a = self.int_expr(1000, d)
            return "%s %% 7" % prec_wrap(a[0], a[1], 12), 12, 6
        if r.random() < 0.6:
            return repr(r.choice(["a", "b", "k1", "key", "zz", "", "\u00e9"])) if not self.fdepth else "'a'", 17, 3
        a = self.int_expr(1000, d)
        return "str(%s %% 5)" % prec_wrap(a[0], a[1], 12), 16, 1

    def tuple_lit(self, items, d):
        parts = [self.elem_expr(t, d)[0] for t in items]
        if len(parts) == 1:
            return "(%s,)" % parts[0], 17, 0
        return "(%s)" % ", ".join(parts), 17, 0

    def list_expr(self, elem, cap, d, empty_ok=False):
        """A list[elem] of at most cap elements: (code, prec, length bound).
        A bare [] only where empty_ok: where its type is known (an annotated
        assignment, an argument)."""
        r = self.r
        roll = r.random()
        src = self.pick_var("list", pred=lambda v: v.ty.elem.same(elem) and v.ty.b <= cap
                            and self.elem_fits(v.ty.elem, elem))
        if d <= 0 or roll < 0.3:
            n = r.randint(0 if empty_ok else 1, max(1, min(cap, 5)))
            if n == 0 and r.random() < 0.5 and src:
                return "list(%s)" % src.name, 16, src.ty.b
            return "[%s]" % ", ".join(self.elem_expr(elem, d - 1)[0] for _ in range(n)), 17, n
        if roll < 0.45 and src:
            m = r.choice(["sorted(%s)", "sorted(%s, reverse=True)", "%s[::-1]", "%s.copy()",
                          "list(%s)", "%s[1:]", "%s[:-1]", "%s[::2]", "list(reversed(%s))"])
            if elem.kind == "obj" and m.startswith("sorted") and not elem.cls.ordered:
                m = "%s[::-1]"
            if elem.kind == "int" and r.random() < 0.3:  # functions as values: key=, map(), filter()
                m = r.choice(["sorted(%s, key=lambda x: -x)", "sorted(%s, key=abs, reverse=True)",
                              "list(map(lambda x: x, %s))", "list(filter(lambda x: x % 2 == 0, %s))",
                              "sorted(%s, key=lambda x: (x % 3, x))"]).replace("% 2", "%% 2").replace("% 3", "%% 3")
            return m % src.name, 16, src.ty.b
        if roll < 0.75:
            return self.comprehension(elem, cap, d)
        if roll < 0.85 and src and src.ty.b * 2 <= cap:
            other = self.list_expr(elem, cap - src.ty.b, d - 1)
            return "%s + %s" % (src.name, prec_wrap(other[0], other[1], 12)), 11, src.ty.b + other[2]
        if elem.kind == "int" and elem.b >= 20 and cap >= 21:
            a, b = r.randint(-10, 10), r.randint(-10, 10)
            step = r.choice([1, 2, 3, -1, -2, -4])
            return "list(range(%d, %d, %d))" % (a, b, step), 16, 21
        if elem.kind == "str" and elem.b >= 20:
            s = self.str_expr(min(cap, 20), d - 1)
            if r.random() < 0.5:
                return "%s.split()" % prec_wrap(s[0], s[1], 16), 16, s[2]
            return "list(%s)" % s[0], 16, s[2]
        n = r.randint(1, min(cap, 4))
        return "[%s]" % ", ".join(self.elem_expr(elem, d - 1)[0] for _ in range(n)), 17, n

    def elem_fits(self, have, want):
        if have.kind in ("int", "float", "str"):
            return have.b <= want.b
        if have.kind == "tuple":
            return all(self.elem_fits(a, b) for a, b in zip(have.items, want.items))
        if have.kind == "list":
            return have.b <= want.b and self.elem_fits(have.elem, want.elem)
        return True

    def iter_source(self, d, cap=12):
        """Something to iterate over: (code, elem Ty or tuple of Tys, length
        bound, names it reads)."""
        r = self.r
        roll = r.random()
        xs = self.pick_var("list", pred=lambda v: v.ty.b <= cap and v.ty.elem.kind in ("int", "float", "str", "tuple", "obj", "list"))
        if roll < 0.35 or not xs:
            a, b = r.randint(-6, 6), r.randint(-6, 12)
            step = r.choice([1, 1, 2, 3, -1, -2, -3])
            if step < 0:
                a, b = max(a, b), min(a, b)
            n = max(0, len(range(a, b, step)))
            form = r.random()
            if form < 0.3 and a >= 0 and step == 1:
                return "range(%d)" % b, ("int", abs(b) + 6), max(n, abs(b)), set()
            if form < 0.5 and step == 1:
                return "range(%d, %d)" % (a, b), ("int", 12), n, set()
            return "range(%d, %d, %d)" % (a, b, step), ("int", 12), n, set()
        if roll < 0.5:
            s = self.str_expr(cap, d)
            return prec_wrap(s[0], s[1], 3), ("str", 1), s[2], set()
        if roll < 0.62:
            dv = self.pick_var("dict")
            if dv and dv.ty.b <= cap and r.random() < 0.5:
                return "%s.items()" % dv.name, (dv.ty.key, dv.ty.val), dv.ty.b, {dv.name}
            if dv and dv.ty.b <= cap:
                return dv.name, dv.ty.key, dv.ty.b, {dv.name}
        if roll < 0.72:
            start = r.choice(["", ", 1", ", start=-2", ", 10"])
            ety = Ty("tuple", items=[T("int", 40), xs.ty.elem])
            ety.made_by_iterator = True
            return "enumerate(%s%s)" % (xs.name, start), ety, xs.ty.b, {xs.name}
        if roll < 0.82:
            ys = self.pick_var("list", pred=lambda v: v.ty.b <= cap and v.ty.elem.kind in ("int", "float", "str", "tuple"))
            if ys:
                ety = Ty("tuple", items=[xs.ty.elem, ys.ty.elem])
                ety.made_by_iterator = True
                return "zip(%s, %s)" % (xs.name, ys.name), ety, min(xs.ty.b, ys.ty.b), {xs.name, ys.name}
        return xs.name, xs.ty.elem, xs.ty.b, {xs.name}

    def comprehension(self, elem, cap, d):
        r = self.r
        code, ety, n, reads = self.iter_source(d - 1, cap=min(cap, 12))
        if n > cap:
            return self.list_expr(elem, cap, 0)
        saved = self.scope
        self.scope = Scope(saved)
        try:
            target = self.bind_target(ety)
            clauses = "for %s in %s" % (target, code)
            if r.random() < 0.25:
                # A second for clause, over something that may use the first.
                code2, ety2, n2, _ = self.iter_source(0, cap=max(1, cap // max(1, n)))
                if n * n2 <= cap:
                    clauses += " for %s in %s" % (self.bind_target(ety2), code2)
                    n *= max(1, n2)
            if r.random() < 0.4:
                c = self.bool_expr(min(d - 1, 1))
                clauses += " if " + prec_wrap(c[0], c[1], 3)
            val = self.elem_expr(elem, min(d - 1, 2))
            if r.random() < 0.15:
                return "list(%s %s)" % (val[0], clauses), 16, n   # a generator expression
            return "[%s %s]" % (val[0], clauses), 17, n
        finally:
            self.scope = saved

    def bind_target(self, ety):
        """Declares the loop variable(s) for elements of type ety; returns
        the target text."""
        if isinstance(ety, tuple) and len(ety) == 2 and isinstance(ety[0], Ty):
            k = self.declare(Var(self.fresh("k"), ety[0], mutable=False))
            v = self.declare(Var(self.fresh("w"), ety[1], mutable=False))
            return "%s, %s" % (k.name, v.name)
        if isinstance(ety, tuple):
            ety = T(ety[0], ety[1])
        must_unpack = getattr(ety, "made_by_iterator", False) and "zip_tuple_target" in self.avoid
        if ety.kind == "tuple" and (must_unpack or self.r.random() < 0.6):
            names = []
            for t in ety.items:
                if t.kind == "tuple" and self.r.random() < 0.6:
                    names.append("(%s)" % self.bind_target(t))   # for i, (a, b) in ...
                else:
                    names.append(self.declare(Var(self.fresh("u"), t, mutable=False)).name)
            return ", ".join(names)
        return self.declare(Var(self.fresh("e"), ety, mutable=False)).name

    def dict_expr(self, key, val, d, empty_ok=False):
        r = self.r
        roll = r.random()
        if roll < 0.5 or d <= 0:
            n = r.randint(0 if empty_ok else 1, 4)
            return "{%s}" % ", ".join("%s: %s" % (self.key_expr(key, d - 1)[0], self.elem_expr(val, d - 1)[0])
                                      for _ in range(n)), 17, n
        code, ety, n, _ = self.iter_source(d - 1)
        saved = self.scope
        self.scope = Scope(saved)
        try:
            target = self.bind_target(ety)
            k = self.key_expr(key, 1)
            v = self.elem_expr(val, 1)
            return "{%s: %s for %s in %s}" % (k[0], v[0], target, code), 17, n
        finally:
            self.scope = saved

    def new_obj(self, cls, d):
        args = [self.arg_for(t, d) for _, t in cls.ctor]
        return "%s(%s)" % (cls.name, ", ".join(args)), 16, 0

    def arg_for(self, ty, d):
        if ty.kind == "int" and ty.b == 12:
            return str(self.r.randint(-2, 12))
        # An argument's type is known from its parameter: [] may be bare.
        return self.value_for(ty, d, empty_ok=True)[0]

    def call(self, f, d):
        """A call of f: positional arguments, then (once a defaulted one is
        left out, or by chance) keyword arguments."""
        r = self.r
        pos, kws = [], []
        for pname, pty, default in f.params:
            if default is not None and r.random() < 0.4:
                kws.append(None)
                continue
            a = self.arg_for(pty, max(0, d - 1))
            if kws or r.random() < 0.25:
                kws.append("%s=%s" % (pname, a))
            else:
                pos.append(a)
        kws = [k for k in kws if k]
        if r.random() < 0.5:
            kws.reverse()
        return "%s(%s)" % (f.name, ", ".join(pos + kws))

    # ---- statements -------------------------------------------------------------

    def new_type(self):
        r = self.r
        roll = r.random()
        if roll < 0.3:
            return T("int", r.choice([100, 10 ** 4, 10 ** 6, 10 ** 9, 2 ** 31, 2 ** 40, 2 ** 62]))
        if roll < 0.45:
            return T("float", r.choice([10.0, 1e3, 1e6, 1e9, 1e15]))
        if roll < 0.6:
            return T("str", r.choice([10, 30, STR_CAP]))
        if roll < 0.65:
            return T("bool")
        if roll < 0.85:
            e = r.choice([T("int", r.choice([100, 10 ** 6, 2 ** 40])), T("float", 1e6), T("str", 10),
                          Ty("tuple", items=[T("int", 1000), T("str", 8)]),
                          Ty("list", 4, elem=T("int", 1000))])
            return Ty("list", r.choice([5, 10, 20]), elem=e)
        if roll < 0.95:
            key = r.choice([T("str", 3), T("int", 6)])
            val = r.choice([T("int", 10 ** 6), T("str", 10), T("float", 1e6)])
            # Keys come from key_expr's pools: at most 12 of them.
            return Ty("dict", 12, key=key, val=val)
        items = [r.choice([T("int", 10 ** 6), T("str", 10), T("float", 1e6), T("bool")])
                 for _ in range(r.randint(1, 4))]
        return Ty("tuple", items=items)

    def value_for(self, ty, d, empty_ok=False):
        if ty.kind == "list":
            return self.list_expr(ty.elem, ty.b, d, empty_ok)
        if ty.kind == "dict":
            return self.dict_expr(ty.key, ty.val, d, empty_ok)
        return self.elem_expr(ty, d)

    def stmt_assign_new(self, ind, d):
        ty = self.new_type()
        ann = self.r.random() < 0.2
        e = self.value_for(ty, d, empty_ok=ann)
        name = self.fresh()
        if ann:
            self.emit("%s: %s = %s" % (name, ty.ann(), e[0]), ind)
        else:
            self.emit("%s = %s" % (name, e[0]), ind)
        self.declare(Var(name, ty, annotated=ann))

    def mutable_vars(self, kind, pred=None):
        return self.vars_of(lambda v: v.ty.kind == kind and v.mutable and v.name not in self.frozen
                            and (pred is None or pred(v)))

    def stmt_reassign(self, ind, d):
        cands = self.vars_of(lambda v: v.mutable and v.ty.kind in ("int", "float", "str", "bool", "list", "tuple")
                             and v.name not in self.frozen)
        if not cands:
            return self.stmt_assign_new(ind, d)
        v = self.r.choice(cands)
        if v.ty.kind == "int":
            e = self.wrap_int(self.int_expr(v.ty.b, d), v.ty.b)
        else:
            e = self.value_for(v.ty, d)
        self.emit("%s = %s" % (v.name, e[0]), ind)

    def stmt_rebind(self, ind, d):
        """A name of this function's block rebound to a value of another type,
        as Python allows (each binding is typed from there on); not a global,
        which a function may read with the type it had."""
        cands = [v for v in self.scope.vars
                 if v.mutable and not v.annotated and v.name not in self.frozen] if self.in_func else []
        if not cands:
            return self.stmt_assign_new(ind, d)
        v = self.r.choice(cands)
        ty = self.new_type()
        if ty.same(v.ty):
            return self.stmt_reassign(ind, d)
        e = self.value_for(ty, d)
        self.emit("%s = %s" % (v.name, e[0]), ind)
        v.ty = ty

    def stmt_augassign(self, ind, d):
        r = self.r
        v = r.choice(self.mutable_vars("int") + self.mutable_vars("float") + self.mutable_vars("str") or [None])
        if v is None:
            return self.stmt_assign_new(ind, d)
        b = v.ty.b
        if v.ty.kind == "int":
            op = r.choice(["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**="])
            if op in ("+=", "-="):
                e = self.int_expr(min(b, 2 ** 63 - 1 - b), d)
                grows = True
            elif op == "*=":
                e = self.int_expr(min(b, 1000, max(1, LIMIT // max(1, b))), d)
                grows = True
            elif op in ("//=", "%="):
                e = self.divisor(d)
                grows = False
            elif op in ("&=", "|=", "^="):
                e = self.int_expr(b, d)
                grows = True
            elif op == "<<=":
                k = r.randint(0, 5)
                e, grows = (str(k), 17, k), True
                if b << k > LIMIT:
                    op, e = ">>=", (str(k), 17, k)
            elif op == ">>=":
                e, grows = (str(r.randint(0, 6)), 17, 0), False
            else:
                if b * b > LIMIT:
                    op, e, grows = "//=", self.divisor(d), False
                else:
                    e, grows = ("2", 17, 2), True
            self.emit("%s %s %s" % (v.name, op, e[0]), ind)
            if grows:
                m = r.randint(1, b)
                self.emit("%s %%= %s" % (v.name, r.choice([str(m), "-%d" % m]) if b > 1 else "2"), ind)
        elif v.ty.kind == "float":
            op = r.choice(["+=", "-=", "*=", "/="])
            if op in ("+=", "-="):
                e = self.float_expr(b, d)
            elif op == "*=":
                e = self.float_expr(min(b, 100.0), d)
            else:
                e = (r.choice(["2.0", "4.0", "0.5", "(abs(%s) + 1.0)" % self.float_expr(100, d)[0]]), 17, 0)
                if e[0] == "0.5":
                    e = ("3.0", 17, 0)
            self.emit("%s %s %s" % (v.name, op, e[0]), ind)
            if op != "/=":
                self.emit("%s %%= %r" % (v.name, float(int(b))), ind)
        else:
            e = self.str_expr(b, d)
            self.emit("%s += %s" % (v.name, e[0]), ind)
            self.emit("%s = %s[%s]" % (v.name, v.name, r.choice(["-%d:" % b, ":%d" % b])) if b else "%s = ''" % v.name, ind)

    def stmt_list_op(self, ind, d):
        r = self.r
        cands = self.mutable_vars("list")
        if not cands:
            return self.stmt_assign_new(ind, d)
        v = r.choice(cands)
        cap, el = v.ty.b, v.ty.elem
        roll = r.random()
        if roll < 0.3:
            self.emit("%s.append(%s)" % (v.name, self.elem_expr(el, d)[0]), ind)
            self.emit("if len(%s) > %d:" % (v.name, cap), ind)
            self.emit("%s.pop(0)" % v.name if r.random() < 0.5 else "del %s[0]" % v.name, ind + 1)
        elif roll < 0.4:
            i = self.int_expr(20, d)
            self.emit("%s.insert(%s, %s)" % (v.name, i[0], self.elem_expr(el, d)[0]), ind)
            self.emit("while len(%s) > %d:" % (v.name, cap), ind)
            self.emit("%s.pop()" % v.name, ind + 1)
        elif roll < 0.5:
            e = self.list_expr(el, cap, d)
            self.emit("%s.extend(%s)" % (v.name, e[0]) if r.random() < 0.6 else "%s += %s" % (v.name, e[0]), ind)
            self.emit("while len(%s) > %d:" % (v.name, cap), ind)
            self.emit("%s.pop(%s)" % (v.name, r.choice(["", "0", "-1"])), ind + 1)
        elif roll < 0.6:
            self.emit("if %s:" % v.name, ind)
            i = self.int_expr(100, d)
            self.emit("%s[%s %% len(%s)] = %s" % (v.name, prec_wrap(i[0], i[1], 12), v.name,
                                                  self.elem_expr(el, d)[0]), ind + 1)
        elif roll < 0.7:
            self.emit("if len(%s) > 1:" % v.name, ind)
            self.emit(r.choice(["%s.pop()", "%s.pop(0)", "del %s[-1]", "%s.pop(1)"]) % v.name, ind + 1)
        elif roll < 0.8 and el.kind in ("int", "str", "float"):
            e = self.elem_expr(el, d)
            self.emit("if %s in %s:" % (prec_wrap(e[0], e[1], 7), v.name), ind)
            if r.random() < 0.5:
                self.emit("%s.remove(%s)" % (v.name, e[0]), ind + 1)
            else:
                self.emit("print('index', %s.index(%s), %s.count(%s))" % (v.name, e[0], v.name, e[0]), ind + 1)
        elif roll < 0.9 and el.kind == "list":
            self.emit("if %s:" % v.name, ind)
            row = self.fresh("row")
            i = self.int_expr(100, d)
            self.emit("%s = %s[%s %% len(%s)]" % (row, v.name, prec_wrap(i[0], i[1], 12), v.name), ind + 1)
            self.emit("%s.append(%s)" % (row, self.elem_expr(el.elem, d)[0]), ind + 1)
            self.emit("if len(%s) > %d:" % (row, el.b), ind + 1)
            self.emit("%s.pop(0)" % row, ind + 2)
            self.emit("print(%s, %s)" % (row, v.name), ind + 1)
        elif roll < 0.9 and (el.kind != "obj" or el.cls.ordered):
            self.emit(r.choice(["%s.sort()", "%s.sort(reverse=True)", "%s.reverse()"]) % v.name, ind)
        elif el.kind == "int" and el.b >= 100 and r.random() < 0.5:
            self.emit("if %s:" % v.name, ind)
            i = self.int_expr(100, d)
            j = self.fresh("j")
            self.emit("%s = %s %% len(%s)" % (j, prec_wrap(i[0], i[1], 12), v.name), ind + 1)
            self.emit("%s[%s] += 1" % (v.name, j), ind + 1)
            self.emit("%s[%s] %%= %d" % (v.name, j, el.b), ind + 1)
        else:
            self.emit("%s.clear()" % v.name, ind)

    def stmt_dict_op(self, ind, d):
        r = self.r
        cands = self.mutable_vars("dict")
        if not cands:
            return self.stmt_assign_new(ind, d)
        v = r.choice(cands)
        k = self.key_expr(v.ty.key, d)
        roll = r.random()
        if roll < 0.5:
            self.emit("%s[%s] = %s" % (v.name, k[0], self.elem_expr(v.ty.val, d)[0]), ind)
        elif roll < 0.65 and v.ty.val.kind == "int":
            self.emit("if %s in %s:" % (prec_wrap(k[0], k[1], 7), v.name), ind)
            self.emit("%s[%s] += %s" % (v.name, k[0], self.int_expr(v.ty.val.b, d)[0]), ind + 1)
            self.emit("%s[%s] %%= %d" % (v.name, k[0], v.ty.val.b), ind + 1)
        elif roll < 0.8:
            self.emit("if %s in %s:" % (prec_wrap(k[0], k[1], 7), v.name), ind)
            if r.random() < 0.5:
                self.emit("print('pop', %s.pop(%s))" % (v.name, k[0]), ind + 1)
            else:
                self.emit("del %s[%s]" % (v.name, k[0]), ind + 1)
        else:
            other = self.dict_expr(v.ty.key, v.ty.val, d)
            self.emit("%s.update(%s)" % (v.name, other[0]), ind)

    def stmt_print(self, ind, d):
        r = self.r
        n = r.randint(1, 5)
        args = []
        for _ in range(n):
            roll = r.random()
            vs = self.scope.all()
            if roll < 0.5 and vs:
                args.append(r.choice(vs).name)
            elif roll < 0.65:
                args.append(self.int_expr(LIMIT, d)[0])
            elif roll < 0.75:
                args.append(self.float_expr(FLIMIT, d)[0])
            elif roll < 0.85:
                args.append(self.str_expr(40, d)[0])
            elif roll < 0.92:  # printed whole: no bound on its length
                args.append((self.str_format if r.random() < 0.5 else self.str_percent)(0, d)[0])
            else:
                args.append(self.bool_expr(d)[0])
        kw = ""
        if r.random() < 0.15:
            kw += ", sep=%s" % repr(r.choice(["", ", ", "|", "\t", "--"]))
        if r.random() < 0.1:
            kw += ", end=%s" % repr(r.choice(["", ";\n", " <\n", "\n\n"]))
        self.emit("print(%s%s)" % (", ".join(args), kw), ind)

    def stmt_unpack(self, ind, d):
        r = self.r
        if r.random() < 0.5:
            a = self.mutable_vars("int")
            if len(a) >= 2:
                x, y = r.sample(a, 2)
                if x.ty.b == y.ty.b:
                    self.emit("%s, %s = %s, %s" % (x.name, y.name, y.name, x.name), ind)
                    return
        tf = [f for f in self.funcs if f.ret.kind == "tuple"]
        if tf and r.random() < 0.5 and self.mult * tf[0].cost <= 20000:
            f = r.choice(tf)
            call = self.call(f, d)
            names = [self.declare(Var(self.fresh("p"), t)).name for t in f.ret.items]
            self.emit("%s = %s" % (", ".join(names), call), ind)
            return
        tv = self.pick_var("tuple")
        if tv:
            names = []
            for t in tv.ty.items:
                names.append(self.declare(Var(self.fresh("p"), t)).name)
            tgt = ", ".join(names) + ("," if len(names) == 1 else "")
            self.emit("%s = %s" % (tgt, tv.name), ind)
            return
        ty = T("int", 10 ** 6)
        a, b = self.int_expr(ty.b, d), self.int_expr(ty.b, d)
        n1, n2 = self.fresh(), self.fresh()
        if r.random() < 0.5:
            self.emit("%s = %s = %s" % (n1, n2, a[0]), ind)
        else:
            self.emit("%s, %s = %s, %s" % (n1, n2, a[0], b[0]), ind)
        self.declare(Var(n1, ty))
        self.declare(Var(n2, ty))

    def block(self, ind, d, n):
        """A nested block of n statements in its own scope."""
        saved = self.scope
        self.scope = Scope(saved)
        start = len(self.lines)
        try:
            for _ in range(n):
                self.stmt(ind, d)
        finally:
            self.scope = saved
        if len(self.lines) == start:
            self.emit("pass", ind)

    def stmt_if(self, ind, d):
        r = self.r
        c = self.bool_expr(2)
        self.emit("if %s:" % c[0], ind)
        self.block(ind + 1, d - 1, r.randint(1, 3))
        for _ in range(r.choice([0, 0, 1, 2])):
            c = self.bool_expr(2)
            self.emit("elif %s:" % c[0], ind)
            self.block(ind + 1, d - 1, r.randint(1, 2))
        if r.random() < 0.5:
            self.emit("else:", ind)
            self.block(ind + 1, d - 1, r.randint(1, 2))

    def loop_body(self, ind, d, n, times):
        saved_mult = self.mult
        self.mult *= max(1, times)
        self.loop_depth += 1
        try:
            self.block(ind, d, n)
            if self.r.random() < 0.3:
                c = self.bool_expr(1)
                self.emit("if %s:" % c[0], ind)
                self.emit(self.r.choice(["break", "continue"]), ind + 1)
        finally:
            self.loop_depth -= 1
            self.mult = saved_mult

    def stmt_for(self, ind, d):
        r = self.r
        if self.mult > 400 or self.loop_depth >= 6:
            return self.stmt_print(ind, d)
        roll = r.random()
        saved_frozen = set(self.frozen)
        saved = self.scope
        self.scope = Scope(saved)
        try:
            if roll < 0.55:
                code, ety, n, reads = self.iter_source(1)
                self.frozen |= reads
                target = self.bind_target(ety)
                self.emit("for %s in %s:" % (target, code), ind)
            elif roll < 0.75:
                code, ety, n, reads = self.iter_source(1)
                if code.endswith(".items()") or (isinstance(ety, Ty) and ety.kind == "tuple"):
                    code, ety, n, reads = "range(%d)" % r.randint(0, 6), ("int", 6), 6, set()
                if "enumerate_range" in self.avoid and code.startswith("range"):
                    code = "list(%s)" % code
                self.frozen |= reads
                start = r.choice(["", "", ", 1", ", -3", ", start=10"])
                i = self.declare(Var(self.fresh("i"), T("int", 40), mutable=False))
                x = self.declare(Var(self.fresh("x"), T(*ety) if isinstance(ety, tuple) else ety, mutable=False))
                self.emit("for %s, %s in enumerate(%s%s):" % (i.name, x.name, code, start), ind)
            else:
                lists = self.vars_of(lambda v: v.ty.kind == "list" and v.ty.elem.kind in ("int", "str", "float"))
                k = r.randint(2, 3)
                srcs, tys = [], []
                for _ in range(k):
                    if lists and r.random() < 0.6:
                        v = r.choice(lists)
                        srcs.append(v.name)
                        tys.append(v.ty.elem)
                        self.frozen.add(v.name)
                    else:
                        s = self.str_expr(10, 1)
                        srcs.append(s[0])
                        tys.append(T("str", 1))
                names = [self.declare(Var(self.fresh("z"), t, mutable=False)).name for t in tys]
                self.emit("for %s in zip(%s):" % (", ".join(names), ", ".join(srcs)), ind)
                n = 20
            self.loop_body(ind + 1, d - 1, r.randint(1, 3), max(n, 1))
        finally:
            self.scope = saved
            self.frozen = saved_frozen

    def stmt_while(self, ind, d):
        r = self.r
        if self.mult > 400 or self.loop_depth >= 6:
            return self.stmt_print(ind, d)
        w = self.fresh("w")
        n = r.randint(0, 8)
        self.emit("%s = 0" % w, ind)
        self.emit("while %s < %d:" % (w, n), ind)
        # The counter moves first, so that continue cannot skip it.
        self.emit("%s += 1" % w, ind + 1)
        saved = self.scope
        self.scope = Scope(saved)
        self.declare(Var(w, T("int", n + 1), mutable=False))
        try:
            self.loop_body(ind + 1, d - 1, r.randint(1, 3), n)
        finally:
            self.scope = saved
        if r.random() < 0.15:
            self.emit("else:", ind)
            self.emit("print('while done', %s)" % w, ind + 1)

    def stmt_obj(self, ind, d):
        r = self.r
        objs = self.vars_of(lambda v: v.ty.kind == "obj")
        if objs and r.random() < 0.7:
            o = r.choice(objs)
            cls = o.ty.cls
            if cls.mutators and self.mult * 20 < 20000 and r.random() < 0.6:
                m, params = r.choice(cls.mutators)
                self.emit("%s.%s(%s)" % (o.name, m, ", ".join(self.arg_for(t, 1) for _, t in params)), ind)
                return
            fv = r.choice(cls.fields)
            if fv.ty.kind == "int":
                self.emit("%s.%s = %s" % (o.name, fv.name, self.int_expr(fv.ty.b, d)[0]), ind)
            elif fv.ty.kind in ("float", "str"):
                self.emit("%s.%s = %s" % (o.name, fv.name, self.elem_expr(fv.ty, d)[0]), ind)
            else:
                self.emit("print(%s)" % o.name, ind)
            return
        if objs and r.random() < 0.5:
            return self.stmt_obj_more(ind, d, r.choice(objs))
        if not self.classes:
            return self.stmt_assign_new(ind, d)
        cls = r.choice(self.classes)
        name = self.fresh("o")
        if r.random() < 0.4:
            # A list of objects: printed through __repr__, ordered through
            # __lt__, searched through __eq__.
            n = r.randint(1, 6)
            it = self.fresh("i")
            saved = self.scope
            self.scope = Scope(saved)
            # The loop variable may reach the arguments: objects that are
            # equal by the compared field but differ in others show whether
            # sorting is stable and min/max keep the first of equals.
            self.declare(Var(it, T("int", 6), mutable=False))
            made = self.new_obj(cls, 1)[0]
            self.scope = saved
            self.emit("%s = [%s for %s in range(%d)]" % (name, made, it, n), ind)
            self.declare(Var(name, Ty("list", 6, elem=Ty("obj", cls=cls))))
            if cls.ordered:
                self.emit("print(sorted(%s), sorted(%s, reverse=True), min(%s), max(%s), %s[0] == %s[-1], %s in %s)" % (
                    name, name, name, name, name, name, self.new_obj(cls, 0)[0], name), ind)
            self.emit("print(%s)" % name, ind)
            return
        self.emit("%s = %s" % (name, self.new_obj(cls, 1)[0]), ind)
        self.declare(Var(name, Ty("obj", cls=cls), mutable=False))
        self.emit("print(%s)" % name, ind)

    def stmt_obj_more(self, ind, d, o):
        """A list field changed through a second name; an object replaced;
        two names for one object."""
        r = self.r
        cls = o.ty.cls
        lists = [fv for fv in cls.fields if fv.ty.kind == "list"]
        roll = r.random()
        if lists and roll < 0.4:
            fv = r.choice(lists)
            al = self.fresh("al")
            self.emit("%s = %s.%s" % (al, o.name, fv.name), ind)
            self.emit("%s.append(%s)" % (al, self.int_expr(fv.ty.elem.b, d)[0]), ind)
            self.emit("if len(%s) > %d:" % (al, fv.ty.b), ind)
            self.emit("%s.pop(0)" % al, ind + 1)
            self.emit("print(%s, %s)" % (o.name, al), ind)
        elif roll < 0.7:
            o2 = self.fresh("o")
            self.emit("%s = %s" % (o2, o.name), ind)
            self.declare(Var(o2, o.ty, mutable=False))
            fv = r.choice(cls.fields)
            if fv.ty.kind in ("int", "float", "str"):
                self.emit("%s.%s = %s" % (o2, fv.name, self.elem_expr(fv.ty, d)[0]), ind)
            self.emit("print(%s, %s)" % (o.name, o2), ind)
        elif o.name not in self.frozen and "." not in o.name:
            self.emit("%s = %s" % (o.name, self.new_obj(cls, 1)[0]), ind)
            self.emit("print(%s)" % o.name, ind)
        else:
            self.emit("print(repr(%s), str(%s), f'{%s}')" % (o.name, o.name, o.name), ind)

    def stmt(self, ind, d):
        r = self.r
        if d <= 0:
            choices = [self.stmt_assign_new, self.stmt_reassign, self.stmt_augassign, self.stmt_print,
                       self.stmt_list_op, self.stmt_dict_op]
        else:
            choices = [self.stmt_assign_new, self.stmt_assign_new, self.stmt_reassign, self.stmt_augassign,
                       self.stmt_augassign, self.stmt_print, self.stmt_print, self.stmt_list_op,
                       self.stmt_dict_op, self.stmt_if, self.stmt_if, self.stmt_for, self.stmt_for,
                       self.stmt_while, self.stmt_unpack, self.stmt_obj, self.stmt_with,
                       self.stmt_alias, self.stmt_misc, self.stmt_rebind, self.stmt_try]
        r.choice(choices)(ind, d)

    def stmt_with(self, ind, d):
        """A with block over the program's context-manager class: __exit__
        must run however the block ends (break, continue, return)."""
        if not self.ctx_cls or self.mult > 200:
            return self.stmt_print(ind, d)
        r = self.r
        items = []
        for _ in range(r.randint(1, 3)):
            arg = self.str_lit(8)[0]
            if r.random() < 0.5:
                name = self.fresh("cm")
                items.append("%s(%s) as %s" % (self.ctx_cls, arg, name))
            else:
                items.append("%s(%s)" % (self.ctx_cls, arg))
        self.emit("with %s:" % ", ".join(items), ind)
        params = [v for v in self.scope.all() if v.name in self.func_params and v.mutable]
        if "with_rebind" in self.avoid:
            for v in params:
                v.mutable = False
        self.block(ind + 1, d - 1, r.randint(1, 3))
        for v in params:
            v.mutable = True
        if self.loop_depth and r.random() < 0.4:
            self.emit("if %s:" % self.bool_expr(1)[0], ind + 1)
            self.emit(r.choice(["break", "continue"]), ind + 2)
        elif self.in_func is not None and r.random() < 0.3:
            e = self.elem_expr(self.in_func, 1)
            if self.in_func.kind == "int":
                e = self.wrap_int(e, self.in_func.b)
            self.emit("if %s:" % self.bool_expr(1)[0], ind + 1)
            self.emit("return %s" % e[0], ind + 2)

    def stmt_try(self, ind, d):
        """try/except/else/finally around statements that may raise: a
        raise of its own, or an index past a list's end."""
        r = self.r
        self.emit("try:", ind)
        self.block(ind + 1, d - 1, r.randint(1, 3))
        lists = self.vars_of(lambda v: v.ty.kind == "list")
        roll = r.random()
        clauses = ["ValueError", "(ValueError, IndexError)", "Exception"]
        if roll < 0.4:
            self.emit("if %s:" % self.bool_expr(1)[0], ind + 1)
            self.emit("raise ValueError(%s)" % self.str_lit(8)[0], ind + 2)
        elif roll < 0.7 and lists:
            self.emit("print(len(%s), %s[len(%s) + %d])" % ((r.choice(lists).name,) * 3 + (r.randint(0, 2),)),
                      ind + 1)
            clauses = ["(ValueError, IndexError)", "LookupError", "Exception", "IndexError"]
        e = self.fresh("e")
        clause = r.choice(clauses)
        self.emit("except %s as %s:" % (clause, e), ind)
        self.emit("print('caught', repr(%s), str(%s))" % (e, e), ind + 1)
        if "Exception" not in clause and "Value" not in clause:
            self.emit("except ValueError:", ind)
            self.emit("print('value error')", ind + 1)
        if r.random() < 0.3:
            self.emit("else:", ind)
            self.block(ind + 1, d - 1, 1)
        if r.random() < 0.4:
            self.emit("finally:", ind)
            self.emit("print('finally', %s)" % self.str_lit(6)[0], ind + 1)

    def stmt_alias(self, ind, d):
        """A second name for a list: changes through it show through the
        first (reference semantics and reference counts)."""
        r = self.r
        cands = self.mutable_vars("list")
        if not cands:
            return self.stmt_assign_new(ind, d)
        v = r.choice(cands)
        al = self.fresh("al")
        self.emit("%s = %s" % (al, v.name), ind)
        self.emit("%s.append(%s)" % (al, self.elem_expr(v.ty.elem, d)[0]), ind)
        self.emit("if len(%s) > %d:" % (v.name, v.ty.b), ind)
        self.emit("%s.pop(0)" % al, ind + 1)
        if r.random() < 0.5:
            self.emit("%s = %s" % (v.name, self.list_expr(v.ty.elem, v.ty.b, d)[0]), ind)
        self.emit("print(%s, %s)" % (v.name, al), ind)

    def stmt_edge_floats(self, ind, d):
        """Floats at the edges, printed and combined only where Python
        raises nothing: inf, nan, subnormals, exponents in repr."""
        r = self.r
        vals = ["1e16", "1e22", "1e21", "1.5e300", "5e-324", "2.2250738585072014e-308", "1e-05",
                "0.0001", "123456789012345678.0", "9007199254740993.0", "-0.0", "0.1"]
        if "float_inf_literal" not in self.avoid:
            vals += ["1e999", "-1e999"]
        self.uses_math = True
        vals += ["math.inf", "-math.inf", "math.nan", "float('inf')", "float('-nan')"]
        a, b = r.choice(vals), r.choice(vals)
        op = r.choice(["+", "-", "*", "/"])
        if op == "/":
            b = r.choice(["3.0", "-7.5", "1e-300", "1e300"])
        spec = self.random_spec("float")
        self.emit("print(%s, %s, %s %s %s, f\"{%s:%s}\", %s == %s, %s < %s, math.isnan(%s), math.isinf(%s))" % (
            a, b, a, op, b, a, spec, a, b, a, b, a, b), ind)
        # nan is true; min and max keep the first argument unless another is
        # strictly smaller (larger), so their result depends on nan's place.
        self.emit("print(bool(%s), bool(%s), min(%s, %s), max(%s, %s), min(%s, %s))" % (a, b, a, b, a, b, b, a), ind)

    def stmt_misc(self, ind, d):
        r = self.r
        roll = r.random()
        if roll < 0.15:
            return self.stmt_edge_floats(ind, d)
        if roll < 0.22 and "none_values" not in self.avoid:
            c = self.bool_expr(1)
            self.emit("print(None, None if %s else None, None or None, str(None))"
                      % prec_wrap(c[0], c[1], 3), ind)
            return
        fv, sv = self.pick_var("float"), self.pick_var("str")
        if roll < 0.28 and "is_mixed" not in self.avoid and fv and sv:
            # `is` between values of different types is always False (and
            # between variables, Python does not warn).
            self.emit("print(%s is %s, %s is not %s)" % (fv.name, sv.name, sv.name, fv.name), ind)
            return
        if roll < 0.4:
            self.uses_math = True
            x = self.float_expr(1e6, 1)
            y = self.float_expr(1e6, 1)
            i = self.int_expr(10 ** 9, 1)
            self.emit("print(math.log(abs(%s) + 1.0, 2), math.log2(abs(%s) + 1.0), math.log10(abs(%s) + 1.0), "
                      "math.atan2(%s, %s), math.isclose(%s, %s), math.floor(-%s), math.gcd(%s, -12), "
                      "round(%s, -2), math.pow(abs(%s) %% 10.0, 3))" % (x[0], x[0], y[0], x[0], y[0], x[0], y[0],
                                                                   prec_wrap(x[0], x[1], 13), i[0], x[0], y[0]), ind)
            return
        roll = (roll - 0.4) / 0.6
        if roll < 0.3:
            c = self.bool_expr(1)
            self.emit("assert %s or True%s" % (prec_wrap(c[0], c[1], 3),
                                               ", 'never'" if r.random() < 0.5 else ""), ind)
        elif roll < 0.6:
            # str -> number conversions of the forms int() and float() accept
            s = r.choice([" 42", "-7", "+3", "1_000", "007", "0", "-0", " 12 \n", "\t9"])
            f = r.choice(["1e3", " -2.5 ", "1_000.5", ".5", "5.", "-0.0", "1E-2", "  3.25\t", "0.1", "12", "-0",
                          "1e-320", "2.5e+2"])
            self.emit("print(int(%r), float(%r), int(%r) + 1, str(float(%r)))" % (s, f, s, f), ind)
        elif roll < 0.8:
            s = self.str_expr(30, d)
            sep = r.choice(["' '", "','", "'a'", "'-'", "'ab'"])
            k = r.randint(-1, 3)
            self.emit("print(%s.split(%s, %d), %s.split(%s), %s.split(maxsplit=%d), %s.split(sep=%s))" % (
                prec_wrap(s[0], s[1], 16), sep, k, prec_wrap(s[0], s[1], 16), sep,
                prec_wrap(s[0], s[1], 16), k, prec_wrap(s[0], s[1], 16), sep), ind)
        else:
            a = self.float_expr(1e6, d)
            self.emit("print(round(%s), round(%s, 1), -0.0, 0.0 * -1, abs(-0.0), round(-0.4), round(2.5), round(-1.5))"
                      % (a[0], a[0]), ind)

    # ---- functions and classes -------------------------------------------------

    def param_type(self):
        r = self.r
        roll = r.random()
        if roll < 0.4:
            return T("int", r.choice([100, 10 ** 6, 2 ** 31]))
        if roll < 0.6:
            return T("float", 1e6)
        if roll < 0.8:
            return T("str", 20)
        return Ty("list", 10, elem=r.choice([T("int", 1000), T("str", 10), T("float", 1e3)]))

    def ret_type(self):
        r = self.r
        if r.random() < 0.15:
            return Ty("tuple", items=[T("int", 10 ** 6), r.choice([T("str", 10), T("float", 1e6)])])
        return r.choice([T("int", r.choice([1000, 10 ** 6, 2 ** 40])), T("float", 1e9), T("str", 40)])

    def default_for(self, ty):
        r = self.r
        if ty.kind == "int":
            return str(r.randint(-5, 50))
        if ty.kind == "float":
            return repr(r.choice([0.5, 1.0, -2.25, 1e-3]))
        if ty.kind == "str":
            return repr(r.choice(["", "d", "def"]))
        return None

    def func_def(self):
        r = self.r
        name = self.fresh("f")
        params = []
        for i in range(r.randint(0, 4)):
            pty = self.param_type()
            dflt = self.default_for(pty) if i > 0 and r.random() < 0.3 else None
            if params and params[-1][2] is not None and dflt is None:
                dflt = self.default_for(pty)
            if pty.kind == "list" and params and params[-1][2] is not None:
                pty = T("int", 100)
                dflt = self.default_for(pty)
            params.append((self.fresh("a"), pty, dflt))
        ret = self.ret_type()
        uses_global = self.counter_name and r.random() < 0.3
        sig = ", ".join("%s: %s%s" % (p, t.ann(), " = " + dv if dv is not None else "") for p, t, dv in params)
        self.emit("def %s(%s) -> %s:" % (name, sig, ret.ann()), 0)
        saved = (self.scope, self.frozen, self.mult, self.loop_depth, self.in_func)
        self.scope = Scope(self.globals_scope)
        # Parameters are the caller's objects: never mutated here.
        self.frozen = set(p for p, t, _ in params if t.kind == "list")
        self.mult, self.loop_depth, self.in_func = 1, 0, ret
        start = len(self.lines)
        try:
            for p, t, _ in params:
                self.declare(Var(p, t, mutable=t.kind != "list"))
            self.func_params = {p for p, _, _ in params}
            if uses_global:
                self.emit("global %s" % self.counter_name, 1)
                self.emit("%s = (%s + 1) %% 1000" % (self.counter_name, self.counter_name), 1)
            for _ in range(r.randint(1, int(4 * self.size) + 1)):
                self.stmt(1, 2)
            e = self.elem_expr(ret, 3)
            if ret.kind == "int":
                e = self.wrap_int(e, ret.b)
            self.emit("return %s" % e[0], 1)
        finally:
            self.scope, self.frozen, self.mult, self.loop_depth, self.in_func = saved
        cost = 1 + sum(4 for ln in self.lines[start:] if ln.lstrip().startswith(("for ", "while ")))
        self.emit("", 0)
        self.funcs.append(Func(name, params, ret, cost * 50))

    def recursive_def(self):
        """A bounded recursion: n falls by one each call, the accumulator
        stays below its modulus."""
        r = self.r
        name = self.fresh("rec")
        n, acc = self.fresh("n"), self.fresh("acc")
        k, m = r.randint(2, 7), r.choice([97, 1000003, 2 ** 31 - 1])
        self.emit("def %s(%s: int, %s: int) -> int:" % (name, n, acc), 0)
        self.emit("if %s <= 0:" % n, 1)
        self.emit("return %s" % acc, 2)
        if r.random() < 0.5:
            self.emit("return %s(%s - 1, (%s * %d + %s) %% %d)" % (name, n, acc, k, n, m), 1)
        else:
            self.emit("return (%s(%s - 1, %s) + %s(%s - 2, %s * %d %% %d)) %% %d"
                      % (name, n, acc, name, n, acc, k, m, m), 1)
        self.emit("", 0)
        # Two calls per level: n stays small so that 2**n calls are quick.
        f = Func(name, [(n, T("int", 12), None), (acc, T("int", m - 1), None)], T("int", m - 1), 4000)
        self.funcs.append(f)

    def ctx_class_def(self):
        """A context manager that prints when it is entered and left."""
        name = self.fresh("Ctx")
        self.ctx_cls = name
        fld = self.fresh("fld")
        self.emit("class %s:" % name, 0)
        self.emit("def __init__(self, %s: str):" % fld, 1)
        self.emit("self.%s = %s" % (fld, fld), 2)
        self.emit("", 0)
        self.emit('def __enter__(self) -> "%s":' % name, 1)
        self.emit("print('enter', self.%s)" % fld, 2)
        self.emit("return self", 2)
        self.emit("", 0)
        self.emit("def __exit__(self, exc_type: None = None, exc: None = None, tb: None = None) -> None:", 1)
        self.emit("print('exit', self.%s)" % fld, 2)
        self.emit("", 0)

    def class_def(self):
        r = self.r
        cls = Cls(self.fresh("C"))
        self.emit("class %s:" % cls.name, 0)
        nf = r.randint(1, 5)
        ctor = []
        fields = []
        for _ in range(nf):
            fty = r.choice([T("int", 10 ** 6), T("float", 1e6), T("str", 20),
                            Ty("list", 8, elem=T("int", 1000))])
            fname = self.fresh("fld")
            if fty.kind != "list" and r.random() < 0.7:
                pname = self.fresh("a")
                ctor.append((pname, fty))
                fields.append((fname, fty, pname))
            else:
                fields.append((fname, fty, None))
        self.emit("def __init__(self%s):" % "".join(", %s: %s" % (p, t.ann()) for p, t in ctor), 1)
        for fname, fty, pname in fields:
            if pname:
                self.emit("self.%s = %s" % (fname, pname), 2)
            elif fty.kind == "list":
                self.emit("self.%s: list[int] = %s" % (fname, r.choice(["[]", "[1, 2, 3]", "list(range(4))"])), 2)
            else:
                self.emit("self.%s = %s" % (fname, self.elem_expr(fty, 0)[0]), 2)
            cls.fields.append(Var(fname, fty))
        cls.ctor = ctor
        self.emit("", 0)
        saved = self.scope
        for _ in range(r.randint(0, 3)):
            self.scope = Scope(self.globals_scope)
            mname = self.fresh("m")
            params = [(self.fresh("a"), t) for t in [self.param_type() for _ in range(r.randint(0, 2))]
                      if t.kind != "list"]
            for p, t in params:
                self.declare(Var(p, t, mutable=True))
            self.func_params = {p for p, _ in params}
            for fv in cls.fields:
                self.declare(Var("self." + fv.name, fv.ty))
            ret = r.choice([None, None, self.ret_type()])
            self.emit("def %s(self%s)%s:" % (mname, "".join(", %s: %s" % (p, t.ann()) for p, t in params),
                                            " -> " + ret.ann() if ret else ""), 1)
            for _ in range(r.randint(1, 3)):
                self.stmt(2, 1)
            if ret:
                e = self.elem_expr(ret, 2)
                if ret.kind == "int":
                    e = self.wrap_int(e, ret.b)
                self.emit("return %s" % e[0], 2)
                cls.getters.append((mname, params, ret))
            else:
                cls.mutators.append((mname, params))
            self.emit("", 0)
        self.scope = saved
        key = [fv for fv in cls.fields if fv.ty.kind in ("int", "str", "float")]
        if key and r.random() < 0.5:
            # Objects that compare by one field: ==, in, sorted, min, max.
            k = r.choice(key).name
            for op, dunder in (("==", "__eq__"), ("<", "__lt__")):
                self.emit('def %s(self, other: "%s") -> bool:' % (dunder, cls.name), 1)
                self.emit("return self.%s %s other.%s" % (k, op, k), 2)
                self.emit("", 0)
            cls.ordered = True
        parts = ", ".join("%s={self.%s%s}" % (fv.name, fv.name, "!r" if fv.ty.kind == "str" else "")
                          for fv in cls.fields)
        self.emit("def __repr__(self) -> str:", 1)
        self.emit('return f"%s(%s)"' % (cls.name, parts), 2)
        self.emit("", 0)
        self.classes.append(cls)
        if r.random() < 0.4:
            self.derived_class_def(cls)

    def derived_class_def(self, base):
        """A class deriving `base`: one more field, super().__init__, an
        override of a getter (whose base version stays reachable through
        super()), and a describe() of the base that calls the getter on self,
        so a call through the base runs the override."""
        r = self.r
        cls = Cls(self.fresh("D"))
        self.emit("class %s(%s):" % (cls.name, base.name), 0)
        extra = self.fresh("fld")
        pname = self.fresh("a")
        ctor = base.ctor + [(pname, T("int", 10 ** 6))]
        self.emit("def __init__(self%s):" % "".join(", %s: %s" % (p, t.ann()) for p, t in ctor), 1)
        self.emit("super().__init__(%s)" % ", ".join(p for p, _ in base.ctor), 2)
        self.emit("self.%s = %s" % (extra, pname), 2)
        self.emit("", 0)
        cls.fields = base.fields + [Var(extra, T("int", 10 ** 6))]
        cls.ctor = ctor
        cls.mutators = list(base.mutators)
        cls.getters = list(base.getters)
        cls.ordered = base.ordered
        ints = [g for g in base.getters if g[2].kind == "int"]
        if ints:
            mname, params, ret = r.choice(ints)
            args = "".join(", %s" % p for p, _ in params)
            self.emit("def %s(self%s) -> int:" % (mname, "".join(", %s: %s" % (p, t.ann()) for p, t in params)), 1)
            self.emit("return (super().%s(%s) + self.%s) %% %d" % (mname, args[2:], extra, ret.b + 1), 2)
            self.emit("", 0)
        self.emit("def __repr__(self) -> str:", 1)
        self.emit('return f"%s({self.%s}, {super().__repr__()})"' % (cls.name, extra), 2)
        self.emit("", 0)
        self.classes.append(cls)

    # ---- the program ---------------------------------------------------------------

    def program(self):
        r = self.r
        self.globals_scope = self.scope
        head = len(self.lines)
        for _ in range(r.randint(0, 3)):
            if "global_nonliteral" in self.avoid:
                self.const_literal()
            else:
                self.stmt_assign_new(0, 1)
        for g in self.scope.vars:
            g.mutable = False   # read by functions: constants from here on
        if r.random() < 0.4:
            self.counter_name = self.fresh("count")
            self.emit("%s = 0" % self.counter_name, 0)
        if r.random() < 0.3:
            self.ctx_class_def()
        for _ in range(r.randint(0, 2)):
            self.class_def()
        if r.random() < 0.3:
            self.recursive_def()
        for _ in range(r.randint(0, 3)):
            self.func_def()
        feats = [f for f in self.features if f in FEATURES]
        if not self.features and r.random() < 0.3:
            feats = [r.choice(sorted(set(FEATURES) - self.avoid))]
        for _ in range(int(r.randint(8, 20) * self.size)):
            self.stmt(0, 3)
            if feats and r.random() < 0.2:
                FEATURES[feats.pop()](self)
        for f in feats:
            FEATURES[f](self)
        self.final_prints()
        hdr = ["# gen.py --seed %d" % self.seed]
        if self.uses_math:
            hdr.append("import math")
        if self.uses_sys:
            hdr.append("import sys")
        if getattr(self, "uses_random", False):
            hdr.append("import random")
        if getattr(self, "uses_re", False):
            hdr.append("import re")
            hdr.append("from typing import Optional")
        if getattr(self, "uses_optional", False) and not getattr(self, "uses_re", False):
            hdr.append("from typing import Optional")
        if getattr(self, "uses_os", False):
            hdr.append("import os")
        if getattr(self, "uses_json", False):
            hdr.append("import json")
        if getattr(self, "uses_iterator", False):
            hdr.append("from typing import Iterator")
        if getattr(self, "uses_callable", False):
            hdr.append("from typing import Callable")
            hdr.append("from functools import partial")
        if getattr(self, "uses_dataclass", False):
            hdr.append("from dataclasses import dataclass, field")
        if getattr(self, "uses_argparse", False):
            hdr.append("import argparse")
        if getattr(self, "uses_generics", False):
            hdr.append("import itertools")
            hdr.append("from typing import Callable, Generic, Iterable, TypeVar")
            hdr.append("from collections import Counter, deque")
        if getattr(self, "uses_exit_exc", False):
            hdr.append("from types import TracebackType")
            hdr.append("from contextlib import suppress")
        self.lines[head:head] = hdr + [""]
        return "\n".join(self.lines) + "\n"

    def const_literal(self):
        """A global set to a literal: (steering) what functions may read."""
        ty = self.r.choice([T("int", 1000), T("float", 1e3), T("str", 10)])
        lit = {"int": self.int_lit, "float": self.float_lit, "str": self.str_lit}[ty.kind](ty.b)
        name = self.fresh("c")
        self.emit("%s = %s" % (name, lit[0]), 0)
        self.declare(Var(name, ty))

    def final_prints(self):
        if self.counter_name:
            self.emit("print(%r, %s)" % (self.counter_name, self.counter_name), 0)
        vs = [v for v in self.scope.all() if "." not in v.name]
        for i in range(0, len(vs), 4):
            chunk = vs[i:i + 4]
            self.emit("print(%s)" % ", ".join("%r, %s" % (v.name, v.name) for v in chunk), 0)
        if self.r.random() < 0.1:
            self.uses_sys = True
            self.emit("sys.exit(%d)" % self.r.randint(0, 5), 0)


# ---- the shapes that broke fixed limits ------------------------------------------

def feat_generators(g):
    """A generator function (a filter, a yield from), consumed by list(),
    sum(), next(g, default) and a for loop left early."""
    r = g.r
    g.uses_iterator = True
    name, xs, v = g.fresh("gen"), g.fresh("xs"), g.fresh("v")
    g.emit("def %s(%s: list[int]) -> Iterator[int]:" % (name, xs), 0)
    g.emit("for %s in %s:" % (v, xs), 1)
    g.emit("if %s > %d:" % (v, r.randint(-3, 3)), 2)
    g.emit("yield %s * %d" % (v, r.randint(1, 5)), 3)
    if r.random() < 0.5:
        g.emit("yield from range(%d)" % r.randint(0, 4), 1)
    data = "[%s]" % ", ".join(str(r.randint(-9, 9)) for _ in range(r.randint(0, 8)))
    g.emit("print(list(%s(%s)), sum(%s(%s)))" % (name, data, name, data), 0)
    it, w = g.fresh("it"), g.fresh("w")
    g.emit("%s = %s(%s)" % (it, name, data), 0)
    g.emit("print(next(%s, None), next(%s, -1))" % (it, it), 0)
    g.emit("for %s in %s:" % (w, it), 0)
    g.emit("print(%s)" % w, 1)
    g.emit("if %s %% 2 == 0:" % w, 1)
    g.emit("break", 2)


def feat_decorators(g):
    """Decorators written in the program (one with an argument, stacked),
    a bound method, functools.partial, lambdas made by a comprehension (a
    default, late binding) and a generator expression kept as a value,
    over ints."""
    r = g.r
    g.uses_callable = True
    deco, wrap, f, k = g.fresh("deco"), g.fresh("wrap"), g.fresh("f"), g.fresh("k")
    g.emit("def %s(%s: int) -> Callable[[Callable[[int], int]], Callable[[int], int]]:" % (deco, k), 0)
    g.emit("def inner(%s: Callable[[int], int]) -> Callable[[int], int]:" % f, 1)
    g.emit("def %s(x: int) -> int:" % wrap, 2)
    g.emit("return %s(x) * %s %% 1000003" % (f, k), 3)
    g.emit("return %s" % wrap, 2)
    g.emit("return inner", 1)
    name = g.fresh("dfn")
    for _ in range(r.randint(1, 3)):
        g.emit("@%s(%d)" % (deco, r.randint(-5, 5)), 0)
    g.emit("def %s(x: int) -> int:" % name, 0)
    g.emit("return x + %d" % r.randint(0, 9), 1)
    args = [str(r.randint(-99, 99)) for _ in range(r.randint(1, 4))]
    g.emit("print([%s(a) for a in [%s]])" % (name, ", ".join(args)), 0)
    cls, obj = g.fresh("Acc"), g.fresh("acc")
    g.emit("class %s:" % cls, 0)
    g.emit("def __init__(self) -> None:", 1)
    g.emit("self.total = %d" % r.randint(0, 9), 2)
    g.emit("def add(self, x: int) -> int:", 1)
    g.emit("self.total += x", 2)
    g.emit("return self.total", 2)
    g.emit("%s = %s()" % (obj, cls), 0)
    mix = g.fresh("mix")
    g.emit("def %s(a: int, b: int) -> int:" % mix, 0)
    g.emit("return a * %d + b" % r.randint(2, 9), 1)
    g.emit("print(list(map(%s.add, [%s])), partial(%s, %d)(%s.total))" % (obj, ", ".join(args), mix, r.randint(-9, 9), obj), 0)
    fs, late = g.fresh("fs"), g.fresh("late")
    n = r.randint(0, 4)
    g.emit("%s: list[Callable[[int], int]] = [lambda x, i=i: x * i for i in range(%d)]" % (fs, n), 0)
    g.emit("%s: list[Callable[[int], int]] = [lambda x: x + i for i in range(%d)]" % (late, n), 0)
    g.emit("print([f(%d) for f in %s], [f(1) for f in %s])" % (r.randint(-9, 9), fs, late), 0)
    gen = g.fresh("ge")
    g.emit("%s = (a * %d for a in [%s] if a %% 2 == 0)" % (gen, r.randint(1, 5), ", ".join(args)), 0)
    g.emit("print(next(%s, None), list(%s))" % (gen, gen), 0)


def feat_exc_classes(g):
    """Exception classes of the program's own (one with a field, one
    deriving it), an exception of a non-str argument, and an iterator class
    whose __next__ raises StopIteration, walked by for and list()."""
    r = g.r
    base = r.choice(["ValueError", "RuntimeError", "LookupError", "Exception"])
    err, sub, code, e = g.fresh("Err"), g.fresh("SubErr"), g.fresh("code"), g.fresh("e")
    g.emit("class %s(%s):" % (err, base), 0)
    g.emit("def __init__(self, msg: str, %s: int) -> None:" % code, 1)
    g.emit("super().__init__(msg)", 2)
    g.emit("self.%s = %s" % (code, code), 2)
    g.emit("", 0)
    g.emit("class %s(%s):" % (sub, err), 0)
    g.emit("pass" if r.random() < 0.5 else "def __str__(self) -> str:\n        return f'sub {self.%s}'" % code, 1)
    g.emit("", 0)
    it, n = g.fresh("Count"), g.fresh("n")
    g.emit("class %s:" % it, 0)
    g.emit("def __init__(self, %s: int) -> None:" % n, 1)
    g.emit("self.%s = %s" % (n, n), 2)
    g.emit("", 0)
    g.emit('def __iter__(self) -> "%s":' % it, 1)
    g.emit("return self", 2)
    g.emit("", 0)
    g.emit("def __next__(self) -> int:", 1)
    g.emit("if self.%s <= 0:" % n, 2)
    g.emit("raise StopIteration", 3)
    g.emit("self.%s -= 1" % n, 2)
    g.emit("return self.%s * %d" % (n, r.randint(1, 4)), 2)
    g.emit("", 0)
    v, limit = g.fresh("v"), r.randint(0, 8)
    g.emit("print(list(%s(%d)), sum(%s(%d)))" % (it, r.randint(0, 5), it, r.randint(0, 5)), 0)
    g.emit("for %s in %s(%d):" % (v, it, r.randint(0, 6)), 0)
    g.emit("try:", 1)
    g.emit("if %s > %d:" % (v, limit), 2)
    g.emit("raise %s(%s, %s)" % (r.choice([err, sub]), g.str_lit(6)[0], v), 3)
    g.emit("if %s == %d:" % (v, r.randint(0, 4)), 2)
    g.emit("raise ValueError(%s)" % v, 3)
    g.emit("print('ok', %s)" % v, 2)
    g.emit("except %s as %s:" % (r.choice([err, sub, base]), e), 1)
    g.emit("print('caught', %s, repr(%s))" % (e, e), 2)
    g.emit("except Exception as %s:" % e, 1)
    g.emit("print('other', %s, repr(%s))" % (e, e), 2)


def feat_exit_exc(g):
    """A context manager whose __exit__ receives the exception and
    suppresses the classes it was given (a type[...] field, issubclass),
    raising in its block, beside contextlib.suppress and type(e)."""
    r = g.r
    g.uses_exit_exc = True
    cm, kind, seen = g.fresh("Quiet"), g.fresh("kind"), g.fresh("seen")
    g.emit("class %s:" % cm, 0)
    g.emit("def __init__(self, %s: type[BaseException]) -> None:" % kind, 1)
    g.emit("self.%s = %s" % (kind, kind), 2)
    g.emit("self.%s = 0" % seen, 2)
    g.emit("", 0)
    g.emit("def __enter__(self) -> None:", 1)
    g.emit("pass", 2)
    g.emit("", 0)
    g.emit("def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,", 1)
    g.emit("tb: TracebackType | None) -> bool:", 5)
    g.emit("self.%s += 1" % seen, 2)
    g.emit("print('exit', 'clean' if exc_type is None else exc_type.__name__, repr(exc))", 2)
    g.emit("return exc_type is not None and issubclass(exc_type, self.%s)" % kind, 2)
    g.emit("", 0)
    q, v, e = g.fresh("q"), g.fresh("v"), g.fresh("e")
    kinds = ["ValueError", "LookupError", "ArithmeticError", "Exception"]
    g.emit("%s = %s(%s)" % (q, cm, r.choice(kinds)), 0)
    g.emit("for %s in range(%d):" % (v, r.randint(1, 5)), 0)
    g.emit("try:", 1)
    g.emit("with %s:" % q, 2)
    g.emit("if %s == %d:" % (v, r.randint(0, 3)), 3)
    g.emit("raise %s(str(%s))" % (r.choice(["ValueError", "KeyError", "ZeroDivisionError", "RuntimeError"]), v), 4)
    g.emit("if %s == %d:" % (v, r.randint(0, 3)), 3)
    g.emit("continue", 4)
    g.emit("print('body', %s)" % v, 3)
    g.emit("except Exception as %s:" % e, 1)
    g.emit("print('escaped', type(%s).__name__, %s)" % (e, e), 2)
    g.emit("with suppress(%s, %s):" % r.choice([("LookupError", "ArithmeticError"), ("ArithmeticError", "IndexError"),
                                               ("Exception", "ValueError")]), 0)
    g.emit("print([%d][%d] // %d)" % (r.randint(0, 9), r.randint(0, 1), r.randint(0, 1)), 1)
    g.emit("print(%s.%s)" % (q, seen), 0)


def feat_kw_spread(g):
    """A function's options from a dict, f(**d), as loaders take them: a
    dict of ints, floats and bools (each value keeping its type), some
    parameters given by position or by name beside it, a key naming no
    parameter caught as CPython's TypeError."""
    r = g.r
    fn, d, e = g.fresh("configure"), g.fresh("options"), g.fresh("e")
    kinds = [r.choice(["int", "float", "bool"]) for _ in range(r.randint(2, 5))]
    names = [g.fresh("opt") for _ in kinds]

    def literal(kind):
        if kind == "int":
            return str(r.randint(-50, 50))
        if kind == "bool":
            return r.choice(["True", "False"])
        return repr(r.randint(-400, 400) / 8)

    params = ", ".join("%s: %s = %s" % (n, k, literal(k)) for n, k in zip(names, kinds))
    g.emit("def %s(%s) -> str:" % (fn, params), 0)
    g.emit("return f\"%s\"" % " ".join("{%s}" % n for n in names), 1)
    g.emit("", 0)
    keys = r.sample(range(len(names)), r.randint(1, len(names)))
    g.emit("%s = {%s}" % (d, ", ".join("'%s': %s" % (names[i], literal(kinds[i])) for i in keys)), 0)
    g.emit("print(%s, len(%s))" % (d, d), 0)
    g.emit("print(%s(**%s))" % (fn, d), 0)
    rest = [i for i in range(len(names)) if i not in keys]
    if rest:
        i = rest[0]
        if i == 0:
            g.emit("print(%s(%s, **%s))" % (fn, literal(kinds[0]), d), 0)
        g.emit("print(%s(%s=%s, **%s))" % (fn, names[i], literal(kinds[i]), d), 0)
    k = names[keys[0]]
    g.emit("print(isinstance(%s['%s'], bool), isinstance(%s['%s'], int), %s['%s'] == 1)" % (d, k, d, k, d, k), 0)
    g.emit("try:", 0)
    g.emit("print(%s(**{'%s': %s, 'unknown_%s': %s}))" % (fn, k, literal(kinds[keys[0]]), k, literal(kinds[keys[0]])), 1)
    g.emit("except TypeError as %s:" % e, 0)
    g.emit("print('TypeError:', %s)" % e, 1)


def feat_dataclass(g):
    """A @dataclass (order=True or frozen=True at random) of ints, floats and
    strs with defaults and a list from field(default_factory=list): built
    positionally and by keyword, printed, compared, sorted; issubclass of
    two classes."""
    r = g.r
    g.uses_dataclass = True
    name, tags = g.fresh("Rec"), g.fresh("tags")
    fields = [(g.fresh("fld"), r.choice([T("int", 1000), T("float", 1e3), T("str", 8)]))
              for _ in range(r.randint(1, 4))]
    ndefault = r.randint(0, len(fields))
    order = r.random() < 0.5
    g.emit("@dataclass(%s)" % ("order=True" if order else "frozen=%s" % r.choice(["True", "False"])), 0)
    g.emit("class %s:" % name, 0)
    for i, (f, t) in enumerate(fields):
        lit = repr(g.fresh("s")) if t.kind == "str" else str(r.randint(-9, 9)) + (".5" if t.kind == "float" else "")
        g.emit("%s: %s%s" % (f, t.ann(), " = %s" % lit if i >= len(fields) - ndefault else ""), 1)
    g.emit("%s: list[int] = field(default_factory=list)" % tags, 1)
    g.emit("", 0)
    objs = [g.fresh("rec") for _ in range(3)]
    for o in objs:
        args = [str(r.randint(-9, 9)) + (".5" if t.kind == "float" else "") if t.kind != "str" else repr(o)
                for _, t in fields]
        n = r.randint(len(fields) - ndefault, len(fields))
        call = ", ".join(args[:n] if r.random() < 0.5 else ["%s=%s" % (f, a) for (f, _), a in zip(fields, args[:n])])
        g.emit("%s = %s(%s)" % (o, name, call), 0)
    g.emit("%s.%s.append(%d)" % (objs[0], tags, r.randint(0, 9)), 0)
    g.emit("print(%s, %s == %s, %s != %s)" % (", ".join(objs), objs[0], objs[1], objs[1], objs[2]), 0)
    if order:
        g.emit("print(sorted([%s]), %s < %s, %s >= %s)" % (", ".join(objs), objs[0], objs[1], objs[2], objs[0]), 0)
    base, sub = g.fresh("Base"), g.fresh("Sub")
    g.emit("class %s:" % base, 0)
    g.emit("pass", 1)
    g.emit("", 0)
    g.emit("class %s(%s):" % (sub, base), 0)
    g.emit("pass", 1)
    g.emit("", 0)
    g.emit("print(issubclass(%s, %s), issubclass(%s, %s), issubclass(%s, %s))" % (sub, base, base, sub, name, base), 0)


def feat_argparse(g):
    """An argparse parser (prog= given, so argv[0] does not matter) of typed
    options, a flag, a list and a positional, parsed from a generated
    argument list and read in a function taking an argparse.Namespace;
    its help printed."""
    r = g.r
    g.uses_argparse = True
    parser, show = g.fresh("parser"), g.fresh("show")
    opts = []   # (dest, kind, value text on the command line, value printed)
    g.emit("%s = argparse.ArgumentParser(prog=%r, description=%r)" % (parser, g.fresh("prog"), g.fresh("about") + " tool"), 0)
    for _ in range(r.randint(1, 5)):
        dest = g.fresh("opt")
        while dest.startswith("_"):  # '--_x' is '---x' on the command line, whose dest argparse makes 'x'
            dest = g.fresh("opt")
        kind = r.choice(["int", "float", "str", "flag", "list", "choice"])
        if kind == "flag":
            g.emit("%s.add_argument('--%s', action='store_true', help='a flag')" % (parser, dest.replace("_", "-")), 0)
            opts.append((dest, kind, [] if r.random() < 0.5 else ["--" + dest.replace("_", "-")]))
        elif kind == "list":
            g.emit("%s.add_argument('--%s', type=int, nargs='+', default=[%d])" % (parser, dest.replace("_", "-"), r.randint(0, 9)), 0)
            opts.append((dest, kind, [] if r.random() < 0.3 else ["--" + dest.replace("_", "-")] +
                         [str(r.randint(-9, 99)) for _ in range(r.randint(1, 3))]))
        elif kind == "choice":
            g.emit("%s.add_argument('--%s', choices=['a', 'b', 'c'], default='a', help='one of %%(choices)s')" % (parser, dest.replace("_", "-")), 0)
            opts.append((dest, kind, [] if r.random() < 0.3 else ["--%s=%s" % (dest.replace("_", "-"), r.choice("abc"))]))
        else:
            dflt = {"int": str(r.randint(0, 99)), "float": "%d.5" % r.randint(0, 9), "str": repr(g.fresh("s"))}[kind]
            given = {"int": str(r.randint(-99, 99)), "float": "%.2f" % r.uniform(-9, 9), "str": g.fresh("w")}[kind]
            g.emit("%s.add_argument('--%s', type=%s, default=%s, metavar='V', help='(default: %%(default)s)')" % (parser, dest.replace("_", "-"), kind, dflt), 0)
            opts.append((dest, kind, [] if r.random() < 0.3 else ["--" + dest.replace("_", "-"), given]))
    pos = g.fresh("pos")
    g.emit("%s.add_argument(%r, type=int, help='a positional')" % (parser, pos), 0)
    argv = [str(r.randint(0, 9))]
    for _, _, words in r.sample(opts, len(opts)):
        argv += words
    g.emit("def %s(args: argparse.Namespace) -> None:" % show, 0)
    g.emit("print(%s)" % ", ".join("args.%s" % d for d, _, _ in opts), 1)
    g.emit("print(args.%s + 1)" % pos, 1)
    g.emit("", 0)
    g.emit("%s(%s.parse_args(%r))" % (show, parser, argv), 0)
    if r.random() < 0.5:
        g.emit("%s.print_help()" % parser, 0)


def feat_long_tuple(g):
    r = g.r
    n = r.randint(65, 110)
    items = [r.choice([T("int", 1000), T("str", 5)]) for _ in range(n)]
    name = g.fresh("tt")
    g.emit("%s = %s" % (name, g.tuple_lit(items, 0)[0]), 0)
    g.emit("print(%s)" % name, 0)
    g.emit("print(len(%s), %s[%d], %s[-1], %s[64])" % (name, name, n - 1, name, name), 0)
    names = [g.fresh("q") for _ in range(n)]
    g.emit("%s = %s" % (", ".join(names), name), 0)
    g.emit("print(%s)" % ", ".join(names[60:]), 0)
    for nm, t in zip(names, items):
        g.declare(Var(nm, t))


def feat_many_args(g):
    r = g.r
    n = r.randint(20, 90)
    params = [(g.fresh("a"), r.choice([T("int", 1000), T("str", 5), T("float", 100.0)])) for _ in range(n)]
    fname = g.fresh("f")
    g.emit("def %s(%s) -> str:" % (fname, ", ".join("%s: %s" % (p, t.ann()) for p, t in params)), 0)
    g.emit("return %s" % " + ".join("str(%s)" % p for p, _ in params), 1)
    g.emit("", 0)
    saved = g.fdepth
    args = []
    for i, (p, t) in enumerate(params):
        a = g.elem_expr(t, 0)[0]
        args.append(a if i < n // 2 else "%s=%s" % (p, a))
    g.fdepth = saved
    g.emit("print(%s(%s))" % (fname, ", ".join(args)), 0)


def feat_many_fields(g):
    r = g.r
    n = r.randint(30, 140)
    cname = g.fresh("Wide")
    fields = [(g.fresh("fld"), r.choice([T("int", 1000), T("str", 5)])) for _ in range(n)]
    g.emit("class %s:" % cname, 0)
    g.emit("def __init__(self, %s):" % ", ".join("%s: %s" % (f, t.ann()) for f, t in fields), 1)
    for f, _ in fields:
        g.emit("self.%s = %s" % (f, f), 2)
    g.emit("", 0)
    g.emit("def total(self) -> int:", 1)
    ints = [f for f, t in fields if t.kind == "int"] or ["0"]
    g.emit("return %s" % " + ".join("self." + f if f != "0" else f for f in ints), 2)
    g.emit("", 0)
    o = g.fresh("wo")
    g.emit("%s = %s(%s)" % (o, cname, ", ".join(g.elem_expr(t, 0)[0] for _, t in fields)), 0)
    g.emit("print(%s.total(), %s)" % (o, ", ".join("%s.%s" % (o, f) for f, _ in fields[::max(1, n // 20)])), 0)
    last = fields[-1]
    g.emit("%s.%s = %s" % (o, last[0], g.elem_expr(last[1], 0)[0]), 0)
    g.emit("print(%s.%s, %s.total())" % (o, last[0], o), 0)


def feat_deep_if(g):
    r = g.r
    n = r.randint(20, 90)
    x = g.fresh("dx")
    g.emit("%s = %d" % (x, r.randint(0, n)), 0)
    for i in range(n):
        g.emit("if %s >= %d:" % (x, r.randint(0, i)), i)
        if r.random() < 0.2:
            g.emit("print(%d, %s)" % (i, x), i + 1)
    g.emit("print('deep', %s)" % x, n)


def feat_deep_loops(g):
    r = g.r
    n = r.randint(5, 18)
    acc = g.fresh("acc")
    g.emit("%s = 0" % acc, 0)
    names = []
    for i in range(n):
        v = g.fresh("l")
        names.append(v)
        k = 2 if i < 3 else 1
        g.emit("for %s in range(%d):" % (v, k), i)
    g.emit("%s += %s" % (acc, " + ".join(names)), n)
    g.emit("print(%s)" % acc, 0)


def feat_deep_expr(g):
    r = g.r
    n = r.randint(30, 150)
    code = str(r.randint(0, 9))
    for i in range(n):
        op = r.choice(["+ %d" % r.randint(0, 9), "- %d" % r.randint(0, 9), "* %d" % r.randint(1, 3),
                       "// %d" % r.randint(1, 5), "% 1000003"])
        code = "(%s %s)" % (code, op)
        if i % 5 == 4:
            code = "(%s %% 1000003)" % code
    g.emit("print(%s)" % code, 0)
    s = "'s'"
    for _ in range(min(n, 60)):
        s = "(%s + %s)[-20:]" % (s, repr(r.choice("abc")))
    g.emit("print(%s)" % s, 0)


def feat_long_elif(g):
    r = g.r
    n = r.randint(100, 600)
    x = g.fresh("sel")
    g.emit("%s = %d" % (x, r.randint(-5, n + 5)), 0)
    for i in range(n):
        g.emit("%s %s == %d:" % ("if" if i == 0 else "elif", x, i), 0)
        g.emit("print('branch', %d, %s * %d)" % (i, x, r.randint(1, 9)), 1)
    g.emit("else:", 0)
    g.emit("print('no branch', %s)" % x, 1)


def feat_wide_fstring(g):
    r = g.r
    n = r.randint(240, 400)
    v = g.fresh("fv")
    g.emit("%s = %d" % (v, r.randint(0, 99)), 0)
    fields = "".join(r.choice(["{%s}" % v, "{%s + %d:>3}" % (v, i), "{%d:x}" % i, ","]) for i in range(n))
    g.emit('print(f"%s")' % fields, 0)


def feat_wide_print(g):
    r = g.r
    n = r.randint(240, 400)
    g.emit("print(%s)" % ", ".join(str(r.randint(0, 999)) if r.random() < 0.7 else repr(r.choice("xyz"))
                                   for _ in range(n)), 0)


def feat_special_names(g):
    """Every special name at once, each a variable, then a function and a
    class that use some as parameters, fields and methods."""
    r = g.r
    names = [n for n in g.specials if n not in g.used and n not in RESERVED]
    r.shuffle(names)
    names = names[:r.randint(10, 60)]
    for i, n in enumerate(names):
        g.used.add(n)
        g.emit("%s = %d" % (n, i), 0)
        g.declare(Var(n, T("int", 1000)))
        if r.random() < 0.3 and n + "_" not in g.used and "trailing_underscore" not in g.avoid:
            g.used.add(n + "_")
            g.emit("%s_ = %d" % (n, 1000 + i), 0)
            g.emit("print(%s, %s_)" % (n, n), 0)
    for i in range(0, len(names), 8):
        g.emit("print(%s)" % ", ".join(names[i:i + 8]), 0)
    ps = names[:4]
    if ps:
        fn = g.fresh("f")
        g.emit("def %s(%s) -> int:" % (fn, ", ".join("%s: int" % p for p in ps)), 0)
        g.emit("return %s" % " * 2 + ".join(ps), 1)
        g.emit("", 0)
        g.emit("print(%s(%s))" % (fn, ", ".join(str(r.randint(0, 9)) for _ in ps)), 0)


def feat_many_zip(g):
    r = g.r
    n = r.randint(15, 24)
    lists = []
    for _ in range(n):
        v = g.fresh("zl")
        g.emit("%s = [%s]" % (v, ", ".join(str(r.randint(0, 99)) for _ in range(3))), 0)
        lists.append(v)
    tg = [g.fresh("zv") for _ in range(n)]
    g.emit("for %s in zip(%s):" % (", ".join(tg), ", ".join(lists)), 0)
    g.emit("print(%s)" % ", ".join(tg), 1)


def feat_long_chain(g):
    r = g.r
    n = r.randint(20, 120)
    vals = sorted(r.randint(0, 50) for _ in range(n))
    g.emit("print(%s)" % " <= ".join(map(str, vals)), 0)
    g.emit("print(%s)" % " < ".join(map(str, vals)), 0)


def ensure_ctx(g):
    if not g.ctx_cls:
        g.ctx_class_def()


def feat_many_with(g):
    """One with statement of many context managers: each __exit__ runs, in
    reverse order. (CPython allows at most 20 nested blocks, so a with of
    33 items, which broke gtorchc, is not valid Python.)"""
    ensure_ctx(g)
    n = g.r.randint(12, 19)
    g.emit("with %s:" % ", ".join("%s('w%d')" % (g.ctx_cls, i) for i in range(n)), 0)
    g.emit("print('inside', %d)" % n, 1)


def feat_with_rebind(g):
    """Parameters rebound inside a with block: the caller's values must
    survive (reference counts across the block's end)."""
    r = g.r
    ensure_ctx(g)
    fn, xs, s = g.fresh("f"), g.fresh("a"), g.fresh("a")
    g.emit("def %s(%s: list[int], %s: str) -> int:" % (fn, xs, s), 0)
    g.emit("with %s('rb'):" % g.ctx_cls, 1)
    g.emit("%s = %s + [%d]" % (xs, xs, r.randint(0, 9)), 2)
    g.emit("%s = %s * 2" % (s, s), 2)
    g.emit("print(%s, %s)" % (xs, s), 2)
    g.emit("return len(%s) + len(%s)" % (xs, s), 1)
    g.emit("", 0)
    v, t = g.fresh("v"), g.fresh("v")
    g.emit("%s = [1, 2, 3]" % v, 0)
    g.emit("%s = 'ab' + str(len(%s))" % (t, v), 0)
    for _ in range(r.randint(2, 4)):
        g.emit("print(%s(%s, %s), %s, %s)" % (fn, v, t, v, t), 0)


def feat_big_literals(g):
    """A list literal of thousands of elements and a dict of hundreds."""
    r = g.r
    n, m = r.randint(500, 3000), r.randint(100, 400)
    xs, d = g.fresh("big"), g.fresh("big")
    g.emit("%s = [%s]" % (xs, ", ".join(str(r.randint(-999, 999)) for _ in range(n))), 0)
    g.emit("%s = {%s}" % (d, ", ".join("'k%d': %d" % (i, r.randint(0, 99)) for i in range(m))), 0)
    g.emit("print(len(%s), sum(%s), %s[-1], len(%s), %s['k%d'])" % (xs, xs, xs, d, d, m - 1), 0)


def feat_call_chain(g):
    """Each of a hundred or more functions calls the one before it."""
    r = g.r
    n = r.randint(100, 300)
    names = [g.fresh("f") for _ in range(n)]
    g.emit("def %s(n: int) -> int:" % names[0], 0)
    g.emit("return n + 1", 1)
    for prev, name in zip(names, names[1:]):
        g.emit("def %s(n: int) -> int:" % name, 0)
        g.emit("return %s(n) * %d %% 1000003" % (prev, r.randint(2, 9)), 1)
    g.emit("print(%s(%d))" % (names[-1], r.randint(0, 99)), 0)


def feat_host_modules(g):
    """The host modules: random's draws for a seed (python3's stream, the
    Mersenne Twister and Lib/random.py's algorithms), math's functions
    whose digits are CPython's own (gamma, lgamma, fsum), os.path's
    arithmetic, and a loop over json.loads whose variable is declared."""
    r = g.r
    g.uses_math = g.uses_random = g.uses_os = True
    lo = r.randint(-10 ** 6, 10 ** 6)
    hi = lo + r.randint(0, 10 ** r.randint(1, 12))
    step = r.randint(1, max(1, (hi - lo) // 3 + 1))
    xs = g.fresh("v")
    g.emit("random.seed(%d)" % r.randint(-10 ** 15, 10 ** 15), 0)
    g.emit("%s = [random.randint(%d, %d) for _ in range(%d)]" % (xs, lo, hi, r.randint(1, 40)), 0)
    g.emit("print(%s, random.random(), random.gauss(%r, %r), random.randrange(%d, %d, %d), random.getrandbits(%d))"
           % (xs, r.uniform(-5, 5), r.uniform(0.1, 3), lo, hi + 1, step, r.randint(0, 63)), 0)
    x = round(r.uniform(0.05, 60.0), r.randint(0, 6))
    terms = ", ".join(repr(r.choice([1e100, -1e100, 0.1, 1e-16, r.uniform(-1e6, 1e6)])) for _ in range(r.randint(0, 8)))
    n = r.randint(0, 20)
    g.emit("print(math.gamma(%r), math.lgamma(%r), math.fsum([%s]), math.erf(%r), math.expm1(%r), math.factorial(%d), math.comb(%d, %d))"
           % (x, -x if x != int(x) else x, terms, x / 10, x / 30, n, n + r.randint(0, 40), r.randint(0, n + 5)), 0)
    parts = [r.choice(["a", "b.txt", "", "..", ".", "/root", "x.tar.gz", "d/"]) for _ in range(r.randint(1, 4))]
    p = "/".join(parts)
    g.emit("print(os.path.join(%s), os.path.splitext(%r), os.path.normpath(%r), os.path.dirname(%r), os.path.basename(%r))"
           % (", ".join(map(repr, parts)), p, p, p, p), 0)
    # json.loads gives the type expected where it stands: here a list of the
    # loop variable's declared type
    g.uses_json = True
    row = g.fresh("row")
    rows = [[r.randint(-99, 99) for _ in range(r.randint(0, 4))] for _ in range(r.randint(0, 4))]
    g.emit("%s: list[int] = []" % row, 0)
    g.emit("for %s in json.loads(%r):" % (row, json.dumps(rows)), 0)
    g.emit("print(%s, sum(%s))" % (row, row), 1)


def feat_generics(g):
    """Generic functions (a TypeVar, an Iterable[T] parameter, a Callable
    whose result a lambda decides) called with lists of several element
    types, beside random.choice/shuffle/sample and itertools."""
    r = g.r
    g.uses_generics = True
    g.uses_random = True
    tv, f, h, xs, acc = g.fresh("T"), g.fresh("pick"), g.fresh("each"), g.fresh("xs"), g.fresh("acc")
    g.emit('%s = TypeVar("%s")' % (tv, tv), 0)
    g.emit("", 0)
    g.emit("def %s(%s: list[%s], i: int) -> tuple[%s, int]:" % (f, xs, tv, tv), 0)
    g.emit("return (%s[i %% len(%s)], len(%s))" % (xs, xs, xs), 1)
    g.emit("", 0)
    g.emit("def %s(%s: Iterable[%s], fn: Callable[[%s], int]) -> list[int]:" % (h, xs, tv, tv), 0)
    g.emit("%s: list[int] = []" % acc, 1)
    g.emit("for x in %s:" % xs, 1)
    g.emit("%s.append(fn(x))" % acc, 2)
    g.emit("return %s" % acc, 1)
    g.emit("", 0)
    lists = ["[%s]" % ", ".join(str(r.randint(-9, 9)) for _ in range(r.randint(1, 5))),
             "[%s]" % ", ".join(g.str_lit(4)[0] for _ in range(r.randint(1, 4))),
             "[%s]" % ", ".join("%d.5" % r.randint(-9, 9) for _ in range(r.randint(1, 4)))]
    for lit in lists:
        g.emit("print(%s(%s, %d))" % (f, lit, r.randint(0, 9)), 0)
    g.emit("print(%s(%s, len), %s(%s, lambda v: v * 2))" % (h, g.str_lit(6)[0], h, lists[0], ), 0)
    s = g.fresh("s")
    g.emit("random.seed(%d)" % r.randint(0, 99), 0)
    g.emit("%s = %s" % (s, r.choice(lists)), 0)
    g.emit("random.shuffle(%s)" % s, 0)
    g.emit("print(%s, random.choice(%s), random.sample(%s, %d))" % (s, s, s, 1), 0)
    g.emit("print(list(itertools.islice(itertools.cycle(%s), %d)), list(itertools.pairwise(%s)))"
           % (s, r.randint(0, 7), s), 0)
    box, it, dq = g.fresh("Box"), g.fresh("items"), g.fresh("dq")
    g.emit("", 0)
    g.emit("class %s(Generic[%s]):" % (box, tv), 0)
    g.emit("def __init__(self, %s: list[%s]) -> None:" % (it, tv), 1)
    g.emit("self.%s = %s" % (it, it), 2)
    g.emit("", 0)
    g.emit("def last(self) -> %s:" % tv, 1)
    g.emit("return self.%s[-1]" % it, 2)
    g.emit("", 0)
    g.emit("print(%s(%s).last(), %s(%s).last())" % (box, lists[1], box, lists[2]), 0)
    g.emit("%s: deque[int] = deque(maxlen=%d)" % (dq, r.randint(1, 4)), 0)
    g.emit("for x in %s:" % lists[0], 0)
    g.emit("%s.append(x)" % dq, 1)
    g.emit("print(%s, Counter(%s).most_common(2))" % (dq, lists[1]), 0)


# ---- int | float numbers ------------------------------------------------------------

# Keys of the dicts of numbers: str keys that may stand in an f-string's
# expression (no quote, backslash, brace or '#').
NUM_KEYS = ["a", "b", "c", "lr", "epoch", "loss", "w_2", "\u00e9", "x y", "", "0", "None", "True"]
NUM_FLOATS = [0.5, 2.5, -1.25, 0.1, 0.2, 1e-3, 3.0, 1.0, 0.0, -0.0, 100.0, 2.675, 1e10, 7.125, -3.5, 1.5e-7]
NUM_SPECS = ["", ">6", "<7", "^9", "08", "+", ",", "_", ".3", "10", "*>8", "=+9"]


class NumShape:
    """Statements over dicts of ints, floats and bools, whose values are
    int | float numbers that keep their own type where the program runs.

    The generator runs every statement it emits in a model namespace
    (python3 is the oracle, so the model is exact), and keeps an expression
    only where python3 computes it, in every iteration of the loops around
    it, without an exception and within bounds: ints within 2**40 (a
    number's int is an OverflowError beyond 2**49 in gtorchc), finite
    floats (inf and nan only where the dict holds one), no int ** negative
    int. Each expression also has a static kind, N (a number), i, f or b
    (a plain int, float or bool): values of plain kinds meet (a conditional
    expression's branches, min/max arguments, list items, an accumulating
    name) only where a number is among them, or all of one kind, since
    `3 if c else 4.5`, `max(1, 2.5)` and `[1, 2.5]` are floats in gtorchc
    (docs/language.md)."""

    INT_BOUND = 2 ** 40
    FLOAT_BOUND = 1e15

    def __init__(self, g):
        self.g, self.r = g, g.r
        # print does nothing in the model (run_gen.py generates in threads:
        # no redirecting of sys.stdout)
        self.ns = {"print": lambda *args, **kwargs: None}
        self.envs = [{}]         # the loop variables' values, one dict per iteration
        self.leaves = []         # names holding numbers, outside loops
        self.loopvars = []       # loop and generator variables holding numbers
        self.keyvars = []        # (loop variable over a dict's keys, the dict)
        self.dicts = []
        self.lists = []          # top-level lists of numbers
        self.special = False     # some value is inf or nan
        self.defined = {}        # helper function kind -> name
        self.pre, self.body = [], []

    # ---- the model ----

    def run(self, lines):
        exec("\n".join("    " * i + t for t, i in lines), self.ns)

    def out(self, lines, pre=False):
        """Keeps the lines of one statement (pre: a def, which goes before
        the function the shape may be wrapped in) and runs them."""
        (self.pre if pre else self.body).extend(lines)
        self.run(lines)

    def fits(self, v):
        if isinstance(v, bool):
            return True
        if isinstance(v, int):
            return abs(v) <= self.INT_BOUND
        if isinstance(v, float):
            if math.isnan(v) or math.isinf(v):
                return self.special
            return abs(v) <= self.FLOAT_BOUND
        return False

    def values(self, code, check=True):
        """code's value in every iteration, or None where python3 raises
        or (check) one is not a number within bounds."""
        out = []
        for env in self.envs:
            scope = dict(self.ns)
            scope.update(env)
            try:
                v = eval(code, scope)
            except Exception:
                return None
            if check and not self.fits(v):
                return None
            out.append(v)
        return out

    def ok(self, e):
        return e is not None and self.values(e[0]) is not None

    # ---- expressions: (code, precedence, kind) ----

    def literal(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            v = r.choice([0, 1, 2, 3, -1, 7, 10, r.randint(-20, 20), r.randint(-3000, 3000)])
            return str(v), 17 if v >= 0 else 13, "i"
        if k < 0.85:
            t = repr(r.choice(NUM_FLOATS + [r.randint(-80, 80) / 8]))
            return t, 13 if t.startswith("-") else 17, "f"
        return r.choice(["True", "False"]), 17, "b"

    def leaf(self):
        r = self.r
        roll = r.random()
        if self.loopvars and roll < 0.35:
            name, kind = r.choice(self.loopvars)
            return name, 17, kind
        if self.keyvars and roll < 0.45:
            k, dn = r.choice(self.keyvars)
            return "%s[%s]" % (dn, k), 16, "N"
        if roll < 0.65:
            dn = r.choice(self.dicts)
            return "%s[%r]" % (dn, r.choice(list(self.ns[dn]))), 16, "N"
        if self.leaves and roll < 0.78:
            return r.choice(self.leaves), 17, "N"
        if self.lists and roll < 0.82:
            xs = r.choice(self.lists)
            n = len(self.ns[xs])
            return "%s[%d]" % (xs, r.randint(-n, n - 1)), 16, "N"
        return self.literal()

    def num_leaf(self):
        """A leaf that is a number."""
        for _ in range(10):
            e = self.leaf()
            if e[2] == "N":
                return e
        dn = self.r.choice(self.dicts)
        return "%s[%r]" % (dn, self.r.choice(list(self.ns[dn]))), 16, "N"

    def expr(self, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.25:
            return self.leaf()
        makers = [self.arith, self.arith, self.arith, self.unary, self.call1,
                  self.minmax, self.total, self.cond]
        for _ in range(6):
            e = r.choice(makers)(depth - 1)
            if self.ok(e):
                return e
        return self.leaf()

    def num_expr(self, depth):
        """An expression whose static kind is a number."""
        for _ in range(8):
            e = self.expr(depth)
            if e[2] == "N":
                return e
        return self.num_leaf()

    @staticmethod
    def merged(kinds):
        """The kind of a value that may be any of kinds, or None where the
        plain kinds would not stay apart."""
        if "N" in kinds:
            return "N"
        return kinds[0] if len(set(kinds)) == 1 else None

    def arith(self, depth):
        r = self.r
        op = r.choice(["+", "-", "*", "/", "//", "%", "**", "+", "-", "*"])
        a = self.expr(depth)
        if op == "**":
            b = r.choice([("2", 17, "i"), ("3", 17, "i"), ("0", 17, "i"), ("1", 17, "i"), ("0.5", 17, "f"),
                          ("-1", 13, "i"), ("-2.0", 13, "f"), ("True", 17, "b"), self.leaf()])
        else:
            b = self.expr(depth)
        if "N" not in (a[2], b[2]) and r.random() < 0.85:
            a = self.num_leaf()
        if op == "**":
            xs, ys = self.values(a[0]), self.values(b[0])
            if xs is None or ys is None:
                return None
            for x, y in zip(xs, ys):
                if isinstance(y, float):
                    if abs(y) > 8:
                        return None
                elif y < 0 and isinstance(x, int) or y > 6 or (abs(x) > 2 ** 20 and y > 2):
                    return None   # int ** negative int is an error in gtorchc
            code = "%s ** %s" % (prec_wrap(a[0], a[1], 15), prec_wrap(b[0], b[1], 13))
            prec = 14
        elif op in "+-":
            code, prec = "%s %s %s" % (prec_wrap(a[0], a[1], 11), op, prec_wrap(b[0], b[1], 12)), 11
        else:
            code, prec = "%s %s %s" % (prec_wrap(a[0], a[1], 12), op, prec_wrap(b[0], b[1], 13)), 12
        if op == "/" or "f" in (a[2], b[2]):
            kind = "f"
        elif "N" in (a[2], b[2]):
            kind = "N"
        else:
            kind = "i"
        return code, prec, kind

    def unary(self, depth):
        a = self.expr(depth)
        kind = a[2] if a[2] in "Nf" else "i"
        if self.r.random() < 0.6:
            return "-" + prec_wrap(a[0], a[1], 13), 13, kind
        return "abs(%s)" % a[0], 16, kind

    def call1(self, depth):
        r = self.r
        a = self.expr(depth)
        roll = r.random()
        if roll < 0.3:
            return "round(%s)" % a[0], 16, "i"
        if roll < 0.6:
            return "round(%s, %d)" % (a[0], r.randint(-2, 3)), 16, a[2] if a[2] in "Nf" else "i"
        if roll < 0.8:
            return "int(%s)" % a[0], 16, "i"
        return "float(%s)" % a[0], 16, "f"

    def items(self, depth, lo=2, hi=4):
        """Expressions that may stand together (one of them a number)."""
        es = [self.expr(depth) for _ in range(self.r.randint(lo, hi))]
        if self.merged([e[2] for e in es]) is None:
            es[self.r.randrange(len(es))] = self.num_leaf()
            if self.merged([e[2] for e in es]) is None:
                es = [e if e[2] == "N" else self.num_leaf() for e in es]
        return es

    def genexpr(self, depth, kinds="N"):
        """(text, kind) of a generator expression over numbers, with the
        element expression kept for every element."""
        r = self.r
        var = self.g.fresh("g")
        roll = r.random()
        keyed = None
        if self.lists and roll < 0.3:
            src = r.choice(self.lists)
        elif roll < 0.45:
            es = self.items(0, 1, 4)
            if "N" not in [e[2] for e in es]:
                es.append(self.num_leaf())
            src = "[%s]" % ", ".join(e[0] for e in es)
        elif roll < 0.65:
            keyed = r.choice(self.dicts)
            src = keyed
        else:
            src = "%s.values()" % r.choice(self.dicts)
        envs = []
        for env in self.envs:
            scope = dict(self.ns)
            scope.update(env)
            for x in eval(src, scope):
                envs.append(dict(env, **{var: x}))
        saved = self.envs, list(self.loopvars), list(self.keyvars)
        self.envs = envs
        if keyed:
            self.keyvars.append((var, keyed))
        else:
            self.loopvars.append((var, "N"))
        try:
            for _ in range(6):
                elem = self.expr(depth)
                if elem[2] in kinds and var in elem[0]:
                    break
            else:
                elem = ("%s[%s]" % (keyed, var), 16, "N") if keyed else (var, 17, "N")
            cond = ""
            if r.random() < 0.4:
                c = self.compare(0)
                if self.values(c[0], check=False) is not None:
                    cond = " if " + prec_wrap(c[0], c[1], 3)
        finally:
            self.envs, self.loopvars, self.keyvars = saved
        return "%s for %s in %s%s" % (prec_wrap(elem[0], elem[1], 3), var, src, cond), elem[2]

    def minmax(self, depth):
        r = self.r
        f = r.choice(["min", "max"])
        roll = r.random()
        if roll < 0.4:
            es = self.items(depth)
            return "%s(%s)" % (f, ", ".join(e[0] for e in es)), 16, self.merged([e[2] for e in es])
        if roll < 0.6:
            es = self.items(depth, 1, 4)
            return "%s([%s])" % (f, ", ".join(e[0] for e in es)), 16, self.merged([e[2] for e in es])
        if roll < 0.7 and self.lists:
            return "%s(%s)" % (f, r.choice(self.lists)), 16, "N"
        if roll < 0.75:
            return "%s(%s.values())" % (f, r.choice(self.dicts)), 16, "N"
        text, kind = self.genexpr(depth, "Nifb")
        return "%s(%s)" % (f, text), 16, kind

    def total(self, depth):
        r = self.r
        roll = r.random()
        if roll < 0.35:
            es = self.items(depth, 1, 4)
            kind = self.merged([e[2] for e in es])
            return "sum([%s])" % ", ".join(e[0] for e in es), 16, kind if kind in "Nf" else "i"
        if roll < 0.5 and self.lists:
            return "sum(%s)" % r.choice(self.lists), 16, "N"
        if roll < 0.55:
            return "sum(%s.values())" % r.choice(self.dicts), 16, "N"
        # an empty generator's sum is 0, which gtorchc gives as 0.0 for floats
        text, kind = self.genexpr(depth, "Ni")
        return "sum(%s)" % text, 16, kind if kind in "Nf" else "i"

    def cond(self, depth):
        a, b = self.expr(depth), self.expr(depth)
        if self.merged([a[2], b[2]]) is None:
            a = self.num_leaf()
        c = self.compare(depth)
        return ("%s if %s else %s" % (prec_wrap(a[0], a[1], 3), prec_wrap(c[0], c[1], 3), prec_wrap(b[0], b[1], 2)),
                2, self.merged([a[2], b[2]]))

    def compare(self, depth):
        """A comparison of numbers, chained now and then."""
        r = self.r
        for _ in range(4):
            es = [self.num_expr(depth)] + [self.expr(depth) for _ in range(r.choice([1, 1, 1, 2, 3]))]
            r.shuffle(es)
            parts = [prec_wrap(es[0][0], es[0][1], 7)]
            for e in es[1:]:
                parts += [r.choice(["<", "<=", ">", ">=", "==", "!="]), prec_wrap(e[0], e[1], 7)]
            code = " ".join(parts)
            if self.values(code, check=False) is not None:
                return code, 6, "b"
        dn = self.r.choice(self.dicts)
        return "%s[%r] > 0" % (dn, self.r.choice(list(self.ns[dn]))), 6, "b"

    # ---- what is printed ----

    def shown(self, depth=2):
        """An argument of print: a number, a comparison or a conversion."""
        r = self.r
        roll = r.random()
        if roll < 0.4:
            return self.expr(depth)[0]
        if roll < 0.55:
            return self.compare(depth - 1)[0]
        e = self.num_expr(depth - 1)
        if roll < 0.62:
            return "str(%s)" % e[0]
        if roll < 0.69:
            return "repr(%s)" % e[0]
        if roll < 0.75:
            return "bool(%s)" % e[0]
        if roll < 0.8:
            return "not " + prec_wrap(e[0], e[1], 5)
        if roll < 0.9:
            t = r.choice(["int", "float", "bool", "(int, float)", "(float, bool)", "(bool, str)"])
            return "isinstance(%s, %s)" % (e[0], t)
        if roll < 0.92:
            dn = r.choice(self.dicts)
            return ("sorted(%s.values())" if not self.special else "list(%s.values())") % dn
        return self.fstring(depth - 1)

    def spec_for(self, vals):
        """A format spec that python3 accepts for every value."""
        r = self.r
        for _ in range(8):
            roll = r.random()
            if roll < 0.3:
                spec = r.choice(NUM_SPECS)
            elif roll < 0.5:
                spec = r.choice(INT_SPECS)
            elif roll < 0.8:
                spec = r.choice(FLOAT_SPECS)
            else:
                spec = self.g.random_spec(r.choice(["int", "float"]))
            if "c" in spec or "n" in spec:
                continue
            try:
                for v in vals:
                    format(v, spec)
            except (ValueError, TypeError, OverflowError):
                continue
            return spec
        return ""

    def fstring(self, depth):
        r = self.r
        parts = []
        for _ in range(r.randint(1, 3)):
            e = self.num_expr(depth)
            vals = self.values(e[0])
            lit = r.choice(["", " ", "x=", "|", "{{", "\u00e9 "])
            code = e[0]
            if r.random() < 0.15:
                parts.append(lit + "{%s!r}" % code)
                continue
            spec = self.spec_for(vals or [])
            if r.random() < 0.1:
                # the text as written, then the value
                parts.append(lit + "{%s=%s}" % (code, ":" + spec if spec and r.random() < 0.5 else ""))
                continue
            parts.append(lit + "{%s%s}" % (code, ":" + spec if spec else ""))
        return 'f"%s"' % "".join(parts)

    def print_line(self, depth=2):
        args = [self.shown(depth) for _ in range(self.r.randint(1, 4))]
        return "print(%s)" % ", ".join(args)

    # ---- statements ----

    def new_dict(self):
        r = self.r
        g = self.g
        name = g.fresh(r.choice(["stats", "options", "m"]))
        keys = r.sample(NUM_KEYS, r.randint(2, 6))
        annotated = r.random() < 0.25
        while True:
            kinds = [r.choice(["int", "int", "float", "float", "bool"]) for _ in keys]
            if annotated or len(set(kinds)) > 1:
                break
        vals = []
        for k in kinds:
            if k == "int":
                vals.append(str(r.choice([0, 1, 2, 3, -1, r.randint(-50, 50), r.randint(-10 ** 6, 10 ** 6)])))
            elif k == "bool":
                vals.append(r.choice(["True", "False"]))
            elif r.random() < 0.06:
                vals.append(r.choice(["float('inf')", "float('nan')", "-float('inf')"]))
                self.special = True
            else:
                vals.append(repr(r.choice(NUM_FLOATS + [r.randint(-400, 400) / 8, round(r.uniform(-100, 100), 3)])))
        disp = "{%s}" % ", ".join("%r: %s" % kv for kv in zip(keys, vals))
        if annotated:
            ann = r.choice(["int | float", "int | float | bool"] + (["int | bool"] if "float" not in kinds else []))
            self.out([("%s: dict[str, %s] = %s" % (name, ann, disp), 0)])
        else:
            self.out([("%s = %s" % (name, disp), 0)])
        self.dicts.append(name)
        self.out([("print(%s, len(%s))" % (name, name), 0)])

    def s_print(self):
        self.out([(self.print_line(), 0)])

    def s_bind(self):
        name = self.g.fresh("x")
        e = self.num_expr(2)
        self.out([("%s = %s" % (name, e[0]), 0)])
        self.leaves.append(name)

    def s_store(self):
        r = self.r
        dn = r.choice(self.dicts)
        d = self.ns[dn]
        key = r.choice(list(d)) if r.random() < 0.6 else r.choice(NUM_KEYS + [self.g.fresh("k")])
        e = self.expr(2) if r.random() < 0.8 else self.compare(1)
        if key in d and r.random() < 0.3:
            op = r.choice(["+=", "-=", "*="])
            if not self.ok(("%s[%r] %s %s" % (dn, key, op[0], prec_wrap(e[0], e[1], 13)), 0, "")):
                return
            self.out([("%s[%r] %s %s" % (dn, key, op, e[0]), 0)])
        else:
            self.out([("%s[%r] = %s" % (dn, key, e[0]), 0)])
        if r.random() < 0.5:
            self.out([("print(%s)" % dn, 0)])

    def s_list(self):
        r = self.r
        name = self.g.fresh("xs")
        es = self.items(2, 1, 5)
        if "N" not in [e[2] for e in es]:
            es.append(self.num_leaf())
        self.out([("%s = [%s]" % (name, ", ".join(e[0] for e in es)), 0)])
        self.lists.append(name)
        lines = []
        if r.random() < 0.4:
            lines.append(("%s.append(%s)" % (name, self.expr(1)[0]), 0))
        lines.append(("print(%s, len(%s), %s)" % (name, name, r.choice(
            ["sorted(%s)" % name if not self.special else "%s[-2:]" % name, "%s[-1]" % name,
             "%s[0] * 2" % name, "sum(%s)" % name,
             "max(%s)" % name, "min(%s)" % name, "%s[::-1]" % name])), 0))
        for line in lines:
            self.out([line])

    def s_accumulate(self):
        """A name that starts as an int and takes numbers in a loop."""
        r = self.r
        acc = self.g.fresh("n")
        start = r.choice(["0", "0", "1", "-2"])
        annotated = r.random() < 0.2
        head = self.loop_head()
        try:
            for _ in range(6):
                e = self.expr(2)
                if e[2] in "Ni" and self.values(e[0]) is not None:
                    break
            else:
                e = self.num_leaf()
            cond = self.compare(1) if r.random() < 0.4 else None
            op = r.choice(["+=", "+=", "-=", "= %s +" % acc])
            body = [("%s %s %s" % (acc, op, prec_wrap(e[0], e[1], 12) if op.startswith("=") else e[0]), 1)]
            if cond:
                body = [("if %s:" % cond[0], 1), (body[0][0], 2)]
            if r.random() < 0.3:
                body.append((self.print_line(1), 1))
        finally:
            self.end_loop()
        lines = [("%s%s = %s" % (acc, ": int | float" if annotated else "", start), 0), (head, 0)] + body
        self.out(lines)
        self.out([("print(%s, %s)" % (acc, self.r.choice(["-%s" % acc, "%s * 2" % acc, "%s > 0" % acc,
                                                           "isinstance(%s, int)" % acc, "repr(%s)" % acc])), 0)])
        if e[2] == "N" and self.fits(self.ns[acc]):
            self.leaves.append(acc)   # a number from here on (only a plain int took it)

    def s_best(self):
        """The largest (or smallest) value seen in a loop, kept in a name."""
        r = self.r
        best = self.g.fresh("best")
        op = r.choice(["<", ">"])
        head = self.loop_head()
        try:
            v = self.num_expr(1)
        finally:
            self.end_loop()
        # a float name would convert the numbers it takes (docs/language.md):
        # only an int or a number starts it
        dn = r.choice(self.dicts)
        first = r.choice(["%s = 0" % best, "%s: int | float = 0" % best, "%s: int | float = 0.0" % best,
                          "%s: int | float = %s" % (best, self.literal()[0]),
                          "%s = %s[%r]" % (best, dn, r.choice(list(self.ns[dn])))])
        self.out([(first, 0), (head, 0), ("if %s %s %s:" % (prec_wrap(v[0], v[1], 7), op, best), 1),
                  ("%s = %s" % (best, v[0]), 2)])
        self.out([("print(%s)" % best, 0)])
        if self.fits(self.ns[best]):
            self.leaves.append(best)

    def loop_head(self):
        """Starts a loop over numbers: its header, with the loop variables
        bound in the envs until end_loop."""
        r = self.r
        g = self.g
        self.saved = self.envs, list(self.loopvars), list(self.keyvars)
        roll = r.random()
        dn = r.choice(self.dicts)
        if roll < 0.35:
            k, v = g.fresh("k"), g.fresh("v")
            head = "for %s, %s in %s.items():" % (k, v, dn)
            envs = [dict(e, **{k: a, v: b}) for e in self.envs for a, b in self.ns[dn].items()]
            self.loopvars.append((v, "N"))
        elif roll < 0.6:
            k = g.fresh("k")
            head = "for %s in %s:" % (k, dn)
            envs = [dict(e, **{k: a}) for e in self.envs for a in self.ns[dn]]
            self.keyvars.append((k, dn))
        elif roll < 0.8 or not self.lists:
            v = g.fresh("v")
            head = "for %s in %s.values():" % (v, dn)
            envs = [dict(e, **{v: b}) for e in self.envs for b in self.ns[dn].values()]
            self.loopvars.append((v, "N"))
        else:
            v = g.fresh("v")
            xs = r.choice(self.lists)
            head = "for %s in %s:" % (v, xs)
            envs = [dict(e, **{v: b}) for e in self.envs for b in self.ns[xs]]
            self.loopvars.append((v, "N"))
        self.envs = envs
        return head

    def end_loop(self):
        self.envs, self.loopvars, self.keyvars = self.saved

    def s_loop(self):
        """A loop whose body prints numbers and branches on them."""
        r = self.r
        head = self.loop_head()
        try:
            body = [(self.print_line(2), 1)]
            if r.random() < 0.6:
                body += [("if %s:" % self.truth(1), 1), (self.print_line(1), 2)]
                if r.random() < 0.5:
                    body += [("elif %s:" % self.compare(1)[0], 1), ("continue", 2)]
                if r.random() < 0.5:
                    body += [("else:", 1), (self.print_line(1), 2)]
        finally:
            self.end_loop()
        self.out([(head, 0)] + body)

    def truth(self, depth):
        """A condition: a comparison, or a number's truth value."""
        r = self.r
        roll = r.random()
        if roll < 0.6:
            return self.compare(depth)[0]
        e = self.num_expr(depth)
        if roll < 0.75:
            return e[0]
        if roll < 0.85:
            return "not " + prec_wrap(e[0], e[1], 5)
        return "%s %s %s" % (prec_wrap(e[0], e[1], 5), r.choice(["and", "or"]), prec_wrap(self.compare(depth)[0], 6, 5))

    def s_branch(self):
        """A name that starts as an int and takes a number on some paths
        (the paths meet after the if: a number from there on)."""
        r = self.r
        x = self.g.fresh("x")
        lines = [("%s = %s" % (x, r.choice(["0", "1", "-3", "10"])), 0), ("if %s:" % self.truth(1), 0)]
        e = self.num_expr(2)
        lines.append((r.choice(["%s = %s" % (x, e[0]), "%s += %s" % (x, e[0]),
                                "%s = %s + %s" % (x, x, prec_wrap(e[0], e[1], 12))]), 1))
        if r.random() < 0.5:
            lines += [("elif %s:" % self.truth(1), 0), ("%s = %s" % (x, r.randint(-9, 9)), 1)]
        if r.random() < 0.3:
            lines += [("else:", 0), ("%s -= %s" % (x, self.num_expr(1)[0]), 1)]
        self.out(lines)
        self.out([("print(%s, %s)" % (x, self.shown(1)), 0)])
        if self.fits(self.ns[x]):
            self.leaves.append(x)

    def s_if(self):
        c = (self.truth(2),)
        lines = [("if %s:" % c[0], 0), (self.print_line(), 1)]
        if self.r.random() < 0.6:
            lines += [("else:", 0), (self.print_line(), 1)]
        self.out(lines)

    def s_while(self):
        r = self.r
        i, m = self.g.fresh("i"), self.g.fresh("m")
        n = r.randint(0, 4)
        saved = self.envs
        self.envs = [dict(e, **{i: j}) for e in self.envs for j in range(n)]
        try:
            for _ in range(6):
                e = self.num_expr(2)
                if i in e[0] or r.random() < 0.3:
                    break
            line = self.print_line(1)
        finally:
            self.envs = saved
        self.out([("%s = 0" % i, 0), ("%s = 0" % m, 0), ("while %s < %d:" % (i, n), 0),
                  ("%s += %s" % (m, e[0]), 1), (line, 1), ("%s += 1" % i, 1)])
        self.out([("print(%s, %s)" % (i, m), 0)])

    def helper(self, kind):
        """The name of a function taking an int, bool, float or number
        parameter, defined at its first use."""
        if kind in self.defined:
            return self.defined[kind]
        r, g = self.r, self.g
        name, a, b = g.fresh("f" + kind[0]), g.fresh("a"), g.fresh("b")
        if kind == "int":
            body = r.choice(["@a * 2 - @b", "@a // 3 + @b * 2", "(@a - @b) % 7", "@a * @b + 1", "abs(@a) + @b",
                             "-@a + @b * 5"])
            lines = [("def %s(%s: int, %s: int = %d) -> int:" % (name, a, b, r.randint(-5, 5)), 0),
                     ("return " + body.replace("@a", a).replace("@b", b), 1)]
        elif kind == "bool":
            body = r.choice(["'on' if @a else 'off'", "f'{@a} {not @b}'", "str(@a) + str(@b)", "repr(@a and @b)"])
            lines = [("def %s(%s: bool, %s: bool = %s) -> str:" % (name, a, b, r.choice(["True", "False"])), 0),
                     ("return " + body.replace("@a", a).replace("@b", b), 1)]
        elif kind == "float":
            # Python keeps an int where gtorchc converts: a float operand
            # makes the result a float in both
            body = r.choice(["@a * 0.5 + @b", "@a / 4 - @b", "(@a + @b) * 1.5", "-@a / 2.0 + @b * 0.25"])
            lines = [("def %s(%s: float, %s: float = %r) -> float:" % (name, a, b, r.choice([0.5, 1.25, -2.0])), 0),
                     ("return " + body.replace("@a", a).replace("@b", b), 1)]
        else:
            body = r.choice(["@a * @b", "@a + @b", "-@a - @b", "@a if @b else 0"])
            lines = [("def %s(%s: int | float, %s: int = %d) -> int | float:" % (name, a, b, r.randint(-3, 3)), 0),
                     ("return " + body.replace("@a", a).replace("@b", b), 1)]
        self.out(lines + [("", 0)], pre=True)
        self.defined[kind] = name
        return name

    def arg_of(self, kind):
        """A number argument whose values all suit a kind of parameter."""
        want = {"int": lambda v: isinstance(v, int), "bool": lambda v: isinstance(v, bool)}.get(kind, lambda v: True)
        for _ in range(12):
            e = self.num_expr(1) if self.r.random() < 0.8 else self.expr(1)
            if kind == "bool" and self.r.random() < 0.2:
                e = self.compare(0)
            # a plain bool is an error for an int parameter (Python passes
            # it): only a number brings one there
            if kind in ("int", "bool") and e[2] not in ("Nb" if kind == "bool" else "Ni"):
                continue
            vals = self.values(e[0], check=kind != "bool")
            if vals is not None and all(want(v) for v in vals):
                return e[0]
        return None

    def s_call(self):
        r = self.r
        calls = []
        for _ in range(r.randint(1, 3)):
            kind = r.choice(["int", "int", "bool", "float", "number"])
            x, y = self.arg_of(kind), self.arg_of(kind if kind != "number" else "int")
            if x is None:
                continue
            f = self.helper(kind)
            if y is None or r.random() < 0.3:
                call = "%s(%s)" % (f, x)
            else:
                call = "%s(%s, %s)" % (f, x, y)
            if self.values(call, check=kind != "bool") is not None:
                calls.append(call)
        if calls:
            self.out([("print(%s)" % ", ".join(calls), 0)])

    def s_dict_fn(self):
        """A dict of numbers passed whole to a function that sums it."""
        name, m, k, t = self.g.fresh("tally"), self.g.fresh("m"), self.g.fresh("k"), self.g.fresh("t")
        lit = self.literal()
        self.out([("def %s(%s: dict[str, int | float]) -> int | float:" % (name, m), 0),
                  ("%s = 0" % t, 1), ("for %s in %s:" % (k, m), 1),
                  ("if %s[%s] > %s:" % (m, k, lit[0]), 2), ("%s += %s[%s]" % (t, m, k), 3),
                  ("return %s" % t, 1), ("", 0)], pre=True)
        self.out([("print(%s)" % ", ".join("%s(%s)" % (name, dn) for dn in self.dicts), 0)])

    def shape(self):
        r = self.r
        self.new_dict()
        if r.random() < 0.3:
            self.new_dict()
        stmts = [self.s_print] * 4 + [self.s_bind] * 2 + [self.s_store, self.s_list, self.s_accumulate,
                                                         self.s_accumulate, self.s_best, self.s_loop, self.s_if,
                                                         self.s_branch,
                                                         self.s_while, self.s_call, self.s_call, self.s_dict_fn]
        for _ in range(r.randint(8, 18)):
            r.choice(stmts)()
        self.out([("print(%s)" % ", ".join(self.dicts + self.lists[:2]), 0)])
        g = self.g
        for t, i in self.pre:
            g.emit(t, i)
        # now and then in a function, whose names are locals in the C
        fn = g.fresh("numbers") if r.random() < 0.4 else None
        if fn:
            g.emit("def %s() -> None:" % fn, 0)
        for t, i in self.body:
            g.emit(t, i + (1 if fn else 0))
        if fn:
            g.emit("", 0)
            g.emit("%s()" % fn, 0)


def feat_numbers(g):
    """int | float numbers: dicts of ints, floats and bools (each value
    keeping its type) in arithmetic, comparisons (chained), abs, round,
    min/max/sum of arguments, lists and generator expressions, int(),
    float(), str(), repr(), bool(), isinstance, f-strings with format
    specs, conditional expressions, int/bool/float/number parameters,
    lists of numbers and names that start as ints and accumulate numbers in
    loops; every expression computed by the generator to stay in bounds."""
    NumShape(g).shape()


# ---- == of unrelated types ----------------------------------------------------------

# (type, family, literal of n, helper's result): values of different
# families are never equal in Python; ints, floats and bools are one family.
# Not here, as gtorchc rejects them though Python never finds them equal:
# an Optional beside another type (`x: str | None` == 1), tuples of other
# lengths or of unrelated items at one place ((1, 'a') == (1, 2)).
EQ_TYPES = [
    ("int", "num", "%d", "n"),
    ("float", "num", "%d.5", "n + 0.5"),
    ("bool", "num", None, "n % 2 == 1"),
    ("str", "str", "'%d'", "str(n)"),
    ("list[int]", "list", "[%d, 1]", "[n, n + 1]"),
    ("tuple[int, int]", "tuple", "(%d, 1)", "(n, n + 1)"),
    ("dict[str, int]", "dict", "{'k': %d}", "{'k': n}"),
    ("set[int]", "set", "{%d, 1}", "{n}"),
    ("None", "none", "None", None),
    # containers of other elements: of the families above, so that only
    # types whose values are never equal meet (`[] == []` of a list[int]
    # and a list[str] is True: an error in gtorchc)
    ("list[str]", "list", "['%d']", "[str(n)]"),
    ("tuple[str, int]", "tuple", "('%d', 1)", "(str(n), n)"),
    ("dict[str, list[int]]", "dict", "{'k': [%d]}", "{'k': [n]}"),
    ("list[tuple[int, int]]", "list", "[(%d, 1)]", "[(n, n)]"),
]
EQ_ORDERED = {"num", "str", "list", "tuple"}


class EqShape:
    """`==` and `!=` of values whose types Python never finds equal, beside
    comparisons of related ones: operands that print when evaluated (both
    sides of an == run; a chain stops at its first false link), in prints,
    chains, if/elif/while conditions, conditional expressions, and/or,
    not, comprehension filters, any(), assert, f-strings and functions."""

    def __init__(self, g):
        self.g, self.r = g, g.r
        self.types = []      # (annotation, family, literal or None, helper name, variable)
        self.names = []      # ints the loops may pass to helpers
        self.method = None   # (class, other class) of a method comparing them

    def setup(self):
        r, g = self.r, self.g
        kinds = r.sample(EQ_TYPES, r.randint(3, 6))
        if len({k[1] for k in kinds}) < 2:
            kinds.append(EQ_TYPES[3])
        prev = None
        for cls in [g.fresh("P"), g.fresh("Q")][:r.randint(0, 2)]:
            g.emit("class %s:" % cls, 0)
            g.emit("def __init__(self, n: int) -> None:", 1)
            g.emit("self.n = n", 2)
            g.emit("", 0)
            g.emit("def __repr__(self) -> str:", 1)
            g.emit("return '%s(' + str(self.n) + ')'" % cls, 2)
            g.emit("", 0)
            if prev:
                # self against an object of the other class, and a field
                # against a str
                g.emit("def differs(self, o: %s) -> bool:" % prev, 1)
                g.emit("return self != o and self.n == str(o.n) or o == self", 2)
                g.emit("", 0)
                self.method = (cls, prev)
            kinds.append((cls, cls, cls + "(%d)", "%s(n)" % cls))
            prev = cls
        if r.random() < 0.5:
            # an int | float number, from a dict of ints, floats and bools
            nums = g.fresh("nums")
            vals = [r.choice(["%d" % r.randint(-2, 3), "%d.5" % r.randint(-2, 3), "True", "False"]) for _ in range(3)]
            vals[0], vals[1] = str(r.randint(-2, 3)), "%d.5" % r.randint(-2, 3)
            g.emit("%s = {'a': %s, 'b': %s, 'c': %s}" % ((nums,) + tuple(vals)), 0)
            kinds.append(("int | float", "num", "%s[%r]" % (nums, r.choice("abc")),
                          "%s['a'] * n if n %% 2 == 0 else %s['b'] + n" % (nums, nums)))
        for ann, fam, lit, res in kinds:
            h = g.fresh("see")
            g.emit("def %s(n: int) -> %s:" % (h, ann), 0)
            g.emit("print(%r, n)" % h, 1)
            if res:
                g.emit("return %s" % res, 1)
            g.emit("", 0)
            v = g.fresh("u")
            if fam == "none":
                v = "None"   # a name that is only ever None is an error in gtorchc
            elif ann == "int | float":
                v = lit
            elif r.random() < 0.2 and fam in ("list", "dict", "str", "set"):
                empty = {"list": "[]", "dict": "{}", "str": "''", "set": "set()"}[fam]
                g.emit("%s: %s = %s" % (v, ann, empty), 0)
            else:
                g.emit("%s = %s" % (v, self.lit(lit, ann)), 0)
            self.types.append((ann, fam, lit, h, v))

    def lit(self, lit, ann):
        n = self.r.randint(-2, 3)
        if lit is None:
            return self.r.choice(["True", "False"])
        return lit % n if "%" in lit else lit

    def operand(self, t, fstring=False):
        r = self.r
        ann, fam, lit, h, v = t
        roll = r.random()
        if roll < 0.5:
            arg = r.choice(self.names) if self.names and r.random() < 0.5 else str(r.randint(-2, 3))
            return "%s(%s)" % (h, arg), 16
        if roll < 0.75 or fstring:
            return v, 17
        code = self.lit(lit, ann)
        return code, 17 if not code.startswith("-") else 13

    def pair(self, fstring=False):
        """Two operands of unrelated types, as text, with ==/!= between."""
        r = self.r
        a = r.choice(self.types)
        b = r.choice([t for t in self.types if t[1] != a[1]])
        x, y = self.operand(a, fstring), self.operand(b, fstring)
        return "%s %s %s" % (prec_wrap(x[0], x[1], 7), r.choice(["==", "!="]), prec_wrap(y[0], y[1], 7))

    def chain(self):
        """A chained comparison whose links mix ==/!= of unrelated types and
        comparisons of one type."""
        r = self.r
        t = r.choice(self.types)
        parts = [prec_wrap(*self.operand(t), 7)]
        for _ in range(r.randint(2, 4)):
            u = r.choice(self.types)
            if u[1] == t[1] and u[1] in EQ_ORDERED and (u[0] == t[0] or u[1] == "num"):
                op = r.choice(["<", "<=", ">", ">=", "==", "!="])
            elif u[1] == t[1] and u[0] != t[0]:
                continue  # values of one family that may be equal: an error
            else:
                op = r.choice(["==", "!="])
            parts += [op, prec_wrap(*self.operand(u), 7)]
            t = u
        if len(parts) == 1:
            return self.pair()
        return " ".join(parts)

    def cond(self):
        r = self.r
        roll = r.random()
        if roll < 0.45:
            return self.pair()
        if roll < 0.65:
            return self.chain()
        if roll < 0.8:
            return "%s %s %s" % (self.pair(), r.choice(["and", "or"]), self.pair())
        return "not " + self.pair()

    def cond_and(self):
        """cond() as the right operand of `and`."""
        c = self.cond()
        return "(%s)" % c if " and " in c or " or " in c else c

    def stmt(self):
        r, g = self.r, self.g
        roll = r.random()
        if roll < 0.25:
            g.emit("print(%s)" % ", ".join(r.choice([self.pair, self.chain, self.cond])()
                                           for _ in range(r.randint(1, 3))), 0)
        elif roll < 0.38:
            g.emit("if %s:" % self.cond(), 0)
            g.emit("print(%r)" % g.fresh("yes"), 1)
            if r.random() < 0.5:
                g.emit("elif %s:" % self.cond(), 0)
                g.emit("print(%r)" % g.fresh("elif"), 1)
            if r.random() < 0.6:
                g.emit("else:", 0)
                g.emit("print(%r)" % g.fresh("no"), 1)
        elif roll < 0.48:
            w = g.fresh("w")
            self.names.append(w)
            g.emit("%s = 0" % w, 0)
            g.emit("while %s < %d and %s:" % (w, r.randint(0, 3), self.cond_and()), 0)
            g.emit("%s += 1" % w, 1)
            g.emit("print(%r, %s)" % (w, w), 0)
        elif roll < 0.58:
            g.emit("print(%r if %s else %r, %s)" % (g.fresh("t"), self.cond(), g.fresh("f"), self.cond()), 0)
        elif roll < 0.66:
            flag = g.fresh("flag")
            g.emit("%s = %s" % (flag, self.cond()), 0)
            g.emit("print(%s, not %s, %s + 1)" % (flag, flag, flag), 0)
        elif roll < 0.74:
            x = g.fresh("x")
            xs = "[%s]" % ", ".join(str(r.randint(-2, 3)) for _ in range(r.randint(1, 5)))
            if r.random() < 0.3:
                xs = "range(%d)" % r.randint(0, 4)   # a bare [] has no type
            other = r.choice([t for t in self.types if t[1] != "num"])
            fn = r.choice(["any", "sum", "list"])
            if fn == "list":
                g.emit("print([%s for %s in %s if %s != %s(%s)])" % (x, x, xs, x, other[3], x), 0)
            elif fn == "sum":
                g.emit("print(sum(1 for %s in %s if %s(%s) == %s))" % (x, xs, other[3], x, x), 0)
            else:
                g.emit("print(any(%s == %s for %s in %s))" % (x, other[4], x, xs), 0)
        elif roll < 0.8:
            g.emit("assert %s" % self.pair().replace("==", "!="), 0)
        elif roll < 0.9:
            g.emit('print(f"{%s} {%s}")' % (self.pair(True), self.pair(True)), 0)
        elif self.method and r.random() < 0.4:
            cls, other = self.method
            g.emit("print(%s(%d).differs(%s(%d)))" % (cls, r.randint(0, 2), other, r.randint(0, 2)), 0)
        else:
            a = r.choice([t for t in self.types if t[1] != "none"] or self.types)
            b = r.choice([t for t in self.types if t[1] not in (a[1], "none")] or [a])
            if a[1] == b[1]:
                return
            fn, p, q = g.fresh("same"), g.fresh("p"), g.fresh("q")
            g.emit("def %s(%s: %s, %s: %s) -> bool:" % (fn, p, a[0], q, b[0]), 0)
            g.emit("return %s %s %s" % (p, r.choice(["==", "!="]), q), 1)
            g.emit("", 0)
            g.emit("print(%s(%s, %s), %s(%s, %s))" % (fn, a[4], b[4], fn, self.operand(a)[0], self.operand(b)[0]), 0)


def feat_eq_unrelated(g):
    """`==`/`!=` of values of unrelated types (a str and an int, a list and
    a tuple, a dict and a set, objects of two classes without __eq__):
    False/True as in Python, both operands evaluated (they print), in
    chains, conditions, conditional expressions and functions."""
    s = EqShape(g)
    s.setup()
    for _ in range(s.r.randint(5, 12)):
        s.stmt()


def feat_widen(g):
    """Containers and names whose type Python lets change: a list or dict
    of ints (or bools) that append, insert, extend, update or an item's
    assignment give other kinds of number (each value keeping its kind), a parameter rebound in
    an `if isinstance(...)` that its type decides (the branch not taken
    never runs), and tuples never equal to one of another length or with
    an item of an unrelated type."""
    r = g.r

    def number():
        return r.choice([str(r.randint(-5, 9)), "%d.5" % r.randint(-3, 4), "True", "False"])

    fn, xs, d = g.fresh("grow"), g.fresh("xs"), g.fresh("counts")
    g.emit("def %s(n: int) -> None:" % fn, 0)
    g.emit("%s = [%s]" % (xs, ", ".join(str(r.randint(-3, 6)) for _ in range(r.randint(1, 3)))), 1)
    g.emit("%s = {'a': %d}" % (d, r.randint(0, 5)), 1)
    for _ in range(r.randint(2, 5)):
        k = r.randrange(7)
        if k == 5:
            g.emit("%s['k%d'] = %s" % (d, r.randint(0, 3), number()), 1)
        elif k == 6:
            g.emit("%s[%s] %s= %s" % (xs, r.choice(["0", "-1"]), r.choice(["", "+", "*"]), number()), 1)
        elif k == 0:
            g.emit("%s.append(%s)" % (xs, number()), 1)
        elif k == 1:
            g.emit("%s.insert(%d, %s)" % (xs, r.randint(0, 2), number()), 1)
        elif k == 2:
            g.emit("%s.extend([%s, %s])" % (xs, number(), number()), 1)
        elif k == 3:
            g.emit("%s.update({'k%d': %s})" % (d, r.randint(0, 3), number()), 1)
        else:
            g.emit("%s.append(n * %s)" % (xs, r.choice(["0.25", "2", "True"])), 1)
    g.emit("%s.append(0.5)" % xs, 1)
    g.emit("%s.update({'z': False})" % d, 1)
    g.emit("print(%s, %s, len(%s), sum(%s))" % (xs, d, xs, xs), 1)
    g.emit("print([isinstance(v, bool) for v in %s], %s['a'] + n)" % (xs, d), 1)
    g.emit("", 0)
    g.emit("%s(%d)" % (fn, r.randint(0, 4)), 0)
    rb, m = g.fresh("rebound"), g.fresh("mean")
    g.emit("def %s(%s: list[float] = [%s]) -> float:" % (rb, m, repr(r.randint(1, 9) / 4)), 0)
    g.emit("if %sisinstance(%s, %s):" % ("not " if r.random() < 0.5 else "", m, r.choice(["list", "str", "dict"])), 1)
    g.emit("print('branch')", 2)
    g.emit("if isinstance(%s, list):" % m, 1)
    g.emit("%s = sum(%s) * 2" % (m, m), 2)
    g.emit("return %s + 1" % m, 1)
    g.emit("", 0)
    g.emit("print(%s(), %s([1.5, %d]))" % (rb, rb, r.randint(0, 3)), 0)
    a = "(%d, %r)" % (r.randint(0, 2), r.choice(["a", "b"]))
    b = r.choice(["(%d, %d)" % (r.randint(0, 2), r.randint(0, 2)), "(%d, %r, 1)" % (r.randint(0, 2), "a")])
    g.emit("print(%s == %s, %s != %s)" % (a, b, a, b), 0)


def feat_narrow(g):
    """Fields that hold objects of several classes: a field annotated with
    a base class, assigned a derived class (whose own fields and methods
    it then reads), another derived class, the base, or a conditional of
    two; an Optional field assigned an int, read, and given None again;
    list displays and conditionals of sibling classes (their nearest
    common base); `x.__class__` and `type(x)` names."""
    r = g.r
    base, left, right, holder = g.fresh("Base"), g.fresh("Left"), g.fresh("Right"), g.fresh("Holder")
    g.emit("class %s:" % base, 0)
    g.emit("def __init__(self, w: int) -> None:", 1)
    g.emit("self.w = w", 2)
    g.emit("def describe(self) -> str:", 1)
    g.emit("return 'base ' + str(self.w)", 2)
    g.emit("", 0)
    g.emit("class %s(%s):" % (left, base), 0)
    g.emit("def __init__(self, w: int, k: int) -> None:", 1)
    g.emit("super().__init__(w)", 2)
    g.emit("self.k = k", 2)
    g.emit("def describe(self) -> str:", 1)
    g.emit("return 'left %d ' + str(self.w + self.k)" % r.randint(0, 9), 2)
    g.emit("", 0)
    g.emit("class %s(%s):" % (right, base), 0)
    if r.random() < 0.5:
        g.emit("def describe(self) -> str:", 1)
        g.emit("return 'right ' + str(self.w * %d)" % r.randint(1, 4), 2)
    else:
        g.emit("pass", 1)
    g.emit("", 0)
    g.emit("class %s:" % holder, 0)
    g.emit("def __init__(self, n: int) -> None:", 1)
    g.emit("self.part: %s = %s(n, %d)" % (base, left, r.randint(0, 5)), 2)
    for _ in range(r.randint(1, 3)):
        roll = r.randrange(3)
        if roll == 0:
            g.emit("self.part.k += %d" % r.randint(1, 3), 2)
        elif roll == 1:
            g.emit("self.k = self.part.k * 2", 2)
        else:
            g.emit("print(self.part.__class__.__name__, type(self.part).__name__)", 2)
    # a call of the program's (describe) may assign the field: the
    # narrowing ends there, so the derived class's own field is read before
    g.emit("print(self.part.k, self.part.describe())", 2)
    g.emit("self.part = %s" % r.choice(["%s(n)" % right, "%s(n + 1)" % base, "%s(n, 1) if n > 2 else %s(n)" % (left, right)]), 2)
    g.emit("print(self.part.describe(), self.part.w)", 2)
    g.emit("self.slot: int | None = None", 2)
    g.emit("self.slot = n * %d" % r.randint(1, 5), 2)
    g.emit("print(self.slot + 1)", 2)
    g.emit("self.slot = None", 2)
    g.emit("def swap(self, flip: bool) -> str:", 1)
    g.emit("self.part = %s(1, 2) if flip else %s(3)" % (left, r.choice([right, base])), 2)
    g.emit("return self.part.describe() + ' ' + str(isinstance(self.part, %s))" % left, 2)
    g.emit("", 0)
    items = ["%s(%d, %d)" % (left, r.randint(0, 5), r.randint(0, 5)), "%s(%d)" % (right, r.randint(0, 5)),
             "%s(%d)" % (base, r.randint(0, 5))]
    r.shuffle(items)
    xs, h = g.fresh("parts"), g.fresh("h")
    g.emit("%s = [%s]" % (xs, ", ".join(items[:r.randint(2, 3)])), 0)
    g.emit("print([x.describe() for x in %s], [x.__class__.__name__ for x in %s])" % (xs, xs), 0)
    g.emit("%s = %s(%d)" % (h, holder, r.randint(0, 5)), 0)
    g.emit("print(%s.swap(%s), %s.swap(%s), %s.slot)" % (h, r.choice(["True", "False"]), h, r.choice(["True", "False"]), h), 0)


# ---- features of the lang-gaps branch ------------------------------------------------

def _lit_of(r, kind):
    """A literal of kind int, float, str or bool, exactly of that type."""
    if kind == "int":
        return str(r.randint(-50, 50))
    if kind == "float":
        return repr(r.randint(-400, 400) / 8)
    if kind == "bool":
        return r.choice(["True", "False"])
    return repr(r.choice(["", "a", "xy", "caf\u00e9", "0", "fast", "slow", "a b"]))


def feat_dict_kw(g):
    """dict(d, k=v): a copy of a dict of str keys with keyword items (keys
    of d replaced, new ones added at the end), d unchanged; of pairs, of a
    zip, of an empty dict, of another copy, in a function's result."""
    r = g.r
    kind = r.choice(["int", "float", "str", "bool"])
    ann = {"int": "int", "float": "float", "str": "str", "bool": "bool"}[kind]
    keys = [g.fresh("k") for _ in range(r.randint(2, 6))]
    d, e, fn, opts = g.fresh("d"), g.fresh("e"), g.fresh("with_opts"), g.fresh("options")
    have = r.sample(keys, r.randint(0, len(keys) - 1))
    g.emit("%s: dict[str, %s] = {%s}" % (d, ann, ", ".join("%r: %s" % (k, _lit_of(r, kind)) for k in have)), 0)

    def kws(n=None):
        ks = r.sample(keys, n if n is not None else r.randint(1, min(3, len(keys))))
        return ", ".join("%s=%s" % (k, _lit_of(r, kind)) for k in ks)

    g.emit("%s = dict(%s, %s)" % (e, d, kws()), 0)
    g.emit("print(%s, %s, len(%s), %s == %s)" % (e, d, e, e, d), 0)
    if have:
        g.emit("%s[%r] = %s" % (e, have[0], _lit_of(r, kind)), 0)
        g.emit("print(%s[%r], %s[%r])" % (e, have[0], d, have[0]), 0)
    g.emit("print(dict(dict(%s, %s), %s))" % (d, kws(), kws()), 0)
    pairs = ", ".join("(%r, %s)" % (k, _lit_of(r, kind)) for k in r.sample(keys, r.randint(1, len(keys))))
    g.emit("print(dict([%s], %s))" % (pairs, kws()), 0)
    zk = r.sample(keys, r.randint(1, len(keys)))
    g.emit("print(dict(zip(%r, [%s]), %s))" % (zk, ", ".join(_lit_of(r, kind) for _ in zk), kws()), 0)
    g.emit("", 0)
    g.emit("def %s(%s: dict[str, %s]) -> dict[str, %s]:" % (fn, opts, ann, ann), 0)
    g.emit("return dict(%s, %s)" % (opts, kws()), 1)
    g.emit("", 0)
    g.emit("print(%s({}), %s(%s), %s(%s))" % (fn, fn, d, fn, e), 0)
    x = g.fresh("x")
    g.emit("for %s in %s(%s).items():" % (x, fn, d), 0)
    g.emit("print(%s)" % x, 1)


def feat_star_call(g):
    """f(*xs) of a list into required positional parameters (functions,
    a constructor, a method, after positional arguments), its length
    checked at run time: Python's TypeError messages for too many and too
    few items."""
    r = g.r
    kind = r.choice(["int", "float", "str"])
    n = r.randint(1, 4)
    fn, cls, meth = g.fresh("f"), g.fresh("Pt"), g.fresh("moved")
    ps = [g.fresh("p") for _ in range(n)]
    fmt = " ".join("{%s!r}" % p for p in ps)
    g.emit("def %s(%s) -> str:" % (fn, ", ".join("%s: %s" % (p, kind) for p in ps)), 0)
    g.emit("return f\"%s\"" % fmt, 1)
    g.emit("", 0)
    g.emit("class %s:" % cls, 0)
    g.emit("def __init__(self, %s) -> None:" % ", ".join("%s: %s" % (p, kind) for p in ps), 1)
    for p in ps:
        g.emit("self.%s = %s" % (p, p), 2)
    g.emit("", 0)
    g.emit("def %s(self, %s) -> str:" % (meth, ", ".join("%s: %s" % (p, kind) for p in ps)), 1)
    g.emit("return f\"%s\" + repr(self)" % fmt, 2)
    g.emit("", 0)
    g.emit("def __repr__(self) -> str:", 1)
    g.emit("return f\"%s(%s)\"" % (cls, ", ".join("{self.%s!r}" % p for p in ps)), 2)
    g.emit("", 0)
    xs, t, o = g.fresh("xs"), g.fresh("t"), g.fresh("o")
    g.emit("%s = [%s]" % (xs, ", ".join(_lit_of(r, kind) for _ in range(n))), 0)
    g.emit("%s = %s(*%s)" % (o, cls, xs), 0)
    g.emit("print(%s(*%s), %s, %s.%s(*%s))" % (fn, xs, o, o, meth, xs), 0)
    if n > 1:
        k = r.randint(1, n - 1)
        rest = g.fresh("rest")
        g.emit("%s = %s[%d:]" % (rest, xs, k), 0)
        g.emit("print(%s(%s, *%s), %s(%s, *%s))" % (fn, ", ".join(_lit_of(r, kind) for _ in range(k)), rest,
                                                  cls, ", ".join(_lit_of(r, kind) for _ in range(k)), rest), 0)
    if r.random() < 0.5:
        g.emit("%s = tuple(%s)" % (t, xs), 0)
        g.emit("print(%s(*%s))" % (fn, t), 0)
    tries, ys, e = g.fresh("tries"), g.fresh("ys"), g.fresh("e")
    lens = [r.randint(0, n + 2) for _ in range(r.randint(2, 4))]
    g.emit("%s: list[list[%s]] = [%s]" % (tries, kind, ", ".join(
        "[%s]" % ", ".join(_lit_of(r, kind) for _ in range(m)) for m in lens)), 0)
    g.emit("for %s in %s:" % (ys, tries), 0)
    calls = ["%s(*%s)" % (fn, ys), "repr(%s(*%s))" % (cls, ys), "%s.%s(*%s)" % (o, meth, ys)]
    if n > 1:
        calls.append("%s(%s, *%s)" % (fn, _lit_of(r, kind), ys))
    for c in r.sample(calls, r.randint(1, len(calls))):
        g.emit("try:", 1)
        g.emit("print(%s)" % c, 2)
        g.emit("except TypeError as %s:" % e, 1)
        g.emit("print('TypeError:', %s)" % e, 2)


BUILTIN_CALLS = [
    # (builtins the variable may hold, argument lists that suit them all)
    (["min", "max"], ["3, 4", "-2, 7", "1.5, 0.25", "'ab', 'b'", "[3, 9, 2]", "[2.5, -1.0]", "'hello'"]),
    (["len"], ["'abc'", "[1, 2, 3]", "''", "{'a': 1}"]),
    (["str", "repr"], ["42", "2.5", "'x'", "[1, 2]", "True"]),
    (["abs"], ["-3", "2.5", "-0.0", "7"]),
    (["sum"], ["[1, 2, 3]", "[0.5, 0.25]", "[-4]"]),
    (["sorted"], ["[3, 1, 2]", "'cab'", "[2.5, -1.0]"]),
    (["int", "round"], ["2.5", "-3.75", "7"]),
    (["float"], ["3", "'2.5'", "'-inf'"]),
]


def feat_builtin_values(g):
    """Builtins stored in variables: `f = max`, `pick = min if c else max`
    (the Callable type of the first call through the name), at the top
    level, in functions and in loops over conditions."""
    r = g.r
    for _ in range(r.randint(2, 4)):
        names, argss = r.choice(BUILTIN_CALLS)
        args = r.choice(argss)
        if "minmax_of_str" in g.avoid and args == "'hello'":
            args = "'ab', 'b'"
        v = g.fresh("pick")
        shape = r.randint(0, 3)
        if shape == 0:
            g.emit("%s = %s" % (v, r.choice(names)), 0)
            g.emit("print(%s(%s), %s(%s))" % (v, args, v, args), 0)
        elif shape == 1 and len(names) == 2:
            c = g.fresh("c")
            g.emit("%s = %s" % (c, r.choice(["True", "False"])), 0)
            g.emit("%s = %s if %s else %s" % (v, names[0], c, names[1]), 0)
            g.emit("print(%s(%s))" % (v, args), 0)
        elif shape == 2 and len(names) == 2:
            fn, small = g.fresh("choose"), g.fresh("small")
            g.emit("def %s(%s: bool) -> str:" % (fn, small), 0)
            g.emit("%s = %s if %s else %s" % (v, names[0], small, names[1]), 1)
            g.emit("return str(%s(%s))" % (v, args), 1)
            g.emit("", 0)
            g.emit("print(%s(True), %s(False))" % (fn, fn), 0)
        else:
            b = g.fresh("b")
            g.emit("for %s in [%s]:" % (b, ", ".join(r.choice(["True", "False"]) for _ in range(r.randint(1, 3)))), 0)
            g.emit("%s = %s if %s else %s" % (v, names[0], b, names[-1]), 1)
            g.emit("print(%s, %s(%s))" % (b, v, args), 1)


def feat_eq_object(g):
    """`__eq__(self, other: object)` returning NotImplemented for other
    types: `==` with another type is False and `!=` True (both operands
    evaluated), a derived class compares by the base's __eq__, two such
    classes never equal, `in` and `count` of lists."""
    r = g.r
    cls, sub, tag, f = g.fresh("P"), g.fresh("Q"), g.fresh("Tag"), g.fresh("v")
    kind = r.choice(["int", "str", "float"])
    g.emit("class %s:" % cls, 0)
    g.emit("def __init__(self, %s: %s) -> None:" % (f, kind), 1)
    g.emit("self.%s = %s" % (f, f), 2)
    g.emit("", 0)
    g.emit("def __eq__(self, other: object) -> bool:", 1)
    g.emit("if not isinstance(other, %s):" % cls, 2)
    g.emit("return NotImplemented", 3)
    g.emit("return self.%s == other.%s" % (f, f), 2)
    g.emit("", 0)
    g.emit("def __repr__(self) -> str:", 1)
    g.emit("return f\"%s({self.%s!r})\"" % (cls, f), 2)
    g.emit("", 0)
    g.emit("class %s(%s):" % (sub, cls), 0)
    g.emit("pass", 1)
    g.emit("", 0)
    g.emit("class %s:" % tag, 0)
    g.emit("def __init__(self, name: str) -> None:", 1)
    g.emit("self.name = name", 2)
    g.emit("", 0)
    g.emit("def __eq__(self, other: object) -> bool:", 1)
    g.emit("if not isinstance(other, %s):" % tag, 2)
    g.emit("return NotImplemented", 3)
    g.emit("return self.name == other.name", 2)
    g.emit("", 0)
    loud = g.fresh("loud")
    g.emit("def %s(x: int) -> int:" % loud, 0)
    g.emit("print('evaluated', x)", 1)
    g.emit("return x", 1)
    g.emit("", 0)
    pool = lambda: _lit_of(r, kind)
    objs = ["%s(%s)" % (cls, pool()), "%s(%s)" % (sub, pool()), "%s(%s)" % (tag, _lit_of(r, "str"))]
    others = ["3", "'3'", "2.5", "None", "True", "%s(%d)" % (loud, r.randint(0, 9)), "[1]", "(1, 2)"]
    p = g.fresh("p")
    g.emit("%s = %s(%s)" % (p, cls, pool()), 0)
    objs.append(p)
    for _ in range(r.randint(3, 6)):
        a = r.choice(objs)
        b = r.choice(others + objs)
        if r.random() < 0.4:
            a, b = b, a
        op = r.choice(["==", "!="])
        g.emit("print(%s %s %s, %s %s %s)" % (a, op, b, b, op, a), 0)
    items = g.fresh("items")
    elem = cls if "in_derived_list" in g.avoid else r.choice([cls, sub])
    g.emit("%s: list[%s] = [%s]" % (items, elem, ", ".join("%s(%s)" % (r.choice([elem, sub]), pool())
                                                         for _ in range(r.randint(1, 4)))), 0)
    g.emit("print(%s(%s) in %s, %s.count(%s(%s)), [x == %s for x in %s])" % (
        elem, pool(), items, items, r.choice([elem, sub]), pool(), r.choice(["3", "'a'", p]), items), 0)
    g.emit("if %s != %s:" % (p, r.choice(["3", "'x'", "%s('x')" % tag])), 0)
    g.emit("print('differs', %s)" % p, 1)


def feat_random_gen(g):
    """random.Random(seed): generators of their own beside the module's
    functions, drawn in turn, reseeded, with each method."""
    r = g.r
    g.uses_random = True
    gens = [g.fresh("rng") for _ in range(r.randint(1, 3))]
    for v in gens:
        seed = r.choice([r.randint(0, 100), r.randint(-10 ** 6, 10 ** 6), r.randint(0, 2 ** 63 - 1), 2 ** 32 + r.randint(-3, 3)])
        g.emit("%s = random.Random(%d)" % (v, seed), 0)
    g.emit("random.seed(%d)" % r.randint(0, 1000), 0)   # the module's draws too
    names = [g.str_lit(5)[0] for _ in range(r.randint(1, 5))]
    lst = g.fresh("xs")
    g.emit("%s = list(range(%d))" % (lst, r.randint(1, 12)), 0)
    for _ in range(r.randint(3, 8)):
        v = r.choice(gens + ["random"])
        lo = r.randint(-100, 100)
        calls = ["%s.random()" % v, "%s.randint(%d, %d)" % (v, lo, lo + r.randint(0, 10 ** r.randint(1, 9))),
                 "%s.choice([%s])" % (v, ", ".join(names)), "%s.uniform(%r, %r)" % (v, lo / 4, lo / 4 + 3.5),
                 "%s.gauss(%r, %r)" % (v, lo / 2, r.randint(1, 8) / 4), "%s.randrange(%d)" % (v, r.randint(1, 1000)),
                 "%s.getrandbits(%d)" % (v, r.randint(0, 63)), "%s.sample(%s, %d)" % (v, lst, 1),
                 "%s.choices([%s], k=%d)" % (v, ", ".join(names), r.randint(0, 4)),
                 "%s.randrange(%d, %d, %d)" % (v, lo, lo + 50, r.randint(1, 9))]
        g.emit("print(%s)" % ", ".join(r.sample(calls, r.randint(1, 4))), 0)
        if r.random() < 0.3:
            g.emit("%s.shuffle(%s)" % (v, lst), 0)
            g.emit("print(%s)" % lst, 0)
        if r.random() < 0.15 and v != "random":
            g.emit("%s.seed(%d)" % (v, r.randint(0, 50)), 0)
    a = gens[0]
    s = r.randint(0, 99)
    g.emit("%s.seed(%d)" % (a, s), 0)
    b = g.fresh("rng")
    g.emit("%s = random.Random(%d)" % (b, s), 0)
    g.emit("print(%s.random() == %s.random(), [%s.randint(0, 9) for _ in range(%d)] == [%s.randint(0, 9) for _ in range(%d)])"
           % (a, b, a, 3, b, 3), 0)


RE_ALPHA = "abcxyz019 -.,_"
RE_SUBJECTS = ["", "abc", "a1b22c333", "the cat, the hat", "x-y-z", "  spaced   out ", "aaa bbb",
               "2024-01-15 x=3, y=42", "caf\u00e9 CAF\u00c9", "ABC abc 123", "a.b.c", "a\nb\nc",
               "xyzzy 90 10", "stra\u00dfe STRASSE", "__init__", "mississippi", "1,2,,3"]
RE_GROUP_NAMES = ["word", "num", "k", "v", "tail"]


class ReShape:
    """Random regular expressions over a small alphabet whose groups are
    never inside an optional or alternated part, so that every group takes
    part in a match (Python's None for a group that did not is a TypeError
    in .gtp, as language.md says)."""

    def __init__(self, g):
        self.g = g
        self.r = g.r

    def atom(self, depth):
        r = self.r
        roll = r.random()
        if roll < 0.3:
            c = r.choice(RE_ALPHA)
            return "\\" + c if c in ".-" and r.random() < 0.7 else (c if c not in ".-" else c)
        if roll < 0.5:
            return r.choice(["\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "."])
        if roll < 0.65:
            lo = r.choice("abcx0")
            hi = chr(ord(lo) + r.randint(0, 5))
            neg = "^" if r.random() < 0.3 else ""
            return "[%s%s-%s%s]" % (neg, lo, hi, r.choice(["", " ", "_", "\\d", "."]))
        if roll < 0.8 and depth < 2:
            alts = [self.seq(depth + 1, r.randint(1, 3)) for _ in range(r.randint(1, 3))]
            return "(?:%s)" % "|".join(alts)
        if roll < 0.85:
            return r.choice(["\\b", "^", "$", "\\B"])
        if roll < 0.9 and depth < 2:
            return "(?%s%s)" % (r.choice(["=", "!", "<=", "<!"]), r.choice(["a", "\\d", "[xy]", " "]))
        return r.choice(RE_ALPHA.replace(".", "").replace("-", ""))

    def quant(self):
        r = self.r
        roll = r.random()
        if roll < 0.6:
            return ""
        q = r.choice(["*", "+", "?", "{2}", "{1,3}", "{,2}", "{2,}"])
        if r.random() < 0.25:
            q += "?"
        return q

    def seq(self, depth, n):
        out = []
        for _ in range(n):
            a = self.atom(depth)
            if a in ("\\b", "^", "$", "\\B") or a.startswith("(?=") or a.startswith("(?!") or a.startswith("(?<"):
                out.append(a)
            else:
                out.append(a + self.quant())
        return "".join(out)

    def pattern(self, groups):
        """A pattern with exactly `groups` capturing groups, each always
        taking part, and some named."""
        r = self.r
        parts = [self.seq(0, r.randint(0, 2))]
        names = []
        for i in range(groups):
            name = None
            if r.random() < 0.3 and RE_GROUP_NAMES[i] not in names:
                name = RE_GROUP_NAMES[i]
            inner = self.seq(1, r.randint(1, 3))
            if r.random() < 0.3:
                inner = "%s|%s" % (inner, self.seq(1, r.randint(1, 2)))
            parts.append("(?P<%s>%s)" % (name, inner) if name else "(%s)" % inner)
            if r.random() < 0.3:
                parts.append("+")   # (x)+ still takes part
            names.append(name)
            parts.append(self.seq(0, r.randint(0, 2)))
        if r.random() < 0.1 and groups:
            parts.append("\\%d" % r.randint(1, groups))
        return "".join(parts), names

    @staticmethod
    def lit(p):
        if '"' not in p and not p.endswith("\\"):
            return 'r"%s"' % p
        return repr(p)

    def subject(self):
        r = self.r
        s = r.choice(RE_SUBJECTS)
        if r.random() < 0.3:
            s = "".join(r.choice(RE_ALPHA + "ABX\u00e9") for _ in range(r.randint(0, 14)))
        return repr(s)

    def flags(self):
        r = self.r
        fl = r.sample(["re.I", "re.M", "re.S", "re.A", "re.IGNORECASE", "re.MULTILINE", "re.DOTALL"], r.randint(1, 2))
        return " | ".join(fl)

    def template(self, names, groups):
        r = self.r
        parts = []
        for _ in range(r.randint(0, 3)):
            roll = r.random()
            if roll < 0.3 and groups:
                parts.append("\\%d" % r.randint(1, groups))
            elif roll < 0.5 and groups:
                parts.append("\\g<%d>" % r.randint(0, groups))
            elif roll < 0.6 and any(names):
                parts.append("\\g<%s>" % r.choice([n for n in names if n]))
            elif roll < 0.7:
                parts.append("\\g<0>")
            else:
                parts.append(r.choice(["<", ">", "#", "-", "X", "\\n", "\\\\", " "]))
        return 'r"%s"' % "".join(parts)

    def repl_fn(self, groups):
        r = self.r
        opts = ["lambda mo: mo.group().upper()", "lambda mo: str(len(mo.group()))",
                "lambda mo: mo.group(0)[::-1]", "lambda mo: '[' + mo.group() + ']'",
                "lambda mo: str(mo.start())", "lambda mo: ''"]
        if groups:
            i = r.randint(1, groups)
            opts += ["lambda mo: mo.group(%d) * 2" % i, "lambda mo: '-'.join(mo.groups())",
                     "lambda mo: str(mo.span(%d))" % i]
        return r.choice(opts)


def feat_re_module(g):
    """The re module on random patterns (classes, quantifiers, lazy ones,
    alternation, anchors, lookaround, named groups, a back reference) over
    a pool of subjects: sub with templates and functions, subn, findall,
    finditer, split, match/search/fullmatch as Optional[re.Match] narrowed
    by `if m` and `is None`, compile with flags, pos and endpos, and the
    Match's group/groups/span/start/end."""
    r = g.r
    g.uses_re = True
    rs = ReShape(g)
    show = g.fresh("show")
    g.emit("def %s(m: Optional[re.Match]) -> str:" % show, 0)
    g.emit("if m is None:", 1)
    g.emit("return 'no match'", 2)
    g.emit("return f\"{m.group()!r} {m.span()} {m.groups()}\"", 1)
    g.emit("", 0)
    for _ in range(r.randint(4, 10)):
        groups = r.choice([0, 0, 1, 1, 2, 3])
        pat, names = rs.pattern(groups)
        p = rs.lit(pat)
        s = rs.subject()
        fl = ", " + rs.flags() if r.random() < 0.25 else ""
        kind = r.randint(0, 8)
        if kind == 0:
            g.emit("print(re.sub(%s, %s, %s%s))" % (p, rs.template(names, groups), s,
                                                    ", count=%d" % r.randint(0, 3) if r.random() < 0.3 else ""), 0)
        elif kind == 1:
            g.emit("print(re.sub(%s, %s, %s), re.subn(%s, %s, %s))" % (p, rs.repl_fn(groups), s, p, rs.repl_fn(groups), s), 0)
        elif kind == 2 and groups <= 1:
            g.emit("print(re.findall(%s, %s%s))" % (p, s, fl), 0)
        elif kind == 3:
            mo = g.fresh("mo")
            g.emit("print([(%s.group(), %s.span()) for %s in re.finditer(%s, %s%s)])" % (mo, mo, mo, p, s, fl), 0)
        elif kind == 4:
            ms = g.fresh("m")
            fn = r.choice(["match", "search", "fullmatch"])
            g.emit("%s = re.%s(%s, %s%s)" % (ms, fn, p, s, fl), 0)
            if r.random() < 0.5:
                g.emit("if %s:" % ms, 0)
            else:
                g.emit("if %s is not None:" % ms, 0)
            idx = r.randint(0, groups)
            g.emit("print(%s.group(), %s.group(%d), %s.start(), %s.end(%d), %s.span(%d), %s.groups())"
                   % (ms, ms, idx, ms, ms, idx, ms, idx, ms), 1)
            named = [n for n in names if n]
            if named:
                g.emit("print(%s.group(%r), %s.groupdict())" % (ms, named[0], ms), 1)
            g.emit("else:", 0)
            g.emit("print('none', %s)" % ms, 1)
            g.emit("print(%s(re.%s(%s, %s)))" % (show, r.choice(["match", "search", "fullmatch"]), p, rs.subject()), 0)
        elif kind == 5:
            g.emit("print(re.split(%s, %s%s))" % (p, s, ", maxsplit=%d" % r.randint(0, 3) if r.random() < 0.4 else ""), 0)
        elif kind == 6:
            cp = g.fresh("pat")
            g.emit("%s = re.compile(%s%s)" % (cp, p, fl), 0)
            g.emit("print(%s.pattern, %s.groups, %s(%s.search(%s, %d)))" % (cp, cp, show, cp, s, r.randint(0, 4)), 0)
            g.emit("print(%s.sub(%s, %s), %s(%s.match(%s)))" % (cp, rs.template(names, groups), s, show, cp, rs.subject()), 0)
            if groups <= 1:
                g.emit("print(%s.findall(%s, %d, %d))" % (cp, s, r.randint(0, 3), r.randint(3, 20)), 0)
        elif kind == 7:
            w = g.fresh("w")
            g.emit("for %s in re.split(%s, %s):" % (w, rs.lit(rs.pattern(0)[0]), s), 0)
            g.emit("print(repr(%s), %s(re.search(%s, %s)))" % (w, show, p, w), 1)
        else:
            fn = g.fresh("norm")
            arg = g.fresh("s")
            g.emit("def %s(%s: str) -> str:" % (fn, arg), 0)
            g.emit("%s = re.sub(%s, %s, %s.lower().strip())" % (arg, p, rs.template(names, groups), arg), 1)
            g.emit("return re.sub(%s, %s, %s).strip()" % (rs.lit(rs.pattern(0)[0]), r.choice(['" "', '""', 'r"_"']), arg), 1)
            g.emit("", 0)
            g.emit("print(%s(%s), %s(%s))" % (fn, s, fn, rs.subject()), 0)


def feat_none_items(g):
    """tuple[T, None]: tuple items that are always None, from a function's
    result, indexed, compared, in a list and printed."""
    r = g.r
    kind = r.choice(["int", "str", "float"])
    shape = r.choice([[kind, "None"], ["None", kind], [kind, "None", "int"], ["None"]])
    fn, x, t = g.fresh("f"), g.fresh("x"), g.fresh("t")
    ann = "tuple[%s]" % ", ".join(shape)
    vals = ", ".join("None" if s == "None" else (x if s == kind else str(r.randint(0, 9))) for s in shape)
    if len(shape) == 1:
        vals += ","
    g.emit("def %s(%s: %s) -> %s:" % (fn, x, kind, ann), 0)
    g.emit("return (%s)" % vals, 1)
    g.emit("", 0)
    a, b = _lit_of(r, kind), _lit_of(r, kind)
    g.emit("%s = %s(%s)" % (t, fn, a), 0)
    g.emit("print(%s, len(%s), %s == %s(%s), %s != %s(%s))" % (t, t, t, fn, a, t, fn, b), 0)
    ni = shape.index("None")
    g.emit("print(%s[%d], %s[%d] is None, %s[-1])" % (t, ni, t, ni, t), 0)
    ps = g.fresh("pairs")
    g.emit("%s: list[%s] = [%s(%s), %s(%s)]" % (ps, ann, fn, a, fn, b), 0)
    g.emit("print(%s, %s[0][%d] is None, %s in %s)" % (ps, ps, ni, t, ps), 0)
    e = g.fresh("e")
    g.emit("for %s in %s:" % (e, ps), 0)
    g.emit("print(%s[%d], %s)" % (e, ni, e), 1)


def feat_optional_join(g):
    """Where an Optional meets None or a value it takes: a conditional
    expression, `or` and `and`, stored back into the Optional that a
    while loop walks (a chain of parents), into a new name, returned, and
    of an Optional[int]."""
    r = g.r
    g.uses_optional = True
    node, parent, flag, name = g.fresh("Node"), g.fresh("up"), g.fresh("go"), g.fresh("label")
    g.emit("class %s:" % node, 0)
    g.emit("def __init__(self, %s: str, %s: bool) -> None:" % (name, flag), 1)
    g.emit("self.%s = %s" % (name, name), 2)
    g.emit("self.%s = %s" % (flag, flag), 2)
    g.emit('self.%s: Optional["%s"] = None' % (parent, node), 2)
    g.emit("", 0)
    nodes = [g.fresh("n") for _ in range(r.randint(2, 5))]
    for i, n in enumerate(nodes):
        g.emit("%s = %s(%r, %s)" % (n, node, n, r.choice(["True", "False", "True"])), 0)
        if i:
            g.emit("%s.%s = %s" % (nodes[i - 1], parent, n), 0)
    walk, cur, out = g.fresh("walk"), g.fresh("cur"), g.fresh("names")
    step = r.choice(["{c}.{p} if {c}.{f} else None", "None if not {c}.{f} else {c}.{p}",
                     "({c}.{p} or None) if {c}.{f} else None", "{c}.{p} if {c}.{f} or {c}.{p} is None else None"])
    g.emit("def %s(start: %s) -> list[str]:" % (walk, node), 0)
    g.emit("%s: list[str] = []" % out, 1)
    g.emit("%s: Optional[%s] = start" % (cur, node), 1)
    g.emit("while %s is not None:" % cur, 1)
    g.emit("%s.append(%s.%s)" % (out, cur, name), 2)
    g.emit("%s = %s" % (cur, step.format(c=cur, p=parent, f=flag)), 2)
    g.emit("return %s" % out, 1)
    g.emit("", 0)
    g.emit("print(%s(%s))" % (walk, nodes[0]), 0)
    a, b = g.fresh("a"), g.fresh("b")
    g.emit("%s = %s.%s if %s.%s else None" % (a, nodes[0], parent, nodes[-1], flag), 0)
    g.emit("%s = %s or %s" % (b, a, r.choice(nodes)), 0)
    g.emit("print(%s is None, %s.%s if %s is not None else '-', %s.%s)" % (a, a, name, a, b, name), 0)
    k, m = g.fresh("k"), g.fresh("m")
    g.emit("%s: Optional[int] = %s" % (k, r.choice(["None", str(r.randint(-3, 3))])), 0)
    g.emit("%s = %s if %s is not None else %d" % (m, k, k, r.randint(0, 9)), 0)
    g.emit("print(%s, %s, (%s if %s else None) is None)" % (k, m, k, r.choice(["True", "False"])), 0)


def feat_union_calls(g):
    """Calls of a union of classes: a method each class has with its own
    parameters and result, one only some have, the object called, a
    union field, and calls a member does not take, which raise where
    they run (Python's TypeError or AttributeError), caught and printed."""
    r = g.r
    n = r.randint(2, 3)
    names = [g.fresh("U") for _ in range(n)]
    k, go, only, f = g.fresh("k"), g.fresh("go"), g.fresh("only"), g.fresh("a")
    arity = [r.randint(1, 3) for _ in range(n)]
    returns = [r.choice(["int", "str", "tuple[int, int]"]) for _ in range(n)]
    has_only = [r.random() < 0.5 for _ in range(n)]
    has_only[r.randrange(n)] = True
    callable_ = [r.random() < 0.6 for _ in range(n)]
    for i, cname in enumerate(names):
        g.emit("class %s:" % cname, 0)
        g.emit("def __init__(self, %s: int) -> None:" % k, 1)
        g.emit("self.%s = %s" % (k, k), 2)
        g.emit("", 0)
        params = ", ".join("%s%d: int" % (f, j) for j in range(arity[i]))
        total = " + ".join(["self.%s" % k] + ["%s%d" % (f, j) for j in range(arity[i])])
        g.emit("def %s(self, %s) -> %s:" % (go, params, returns[i]), 1)
        g.emit("self.%s += 1" % k, 2)
        if returns[i] == "int":
            g.emit("return %s" % total, 2)
        elif returns[i] == "str":
            g.emit("return %r * (%s %% 3)" % (cname, total), 2)
        else:
            g.emit("return (%s, %d)" % (total, i), 2)
        if has_only[i]:
            g.emit("", 0)
            g.emit("def %s(self) -> int:" % only, 1)
            g.emit("return self.%s * %d" % (k, i + 2), 2)
        if callable_[i]:
            g.emit("", 0)
            g.emit("def __call__(self, x: int) -> int:", 1)
            g.emit("return x * %d + self.%s" % (i + 1, k), 2)
        g.emit("", 0)
    union = " | ".join(names)
    make, kind = g.fresh("make"), g.fresh("kind")
    g.emit("def %s(%s: int) -> %s:" % (make, kind, union), 0)
    for i, cname in enumerate(names[:-1]):
        g.emit("if %s == %d:" % (kind, i), 1)
        g.emit("return %s(%d)" % (cname, r.randint(0, 9)), 2)
    g.emit("return %s(%d)" % (names[-1], r.randint(0, 9)), 1)
    g.emit("", 0)
    holder, field = g.fresh("Holder"), g.fresh("held")
    g.emit("class %s:" % holder, 0)
    g.emit("def __init__(self, %s: int) -> None:" % kind, 1)
    g.emit("self.%s: %s = %s(%s)" % (field, union, make, kind), 2)
    g.emit("", 0)
    u, h, e, i_ = g.fresh("u"), g.fresh("h"), g.fresh("e"), g.fresh("i")
    g.emit("for %s in range(%d):" % (i_, n), 0)
    g.emit("%s = %s(%s)" % (u, make, i_), 1)
    g.emit("%s = %s(%s)" % (h, holder, i_), 1)
    for j in range(n):
        g.emit("%s %s == %d:" % ("if" if j == 0 else "elif", i_, j), 1)
        args = ", ".join(str(r.randint(-3, 9)) for _ in range(arity[j]))
        g.emit("print(%s.%s(%s), %s.%s.%s(%s))" % (u, go, args, h, field, go, args), 2)
    wrong = r.choice([a for a in range(0, 5) if a in arity] or [1])
    if len(set(arity)) > 1:
        g.emit("try:", 1)
        g.emit("print(%s.%s(%s))" % (u, go, ", ".join(str(j) for j in range(wrong))), 2)
        g.emit("except TypeError as %s:" % e, 1)
        g.emit("print('TypeError', %s)" % e, 2)
    if not all(has_only):
        g.emit("try:", 1)
        g.emit("print(%s.%s())" % (u, only), 2)
        g.emit("except AttributeError as %s:" % e, 1)
        g.emit("print('AttributeError', %s)" % e, 2)
    if any(callable_):
        x = r.randint(0, 5)
        if all(callable_):
            g.emit("print(%s(%d), %s.%s(%d))" % (u, x, h, field, x), 1)
        else:
            g.emit("try:", 1)
            g.emit("print(%s(%d))" % (u, x), 2)
            g.emit("except TypeError as %s:" % e, 1)
            g.emit("print('TypeError', %s)" % e, 2)
    g.emit("print(%s.%s.%s)" % (h, field, k), 1)


FEATURES = {
    "optional_join": feat_optional_join,
    "widen": feat_widen,
    "narrow": feat_narrow,
    "generics": feat_generics,
    "long_tuple": feat_long_tuple,
    "many_args": feat_many_args,
    "many_fields": feat_many_fields,
    "deep_if": feat_deep_if,
    "deep_loops": feat_deep_loops,
    "deep_expr": feat_deep_expr,
    "long_elif": feat_long_elif,
    "wide_fstring": feat_wide_fstring,
    "wide_print": feat_wide_print,
    "special_names": feat_special_names,
    "many_zip": feat_many_zip,
    "long_chain": feat_long_chain,
    "many_with": feat_many_with,
    "with_rebind": feat_with_rebind,
    "big_literals": feat_big_literals,
    "call_chain": feat_call_chain,
    "generators": feat_generators,
    "decorators": feat_decorators,
    "exc_classes": feat_exc_classes,
    "dataclass": feat_dataclass,
    "argparse": feat_argparse,
    "host_modules": feat_host_modules,
    "exit_exc": feat_exit_exc,
    "kw_spread": feat_kw_spread,
    "numbers": feat_numbers,
    "eq_unrelated": feat_eq_unrelated,
    "dict_kw": feat_dict_kw,
    "star_call": feat_star_call,
    "builtin_values": feat_builtin_values,
    "eq_object": feat_eq_object,
    "random_gen": feat_random_gen,
    "re_module": feat_re_module,
    "none_items": feat_none_items,
    "union_calls": feat_union_calls,
}


def generate(seed, size=1.0, features=()):
    """The source of program number seed."""
    return Gen(seed, size, features).program()


def self_check(python="/usr/bin/python3"):
    """The generator's own test: determinism, and programs that python3
    runs to the end without an exception, with every shape and steering."""
    import subprocess
    import tempfile
    cases = [(seed, ()) for seed in range(1, 41)]
    cases += [(seed, (f,)) for seed in (1, 2) for f in sorted(set(FEATURES) | set(STEER_AWAY))]
    bad = 0
    with tempfile.TemporaryDirectory(prefix="gtgen-check-") as tmp:
        for seed, feats in cases:
            src = generate(seed, 1.0, feats)
            if src != generate(seed, 1.0, feats):
                print("seed %d %s: two generations differ" % (seed, feats))
                bad += 1
                continue
            path = os.path.join(tmp, "p%d.py" % seed)
            with open(path, "w") as f:
                f.write(src)
            p = subprocess.run([python, path], capture_output=True, timeout=60,
                               env=dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8"))
            if p.returncode not in range(6) or p.stderr:
                print("seed %d %s: python3 exit %d\n%s" % (seed, feats, p.returncode,
                                                       p.stderr.decode(errors="replace")[-1500:]))
                bad += 1
    print("%d programs checked, %d bad" % (len(cases), bad))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=float, default=1.0, help="scales the number of statements")
    ap.add_argument("--feature", action="append", default=[], choices=sorted(set(FEATURES) | set(STEER_AWAY)),
                    help="include this shape (repeatable)")
    ap.add_argument("--list-features", action="store_true")
    ap.add_argument("--self-check", action="store_true", help="test the generator itself")
    a = ap.parse_args()
    if a.self_check:
        return self_check()
    if a.list_features:
        for name in sorted(set(FEATURES) | set(STEER_AWAY)):
            print(name, "(steered away: %s)" % STEER_AWAY[name] if name in STEER_AWAY else "")
        return 0
    sys.stdout.write(generate(a.seed, a.size, a.feature))
    return 0


if __name__ == "__main__":
    sys.exit(main())
