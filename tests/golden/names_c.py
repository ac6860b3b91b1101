"""The names a .gtp program may not take over in C: every identifier of the
headers that the emitted C includes (declared, defined as a macro, or used
in a macro's body), C11's keywords, and the .gtp names that the compiler's
naming rule could turn into one of them. Imported by the names_c_*.gen
cases, which write programs that use every such name as a variable, a
parameter, a field, a method, a function and a class.

The set is read from the headers at test time (`cc -E`, `cc -E -dM`), so it
is complete for this machine's C library and the runtime as they are now.
"""
import keyword
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.join(HERE, "..", "..", "runtime", "include")
HEADERS = ["gtorch.h", "math.h", "stdio.h", "stdlib.h", "string.h", "stdint.h", "inttypes.h",
           "stdbool.h", "stddef.h", "stdarg.h", "assert.h", "errno.h", "float.h", "limits.h"]
C11_KEYWORDS = """auto break case char const continue default do double else enum extern float for
goto if inline int long register restrict return short signed sizeof static struct switch typedef
union unsigned void volatile while _Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary
_Noreturn _Static_assert _Thread_local""".split()
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
LITERAL = re.compile(r'"(\\.|[^"\\\n])*"' + r"|'(\\.|[^'\\\n])*'")


def preprocess(flags):
    src = "".join('#include %s\n' % ('"gtorch.h"' if h == "gtorch.h" else "<%s>" % h) for h in HEADERS)
    return subprocess.run(["cc", "-std=c11", "-I", INCLUDE, "-E"] + flags + ["-x", "c", "-"],
                          input=src, capture_output=True, text=True, check=True).stdout


def c_names():
    """Every identifier of the preprocessed headers and of their macros."""
    names = set(C11_KEYWORDS)
    text = "\n".join(l for l in preprocess([]).split("\n") if not l.startswith("#"))
    names.update(IDENT.findall(LITERAL.sub(" ", text)))
    for line in preprocess(["-dM"]).split("\n"):
        if line.startswith("#define "):
            names.update(IDENT.findall(LITERAL.sub(" ", line[len("#define "):])))
    return names


def usable(name):
    return name.isidentifier() and not keyword.iskeyword(name) and name != "__debug__"


def names():
    """The names to test, sorted: the C names, and each name that the C name
    of a .gtp name (the name, then '_'; u_ in front of one starting with
    '_', gt_ or GT_) could meet: a C name less its final '_', and less u_."""
    cs = c_names()
    out = set(cs)
    out.update(n[:-1] for n in cs if n.endswith("_"))
    out.update(n[2:] for n in cs if n.startswith("u_"))
    out.update(n[2:-1] for n in cs if n.startswith("u_") and n.endswith("_"))
    return sorted(n for n in out if usable(n))


CHUNK = 100


def chunks(names):
    """(index, name) pairs in runs of CHUNK: each run is read by a function
    of its own, so that no C function of the program grows huge."""
    pairs = list(enumerate(names))
    return [pairs[k:k + CHUNK] for k in range(0, len(pairs), CHUNK)]


class Program:
    """A program that stores a value of its own in each name, in one role,
    then reads them all back and prints whether their sum is right: two
    names that shared a C variable would lose a value."""

    def __init__(self, role, part):
        every = names()
        self.names = every[part[0]::part[1]]
        self.taken = set(every)
        self.acc = self.fresh("acc")
        self.out = ["# Generated: each name of names_c.py as %s (part %d of %d)." % (ROLES[role], part[0] + 1, part[1])]

    def fresh(self, base):
        """A name for the program's own bookkeeping that is none of the names."""
        while base in self.taken:
            base += "x"
        self.taken.add(base)
        return base

    def readers(self, head, line, indent="", value=lambda i: i):
        """Functions (or methods) that sum the chunks; the expected total."""
        calls = []
        for k, chunk in enumerate(chunks(self.names)):
            f = self.fresh("%s_%d" % (head, k))
            calls.append(f)
            self.out.append("%sdef %s(%s) -> int:" % (indent, f, "self" if indent else ""))
            self.out.append("%s    %s = 0" % (indent, self.acc))
            self.out += ["%s    %s += %s" % (indent, self.acc, line(i, n)) for i, n in chunk]
            self.out.append("%s    return %s" % (indent, self.acc))
        return calls, sum(value(i) for i in range(len(self.names)))

    def check(self, what, calls, expect):
        self.out.append("print(%r, %s == %d)" % (what, " + ".join(calls), expect))


def private(n):
    """Python mangles __x in a class, in a call's keyword but not in a def's parameter."""
    return n.startswith("__") and not n.endswith("__")


def globals_(p):
    p.out += ["%s = %d" % (n, i) for i, n in enumerate(p.names)]
    calls, expect = p.readers("read", lambda i, n: n)
    p.check("globals", ["%s()" % c for c in calls], expect)


def locals_(p):
    calls = []
    for k, chunk in enumerate(chunks(p.names)):
        f = p.fresh("use_%d" % k)
        calls.append("%s()" % f)
        p.out.append("def %s() -> int:" % f)
        p.out += ["    %s = %d" % (n, 2 * i + 1) for i, n in chunk]
        p.out.append("    %s = 0" % p.acc)
        p.out += ["    %s += %s" % (p.acc, n) for i, n in chunk]
        p.out.append("    return %s" % p.acc)
    p.check("locals", calls, sum(2 * i + 1 for i in range(len(p.names))))


def fields(p):
    k, obj = p.fresh("Fields"), p.fresh("obj")
    p.out.append("class %s:" % k)
    p.out.append("    def __init__(self) -> None:")
    p.out += ["        self.%s = %d" % (n, 3 * i) for i, n in enumerate(p.names)]
    calls, expect = p.readers("read", lambda i, n: "self." + n, "    ", lambda i: 3 * i)
    p.out.append("%s = %s()" % (obj, k))
    p.check("fields", ["%s.%s()" % (obj, c) for c in calls], expect)


def methods(p):
    """Methods whose parameter has the method's name, called by keyword."""
    k, obj = p.fresh("Methods"), p.fresh("obj")
    arg = {n: n if n != "self" else p.fresh("k") for n in p.names}
    p.out.append("class %s:" % k)
    for i, n in enumerate(p.names):
        p.out.append("    def %s(self, %s: int) -> int:" % (n, arg[n]))
        p.out.append("        return %s + %d" % (arg[n], i))
    call = lambda i, n: "self.%s(%s%d)" % (n, "" if private(n) else arg[n] + "=", i)
    calls, expect = p.readers("call", call, "    ", lambda i: 2 * i)
    p.out.append("%s = %s()" % (obj, k))
    p.check("methods and parameters", ["%s.%s()" % (obj, c) for c in calls], expect)


def functions(p):
    for i, n in enumerate(p.names):
        p.out.append("def %s(k: int) -> int:" % n if n != "k" else "def k(j: int) -> int:")
        p.out.append("    return %s + %d" % ("k" if n != "k" else "j", i))
    calls, expect = p.readers("call", lambda i, n: "%s(%d)" % (n, i), value=lambda i: 2 * i)
    p.check("functions", ["%s()" % c for c in calls], expect)


def classes(p):
    for i, n in enumerate(p.names):
        p.out.append("class %s:" % n)
        p.out.append("    def __init__(self, v: int) -> None:")
        p.out.append("        self.v = v + %d" % i)
    calls, expect = p.readers("make", lambda i, n: "%s(%d).v" % (n, i), value=lambda i: 2 * i)
    p.check("classes", ["%s()" % c for c in calls], expect)


ROLES = {"globals": "a global", "locals": "a local", "fields": "a field",
         "methods": "a method and its parameter, passed by keyword",
         "functions": "a function", "classes": "a class"}
MAKERS = {"globals": globals_, "locals": locals_, "fields": fields, "methods": methods,
          "functions": functions, "classes": classes}


def main(role, part=(0, 1)):
    """Prints the program for one role, over the names part[0], part[0] +
    part[1], ... (a part of a few thousand classes is costly to compile)."""
    p = Program(role, part)
    MAKERS[role](p)
    print("\n".join(p.out))
